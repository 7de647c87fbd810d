from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from fazhi.api import api

urlpatterns = [
    path("", include("fazhi.workbench.urls")),
    path("accounts/", include("fazhi.accounts.urls")),
    path("org/", include("fazhi.org.urls")),
    path("cases/", include("fazhi.cases.urls")),
    path("notifications/", include("fazhi.inbox.urls")),
    path("calendar/", include("fazhi.workdays.urls")),
    path("appeal/", include("fazhi.cases.public_urls")),
    path("", include("fazhi.outreach.urls")),  # outreach/... and the public checkin/<code>/
    path("", include("fazhi.reports.urls")),  # dashboard/ and reports/
    path("exams/", include("fazhi.exams.urls")),
    path("assessments/", include("fazhi.assessments.urls")),
    path("contests/", include("fazhi.contests.urls")),
    path("study/", include("fazhi.study.urls")),
    path("audit/", include("fazhi.audit.urls")),
    path("vote/", include("fazhi.voting.urls")),
    path("", include("fazhi.dutyreviews.urls")),  # duty/... and the public rate/...
    path("", include("fazhi.ops.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
    # The portal's editor logs in and out through Fazhi's own views (lock-out, second factor,
    # audit): Wagtail's are replaced before its URLs are included.
    path("cms/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("cms/logout/", RedirectView.as_view(pattern_name="accounts:profile")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("fazhi.portal.urls")),
    path("", include(wagtail_urls)),  # the portal's pages, last: it answers every other path
]

handler403 = "fazhi.ops.views.error_403"
handler404 = "fazhi.ops.views.error_404"
handler500 = "fazhi.ops.views.error_500"
