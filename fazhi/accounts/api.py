
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from .middleware import owes_second_factor, second_factor_refusal
from .services import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The logged-in browser session, refused (403) while it owes the second factor: the API
    answers what the pages answer, whatever the path."""

    def authenticate(self, request: HttpRequest, key: str | None):
        if owes_second_factor(request):
            raise HttpError(403, second_factor_refusal())
        return super().authenticate(request, key)


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    role: str
    community_id: int | None
    unit_id: int | None


router = Router(tags=["accounts"])


@router.get("/me", response=MeOut, summary="The authenticated user")
def me(request: HttpRequest):
    return request.user
