from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    *i18n_patterns(
        path("", include("forums.urls")),
        path("", include("stories.urls")),
        path("accounts/", include("accounts.urls")),
        path("accounts/", include("allauth.urls")),
        prefix_default_language=False,
    ),
]
