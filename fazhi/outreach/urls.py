from django.urls import path

from .views import lists

app_name = "outreach"
urlpatterns = [
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
    path("outreach/items/<int:pk>/delete/", lists.item_delete, name="item_delete"),
]
