"""The minimal ORM + template view the staff home is measured against.

Same middleware, same session and user, same database: one ORM query for as many agreement
rows as the staff home shows (``?rows=``, five per section), one count, and a bare template
without the site chrome. What the home costs beyond this is its chrome, its scoping and its
per-section queries.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import Context, Template

from fazhi.org.models import Agreement

BARE = Template(
    "<!DOCTYPE html><html lang=\"zh-hans\"><head><meta charset=\"utf-8\"><title>{{ user }}</title>"
    "</head><body><h1>{{ count }}</h1><ul>{% for r in rows %}"
    "<li><a href=\"/org/agreements/{{ r.pk }}/\">{{ r.title }}</a> {{ r.ends_on }}</li>"
    "{% endfor %}</ul></body></html>"
)


@login_required
def baseline_list(request: HttpRequest) -> HttpResponse:
    n = int(request.GET.get("rows", "15"))
    rows = list(Agreement.objects.order_by("ends_on").values("pk", "title", "ends_on")[:n])
    count = Agreement.objects.count()
    return HttpResponse(BARE.render(Context({"user": request.user, "rows": rows,
                                             "count": count})))
