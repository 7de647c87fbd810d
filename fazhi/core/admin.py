from django.contrib import admin
from django.db.models import F

from .models import CalendarOverride, CalendarYear


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "is_workday", "note", "updated_by", "updated_at"]
    list_filter = ["is_workday"]
    search_fields = ["note"]
    date_hierarchy = "date"
    readonly_fields = ["updated_by", "updated_at", "version"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if change:
            obj.version = F("version") + 1
        super().save_model(request, obj, form, change)
        obj.refresh_from_db()


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "note", "updated_by", "updated_at"]
    readonly_fields = ["updated_by", "updated_at", "version"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if change:
            obj.version = F("version") + 1
        super().save_model(request, obj, form, change)
        obj.refresh_from_db()
