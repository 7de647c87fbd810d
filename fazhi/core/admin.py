from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import F

from .models import CalendarOverride, CalendarYear
from .workdays.overrides import calendar_year_validate, override_validate


class CalendarOverrideForm(forms.ModelForm):
    class Meta:
        model = CalendarOverride
        fields = ["date", "is_workday", "note"]

    def clean(self):
        data = super().clean() or {}
        if data.get("date") and "is_workday" in data:
            try:
                override_validate(day=data["date"], is_workday=data["is_workday"])
            except ValidationError as exc:
                self.add_error("is_workday", exc.message_dict["is_workday"])
        return data


class CalendarYearForm(forms.ModelForm):
    class Meta:
        model = CalendarYear
        fields = ["year", "note"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        try:
            calendar_year_validate(year=year)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["year"]) from exc
        return year


class _VersionedAdmin(admin.ModelAdmin):
    readonly_fields = ["updated_by", "updated_at", "version"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if change:
            obj.version = F("version") + 1
        super().save_model(request, obj, form, change)
        obj.refresh_from_db()


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(_VersionedAdmin):
    form = CalendarOverrideForm
    list_display = ["date", "is_workday", "note", "updated_by", "updated_at"]
    list_filter = ["is_workday"]
    search_fields = ["note"]
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(_VersionedAdmin):
    form = CalendarYearForm
    list_display = ["year", "note", "updated_by", "updated_at"]
