"""``fazhi portal-search-rebuild``: the portal's search index built again from the live pages."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fazhi.portal.searchindex import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the public portal's search index from every live, public page."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{index_rebuild()} pages indexed")
