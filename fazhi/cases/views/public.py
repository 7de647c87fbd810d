"""Residents: the public appeal form and the tracking page (no login)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from fazhi.core.conflicts import Conflict
from fazhi.core.formerrors import errors_onto
from fazhi.core.http import client_ip
from fazhi.core.identity import normalise_mobile
from fazhi.core.ratelimit import hit
from fazhi.core.textlimits import text_limit
from fazhi.org.selectors import communities_for, community_choices

from .. import selectors, services
from ..forms import _field
from ..models import Case, Category, Channel, Event, FollowUp, Kind, Party

# Generous for honest residents (a family may file several matters), tight for scripts.
PER_IP = (20, 3600)
PER_MOBILE = (5, 86400)
TRACK_PER_IP = (60, 3600)
# A code with a guessed last four digits (10,000 choices): a resident needs a few tries a day.
TRACK_PER_CODE = (10, 3600)
SESSION_KEY = "fz_tracked"


class AppealForm(forms.Form):
    """The resident's form. Its topics are those of the chosen kind only; a topic of another
    kind posted directly is not a valid choice."""

    KINDS = (Kind.APPEAL, Kind.DISPUTE)
    kind = forms.ChoiceField(label=gettext_lazy("What is it about?"), choices=[
        (Kind.APPEAL, gettext_lazy("A request or problem (诉求)")),
        (Kind.DISPUTE, gettext_lazy("A dispute with someone (矛盾纠纷)"))], widget=forms.RadioSelect,
        initial=Kind.APPEAL)
    category: forms.ModelChoiceField = forms.ModelChoiceField(
        label=gettext_lazy("Topic"), queryset=Category.objects.none(),
        empty_label=gettext_lazy("Choose a topic"))
    community = forms.TypedChoiceField(label=gettext_lazy("Your community"), coerce=int, required=False,
                                       empty_value=None)
    title = forms.CharField(label=gettext_lazy("In one line"), max_length=text_limit(Case, "title"))
    description = forms.CharField(label=gettext_lazy("What happened, and what do you want?"),
                                  max_length=text_limit(Case, "description"),
                                  widget=forms.Textarea(attrs={"rows": 6}))
    address = forms.CharField(label=gettext_lazy("Address of the matter"), required=False,
                              max_length=text_limit(Case, "address"))
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=text_limit(Party, "name"))
    mobile = forms.CharField(label=gettext_lazy("Your mobile number"), max_length=20,
                             widget=forms.TextInput(attrs={"inputmode": "tel",
                                                           "autocomplete": "tel"}))
    other_party = forms.CharField(label=gettext_lazy("The other party (for a dispute)"), required=False,
                                  max_length=text_limit(Party, "name"))
    # The trap for scripts: rendered apart from the fields, out of sight, out of the tab order
    # and away from screen readers and autofill (new.html); a person never fills it.
    website = forms.CharField(required=False, label="website", max_length=200,
                              widget=forms.TextInput(attrs={"tabindex": "-1",
                                                            "autocomplete": "off"}))
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)  # a uuid4 hex

    def __init__(self, *args, communities, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "category").queryset = Category.objects.filter(
            active=True, kind=self.chosen_kind)
        _field(self, "community").choices = [("", gettext_lazy("Not sure")), *communities]
        if not self.initial.get("token"):
            self.initial["token"] = uuid.uuid4().hex

    @property
    def chosen_kind(self) -> str:
        source = self.data if self.is_bound else self.initial
        kind = source.get("kind") or Kind.APPEAL
        return kind if kind in self.KINDS else Kind.APPEAL

    @property
    def chosen_category_id(self) -> int | None:
        source = self.data if self.is_bound else self.initial
        raw = str(source.get("category") or "")
        return int(raw) if raw.isdigit() and len(raw) < 10 else None

    def clean_mobile(self) -> str:
        """Shaped only ("139 1234-5678" → "13912345678"); ``appeal_submit`` validates it."""
        return normalise_mobile(self.cleaned_data["mobile"])

    def visible_fields(self):  # the trap is rendered on its own
        return [f for f in super().visible_fields() if f.name != "website"]

    def topic_fields(self):
        return [self["kind"], self["category"]]

    def detail_fields(self):
        return [f for f in self.visible_fields() if f.name not in ("kind", "category")]


class TrackForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Tracking code"), max_length=12)
    last4 = forms.CharField(label=gettext_lazy("Last four digits of your mobile"), min_length=4,
                            max_length=4, widget=forms.TextInput(attrs={"inputmode": "numeric"}))


class AddInfoForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Add information"), max_length=text_limit(Event, "text"),
                           widget=forms.Textarea(attrs={"rows": 3}))


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(label=gettext_lazy("How satisfied are you?"),
                                     choices=FollowUp.Satisfaction.choices,
                                     widget=forms.RadioSelect)
    note = forms.CharField(label=gettext_lazy("Anything to tell us?"), required=False,
                           max_length=text_limit(FollowUp, "note"),
                           widget=forms.Textarea(attrs={"rows": 2}))


def _appeal_form_page(request: HttpRequest, form: AppealForm) -> HttpResponse:
    expectation = selectors.expectation_for(kind=form.chosen_kind,
                                            category_id=form.chosen_category_id,
                                            since=timezone.now())
    return render(request, "cases/public/new.html", {"form": form, "expectation": expectation})


@never_cache
def appeal_new(request: HttpRequest) -> HttpResponse:
    """The form. Changing the kind (or the topic) asks again for the topic part: htmx swaps it
    in; without JavaScript a "show the topics" button posts the form back unvalidated."""
    communities = community_choices()
    if request.method != "POST":
        initial = {k: request.GET[k] for k in ("kind", "category") if k in request.GET}
        return _appeal_form_page(request, AppealForm(initial=initial, communities=communities))
    if "refresh" in request.POST:
        posted = {k: request.POST.get(k) for k in AppealForm.base_fields
                  if k in request.POST}
        return _appeal_form_page(request, AppealForm(initial=posted, communities=communities))
    form = AppealForm(request.POST, communities=communities)
    if form.is_valid():
        data = form.cleaned_data
        if data["website"]:  # the honeypot: a person never fills it; show the same page
            return redirect("appeal:track")
        mobile = data["mobile"]  # shaped by the form; the service validates it
        if not (hit(f"appeal-ip:{client_ip(request)}", limit=PER_IP[0], window_seconds=PER_IP[1])
                and hit(f"appeal-mobile:{mobile}", limit=PER_MOBILE[0],
                        window_seconds=PER_MOBILE[1])):
            return render(request, "cases/public/limited.html", status=429)
        parties = [{"role": "applicant", "name": data["name"], "mobile": mobile}]
        if data["other_party"]:
            parties.append({"role": "respondent", "name": data["other_party"]})
        try:
            case, _created = services.appeal_submit(
                mobile=mobile, kind=data["kind"], channel=Channel.ONLINE,
                category=data["category"], title=data["title"],
                description=data["description"], address=data["address"],
                community=communities_for().filter(pk=data["community"]).first()
                if data["community"] else None,
                parties=parties, idempotency_key=f"web:{data['token']}")
        except ValidationError as exc:
            errors_onto(form, exc)
        else:
            request.session[SESSION_KEY] = case.pk
            return render(request, "cases/public/done.html", {
                "case": case, "expectation": selectors.expectation_of(case)})
    return _appeal_form_page(request, form)


@never_cache
def appeal_track(request: HttpRequest) -> HttpResponse:
    case = None
    form = TrackForm(request.POST if "code" in request.POST else None)
    if form.is_bound:
        if not hit(f"track-ip:{client_ip(request)}", limit=TRACK_PER_IP[0],
                   window_seconds=TRACK_PER_IP[1]):
            return render(request, "cases/public/limited.html", status=429)
        if form.is_valid():
            # Keyed as case_track reads the code, so no spelling of it gets more tries.
            code_key = form.cleaned_data["code"].strip().upper()
            if not hit(f"track-code:{code_key}", limit=TRACK_PER_CODE[0],
                       window_seconds=TRACK_PER_CODE[1]):
                return render(request, "cases/public/limited.html", status=429)
            case = selectors.case_track(code=form.cleaned_data["code"],
                                        last4=form.cleaned_data["last4"])
            if case is None:
                form.add_error(None, _("No matter matches this code and these digits. "
                                       "Check the code on your receipt."))
            else:
                request.session[SESSION_KEY] = case.pk
    elif request.session.get(SESSION_KEY):
        from ..models import Case

        case = Case.objects.filter(pk=request.session[SESSION_KEY]).first()
    if case is not None and request.method == "POST" and "code" not in request.POST:
        try:
            if "satisfaction" in request.POST:
                rate = RateForm(request.POST)
                if rate.is_valid():
                    services.resident_rate(case=case, **rate.cleaned_data)
                    messages.success(request, _("Thank you for your rating."))
            else:
                info = AddInfoForm(request.POST)
                if info.is_valid():
                    services.resident_info_add(case=case, text=info.cleaned_data["text"])
                    messages.success(request, _("Your information was added."))
        except (ValidationError, Conflict) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("appeal:track")
    ctx: dict[str, Any] = {"form": form, "case": case}
    if case is not None:
        ctx.update({
            "events": selectors.public_events(case),
            "deadline": case.deadlines.filter(rule__concludes_case=True).order_by("-id").first(),
            "expectation": selectors.expectation_of(case),
            "windows": [d for d in case.deadlines.all() if d.rule.resident_window
                        and d.status == "running"],
            "info_form": AddInfoForm(), "rate_form": RateForm(), "now": timezone.now(),
        })
    return render(request, "cases/public/track.html", ctx)


def appeal_forget(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("appeal:track")

