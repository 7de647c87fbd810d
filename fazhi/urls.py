from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from fazhi.api import api

urlpatterns = [
    path("", include("fazhi.workbench.urls")),
    path("accounts/", include("fazhi.accounts.urls")),
    path("org/", include("fazhi.org.urls")),
    path("cases/", include("fazhi.cases.urls")),
    path("appeal/", include("fazhi.cases.public_urls")),
    path("", include("fazhi.outreach.urls")),  # outreach/... and the public checkin/<code>/
    path("audit/", include("fazhi.audit.urls")),
    path("", include("fazhi.ops.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]

handler403 = "fazhi.ops.views.error_403"
handler404 = "fazhi.ops.views.error_404"
handler500 = "fazhi.ops.views.error_500"

if settings.DEBUG:  # pragma: no cover
    pass
