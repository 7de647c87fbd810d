"""One notification model for the whole platform: a line of text for one user about one
record (a case, a responsibility list, an exam), read or not."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Topic(models.TextChoices):
        CASE = "case", _("Case")
        LIST = "list", _("Responsibility list")
        EXAM = "exam", _("Exam")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    topic = models.CharField(_("about"), max_length=8, choices=Topic.choices)
    # The record it is about, by id: the inbox imports no app, and the record's own page
    # decides (scoped, 404 outside) whether the user still may open it.
    subject_id = models.PositiveBigIntegerField()
    # Once per user and key: a second run, a replayed transition or a race writes nothing.
    key = models.CharField(max_length=120)
    text = models.CharField(_("message"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="inbox_once")]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="inbox_user_newest"),
            models.Index(fields=["user", "topic", "subject_id"], name="inbox_user_subject",
                         condition=models.Q(read_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.text
