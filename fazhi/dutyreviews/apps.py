from django.apps import AppConfig


class DutyReviewsConfig(AppConfig):
    name = "fazhi.dutyreviews"
    label = "dutyreviews"
    verbose_name = "Duty reviews"
