from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "fazhi.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        # Views buffered in memory reach the database when the process exits normally.
        import atexit

        from .viewcounts import buffer

        atexit.register(buffer.flush_quietly)
