from __future__ import annotations

import pytest
from django.db import OperationalError


def test_healthz_reports_a_reachable_database(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


class _UnreachableDatabase:
    def cursor(self):
        raise OperationalError("connection to server at 10.0.0.5 failed")


def test_healthz_answers_503_without_details_when_the_database_is_unreachable(
    client, db, monkeypatch
):
    monkeypatch.setattr("fazhi.ops.views.connection", _UnreachableDatabase())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "OperationalError"}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_only_answers_get(client, db, method):
    assert getattr(client, method)("/healthz").status_code == 405
