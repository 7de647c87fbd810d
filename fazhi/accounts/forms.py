from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from fazhi.core.http import client_ip
from fazhi.core.roles import Role
from fazhi.core.textlimits import text_limit

from .models import ApiToken, User
from .services import login_attempt_start, login_failed


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username or mobile number"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        data = super().clean() or {}
        username, password = data.get("username"), data.get("password")
        if not username or not password:
            return data
        attempt = login_attempt_start(typed=username, ip=client_ip(self.request))
        minutes = attempt.locked_minutes
        if minutes:
            raise forms.ValidationError(
                ngettext(
                    "Too many failed attempts. Try again in %(minutes)d minute or ask the security administrator.",
                    "Too many failed attempts. Try again in %(minutes)d minutes or ask the security administrator.",
                    minutes,
                ) % {"minutes": minutes},
                code="locked",
            )
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            login_failed(attempt=attempt)
            raise forms.ValidationError(
                _("The username/mobile or password is not correct."), code="invalid_login"
            )
        self.user = user  # type: ignore[assignment]
        return data


class CodeForm(forms.Form):
    code = forms.CharField(label=_("6-digit code from your authenticator app"), max_length=8,
                           widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                         "autocomplete": "one-time-code",
                                                         "autofocus": True}))


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("Current password"), strip=False,
                                   widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    new_password = forms.CharField(label=_("New password"), strip=False,
                                   widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What is this token for?"), max_length=text_limit(ApiToken, "name"))


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=text_limit(User, "username"))
    display_name = forms.CharField(label=_("Full name"), max_length=text_limit(User, "display_name"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    mobile = forms.CharField(label=_("Mobile number"), max_length=20, required=False)
    community = forms.IntegerField(label=_("Community"), required=False, widget=forms.Select)
    password = forms.CharField(label=_("Initial password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, community_choices: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].widget.choices = [("", "—"), *(community_choices or [])]
