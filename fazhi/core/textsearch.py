"""Chinese full-text search tokens, the same on SQLite (FTS5) and PostgreSQL (tsvector 'simple').

Chinese has no spaces, so both databases index a space-separated string of jieba
``cut_for_search`` tokens (words plus the shorter words inside them: 卫生间 -> 卫生 卫生间),
and a query is cut the same way. A two-character word inside a sentence is then a token of its
own. Each Chinese character is indexed on its own too, so a query of one character (漏) finds
渗漏 as well as 漏水. Latin words and numbers are lower-cased; punctuation is dropped.

A query is never syntax: it is reduced to word terms, each quoted; a query with no term left
(``"``, ``*``, ``-``) matches nothing without asking the database.

Segmenting costs grow faster than the text (docs/measurements.md). So a document is indexed from its first
``INDEX_CHARS`` characters, cut into runs of at most ``RUN_CHARS`` between punctuation or
spaces, which keeps the cost linear in the (capped) length whatever the text.
"""

from __future__ import annotations

import re
from functools import cache

_WORD = re.compile(r"[\w]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_RUN = re.compile(r"[^\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20,.;:!?()\"'/\\]+")

INDEX_CHARS = 50_000  # of one document, all its parts together
RUN_CHARS = 200  # a run longer than this (no punctuation in 200 characters) is cut blindly


@cache
def _jieba():  # loading the dictionary takes a second: do it once, on first use
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for token in _jieba().cut_for_search(text or ""):
        token = token.strip().lower()
        if token and _WORD.fullmatch(token):
            out.append(token)
    return out


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    for run in _RUN.findall(text):
        runs.extend(run[i:i + RUN_CHARS] for i in range(0, len(run), RUN_CHARS))
    return runs


def index_text(*parts: str) -> str:
    """The string stored in the index for a document made of ``parts`` (the first
    ``INDEX_CHARS`` characters of them)."""
    seen: dict[str, None] = {}
    budget = INDEX_CHARS
    for part in parts:
        part = (part or "")[:budget]
        budget -= len(part)
        for run in _runs(part):
            for token in _tokens(run):
                seen.setdefault(token, None)
        for char in _CJK.findall(part):
            seen.setdefault(char, None)
        if budget <= 0:
            break
    return " ".join(seen)


def query_terms(query: str) -> list[str]:
    """The terms a document must all contain to match ``query`` (empty: match nothing).
    Single Chinese characters (的, 了) match almost everything, so they count only when the
    query has nothing else (a search for 漏 alone)."""
    words: list[str] = []
    singles: list[str] = []
    for token in _jieba().cut(query or ""):
        token = token.strip().lower()
        if not token or not _WORD.fullmatch(token):
            continue
        terms = singles if _CJK.search(token) and len(token) == 1 else words
        if token not in terms:
            terms.append(token)
    return words or singles


def _single(term: str) -> bool:
    return len(term) == 1 and bool(_CJK.match(term))


def fts5_match(query: str, *, prefix: bool = True) -> str:
    """An FTS5 MATCH expression (each term quoted, so user input is never syntax); a single
    character also matches the words it starts, for rows indexed before characters were
    (``prefix=False``: an index that always held them, which spares merging every word the
    character starts)."""
    return " AND ".join('"' + t.replace('"', '""') + '"' + ("*" if prefix and _single(t) else "")
                        for t in query_terms(query))


def tsquery(query: str, *, prefix: bool = True) -> str:
    """A to_tsquery('simple', ...) expression with the same terms."""
    return " & ".join("'" + t.replace("'", "''").replace("\\", "") + "'"
                      + (":*" if prefix and _single(t) else "")
                      for t in query_terms(query))
