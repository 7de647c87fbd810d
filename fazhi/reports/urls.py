from django.urls import path

from .views import dashboard, reports

app_name = "reports"
urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("reports/", reports.report_list, name="list"),
    path("reports/new/", reports.report_new, name="new"),
    path("reports/assessment/<int:pk>/", reports.assessment_report, name="assessment_report"),
    path("reports/duty/<int:year>/<int:unit_pk>/", reports.duty_report_new, name="duty_new"),
    path("reports/definitions/", reports.definitions, name="definitions"),
    path("reports/<int:pk>/", reports.report_detail, name="detail"),
    path("reports/<int:pk>/<str:fmt>/", reports.report_download, name="download"),
]
