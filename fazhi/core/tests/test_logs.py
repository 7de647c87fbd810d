import logging


def _request_records(caplog):
    return [r for r in caplog.records if r.name == "django.request"]


def test_an_ordinary_404_logs_one_line_without_a_traceback(as_user, worker, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = as_user(worker).get("/cases/999999/")
    assert response.status_code == 404
    (record,) = _request_records(caplog)
    assert record.getMessage() == "Not Found: /cases/999999/"
    assert record.exc_info is None and "Traceback" not in caplog.text


def test_an_ordinary_403_logs_one_line_without_a_traceback(as_user, worker, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = as_user(worker).get("/audit/")
    assert response.status_code == 403
    (record,) = _request_records(caplog)
    assert record.getMessage() == "Forbidden (Permission denied): /audit/"
    assert record.exc_info is None and "Traceback" not in caplog.text
