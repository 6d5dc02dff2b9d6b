"""Words that many news articles use, so that sharing one says little about sharing an event.

Two reports of different events often share a name every other article uses ('Россия',
'Москва', 'Trump', 'Friday'). :func:`is_common` tells such words apart by their document
share in a sample of news: the table ``common_words.tsv`` holds, per language, every lemma
(as :func:`bot.stories.text.article_words` makes it) found in at least ``MIN_SHARE`` of the
sample's articles, with that share. Rebuild it after changing the lemmas:

    python -m bot.stories.common_words SAMPLE.jsonl [...] > bot/stories/common_words.tsv

where each line of a sample is an article with ``lang``, ``headline`` and ``lead``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from bot.stories.text import article_words

__all__ = ["MIN_SHARE", "build_table", "is_common", "share"]

#: Words rarer than this in the sample are not listed (their share counts as 0).
MIN_SHARE = 0.005
_TABLE = "common_words.tsv"


@cache
def _table() -> dict[tuple[str, str], float]:
    text = resources.files("bot.stories").joinpath(_TABLE).read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            lang, word, value = line.split("\t")
            table[(lang, word)] = float(value)
    return table


def share(lang: str, word: str) -> float:
    """The share of sampled ``lang`` articles that use ``word`` (0.0 below ``MIN_SHARE``)."""
    return _table().get((lang, word), 0.0)


def is_common(lang: str, word: str, limit: float) -> bool:
    """Whether at least ``limit`` of the sampled news articles in ``lang`` use ``word``."""
    return share(lang, word) >= limit


def build_table(articles: Iterable[dict[str, str]]) -> list[tuple[str, str, float]]:
    """Each (language, lemma, document share) at or above ``MIN_SHARE``, most common first."""
    counts: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for article in articles:
        words = article_words(article["headline"], article["lead"])
        totals[article["lang"]] += 1
        for word in words.headline | words.lead | words.names:
            counts[(article["lang"], word)] += 1
    rows = [
        (lang, word, count / totals[lang])
        for (lang, word), count in counts.items()
        if count / totals[lang] >= MIN_SHARE
    ]
    return sorted(rows, key=lambda row: (row[0], -row[2], row[1]))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table for the JSON Lines samples named on the command line."""
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print("usage: python -m bot.stories.common_words SAMPLE.jsonl [...]", file=sys.stderr)
        return 2
    articles = [
        json.loads(line)
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    print(f"# document share of lemmas in {len(articles)} news articles (bot/stories/common_words)")
    for lang, word, value in build_table(articles):
        print(f"{lang}\t{word}\t{value:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
