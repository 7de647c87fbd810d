from django.urls import path

from .views import public, staff

app_name = "voting"
urlpatterns = [
    path("", public.index, name="index"),
    path("<int:pk>/", public.campaign, name="campaign"),
    path("<int:pk>/verify/", public.verify, name="verify"),
    path("<int:pk>/cast/", public.cast, name="cast"),
    path("<int:pk>/candidates/<int:candidate_pk>/", public.candidate, name="candidate"),
    path("<int:pk>/candidates/<int:candidate_pk>/photo.jpg", public.photo, name="photo"),
    path("staff/", staff.staff_index, name="staff"),
    path("staff/new/", staff.campaign_new, name="campaign_new"),
    path("staff/<int:pk>/", staff.campaign_setup, name="setup"),
    path("staff/<int:pk>/categories/", staff.category_add, name="category_add"),
    path("staff/<int:pk>/candidates/new/", staff.candidate_edit, name="candidate_new"),
    path("staff/<int:pk>/candidates/<int:candidate_pk>/", staff.candidate_edit,
         name="candidate_edit"),
    path("staff/<int:pk>/jury/", staff.jurors_save, name="jurors"),
    path("staff/<int:pk>/review/", staff.review_queue, name="review"),
    path("staff/<int:pk>/marks/", staff.marks, name="marks"),
    path("staff/<int:pk>/results/", staff.results, name="results"),
    path("staff/<int:pk>/results.xlsx", staff.results_export, name="results_export"),
]
