"""Personas and shared fixtures (healthchecks' alice/bob/charlie, for a sub-district).

- ``street_admin``   sub-district administrator (second factor passed at log-in)
- ``street_staff``   sub-district staff, every community
- ``worker``         community worker of 江汉北路社区 (community ``north``)
- ``outsider``       community worker of 高雄社区 (community ``south``): must never see north's rows
- ``mediator``, ``lawyer``, ``leader``, ``auditor``, ``sysadmin``, ``secadmin``
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test import Client
from django.test.testcases import LiveServerThread
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from fazhi.accounts import services as account_services
from fazhi.accounts.middleware import SESSION_KEY, TOUCHED_KEY
from fazhi.core.roles import Role
from fazhi.org.models import Region

# Property tests check what holds, not how fast: on a loaded machine (two cores shared with a
# mutation run, CI) hypothesis's own clocks — a 200 ms deadline per example, "input generation
# is slow" — failed correct code. The examples and their number stay hypothesis's defaults.
hypothesis_settings.register_profile("fazhi", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("fazhi")

PASSWORD = "Xima-Fazhi-2026!"


class _OneRequestAtATime(WSGIServer):
    """The browser tests' server answers one request at a time.

    The test database on SQLite lives in memory, so Django hands the server's threads the test's
    own connection. With the threaded server, two requests of one page (a beat and a page load,
    a poster and its image) then shared one transaction: one request's rollback undid the other's
    insert, and a session row vanished under a third ("the request's session was deleted"). A
    server without threads answers ``Connection: close`` and takes the requests in turn, which is
    all a test needs; the real servers (gunicorn, each with its own connections) are unaffected."""

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


LiveServerThread.server_class = _OneRequestAtATime  # type: ignore[assignment]


@pytest.fixture(autouse=True)
def _plain_static_and_immediate_tasks(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def private_storage(settings, tmp_path):
    """Uploaded files (attachments, scans, agreement documents) stored in the test's own
    directory, with no public URL: they are served only through the views that check access."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path), "base_url": "/nowhere/"}}}
    return tmp_path


@pytest.fixture(autouse=True)
def _rate_limits_from_the_database():
    """Each test starts with nothing in this process's memory: no request counted (see
    core.ratelimit), no activity kept for the sign-in page (the ``local`` cache), no voting
    ballot kept (voting.ballot)."""
    from django.core.cache import caches

    from fazhi.core.ratelimit import ratelimit_forget_local
    from fazhi.voting.ballot import ballot_forget_local

    ratelimit_forget_local()
    ballot_forget_local()
    caches["local"].clear()
    yield
    ratelimit_forget_local()
    ballot_forget_local()
    caches["local"].clear()


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _let_transactional_tests_flush_the_audit_log(request):
    """The audit log refuses early deletes (a database trigger). Transactional tests end with a
    flush, so on SQLite empty the log with its trigger briefly lifted; PostgreSQL's flush uses
    TRUNCATE, which row triggers do not see."""
    if not _is_transactional(request):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    yield
    from django.db import connection

    if connection.vendor == "sqlite":
        from fazhi.audit import triggers

        with connection.cursor() as cursor:
            for sql in triggers.SQLITE_REVERSE:
                cursor.execute(sql)
            cursor.execute("DELETE FROM audit_entry")
            for sql in triggers.SQLITE:
                cursor.execute(sql)


@pytest.fixture
def subdistrict(db) -> Region:
    district = Region.objects.create(name="江岸区", level=Region.Level.DISTRICT, code="JA")
    return Region.objects.create(name="西马街道", level=Region.Level.SUBDISTRICT, code="XM",
                                 parent=district)


@pytest.fixture
def north(subdistrict) -> Region:
    return Region.objects.create(name="江汉北路社区", level=Region.Level.COMMUNITY, code="XM-JHBL",
                                 parent=subdistrict)


@pytest.fixture
def south(subdistrict) -> Region:
    return Region.objects.create(name="高雄社区", level=Region.Level.COMMUNITY, code="XM-GX",
                                 parent=subdistrict)


def make_user(username: str, role: str, community: Region | None = None, **extra: Any):
    return account_services.user_create(
        actor=None, username=username, password=PASSWORD, role=role,
        display_name=extra.pop("display_name", username),
        community_id=community.pk if community else None, check_password=False, **extra,
    )


@pytest.fixture
def street_admin(north):
    return make_user("admin", Role.STREET_ADMIN)


@pytest.fixture
def street_staff(north):
    return make_user("staff", Role.STREET_STAFF, mobile="13800138000")


@pytest.fixture
def worker(north):
    return make_user("worker", Role.COMMUNITY_WORKER, north)


@pytest.fixture
def outsider(south):
    return make_user("outsider", Role.COMMUNITY_WORKER, south)


@pytest.fixture
def mediator(north):
    return make_user("mediator", Role.MEDIATOR, north)


@pytest.fixture
def lawyer(north):
    return make_user("lawyer", Role.LAWYER, north)


@pytest.fixture
def leader(north):
    return make_user("leader", Role.LEADER)


@pytest.fixture
def auditor(north):
    return make_user("auditor", Role.AUDITOR)


@pytest.fixture
def sysadmin(north):
    return make_user("sysadmin", Role.SYSTEM_ADMIN)


@pytest.fixture
def secadmin(north):
    return make_user("secadmin", Role.SECURITY_ADMIN)


def client_for(user) -> Client:
    """A test client logged in as ``user``, second factor passed where the role needs it."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = True
    # As the log-in page leaves it: saved now, so the next minute's requests write no session
    # (accounts.middleware.SessionTouchMiddleware) and query counts compare like for like.
    session[TOUCHED_KEY] = int(timezone.now().timestamp())
    session.save()
    return client


@pytest.fixture
def as_user():
    return client_for


# --- browser tests: Playwright driving Debian's Chromium ------------------------------------
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    import os
    import shutil

    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )
        yield browser
        browser.close()


def server_idle(live_server) -> None:
    """Wait until the live server has answered every request already sent to it.

    A page closing reports once more (a study beat, a beacon); had the server still been
    answering it when the test's database was emptied, the two would share the connection and
    the flush fail on a foreign key. The server takes requests in turn (``_OneRequestAtATime``),
    so the answer to one more request, a static file that needs no database, comes after them."""
    import contextlib
    import urllib.error
    import urllib.request

    with contextlib.suppress(urllib.error.HTTPError):  # 404: the answer is all this waits for
        urllib.request.urlopen(f"{live_server.url}/static/server-idle", timeout=60).close()  # noqa: S310


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    server_idle(live_server)


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized page (iPhone-like viewport, touch)."""
    context = browser.new_context(base_url=live_server.url, locale="zh-CN",
                                  viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    server_idle(live_server)


def browser_login(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("用户名或手机号").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
