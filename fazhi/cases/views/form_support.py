"""How the casework views fill their community choices."""

from __future__ import annotations

from typing import Any

from fazhi.org.selectors import communities_for


def community_choices(actor: Any) -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name
            in communities_for(actor=actor).order_by("name").values_list("pk", "name")]
