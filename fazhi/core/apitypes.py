"""Input types for the JSON API that the databases can store.

Python integers are unbounded; SQLite and PostgreSQL store 64 bits. An id, offset or amount
beyond that must be a 422 for the caller, never a server error deep in the database driver."""

from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DB_INT_MAX = 2**63 - 1

DbInt = Annotated[int, Field(ge=-DB_INT_MAX, le=DB_INT_MAX)]
Id = Annotated[int, Field(ge=1, le=DB_INT_MAX)]


class Pagination(LimitOffsetPagination):
    """Limit/offset pagination with bounds: at most 200 rows a page, offsets that fit."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=200)
        offset: int = Field(0, ge=0, le=2**31)


Limit = Annotated[int, Field(ge=1, le=200)]
Offset = Annotated[int, Field(ge=0, le=2**31)]
