from django.urls import path

from .views import activities, checkin, feeds, lists, reach, study

app_name = "outreach"
urlpatterns = [
    # Public: the page a QR code opens, and the calendar feed phones subscribe to.
    path("checkin/<str:code>/", checkin.checkin, name="checkin"),
    path("outreach/feed/<str:token>.ics", feeds.feed, name="feed"),
    # Activities
    path("outreach/", activities.activity_index, name="activities"),
    path("outreach/new/", activities.activity_create, name="activity_create"),
    path("outreach/calendar/", activities.calendar_month, name="calendar"),
    path("outreach/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("outreach/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("outreach/<int:pk>/attendance/", activities.attendance_live, name="attendance"),
    path("outreach/<int:pk>/walkins/", activities.walkin_add, name="walkin_add"),
    path("outreach/<int:pk>/photos/", activities.photo_upload, name="photo_upload"),
    path("outreach/photos/<int:pk>/", activities.photo_view, name="photo"),
    path("outreach/<int:pk>/qr.svg", checkin.qr_svg, name="qr_svg"),
    path("outreach/<int:pk>/qr.png", checkin.qr_png, name="qr_png"),
    path("outreach/<int:pk>/poster/", checkin.poster, name="poster"),
    path("outreach/<int:pk>/signins/", checkin.signin_record, name="signin_record"),
    path("outreach/<int:pk>/signins.xlsx", checkin.signins_export, name="signins_export"),
    # Feeds and key dates
    path("outreach/feeds/", feeds.feed_list, name="feeds"),
    path("outreach/feeds/<int:community_pk>/rotate/", feeds.feed_rotate, name="feed_rotate"),
    path("outreach/key-dates/", feeds.key_dates, name="key_dates"),
    path("outreach/key-dates/<int:pk>/", feeds.key_dates, name="key_date_edit"),
    # Reach and statistics
    path("outreach/reach/", reach.reach, name="reach"),
    path("outreach/reach.xlsx", reach.reach_export, name="reach_export"),
    # Cadre law study
    path("outreach/study/", study.study_index, name="study"),
    path("outreach/study/units/<int:pk>/", study.study_unit, name="study_unit"),
    path("outreach/study/<int:pk>/", study.study_detail, name="study_detail"),
    # Responsibility lists
    path("outreach/lists/", lists.list_index, name="lists"),
    path("outreach/lists/new/", lists.list_create, name="list_create"),
    path("outreach/lists/template.xlsx", lists.list_template, name="list_template"),
    path("outreach/lists/<int:pk>/", lists.list_detail, name="list_detail"),
    path("outreach/lists/<int:pk>/export.xlsx", lists.list_export, name="list_export"),
    path("outreach/lists/<int:pk>/import/", lists.list_import, name="list_import"),
    path("outreach/lists/<int:pk>/items/", lists.item_add, name="item_add"),
    path("outreach/lists/<int:pk>/submit/", lists.list_submit, name="list_submit"),
    path("outreach/lists/<int:pk>/decide/", lists.list_decide, name="list_decide"),
    path("outreach/lists/<int:pk>/notes/", lists.note_add, name="note_add"),
    path("outreach/items/<int:pk>/edit/", lists.item_edit, name="item_edit"),
    path("outreach/items/<int:pk>/delete/", lists.item_delete, name="item_delete"),
]
