"""Goal (issue 2): the query count of every list page does not grow with its page size."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from bench.core import Context, Result

# Every list page with ?per_page=. Add yours here.
LIST_PAGES = [
    "org:regions",
    "org:units",
    "org:people",
    "org:agreements",
    "cases:list",
    "outreach:lists",
    "audit:list",
    "accounts:user_list",
]
SMALL, LARGE = 10, 50
# Tried in turn until one may open the page.
USERNAMES = ["staff", "leader", "admin", "auditor", "sysadmin"]


def queries(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured.captured_queries)


def run(ctx: Context) -> list[Result]:
    results = []
    clients = {name: ctx.client_for(name) for name in USERNAMES if name in ctx.usernames}
    for name in LIST_PAGES:
        try:
            url = reverse(name)
        except NoReverseMatch:
            print(f"  (skipped {name}: no such URL)")
            continue
        for client in clients.values():
            client.get(f"{url}?per_page={SMALL}")  # warm caches (content types, sessions)
            status, small = queries(client, f"{url}?per_page={SMALL}")
            if status == 200:
                _, large = queries(client, f"{url}?per_page={LARGE}")
                results.append(Result(
                    name=f"queries of {name}, {LARGE} vs {SMALL} rows a page",
                    value=large, unit="queries", baseline=small,
                    ratio=round(large / small, 3), goal="== 1.0", ok=large == small,
                ))
                break
        else:
            print(f"  (skipped {name}: none of {', '.join(clients)} may open it)")
    return results
