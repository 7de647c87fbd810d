from django.urls import path

from . import views

app_name = "workdays"
urlpatterns = [
    path("", views.calendar_page, name="calendar"),
    path("<str:day>/remove/", views.override_remove, name="remove"),
    path("year/<int:year>/mark/", views.year_mark, name="year_mark"),
    path("year/<int:year>/unmark/", views.year_unmark, name="year_unmark"),
]
