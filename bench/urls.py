"""The site's URLconf plus the bench's own baseline view (only ever loaded by ``bench``)."""

from django.urls import path

from bench.baseline import baseline_home, insert_one
from fazhi.urls import handler403, handler404, handler500
from fazhi.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("__bench__/baseline/", baseline_home, name="bench_baseline"),
               path("__bench__/insert/<int:activity>/", insert_one),
               *site_urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
