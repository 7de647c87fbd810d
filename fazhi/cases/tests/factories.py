"""Small builders for casework tests."""

from __future__ import annotations

from typing import Any

from fazhi.cases.models import Category
from fazhi.cases.services import case_create

ID_NUMBER = "11010519491231002X"
MOBILE = "13912345678"


def applicant(**extra: Any) -> dict[str, Any]:
    return {"role": "applicant", "name": "张三", "id_number": ID_NUMBER, "mobile": MOBILE,
            **extra}


def respondent(**extra: Any) -> dict[str, Any]:
    return {"role": "respondent", "name": "李四", "mobile": "13698765432", **extra}


def make_case(actor: Any, community: Any = None, *, kind: str = "dispute",
              category: str = "neighbour", **extra: Any):
    fields = {
        "kind": kind, "channel": "station", "title": "楼上漏水",
        "description": "楼上卫生间漏水导致我家天花板发霉，多次协商未果。",
        "parties": [applicant(), respondent()], "community": community,
        "address": "江汉北路1号3单元501",
    }
    fields.update(extra)
    case, _created = case_create(actor=actor, category=Category.objects.get(code=category),
                                 **fields)
    return case
