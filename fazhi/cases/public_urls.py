from django.urls import path
from django.views.generic import RedirectView

from .views import public

app_name = "appeal"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="appeal:new"), name="index"),
    path("new/", public.appeal_new, name="new"),
    path("track/", public.appeal_track, name="track"),
    path("track/forget/", public.appeal_forget, name="forget"),
]
