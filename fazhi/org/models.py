from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import PlausibleDates


class Region(models.Model):
    """District > sub-district > community > grid."""

    class Level(models.TextChoices):
        DISTRICT = "district", _("District")
        SUBDISTRICT = "subdistrict", _("Sub-district")
        COMMUNITY = "community", _("Community")
        GRID = "grid", _("Grid")

    name = models.CharField(_("name"), max_length=80)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.SlugField(_("code"), max_length=20, unique=True,
                            help_text=_("Short code used in case numbers, e.g. XM."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="org_region_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def community_pk(self) -> int | None:
        """The community this region belongs to (itself, or a grid's parent); None above it."""
        if self.level == self.Level.COMMUNITY:
            return self.pk
        if self.level == self.Level.GRID:
            return self.parent_id
        return None


class Unit(models.Model):
    """A body that takes part: justice office, tribunal, police, law firm, property company..."""

    class Kind(models.TextChoices):
        JUSTICE_OFFICE = "justice_office", _("Justice office")
        POLICE_STATION = "police_station", _("Police station")
        COURT_TRIBUNAL = "court_tribunal", _("People's court tribunal")
        ARBITRATION = "arbitration", _("Arbitration")
        GOVERNANCE_CENTRE = "governance_centre", _("Comprehensive-governance centre")
        LEGAL_SERVICE_STATION = "legal_service_station", _("Public legal service station")
        COMMUNITY_WORKROOM = "community_workroom", _("Community workroom")
        MEDIATION_COMMITTEE = "mediation_committee", _("People's mediation committee")
        MEMBER_DEPARTMENT = "member_department", _("Member department")
        LAW_FIRM = "law_firm", _("Law firm")
        PROPERTY_COMPANY = "property_company", _("Property company")
        SCHOOL = "school", _("School")
        ENTERPRISE = "enterprise", _("Enterprise")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, db_index=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="units")
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    is_member_unit = models.BooleanField(_("member unit of the sub-district"), default=False)
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="org_unit_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone who works in the system of the sub-district (not a resident party to a case)."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Sub-district staff")
        COMMUNITY_WORKER = "community_worker", _("Community worker")
        MEDIATOR = "mediator", _("Mediator")
        RED_VEST = "red_vest", _("Red-vest volunteer mediator")
        LAWYER = "lawyer", _("Resident lawyer")
        LEGAL_VOLUNTEER = "legal_volunteer", _("Legal volunteer")
        LAW_SAVVY = "law_savvy", _("Law-savvy resident")

    name = models.CharField(_("name"), max_length=60, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="people")
    community = models.ForeignKey(
        Region, verbose_name=_("community"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="people", limit_choices_to={"level": Region.Level.COMMUNITY},
    )
    title = models.CharField(_("post"), max_length=60, blank=True)
    # Personal data: encrypted at rest, keyed hash for exact look-up, masked copy for lists.
    id_enc = models.TextField(blank=True, editable=False)
    id_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    id_masked = models.CharField(_("ID number"), max_length=18, blank=True, editable=False)
    mobile_enc = models.TextField(blank=True, editable=False)
    mobile_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    mobile_masked = models.CharField(_("mobile"), max_length=11, blank=True, editable=False)
    certificate_no = models.CharField(_("certificate number"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(2000)])
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_hash"], condition=~Q(id_hash=""), name="org_person_unique_id"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DutySlot(models.Model):
    """When a resident lawyer (or other person) is on duty at a community workroom."""

    class Weekday(models.IntegerChoices):
        MON = 0, _("Monday")
        TUE = 1, _("Tuesday")
        WED = 2, _("Wednesday")
        THU = 3, _("Thursday")
        FRI = 4, _("Friday")
        SAT = 5, _("Saturday")
        SUN = 6, _("Sunday")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="duty_slots")
    community = models.ForeignKey(Region, verbose_name=_("community"), on_delete=models.PROTECT,
                                  related_name="duty_slots")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("duty slot")
        verbose_name_plural = _("duty slots")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")),
                                   name="org_dutyslot_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"


class Agreement(PlausibleDates, models.Model):
    """A co-building agreement (共驻共建协议) or other agreement between the sub-district and a unit."""

    class Kind(models.TextChoices):
        CO_BUILDING = "co_building", _("Co-building agreement")
        LEGAL_SERVICE = "legal_service", _("Legal service agreement")
        OTHER = "other", _("Other agreement")

    MAX_PARTIES = 50  # units party to one agreement (docs/security.md)

    title = models.CharField(_("title"), max_length=160)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices,
                            default=Kind.CO_BUILDING)
    region = models.ForeignKey(Region, verbose_name=_("sub-district or community"),
                               on_delete=models.PROTECT, related_name="agreements")
    parties = models.ManyToManyField(Unit, verbose_name=_("parties"), related_name="agreements")
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    document = models.FileField(_("scanned document"), upload_to="agreements/%Y/", blank=True)
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(2000)])
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="org_agreement_term_order"),
            # A double submit of the same agreement creates one record.
            models.UniqueConstraint(fields=["region", "title", "signed_on"],
                                    name="org_agreement_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title
