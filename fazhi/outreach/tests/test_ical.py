from __future__ import annotations

import datetime as dt

from fazhi.outreach import ical


def test_text_is_escaped():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "宪法" * 40
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_a_calendar_has_crlf_lines_and_utc_times():
    start = dt.datetime(2026, 6, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    body = ical.calendar(name="测试", now=start, events=[
        ical.Event(uid="activity-1@fazhi", summary="讲座", start=start,
                   end=start + dt.timedelta(hours=2)),
        ical.Event(uid="keydate-1@fazhi", summary="宪法日", start=dt.date(2026, 12, 4),
                   yearly=True)])
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    assert "DTSTART:20260601T010000Z\r\n" in body
    assert "DTSTART;VALUE=DATE:20261204\r\nRRULE:FREQ=YEARLY" in body
