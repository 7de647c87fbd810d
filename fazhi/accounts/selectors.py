from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from fazhi.core.crypto import lookup_hash
from fazhi.core.roles import Role

from .models import ApiToken, User

# Only digits, a plus, spaces, brackets, dots and dashes: a mobile number however it was typed.
_MOBILE_TYPED = re.compile(r"[0-9+\s().\-\u2010-\u2015]+")


def login_text(typed: str) -> str:
    """What the log-in field holds, as log-in reads it: NFKC (full-width letters and digits
    become ASCII) without outer spaces; a mobile number written with +86, 0086, spaces, dots,
    dashes or brackets becomes its 11 digits."""
    text = unicodedata.normalize("NFKC", typed or "").strip()
    if _MOBILE_TYPED.fullmatch(text):
        digits = re.sub(r"[^0-9]", "", text)
        for prefix in ("0086", "86"):
            if len(digits) == 11 + len(prefix) and digits.startswith(prefix):
                digits = digits[len(prefix):]
        if len(digits) == 11:
            return digits
    return text


def user_for_login(typed: str) -> User | None:
    """The account the log-in field names: a username, else a mobile number (any format)."""
    text = login_text(typed)
    if not text:
        return None
    user = User.objects.filter(username=text).first()
    if user is None and len(text) == 11 and text.isascii() and text.isdigit():
        user = User.objects.filter(mobile_hash=lookup_hash(text)).first()
    return user


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
