"""Staff pages under /duty/, the public rating pages under /rate/ (the portal links them)."""

from django.urls import path

from .views import public, staff

app_name = "dutyreviews"
urlpatterns = [
    path("duty/", staff.review_index, name="index"),
    path("duty/new/", staff.review_new, name="new"),
    path("duty/<int:pk>/", staff.review_detail, name="detail"),
    path("duty/<int:pk>/settings/", staff.review_settings, name="settings"),
    path("duty/<int:pk>/panel/", staff.panel_sheet, name="panel"),
    path("duty/<int:pk>/peer/", staff.peer_sheet, name="peer"),
    path("duty/<int:pk>/units/<int:unit_pk>/", staff.unit_detail, name="unit"),
    path("rate/", public.index, name="public_index"),
    path("rate/<int:pk>/", public.review_page, name="public_review"),
    path("rate/<int:pk>/verify/", public.verify, name="public_verify"),
    path("rate/<int:pk>/units/<int:unit_pk>/", public.rate, name="public_rate"),
]
