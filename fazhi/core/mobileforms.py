"""The form a public page asks for a mobile and the SMS code sent to it (core.smscodes checks
both): voting, contests and the duty reviews show it with "send me a code" and "verify", and
``mobile_form_page`` runs the page of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from .formerrors import errors_onto
from .masking import mask_mobile
from .smscodes import CODE_LENGTH, Throttled


class MobileCodeForm(forms.Form):
    mobile = forms.CharField(
        label=_("Mobile number"), max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "type": "tel"}))
    code = forms.CharField(
        label=_("Code from the text message"), max_length=CODE_LENGTH, required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


def mobile_form_page(request: HttpRequest, context: dict[str, Any], *,
                     page: Callable[[int], HttpResponse], send: Callable[[str], object],
                     verified: Callable[[dict[str, Any]], HttpResponse]) -> HttpResponse:
    """The page of ``context["form"]``: shown by ``page(status)``. A POST "send" calls
    ``send(mobile)`` (200 once the code went out); any other POST lets ``verified`` check the
    code with the form's data and answer (a redirect holding the pass). A refusal shows the
    page again: 400 with the errors beside the fields, 429 past a sending limit.
    ``context["sent"]`` is the masked mobile a code went to, while there is a code to type."""
    form = context["form"]
    if request.method != "POST":
        return page(200)
    if not form.is_valid():
        return page(400)
    data = form.cleaned_data
    try:
        if request.POST.get("action") == "send":
            send(data["mobile"])
            context["sent"] = mask_mobile(data["mobile"])
            return page(200)
        return verified(data)
    except Throttled as exc:
        form.add_error(None, exc.messages)
        return page(429)
    except ValidationError as exc:
        errors_onto(form, exc)
        context["sent"] = "code" in form.errors and mask_mobile(data["mobile"])
        return page(400)
