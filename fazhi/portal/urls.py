from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views

app_name = "portal"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("media/portal/<path:path>", views.public_image, name="public_image"),
]
