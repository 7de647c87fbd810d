"""Every page carries a Content-Security-Policy, and no template needs what it refuses."""

import re
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted([*ROOT.glob("templates/*.html"), *ROOT.glob("fazhi/*/templates/**/*.html")])
PRINTED_ONLY = {"cases/agreement_print.html",  # rendered to PDF by WeasyPrint, never served
                "reports/report_print.html", "exams/certificate_print.html"}


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] for part in header.split("; ")}


@pytest.mark.parametrize("path", ["/accounts/login/", "/appeal/new/", "/appeal/track/"])
def test_a_public_page_carries_the_policy(db, path):
    policy = _policy(Client().get(path))
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["script-src"] == "'self'"  # the nonce is added only where a page uses it
    assert "unsafe-inline" not in policy["style-src"] and "unsafe-eval" not in policy["script-src"]


def test_a_staff_page_with_an_inline_style_carries_this_responses_nonce(as_user, worker):
    response = as_user(worker).get("/outreach/calendar/")
    nonce = re.search(r"'nonce-([^']+)'", _policy(response)["style-src"]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()


def test_the_nonce_differs_between_responses(as_user, worker):
    client = as_user(worker)
    first, second = (_policy(client.get("/outreach/calendar/"))["style-src"] for _ in range(2))
    assert first != second


def test_the_server_error_page_allows_only_its_own_inline_style(rf):
    from fazhi.ops.views import error_500

    request = rf.get("/")
    response = error_500(request)
    assert response._csp_config == {
        "default-src": ["'none'"], "style-src": ["'unsafe-inline'"], "base-uri": ["'none'"],
        "form-action": ["'none'"], "frame-ancestors": ["'none'"]}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_uses_what_the_policy_refuses(template):
    if any(str(template).endswith(name) for name in PRINTED_ONLY):
        pytest.skip("printed to PDF only")
    text = template.read_text(encoding="utf-8")
    if template.name == "500.html":  # its own policy allows its inline style
        text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    assert not re.search(r"\sstyle=", text), "style attribute"
    assert not re.search(r"\son[a-z]+=", text), "inline event handler"
    assert not re.search(r"<style(?![^>]*nonce=)", text), "<style> without the nonce"
    assert not re.search(r"<script(?![^>]*(\ssrc=|nonce=))", text), "inline <script>"
    assert "javascript:" not in text
    assert not re.search(r"\shx-on|hx-vals=.js:", text), "htmx eval (allowEval is off)"
