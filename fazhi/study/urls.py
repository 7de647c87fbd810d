from django.urls import path

from . import views

app_name = "study"
urlpatterns = [
    path("", views.study_home, name="home"),
    path("materials/<int:pk>/", views.material_detail, name="material"),
    path("materials/<int:pk>/visits/", views.visit_open, name="visit_open"),
    path("visits/<str:token>/beat/", views.visit_beat, name="beat"),
    path("manage/", views.material_manage, name="manage"),
    path("manage/<int:pk>/", views.material_manage, name="material_edit"),
    path("weekly/", views.weekly_list, name="weekly"),
    path("rates/", views.rates, name="rates"),
    path("rates/<int:pk>/", views.rates_unit, name="rates_unit"),
    path("rule/", views.rule_edit, name="rule"),
]
