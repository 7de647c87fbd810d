from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("", views.person_list),
    path("regions/", views.region_list, name="regions"),
    path("regions/new/", views.region_edit, name="region_create"),
    path("regions/<int:pk>/", views.region_detail, name="region_detail"),
    path("regions/<int:pk>/edit/", views.region_edit, name="region_edit"),
    path("units/", views.unit_list, name="units"),
    path("units/new/", views.unit_edit, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("people/", views.person_list, name="people"),
    path("people/export/", views.person_export, name="people_export"),
    path("people/new/", views.person_edit, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/unmask/<slug:field>/", views.person_unmask, name="person_unmask"),
    path("people/<int:pk>/duty/", views.duty_slot_add, name="duty_slot_add"),
    path("duty/<int:pk>/delete/", views.duty_slot_delete, name="duty_slot_delete"),
    path("agreements/", views.agreement_list, name="agreements"),
    path("agreements/new/", views.agreement_edit,
         name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/document/", views.agreement_document, name="agreement_document"),
]
