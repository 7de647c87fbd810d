
import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core.apitypes import Date, Pagination
from fazhi.core.choicefields import api_choice
from fazhi.core.textlimits import api_text

from .models import Entry
from .selectors import entry_list_for


class EntryOut(Schema):
    id: int
    at: dt.datetime
    actor_name: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    changes: dict
    ip: str | None
    success: bool
    detail: str


class EntryFilter(Schema):
    action: str = api_choice(Entry.Action, "", blank=True)
    actor_name: str = api_text(Entry, "actor_name", "")
    object_type: str = api_text(Entry, "object_type", "")
    success: bool | None = None
    since: Date | None = None
    until: Date | None = None


router = Router(tags=["audit"])


@router.get("/entries", response=list[EntryOut], summary="Audit entries (auditors only)")
@paginate(Pagination)
def entries(request: HttpRequest, filters: Query[EntryFilter]):
    return entry_list_for(actor=request.user, **filters.dict())
