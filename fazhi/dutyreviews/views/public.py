"""The public rating pages (no log-in): a resident proves a mobile with an SMS code, then rates
each unit once. The pass is an HttpOnly cookie ``fazhi_rate_<review>`` (services.ratings)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.cookies import cookie_set
from fazhi.core.formerrors import errors_onto
from fazhi.core.http import client_ip
from fazhi.core.mobileforms import MobileCodeForm, mobile_form_page
from fazhi.core.smscodes import Throttled

from ..forms import RatingForm
from ..models import Review
from ..selectors import public_reviews, rated_units, rating_state, review_get_public, units_of
from ..services import ratings


def _cookie(review: Review) -> str:
    return f"fazhi_rate_{review.pk}"


def _voter(request: HttpRequest, review: Review) -> str | None:
    return ratings.pass_read(review=review, token=request.COOKIES.get(_cookie(review)))


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "dutyreviews/public_index.html", {"reviews": list(public_reviews())})


def _page(request: HttpRequest, review: Review, *, failed: int | None = None,
          failed_form: RatingForm | None = None, status: int = 200) -> HttpResponse:
    voter = _voter(request, review)
    done = rated_units(review=review, voter=voter)
    units = list(units_of(review))
    rows = [(unit, failed_form if unit.pk == failed and failed_form is not None
             else RatingForm(auto_id=f"u{unit.pk}_%s"), unit.pk in done) for unit in units]
    if failed_form is not None and failed not in {unit.pk for unit in units}:
        # A unit not on the page (not in this review): its refusal is said at the top.
        messages.error(request, " ".join(str(e) for e in failed_form.non_field_errors()))
    return render(request, "dutyreviews/public_review.html", {
        "review": review, "rows": rows, "state": rating_state(review),
        "verified": voter is not None}, status=status)


@never_cache
@require_GET
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, review_get_public(pk=pk))


@never_cache
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_get_public(pk=pk)
    context = {"review": review, "form": MobileCodeForm(request.POST or None), "sent": False}

    def verified(data: dict[str, Any]) -> HttpResponse:
        voter = ratings.code_verify(review=review, mobile=data["mobile"], code=data["code"])
        messages.success(request, _("Your mobile is verified. You can rate now."))
        return cookie_set(redirect("dutyreviews:public_review", pk=review.pk), _cookie(review),
                          ratings.pass_issue(review=review, voter=voter),
                          path=f"/rate/{review.pk}/")
    return mobile_form_page(
        request, context, verified=verified,
        send=lambda mobile: ratings.code_send(review=review, mobile=mobile, ip=client_ip(request)),
        page=lambda status: render(request, "dutyreviews/verify.html", context, status=status))


@require_POST
def rate(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    review = review_get_public(pk=pk)
    voter = _voter(request, review)
    if voter is None:
        return redirect("dutyreviews:public_verify", pk=review.pk)
    form = RatingForm(request.POST, auto_id=f"u{unit_pk}_%s")
    if not form.is_valid():
        return _page(request, review, failed=unit_pk, failed_form=form, status=400)
    try:
        ratings.rating_submit(review=review, unit_id=unit_pk, voter=voter,
                              level=form.cleaned_data["level"],
                              comment=form.cleaned_data["comment"], ip=client_ip(request))
    except Throttled as exc:
        form.add_error(None, exc.messages)
        return _page(request, review, failed=unit_pk, failed_form=form, status=429)
    except ValidationError as exc:
        errors_onto(form, exc)
        return _page(request, review, failed=unit_pk, failed_form=form, status=400)
    messages.success(request, _("Thank you: your rating is recorded."))
    # Post/redirect/get: a reload cannot send the rating again.
    response = HttpResponseRedirect(reverse("dutyreviews:public_review", args=[review.pk])
                                    + f"#unit-{unit_pk}")
    response.status_code = 303
    return response
