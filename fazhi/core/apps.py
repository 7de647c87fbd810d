from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Django 6.1's new empty choice of a required select, "- Select an option -", has no
        # Chinese in Django's own catalogue; Django's documented way to change it is here.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("(choose one)")  # type: ignore[assignment]

        # Django's own Chinese for a NUL character in a text field reads "an empty string is
        # not allowed", which sends the user looking for an empty field.
        from django.core import validators

        validators.ProhibitNullCharactersValidator.message = _(
            "This text contains a NUL character, which is not allowed; remove it and send again.")

        # `check --deploy` warns while messages only go to the log (fazhi.W001).
        from fazhi.core import senders  # noqa: F401
