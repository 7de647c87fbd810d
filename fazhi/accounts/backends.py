"""Log in with a username or a mobile number."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from fazhi.core.crypto import lookup_hash
from fazhi.core.identity import normalise_mobile

from .models import User


class UsernameOrMobileBackend(ModelBackend):
    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> User | None:
        if not username or not password:
            return None
        login = username.strip()
        user = User.objects.filter(username=login).first()
        mobile = normalise_mobile(login)
        if user is None and mobile.isdigit() and len(mobile) == 11:
            user = User.objects.filter(mobile_hash=lookup_hash(mobile)).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id: Any) -> User | None:
        """The user of each request, with the community and unit most pages show."""
        user = User.objects.select_related("community", "unit").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
