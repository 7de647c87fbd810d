from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("people/", views.people, name="people"),
    path("agreements/", views.agreements, name="agreements"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
]
