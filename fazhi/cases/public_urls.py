from django.urls import path

from .views import public

app_name = "appeal"

urlpatterns = [
    path("new/", public.appeal_new, name="new"),
    path("track/", public.appeal_track, name="track"),
    path("track/forget/", public.appeal_forget, name="forget"),
]
