"""HTML input shapes for the organisation. Validation of the values lives in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core import dateranges
from fazhi.core.choicefields import RowsChoiceField
from fazhi.core.textlimits import SEARCH_MAX_LENGTH, text_limit

from .models import Agreement, DutySlot, Person, Region, Unit
from .selectors import may_edit_street, region_choices, unit_choices

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
_COMMUNITY_LEVELS = (Region.Level.COMMUNITY,)
# A person's personal-data fields and the column that shows one is stored.
_HASHES = {"id_number": "id_hash", "mobile": "mobile_hash"}


class RegionLabel(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if obj.parent_id and obj.level == Region.Level.GRID:
            return f"{obj.parent.name} · {obj.name}"
        if obj.level == Region.Level.COMMUNITY:
            return obj.name
        return f"{obj.name} ({obj.get_level_display()})"


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RegionForm(VersionedForm):
    name = forms.CharField(label=_("name"), max_length=text_limit(Region, "name"))
    level = forms.ChoiceField(label=_("level"), choices=Region.Level.choices)
    parent = RegionLabel(label=_("parent"), queryset=Region.objects.none(), required=False,
                         empty_label=_("(none)"))
    code = forms.CharField(label=_("code"), max_length=text_limit(Region, "code"),
                           help_text=_("Short code used in case numbers, e.g. XM."))
    address = forms.CharField(label=_("address"), max_length=text_limit(Region, "address"), required=False)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = region_choices(actor=actor)  # type: ignore[attr-defined]


class UnitForm(VersionedForm):
    name = forms.CharField(label=_("name"), max_length=text_limit(Unit, "name"))
    kind = forms.ChoiceField(label=_("kind"), choices=Unit.Kind.choices)
    region = RegionLabel(label=_("region"), queryset=Region.objects.none())
    address = forms.CharField(label=_("address"), max_length=text_limit(Unit, "address"), required=False)
    contact_name = forms.CharField(label=_("contact person"), max_length=text_limit(Unit, "contact_name"),
                                   required=False)
    contact_phone = forms.CharField(
        label=_("contact phone"), max_length=text_limit(Unit, "contact_phone"), required=False,
        help_text=_("Mobile (13812345678) or landline (027-82812345)."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    is_member_unit = forms.BooleanField(label=_("member unit of the sub-district"), required=False)
    active = forms.BooleanField(label=_("active"), required=False, initial=True)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = region_choices(  # type: ignore[attr-defined]
            actor=actor, editable=True)


class PersonForm(VersionedForm):
    name = forms.CharField(label=_("full name"), max_length=text_limit(Person, "name"))
    kind = forms.ChoiceField(label=_("kind"), choices=Person.Kind.choices)
    community = RegionLabel(label=_("community"), queryset=Region.objects.none(), required=False,
                            help_text=_("Leave empty for people who serve the whole sub-district."))
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none(), required=False,
                                  empty_label=_("(none)"))
    title = forms.CharField(label=_("post"), max_length=text_limit(Person, "title"), required=False)
    id_number = forms.CharField(
        label=_("ID number"), max_length=30, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    mobile = forms.CharField(
        label=_("mobile"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    certificate_no = forms.CharField(label=_("certificate number"), max_length=text_limit(Person, "certificate_no"),
                                     required=False)
    note = forms.CharField(label=_("note"), required=False, max_length=text_limit(Person, "note"),
                           widget=forms.Textarea(attrs={"rows": 3}))
    active = forms.BooleanField(label=_("active"), required=False, initial=True)

    def __init__(self, *args: Any, actor: Any, person: Person | None = None,
                 **kwargs: Any) -> None:
        """``person``: the record being edited (None: a new one). On edit an empty ID number
        or mobile keeps the stored value, and each stored one gets a "remove" box."""
        super().__init__(*args, **kwargs)
        self.creating = person is None
        communities = region_choices(actor=actor, levels=_COMMUNITY_LEVELS, editable=True)
        self.fields["community"].queryset = communities  # type: ignore[attr-defined]
        if not may_edit_street(actor):  # a community worker files people of their community
            self.fields["community"].required = True
            self.fields["community"].help_text = ""
            self.fields["community"].initial = actor.community_id
        self.fields["unit"].queryset = unit_choices(actor=actor)  # type: ignore[attr-defined]
        if person is not None:
            keep = _("Leave empty to keep the stored value.")
            self.fields["id_number"].help_text = keep
            self.fields["mobile"].help_text = keep
        order = list(self.fields)
        for secret, label in (("id_number", _("Remove the stored ID number")),
                              ("mobile", _("Remove the stored mobile"))):
            if person is not None and getattr(person, _HASHES[secret]):
                self.fields[f"clear_{secret}"] = forms.BooleanField(label=label, required=False)
                order.insert(order.index(secret) + 1, f"clear_{secret}")
        self.order_fields(order)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for secret in _HASHES:
            if data.get(f"clear_{secret}") and data.get(secret):
                self.add_error(secret, _("Enter a new value or remove the stored one, not both."))
        return data

    def secrets(self) -> dict[str, str]:
        """The personal-data values to write: a new value, "" to remove the stored one, and
        nothing for an empty field on edit (keep what is stored)."""
        out: dict[str, str] = {}
        for secret in _HASHES:
            if self.cleaned_data[secret] or self.creating:
                out[secret] = self.cleaned_data[secret]
            elif self.cleaned_data.get(f"clear_{secret}"):
                out[secret] = ""
        return out


class DutySlotForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("weekday"), choices=DutySlot.Weekday.choices,
                                     coerce=int)
    start = forms.TimeField(label=_("from"), widget=_TIME)
    end = forms.TimeField(label=_("until"), widget=_TIME)
    community = RegionLabel(label=_("community"), queryset=Region.objects.none())

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = region_choices(  # type: ignore[attr-defined]
            actor=actor, levels=_COMMUNITY_LEVELS, editable=True)


class AgreementForm(VersionedForm):
    title = forms.CharField(label=_("title"), max_length=text_limit(Agreement, "title"))
    kind = forms.ChoiceField(label=_("kind"), choices=Agreement.Kind.choices)
    region = RegionLabel(label=_("sub-district or community"), queryset=Region.objects.none())
    parties = RowsChoiceField(
        label=_("parties"), queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."))
    signed_on = dateranges.DateField(label=_("signed on"), widget=_DATE)
    starts_on = dateranges.DateField(label=_("term starts"), widget=_DATE)
    ends_on = dateranges.DateField(label=_("term ends"), widget=_DATE)
    document = forms.FileField(
        label=_("scanned document"), required=False,
        help_text=_("PDF, JPG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
    note = forms.CharField(label=_("note"), required=False, max_length=text_limit(Agreement, "note"),
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = region_choices(  # type: ignore[attr-defined]
            actor=actor, levels=(Region.Level.SUBDISTRICT, Region.Level.COMMUNITY),
            editable=True)
        self.fields["parties"].queryset = unit_choices(actor=actor)  # type: ignore[attr-defined]


# --- list filters ------------------------------------------------------------------------------
def _blank(choices: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", _("All")), *choices]


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name"), required=False, max_length=SEARCH_MAX_LENGTH)
    kind = forms.ChoiceField(label=_("kind"), choices=_blank(Unit.Kind.choices), required=False)
    region = RegionLabel(label=_("region"), queryset=Region.objects.none(), required=False,
                         empty_label=_("All"))

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = region_choices(  # type: ignore[attr-defined]
            actor=actor, levels=(Region.Level.SUBDISTRICT, Region.Level.COMMUNITY))


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, ID number or mobile"), required=False, max_length=SEARCH_MAX_LENGTH,
                        help_text=_("ID numbers and mobiles are matched exactly."))
    kind = forms.ChoiceField(label=_("kind"), choices=_blank(Person.Kind.choices), required=False)
    community = RegionLabel(label=_("community"), queryset=Region.objects.none(), required=False,
                            empty_label=_("All"))
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none(), required=False,
                                  empty_label=_("All"))

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = region_choices(  # type: ignore[attr-defined]
            actor=actor, levels=_COMMUNITY_LEVELS)
        self.fields["unit"].queryset = unit_choices(actor=actor)  # type: ignore[attr-defined]


class AgreementFilterForm(forms.Form):
    q = forms.CharField(label=_("Search title"), required=False, max_length=SEARCH_MAX_LENGTH)
    kind = forms.ChoiceField(label=_("kind"), choices=_blank(Agreement.Kind.choices),
                             required=False)
    ending = forms.BooleanField(label=_("Ending within 60 days"), required=False)
    # Drill-down from the dashboard (docs/reports.md): in force on some day of a period.
    in_force_since = dateranges.DateField(required=False, widget=forms.HiddenInput)
    in_force_until = dateranges.DateField(required=False, widget=forms.HiddenInput)
    region = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1,
                                widget=forms.HiddenInput)
