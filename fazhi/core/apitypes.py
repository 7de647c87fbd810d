"""Input types for the JSON API that the databases can store.

Python integers are unbounded; SQLite and PostgreSQL store 64 bits. An id, offset or amount
beyond that must be a 422 for the caller, never a server error deep in the database driver.
Dates and times are held to core.dateranges' plausible range, and a time must carry its time
zone (2026-11-01T00:00:00+08:00): a bare one names no instant and is a 422 naming the field."""

import datetime as dt
from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, AwareDatetime

from . import dateranges

DB_INT_MAX = 2**63 - 1

DbInt = Annotated[int, Field(ge=-DB_INT_MAX, le=DB_INT_MAX)]
Id = Annotated[int, Field(ge=1, le=DB_INT_MAX)]

Date = Annotated[dt.date, AfterValidator(dateranges.check)]
DateTime = Annotated[AwareDatetime, AfterValidator(dateranges.check)]


class Pagination(LimitOffsetPagination):
    """Limit/offset pagination with bounds: at most 200 rows a page, offsets that fit."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=200)
        offset: int = Field(0, ge=0, le=2**31)


Limit = Annotated[int, Field(ge=1, le=200)]
Offset = Annotated[int, Field(ge=0, le=2**31)]
