from django.urls import path

from . import views

app_name = "exams"
urlpatterns = [
    path("", views.exam_index, name="index"),
    path("<int:pk>/", views.exam_detail, name="detail"),
    path("<int:pk>/start/", views.exam_start, name="start"),
    path("<int:pk>/publish/", views.exam_publish, name="publish"),
    path("<int:pk>/rates/", views.exam_rates_view, name="rates"),
    path("papers/<int:pk>/", views.paper, name="paper"),
    path("papers/<int:pk>/answer/", views.paper_answer, name="answer"),
    path("papers/<int:pk>/submit/", views.paper_submit, name="submit"),
    path("papers/<int:pk>/result/", views.paper_result, name="result"),
    path("papers/<int:pk>/certificate.pdf", views.paper_certificate, name="certificate"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify, name="verify_code"),
    path("banks/", views.bank_index, name="banks"),
    path("banks/template.xlsx", views.bank_template, name="bank_template"),
    path("banks/<int:pk>/import/", views.bank_import_view, name="bank_import"),
    path("banks/<int:pk>/questions/", views.bank_questions, name="bank_questions"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("new/", views.exam_new, name="new"),
]
