"""The search query language compiled to a PostgreSQL ``tsquery`` expression. Pure.

:func:`storage.query.parse_query` reads the user's text once for both engines; its included
phrases (``ParsedQuery.clauses``) and the exclusions that follow them in ``match`` are FTS5
strings (double-quoted, ``*`` for a prefix). Each becomes a tsquery here:

* a word or ``"phrase"``: ``phraseto_tsquery`` in ``digest_bot_simple`` (the words as written,
  accents removed) OR'ed with the same in every stemming configuration an article can be
  indexed with, so ``running`` finds ``run`` as FTS5's porter stemmer does (unless that
  configuration drops one of its words as a stop word);
* ``prefix*``: the words as written, the last one a ``:*`` prefix;
* clauses are AND'ed (``&&``), alternatives OR'ed (``||``), exclusions AND NOT'ed (``&& !!``).

The user's text only ever travels as bound parameters: the SQL is built from this module's own
fragments, and a prefix's words are quoted lexemes made of word characters only.
"""

from __future__ import annotations

import re

from storage.query import ParsedQuery

__all__ = ["STEMMING_CONFIGS", "compile_tsquery"]

#: Every configuration ``digest_bot_stemming`` (schema ``pg1_base``) can give an article.
STEMMING_CONFIGS = ("english", "russian", "german", "french", "spanish")

_FTS_STRING = re.compile(r'"((?:[^"]|"")*)"(\*?)')
_WORD = re.compile(r"\w+")


def _phrases(fts: str) -> list[tuple[str, bool]]:
    """The (text, is_prefix) of each FTS5 string in ``fts``, in order."""
    return [(text.replace('""', '"'), star == "*") for text, star in _FTS_STRING.findall(fts)]


def _term(text: str, prefix: bool, name: str, params: dict[str, object]) -> str:
    if prefix:
        words = _WORD.findall(text.lower())
        params[name] = " <-> ".join(f"'{word}'" for word in words) + ":*"
        return f"to_tsquery('digest_bot_simple', :{name})"
    params[name] = text
    as_written = f"phraseto_tsquery('digest_bot_simple', :{name})"
    stemmed = [
        # A configuration that drops a word as a stop word ("war" in German) would turn the
        # phrase into a shorter one: it then adds nothing to the words as written.
        f"CASE WHEN numnode(phraseto_tsquery('{config}', :{name})) = numnode({as_written}) "
        f"THEN phraseto_tsquery('{config}', :{name}) ELSE {as_written} END"
        for config in STEMMING_CONFIGS
    ]
    return "(" + " || ".join([as_written, *stemmed]) + ")"


def compile_tsquery(parsed: ParsedQuery) -> tuple[str, dict[str, object]] | None:
    """A SQL expression of type tsquery for ``parsed`` and its parameters (``tq0``, ``tq1``,
    ...); None when the query has nothing to match."""
    if parsed.match is None:
        return None
    params: dict[str, object] = {}
    counter = iter(range(1_000_000))

    def term(text: str, prefix: bool) -> str:
        return _term(text, prefix, f"tq{next(counter)}", params)

    clauses = []
    for clause in parsed.clauses:
        alternatives = [term(text, prefix) for text, prefix in _phrases(" ".join(clause))]
        clauses.append(
            alternatives[0] if len(alternatives) == 1 else f"({' || '.join(alternatives)})"
        )
    included = sum(len(clause) for clause in parsed.clauses)
    excluded = [term(text, prefix) for text, prefix in _phrases(parsed.match)[included:]]
    return " && ".join([*clauses, *(f"!!{part}" for part in excluded)]), params
