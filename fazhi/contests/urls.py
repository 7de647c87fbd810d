from django.urls import path

from .views import public, staff

app_name = "contests"
urlpatterns = [
    path("", public.index, name="index"),
    path("<int:pk>/", public.contest, name="contest"),
    path("<int:pk>/verify/", public.verify, name="verify"),
    path("<int:pk>/rounds/<int:round_pk>/start/", public.start, name="start"),
    path("<int:pk>/rounds/<int:round_pk>/board/", public.board, name="board"),
    path("<int:pk>/papers/<int:paper_pk>/", public.paper, name="paper"),
    path("<int:pk>/papers/<int:paper_pk>/answer/", public.answer, name="answer"),
    path("<int:pk>/papers/<int:paper_pk>/submit/", public.submit, name="submit"),
    path("<int:pk>/papers/<int:paper_pk>/result/", public.result, name="result"),
    path("staff/", staff.staff_index, name="staff"),
    path("staff/new/", staff.contest_new, name="contest_new"),
    path("staff/<int:pk>/", staff.contest_setup, name="setup"),
    path("staff/<int:pk>/rounds/new/", staff.round_edit, name="round_new"),
    path("staff/<int:pk>/rounds/<int:round_pk>/", staff.round_edit, name="round_edit"),
    path("staff/<int:pk>/results/", staff.results, name="results"),
    path("staff/<int:pk>/participation/", staff.participation, name="participation"),
    path("staff/<int:pk>/suspicious/", staff.suspicious, name="suspicious"),
    path("staff/<int:pk>/results.xlsx", staff.results_export, name="results_export"),
]
