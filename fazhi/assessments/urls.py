from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("cycles/new/", views.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle"),
    path("cycles/<int:pk>/marks/", views.cycle_marks, name="cycle_marks"),
    path("cycles/<int:pk>/items/new/", views.indicator_add, name="indicator_add"),
    path("cycles/<int:pk>/start/", views.assessment_start, name="start"),
    path("items/<int:pk>/", views.indicator_edit, name="indicator"),
    path("items/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/measure/", views.assessment_measure, name="measure"),
    path("<int:pk>/submit/", views.assessment_submit, name="submit"),
    path("<int:pk>/send-back/", views.assessment_send_back, name="send_back"),
    path("<int:pk>/conclude/", views.assessment_conclude, name="conclude"),
    path("<int:pk>/scores/<int:score_pk>/self/", views.score_self, name="score_self"),
    path("<int:pk>/scores/<int:score_pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("<int:pk>/scores/<int:score_pk>/review/", views.score_review, name="score_review"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
]
