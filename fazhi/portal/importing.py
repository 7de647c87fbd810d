"""Reading a saved article page of the old site (the seed is one): the sidebar's notice titles,
the title, "发布时间:2019-04-09 10:31", and the body, with repeated paragraphs removed.

The format, line by line: an optional "更多>>..." header and "- ·title" sidebar lines; then the
title; then one or more "发布时间:YYYY-MM-DD HH:MM ..." lines; then one paragraph per line. A
paragraph that was already printed is dropped; consecutive dropped lines that start at a
section heading ("一、" ...) are reported as one repeated section.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from .models import ArticlePage, ChannelPage

SIDEBAR_HEADER = re.compile(r"^更多\s*>>")
SIDEBAR_ITEM = re.compile(r"^-\s*·\s*(?P<title>.*)$")
PUBLISHED = re.compile(r"^发布时间\s*[:：]\s*(?P<at>\S+\s+\S+)")
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
TITLE_MAX = ArticlePage._meta.get_field("title").max_length or 255
MAX_BYTES = 2 * 1024 * 1024


class ImportError_(ValueError):
    """Broken input: the message names the file and the line."""


@dataclass
class Removed:
    line: int
    text: str
    paragraphs: int = 1
    section: bool = False


@dataclass
class SavedArticle:
    path: Path
    title: str
    published_at: dt.datetime
    paragraphs: list[str]
    notices: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


def _fail(path: Path, line: int, message: str) -> ImportError_:
    return ImportError_(f"{path}:{line}: {message}")


def _read(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportError_(f"{path}: cannot be read ({exc.strerror})") from exc
    if len(data) > MAX_BYTES:
        raise ImportError_(f"{path}: larger than {MAX_BYTES // 1024 // 1024} MB; not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise _fail(path, line, "is not UTF-8 text") from exc
    if "\x00" in text:
        raise _fail(path, text[:text.index("\x00")].count("\n") + 1, "holds a NUL character")
    return text.splitlines()


def _time(path: Path, number: int, value: str) -> dt.datetime:
    try:
        naive = dt.datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError as exc:
        raise _fail(path, number, f"the publish time {value!r} is not YYYY-MM-DD HH:MM") from exc
    if not 1990 <= naive.year <= timezone.localdate().year + 1:
        raise _fail(path, number, f"the publish year {naive.year} is not plausible")
    return timezone.make_aware(naive)


def parse(path: Path) -> SavedArticle:
    lines = _read(path)
    notices: list[str] = []
    title, title_line, published_at = "", 0, None
    body_start = len(lines)
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or SIDEBAR_HEADER.match(line):
            continue
        item = SIDEBAR_ITEM.match(line)
        if item and not title:
            name = item["title"].strip()[:TITLE_MAX]
            if name and name not in notices:
                notices.append(name)
            continue
        published = PUBLISHED.match(line)
        if published:
            if not title:
                raise _fail(path, number, "a publish time before any title")
            at = _time(path, number, published["at"])
            if published_at is not None and at != published_at:
                raise _fail(path, number, "a second, different publish time")
            published_at = at
            continue
        if not title:
            if len(line) > TITLE_MAX:
                raise _fail(path, number, f"the title is longer than {TITLE_MAX} characters")
            title, title_line = line, number
            continue
        if published_at is None:
            raise _fail(path, number, "no '发布时间:YYYY-MM-DD HH:MM' line after the title "
                        f"(line {title_line})")
        body_start = number
        break
    if not title:
        raise _fail(path, len(lines) or 1, "no title found")
    if published_at is None:
        raise _fail(path, len(lines), f"no '发布时间:' line after the title (line {title_line})")
    article = SavedArticle(path=path, title=title, published_at=published_at, paragraphs=[],
                           notices=notices)
    seen: set[str] = set()
    for number in range(body_start, len(lines) + 1):
        text = lines[number - 1].strip()
        if not text:
            continue
        if text in seen:
            last = article.removed[-1] if article.removed else None
            heading = bool(HEADING.match(text))
            if last and last.section and not heading and last.line + last.paragraphs == number:
                last.paragraphs += 1
            else:
                article.removed.append(Removed(line=number, text=text, section=heading))
            continue
        seen.add(text)
        article.paragraphs.append(text)
    return article


def describe(removed: Removed) -> str:
    head = removed.text[:30] + ("…" if len(removed.text) > 30 else "")
    if removed.section:
        return (f"line {removed.line}: repeated section “{head}” "
                f"({removed.paragraphs} lines) removed")
    return f"line {removed.line}: repeated paragraph “{head}” removed"


def channel_of(kind: str) -> ChannelPage:
    channel = ChannelPage.objects.filter(kind=kind).first()
    if channel is None:
        raise ImportError_(f"no channel of kind {kind!r}; the portal's migration makes them")
    return channel
