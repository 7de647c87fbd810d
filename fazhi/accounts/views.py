from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from fazhi.core.http import AuthedRequest, client_ip
from fazhi.core.queryparams import query_search
from fazhi.core.textlimits import SEARCH_MAX_LENGTH
from fazhi.org.selectors import community_choices

from . import selectors, services
from .forms import CodeForm, LoginForm, PasswordChangeForm, TokenForm, UserCreateForm
from .middleware import SESSION_KEY
from .models import ApiToken


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


@sensitive_post_parameters("password")
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("workbench:home")
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert form.user is not None
        login(request, form.user)
        services.login_succeeded(user=form.user, ip=client_ip(request))
        return redirect(_safe_next(request) or "workbench:home")
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request)})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@login_required
def totp_verify(request: AuthedRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_verify(user=request.user, code=form.cleaned_data["code"],
                                 ip=client_ip(request))
        except ValidationError as exc:
            form.add_error("code", exc.error_dict["code"])
        else:
            request.session.cycle_key()
            request.session[SESSION_KEY] = True
            return redirect("workbench:home")
    return render(request, "accounts/totp_verify.html", {"form": form})


@login_required
def totp_enrol(request: AuthedRequest) -> HttpResponse:
    import segno

    if request.user.totp_confirmed_at is not None:  # replacing it needs a reset
        return redirect("accounts:totp_verify")
    secret = request.session.get("fz_totp_pending") or services.totp_secret_new()
    request.session["fz_totp_pending"] = secret
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_enrol(user=request.user, secret_b32=secret,
                                code=form.cleaned_data["code"], ip=client_ip(request))
        except ValidationError as exc:
            form.add_error("code", exc.message_dict["code"])
        else:
            del request.session["fz_totp_pending"]
            request.session[SESSION_KEY] = True
            messages.success(request, _("Two-factor log-in is on."))
            return redirect("workbench:home")
    uri = services.totp_uri(user=request.user, secret_b32=secret)
    qr_svg = segno.make(uri, error="m").svg_inline(scale=4)
    return render(request, "accounts/totp_enrol.html",
                  {"form": form, "secret": secret, "qr_svg": qr_svg})


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    password_form = PasswordChangeForm(prefix="pw")
    token_form = TokenForm(prefix="tok")
    new_token = None
    if request.method == "POST" and "pw-old_password" in request.POST:
        password_form = PasswordChangeForm(request.POST, prefix="pw")
        if password_form.is_valid():
            try:
                services.user_change_password(user=request.user, ip=client_ip(request),
                                              **password_form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    password_form.add_error(field, errors)
            else:
                from django.contrib.auth import update_session_auth_hash

                update_session_auth_hash(request, request.user)
                messages.success(request, _("Your password was changed."))
                return redirect("accounts:profile")
    elif request.method == "POST" and "tok-name" in request.POST:
        token_form = TokenForm(request.POST, prefix="tok")
        if token_form.is_valid():
            _token, new_token = services.api_token_create(
                user=request.user, name=token_form.cleaned_data["name"], ip=client_ip(request),
                second_factor_passed=bool(request.session.get(SESSION_KEY)))
            token_form = TokenForm(prefix="tok")
    return render(request, "accounts/profile.html", {
        "password_form": password_form,
        "token_form": token_form,
        "new_token": new_token,
        "tokens": selectors.api_token_list_for(user=request.user),
    })


@login_required
@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    from django.http import Http404

    try:
        services.api_token_revoke(user=request.user, token_id=pk, ip=client_ip(request))
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")


@login_required
def user_list(request: AuthedRequest) -> HttpResponse:
    users = selectors.user_list_for(actor=request.user, q=query_search(request.GET))
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    form = None
    if request.user.role == "system_admin":
        form = UserCreateForm(request.POST or None, community_choices=community_choices())
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.user_create(actor=request.user, username=data["username"],
                                     password=data["password"], role=data["role"],
                                     display_name=data["display_name"], mobile=data["mobile"],
                                     community_id=data["community"])
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The account was created."))
                return redirect("accounts:user_list")
    return render(request, "accounts/user_list.html", {
        "page": page, "form": form, "q": query_search(request.GET), "q_max": SEARCH_MAX_LENGTH})


@login_required
@require_POST
def user_security(request: AuthedRequest, pk: int) -> HttpResponse:
    user = selectors.user_get_for(actor=request.user, pk=pk)
    action = request.POST.get("action")
    ip = client_ip(request)
    if action == "unlock":
        services.login_unlock(actor=request.user, user=user, ip=ip)
    elif action == "reset_2fa":
        services.totp_reset(actor=request.user, user=user, ip=ip)
    elif action in ("activate", "deactivate"):
        services.user_set_active(actor=request.user, user=user, active=action == "activate", ip=ip)
    messages.success(request, _("Done."))
    return redirect("accounts:user_list")
