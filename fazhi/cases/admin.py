"""Django admin for the reference data (categories, deadline rules) and a read-mostly view of
cases for system administrators. Casework itself happens in the staff pages, not here."""

from django.contrib import admin

from .models import Case, Category, DeadlineRule


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code", "order", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "code")


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "category", "clock", "amount", "unit", "concludes_case",
                    "active")
    list_filter = ("kind", "unit", "active")
    search_fields = ("name", "code")


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "kind", "category", "community", "state", "risk",
                    "handler", "due_at")
    list_filter = ("kind", "state", "risk", "channel", "community")
    list_select_related = ("category", "community", "handler")
    search_fields = ("number", "title")
    date_hierarchy = "received_at"
    raw_id_fields = ("category", "community", "handler", "assignee_unit", "referred_to",
                     "merged_into")
