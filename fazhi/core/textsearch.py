"""Chinese full-text search tokens, the same on SQLite (FTS5) and PostgreSQL (tsvector 'simple').

Chinese has no spaces, so both databases index a space-separated string of jieba
``cut_for_search`` tokens (words plus the shorter words inside them: 卫生间 -> 卫生 卫生间),
and a query is cut the same way. A two-character word inside a sentence is then a token of its
own. Latin words and numbers are lower-cased; punctuation is dropped.
"""

from __future__ import annotations

import re
from functools import cache

_WORD = re.compile(r"[\w]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")


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


def index_text(*parts: str) -> str:
    """The string stored in the index for a document made of ``parts``."""
    seen: dict[str, None] = {}
    for part in parts:
        for token in _tokens(part):
            seen.setdefault(token, None)
    return " ".join(seen)


def query_terms(query: str) -> list[str]:
    """The terms a document must all contain to match ``query`` (empty: match nothing)."""
    terms: list[str] = []
    for token in _jieba().cut(query or ""):
        token = token.strip().lower()
        if not token or not _WORD.fullmatch(token):
            continue
        if _CJK.search(token) and len(token) == 1:
            continue  # single characters (的, 了) match almost everything
        if token not in terms:
            terms.append(token)
    return terms


def fts5_match(query: str) -> str:
    """An FTS5 MATCH expression (each term quoted, so user input is never syntax)."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in query_terms(query))


def tsquery(query: str) -> str:
    """A to_tsquery('simple', ...) expression with the same terms."""
    return " & ".join("'" + t.replace("'", "''").replace("\\", "") + "'"
                      for t in query_terms(query))
