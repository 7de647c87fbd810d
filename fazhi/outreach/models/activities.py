"""Activities, their photos and who came (QR sign-ins and walk-in tallies)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.dateranges import PlausibleDates
from fazhi.org.models import Region, Unit

from .lists import KeyDate, ListItem


class Activity(PlausibleDates, models.Model):
    class Kind(models.TextChoices):
        LECTURE_HALL = "lecture_hall", _("Law lecture hall")
        SIX_PLACES = "six_places", _("Law into six places")
        THEME_DAY = "theme_day", _("Key-date theme day")
        LAWYER_TALK = "lawyer_talk", _("Lawyer talk / face-to-face")
        LAW_PLUS = "law_plus", _("'Law+' community theme day")
        YOUTH = "youth", _("Youth holiday session")
        MIGRANTS = "migrants", _("Study for migrants")
        CORRECTION = "correction", _("Study for people under community correction")
        FILM = "film", _("Law film viewing")
        CONTEST = "contest", _("Online knowledge contest")
        LAW_SAVVY = "law_savvy", _("Law-savvy resident training")

    class Place(models.TextChoices):
        """The six targets of 法律六进."""

        ORGANS = "organs", _("Organs")
        VILLAGES = "villages", _("Villages")
        COMMUNITIES = "communities", _("Communities")
        SCHOOLS = "schools", _("Schools")
        ENTERPRISES = "enterprises", _("Enterprises")
        UNITS = "units", _("Work units")

    # Only justice-office roles may see these (PIPL: people under community correction).
    RESTRICTED_KINDS = (Kind.CORRECTION,)

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    place = models.CharField(_("six-places target"), max_length=12, choices=Place.choices,
                             blank=True, help_text=_("For 'law into six places' only."))
    key_date = models.ForeignKey(KeyDate, verbose_name=_("key date"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="activities",
                                 help_text=_("For key-date theme days."))
    title = models.CharField(_("title"), max_length=160)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=160)
    community = models.ForeignKey(
        Region, verbose_name=_("community"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="outreach_activities", limit_choices_to={"level": Region.Level.COMMUNITY},
        help_text=_("Leave empty for a sub-district-wide activity."))
    unit = models.ForeignKey(Unit, verbose_name=_("organising unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="outreach_activities")
    speakers = models.CharField(_("speakers"), max_length=200, blank=True)
    laws = models.CharField(_("laws covered"), max_length=300, blank=True)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    planned_attendance = models.PositiveIntegerField(
        _("planned attendance"), default=0, validators=[MaxValueValidator(100000)])
    summary = models.TextField(_("summary"), blank=True, validators=[MaxLengthValidator(5000)])
    items = models.ManyToManyField(ListItem, verbose_name=_("responsibility-list items fulfilled"),
                                   blank=True, related_name="activities")
    code = models.CharField(max_length=24, unique=True, editable=False)
    opens_before = models.PositiveIntegerField(
        _("sign-in opens (minutes before the start)"), default=60,
        validators=[MaxValueValidator(7 * 24 * 60)])
    closes_after = models.PositiveIntegerField(
        _("sign-in closes (minutes after the end)"), default=120,
        validators=[MaxValueValidator(7 * 24 * 60)])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="outreach_activity_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.kind == self.Kind.SIX_PLACES and not self.place:
            errors["place"] = _("Choose which of the six places this session goes into.")
        if self.kind != self.Kind.SIX_PLACES and self.place:
            errors["place"] = _("Only 'law into six places' sessions have a six-places target.")
        if self.kind == self.Kind.THEME_DAY and not self.key_date_id:
            errors["key_date"] = _("Choose the key date of this theme day.")
        if errors:
            raise ValidationError(errors)

    SIGNINS_PER_ADDRESS_FLOOR = 300

    @property
    def restricted(self) -> bool:
        return self.kind in self.RESTRICTED_KINDS

    @property
    def checkin_opens(self) -> dt.datetime:
        return self.starts_at - dt.timedelta(minutes=self.opens_before)

    @property
    def checkin_closes(self) -> dt.datetime:
        return self.ends_at + dt.timedelta(minutes=self.closes_after)

    @property
    def signins_per_address(self) -> int:
        """The public sign-in page's limit per client address and 10 minutes. A whole lecture
        hall can sit behind one Wi-Fi or carrier NAT, so it grows with the planned attendance
        (half again, for retries and unplanned guests), never below the floor."""
        return max(self.SIGNINS_PER_ADDRESS_FLOOR, self.planned_attendance * 3 // 2)


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="outreach/photos/%Y/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    caption = models.CharField(_("caption"), max_length=120, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.caption or str(self.image.name)


class SignIn(models.Model):
    """One attendee at one activity. The mobile is stored encrypted, as a keyed hash (which the
    unique constraint uses) and masked; the hash also counts unique people across activities."""

    class Source(models.TextChoices):
        QR = "qr", _("QR code")
        STAFF = "staff", _("Recorded by staff")
        API = "api", _("API")

    NAME_MAX_LENGTH = 30  # of the name typed (stored encrypted, so no column holds the limit)

    # Every read goes by activity: the once-per-mobile constraint's index (activity,
    # mobile_hash) serves them all, also counting unique people. No other index: each one is
    # another B-tree written by every sign-in of a lecture hall's burst.
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signins",
                                 db_index=False)
    name_enc = models.TextField(editable=False)
    name_masked = models.CharField(_("name"), max_length=60, editable=False)
    mobile_enc = models.TextField(editable=False)
    mobile_hash = models.CharField(max_length=64, editable=False)
    mobile_masked = models.CharField(_("mobile"), max_length=11, editable=False)
    community = models.ForeignKey(Region, verbose_name=_("community"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    affiliation = models.CharField(_("unit or other community"), max_length=80, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.QR)
    created_at = models.DateTimeField(_("signed in at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "mobile_hash"],
                                    name="outreach_signin_once_per_mobile"),
        ]

    def __str__(self) -> str:
        return f"{self.name_masked} {self.mobile_masked}"


class WalkIn(models.Model):
    """A tally of attendees who did not sign in (elderly residents without phones...)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="walkins")
    count = models.PositiveIntegerField(_("number of people"), validators=[MaxValueValidator(10000)])
    note = models.CharField(_("note"), max_length=120, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="outreach_walkin_positive"),
        ]

    def __str__(self) -> str:
        return str(self.count)


class CommunityFeed(models.Model):
    """The secret address of a community's iCalendar feed; rotating the token revokes it."""

    community = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=43, unique=True)

    def __str__(self) -> str:
        return f"{self.community} feed"
