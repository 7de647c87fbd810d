from django.urls import path
from django.views.generic import RedirectView

from .views import exports, extensions, records, staff

app_name = "cases"

urlpatterns = [
    path("", staff.case_list, name="list"),
    path("new/", staff.case_new, name="new"),
    path("export/", exports.case_export, name="export"),
    path("statistics/", exports.statistics, name="statistics"),
    # The inbox moved to /notifications/ (fazhi.inbox) and serves every app.
    path("notifications/", RedirectView.as_view(pattern_name="inbox:list", query_string=True)),
    path("extensions/", extensions.extension_list, name="extensions"),
    # The working-day calendar moved to /calendar/ (fazhi.workdays).
    path("calendar/", RedirectView.as_view(pattern_name="workdays:calendar", query_string=True)),
    path("<int:pk>/", staff.case_detail, name="detail"),
    path("<int:pk>/extensions/<int:request_id>/<slug:decision>/", extensions.extension_decide,
         name="extension_decide"),
    path("<int:pk>/do/<slug:action>/", staff.case_action, name="action"),
    path("<int:pk>/files/<int:attachment_id>/", records.attachment_download, name="attachment"),
    path("<int:pk>/authorisations/<int:auth_id>/document/", records.authorisation_document,
         name="authorisation_document"),
    path("<int:pk>/agreement.docx", records.agreement_word, name="agreement_docx"),
    path("<int:pk>/agreement.pdf", records.agreement_print, name="agreement_pdf"),
    path("<int:pk>/parties/<int:party_id>/unmask/", records.party_unmask, name="unmask"),
]
