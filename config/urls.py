from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from stories import public_urls

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include((public_urls.files, "showcase_files"))),
    *public_urls.site,
    *i18n_patterns(
        path("", include("forums.urls")),
        path("", include("stories.urls")),
        path("", include((public_urls.pages, "showcase"))),
        path("accounts/", include("accounts.urls")),
        path("accounts/", include("allauth.urls")),
        # Curators and reviewers work in their language too: /fr/admin/, /ar/admin/…
        path("admin/", admin.site.urls),
        prefix_default_language=False,
    ),
]
