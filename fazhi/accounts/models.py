from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.roles import (
    ADMINISTRATION_ROLES,
    JUSTICE_ROLES,
    SECOND_FACTOR_ROLES,
    STREET_WIDE_ROLES,
    UNMASK_ROLES,
    WRITER_ROLES,
    Role,
)
from fazhi.org.models import Region, Unit


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices,
                            default=Role.COMMUNITY_WORKER, db_index=True)
    display_name = models.CharField(_("full name"), max_length=60, blank=True)
    community = models.ForeignKey(
        Region, verbose_name=_("community"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="users", limit_choices_to={"level": Region.Level.COMMUNITY},
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="users")
    person = models.OneToOneField("org.Person", verbose_name=_("person record"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="user")
    mobile_enc = models.TextField(blank=True, editable=False)
    mobile_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    mobile_masked = models.CharField(_("mobile"), max_length=11, blank=True, editable=False)
    totp_secret_enc = models.TextField(blank=True, editable=False)
    totp_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    totp_last_step = models.BigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(fields=["mobile_hash"], condition=~Q(mobile_hash=""),
                                    name="accounts_user_unique_mobile"),
            models.CheckConstraint(
                condition=~Q(role=Role.COMMUNITY_WORKER) | Q(community__isnull=False),
                name="accounts_user_community_worker_has_community",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    # --- what the role allows (the rules live in core.roles) ------------------------------
    @property
    def sees_all_communities(self) -> bool:
        return self.role in STREET_WIDE_ROLES

    @property
    def can_write(self) -> bool:
        return self.role in WRITER_ROLES

    @property
    def can_unmask(self) -> bool:
        return self.role in UNMASK_ROLES

    @property
    def needs_second_factor(self) -> bool:
        return self.role in SECOND_FACTOR_ROLES

    @property
    def uses_second_factor(self) -> bool:
        """Must pass the second factor at log-in: their role needs it, or they enrolled one."""
        return self.needs_second_factor or self.totp_confirmed_at is not None

    @property
    def is_administration(self) -> bool:
        return self.role in ADMINISTRATION_ROLES

    @property
    def sees_justice_records(self) -> bool:
        return self.role in JUSTICE_ROLES


class LoginFailure(models.Model):
    """A failed log-in step; the lock-out counts these (services: "log-in and lock-out").

    A password failure counts against the account the typed text names, however it was typed
    (username, or the mobile number with +86, spaces, dashes, full-width digits), *and* the
    address, so one office behind one NAT address is never locked out as a whole. Text that
    names no account is counted by its normalised form and the address (``username``), so the
    answer is the same whether an account exists or not. A second-factor failure counts against
    the account from every address: whoever types codes already knows the password."""

    class Stage(models.TextChoices):
        PASSWORD = "password", _("Password")
        SECOND_FACTOR = "second_factor", _("Second factor")

    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PASSWORD)
    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["username", "ip", "at"]),
            models.Index(fields=["user", "stage", "ip", "at"], name="accounts_failure_user_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.ip} {self.at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored, the value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(max_length=12, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
