from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Stories")

    def ready(self):
        from stories import public_signals, review_counts  # noqa: F401
