from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from fazhi.core.roles import Role

from .models import ApiToken, User


def user_list_for(*, actor: User, q: str = "") -> QuerySet[User]:
    if actor.role not in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN):
        raise PermissionDenied
    users = User.objects.select_related("community", "unit").order_by("username")
    if q:
        users = users.filter(username__icontains=q) | users.filter(display_name__icontains=q)
    return users


def user_get_for(*, actor: User, pk: int) -> User:
    if actor.role not in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN):
        raise PermissionDenied
    return get_object_or_404(User, pk=pk)


def api_token_list_for(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
