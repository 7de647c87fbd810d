
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import HttpBearer

from .services import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


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
