"""Whether an article reports the same story as a story's core, and why.

Two kinds of sameness join an article to a story:

- a **near-duplicate**: the MinHash estimate of the Jaccard similarity of the word shingles of
  headline and lead, against the story's first article, reaches ``duplicate_jaccard`` and the
  headlines share ``duplicate_headline_overlap`` of their words (a boilerplate lead is no copy);
- the **same event**: within ``window_hours`` of the story's first article, the weighted word
  overlap with the story's core reaches ``event_score`` (``same_source_event_score`` when both
  come from one outlet), at least ``min_shared_names`` names are shared that not every other
  article uses (``common_name_share``), and the headlines' numbers and names do not
  contradict each other (another draw, another opponent).

The core is the centroid of the story's first ``core_size`` members (each word weighted by the
share of them that use it), never the latest member, so a chain of weak links cannot pull
unrelated articles into one story. Every decision carries the evidence it rests on.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.stories.common_words import is_common
from bot.stories.minhash import estimated_jaccard, shingles, signature
from bot.stories.text import ArticleWords, article_words

__all__ = [
    "ArticleFeatures",
    "Decision",
    "StoryCore",
    "TextFeatures",
    "Thresholds",
    "article_features",
    "event_similarity",
    "same_story",
    "text_features",
]

#: How much a shared word counts, by where it stands and what it is.
_HEADLINE_WEIGHT = 3.0
_LEAD_WEIGHT = 1.0
_NAME_BONUS = 0.5
_NUMBER_BONUS = 1.0
#: Two words sharing this many first letters are taken for one stem in the names check.
_STEM = 5


@dataclass(frozen=True)
class Thresholds:
    """The decision's limits; the defaults were fixed on ``tests/data/stories/dev.jsonl``."""

    window_hours: float = 48.0
    duplicate_jaccard: float = 0.5
    event_score: float = 0.3
    #: The event score needed rises linearly from ``event_score`` for articles published
    #: together to this at ``window_hours`` apart: a later report must be closer to the core,
    #: for a follow-up on the next day shares names and words with the first report.
    late_event_score: float = 0.7
    min_shared_names: int = 1
    #: An event score this high joins without a shared name (names went undetected).
    strong_event_score: float = 0.5
    core_size: int = 3
    #: A near-duplicate must also share this share of the shorter headline's content words:
    #: one outlet's articles often open with the same boilerplate lead ('Keep up to date with
    #: all the latest news from ...'), which makes unrelated items look like copies.
    duplicate_headline_overlap: float = 0.34
    #: Two articles of one source (when known) join only as near-duplicates or at this event
    #: score: an outlet seldom reports one event twice, but often writes several items on one
    #: topic in one hour (statements of one press conference, deals of one sale).
    same_source_event_score: float = 0.65
    #: A name that at least this share of news articles use ('Россия', 'Trump', 'Friday')
    #: does not count as a shared name (:mod:`bot.stories.common_words`).
    common_name_share: float = 0.02

    def __post_init__(self) -> None:
        if self.window_hours <= 0:
            raise ValueError(f"window_hours must be positive, not {self.window_hours}")
        for name in (
            "duplicate_jaccard",
            "event_score",
            "late_event_score",
            "strong_event_score",
            "same_source_event_score",
            "common_name_share",
        ):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must lie in (0, 1], not {value}")
        overlap = self.duplicate_headline_overlap
        if not 0.0 <= overlap <= 1.0:
            raise ValueError(f"duplicate_headline_overlap must lie in [0, 1], not {overlap}")
        if self.core_size < 1:
            raise ValueError(f"core_size must be at least 1, not {self.core_size}")


@dataclass(frozen=True)
class TextFeatures:
    """What a headline and lead say, whoever published them and when: the costly part of an
    article's features, computed once (in an ingest worker, or on first use)."""

    words: ArticleWords
    #: Each content word of headline and lead with its weight.
    weights: Mapping[str, float]
    #: The MinHash signature, as 32-bit values (an array: a tuple of Python ints took 4.5 kB of
    #: the ~8 kB a cached text's features cost).
    signature: Sequence[int]


@dataclass(frozen=True)
class ArticleFeatures:
    """What the decision needs to know of one article."""

    lang: str
    published: datetime
    text: TextFeatures
    #: The outlet or feed the article came from; empty when unknown (then no source rule).
    source: str = ""

    @property
    def words(self) -> ArticleWords:
        return self.text.words

    @property
    def weights(self) -> Mapping[str, float]:
        """Each content word of headline and lead with its weight."""
        return self.text.weights

    @property
    def signature(self) -> Sequence[int]:
        return self.text.signature


def _weights(words: ArticleWords) -> dict[str, float]:
    weights: dict[str, float] = {}
    for word in words.lead:
        weights[word] = _LEAD_WEIGHT
    for word in words.headline:
        weights[word] = _HEADLINE_WEIGHT
    for word in list(weights):
        if word in words.names:
            weights[word] += _NAME_BONUS
        elif word in words.numbers:
            weights[word] += _NUMBER_BONUS
    return weights


def text_features(headline: str, lead: str) -> TextFeatures:
    """The words, weights and MinHash signature of a headline and lead."""
    words = article_words(headline, lead)
    return TextFeatures(words, _weights(words), array("I", signature(shingles(words.sequence))))


def article_features(
    lang: str,
    published: datetime,
    headline: str,
    lead: str,
    source: str = "",
    *,
    text: TextFeatures | None = None,
) -> ArticleFeatures:
    """Compute an article's features once; ``published`` must carry its time zone. ``source``
    (the outlet or feed, optional) lets :func:`same_story` apply the same-source rule.
    ``text``: :func:`text_features` of this headline and lead, when already computed."""
    if published.tzinfo is None:
        raise ValueError(
            f"published time {published.isoformat()} has no time zone; give it one (UTC if unknown)"
        )
    if text is None:
        text = text_features(headline, lead)
    return ArticleFeatures(lang=lang, published=published, text=text, source=source)


@dataclass
class StoryCore:
    """A story's first article and the centroid of its first members."""

    first: ArticleFeatures
    core_size: int = 3
    members: list[ArticleFeatures] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.members:
            self.members.append(self.first)

    def add(self, article: ArticleFeatures) -> None:
        """Count a new member into the centroid while the core is not yet full."""
        if len(self.members) < self.core_size:
            self.members.append(article)

    def centroid(self) -> dict[str, float]:
        """Each word's weight, times the share of core members that use it."""
        total: dict[str, float] = {}
        for member in self.members:
            for word, weight in member.weights.items():
                total[word] = total.get(word, 0.0) + weight
        return {word: weight / len(self.members) for word, weight in total.items()}

    def names(self) -> frozenset[str]:
        """The names of the first article and those used by most core members."""
        counts: dict[str, int] = {}
        for member in self.members:
            for name in member.words.names:
                counts[name] = counts.get(name, 0) + 1
        majority = {n for n, c in counts.items() if 2 * c > len(self.members)}
        return self.first.words.names | majority


def event_similarity(article: ArticleFeatures, centroid: Mapping[str, float]) -> float:
    """The cosine of the article's word weights and the core's centroid, in [0, 1]."""
    dot = sum(weight * centroid.get(word, 0.0) for word, weight in article.weights.items())
    norm = math.sqrt(sum(w * w for w in article.weights.values())) * math.sqrt(
        sum(w * w for w in centroid.values())
    )
    return dot / norm if norm else 0.0


@dataclass(frozen=True)
class Decision:
    """Whether the article joins the story, its event score, and the evidence, in words."""

    joins: bool
    score: float
    reasons: tuple[str, ...]


def _numbers_conflict(article: ArticleFeatures, core: StoryCore) -> bool:
    """Both headlines state numbers and share none: another draw, match or quarter."""
    mine = article.words.numbers & article.words.headline
    theirs = core.first.words.numbers & core.first.words.headline
    return bool(
        mine
        and theirs
        and not mine & core.first.words.numbers
        and not theirs & article.words.numbers
    )


#: Capital letters that look alike in Latin and Cyrillic, so 'ATP' typed with Cyrillic
#: letters ('АТР') is the same acronym.
_LOOKALIKES = str.maketrans("авекмнорстух", "abekmhopctyx")


def _skeleton(word: str) -> str:
    return word.translate(_LOOKALIKES)


def _mentions(article: ArticleFeatures, word: str) -> bool:
    """Whether the article uses ``word`` or a word of the same stem ('Клинцы', 'клинцовский'),
    also when written with look-alike letters of the other alphabet."""
    known = article.words.names | set(article.weights)
    if word in known or any(w[:_STEM] == word[:_STEM] for w in known if len(w) >= _STEM):
        return True
    skeleton = _skeleton(word)
    return any(_skeleton(name) == skeleton for name in article.words.names)


def _headline_names(article: ArticleFeatures) -> frozenset[str]:
    return article.words.names & article.words.headline


def _names_conflict(article: ArticleFeatures, core: StoryCore) -> list[str]:
    """Names that each headline has and the other article does not mention at all: another
    player, company or session ('Albon' against 'Vettel'). Empty if either side has none, or
    if the headlines share more names than differ (a tag like 'VIDEO' or 'AFCON' in one
    headline is not another event)."""
    mine = {n for n in _headline_names(article) if not _mentions(core.first, n)}
    theirs = {n for n in _headline_names(core.first) if not _mentions(article, n)}
    shared = _headline_names(article) & _headline_names(core.first)
    if mine and theirs and len(mine | theirs) >= len(shared):
        return sorted(mine | theirs)
    return []


def _headline_overlap(article: ArticleFeatures, other: ArticleFeatures) -> float:
    """The share of the shorter headline's content words that the other headline has too."""
    mine, theirs = article.words.headline, other.words.headline
    shorter = min(len(mine), len(theirs))
    return len(mine & theirs) / shorter if shorter else 0.0


def same_story(
    article: ArticleFeatures, core: StoryCore, thresholds: Thresholds | None = None
) -> Decision:
    """Decide whether ``article`` reports the story whose core is ``core``."""
    limits = thresholds or Thresholds()
    hours = abs((article.published - core.first.published).total_seconds()) / 3600
    if hours > limits.window_hours:
        return Decision(False, 0.0, (f"{hours:.0f} h apart, window {limits.window_hours:g} h",))
    if article.lang != core.first.lang:
        return Decision(False, 0.0, (f"language {article.lang} is not {core.first.lang}",))
    jaccard = estimated_jaccard(article.signature, core.first.signature)
    needed = limits.event_score + (limits.late_event_score - limits.event_score) * min(
        1.0, hours / limits.window_hours
    )
    score = event_similarity(article, core.centroid())
    if jaccard < limits.duplicate_jaccard and score < needed:
        # Most candidates end here: the rules below can only refuse a join, never make one.
        return Decision(
            False,
            score,
            (
                f"event score {score:.2f} (limit {needed:.2f} at {hours:.0f} h)",
                f"shingle Jaccard {jaccard:.2f}",
            ),
        )
    conflicts = []
    numbers_differ = _numbers_conflict(article, core)
    if numbers_differ:
        conflicts.append("headline numbers differ")
    other_names = _names_conflict(article, core)
    if other_names:
        conflicts.append(f"headline names differ: {', '.join(other_names)}")
    if (
        jaccard >= limits.duplicate_jaccard
        and _headline_overlap(article, core.first) >= limits.duplicate_headline_overlap
        and not conflicts
    ):
        return Decision(True, 1.0, (f"near-duplicate: shingle Jaccard {jaccard:.2f}",))
    if article.source and article.source == core.first.source:
        needed = max(needed, limits.same_source_event_score)
        conflicts.append(f"same source {article.source!r}: limit {needed:.2f}")
    shared_names = sorted(
        name
        for name in article.words.names & core.names()
        if not is_common(article.lang, name, limits.common_name_share)
    )
    shared_numbers = sorted(article.words.numbers & core.first.words.numbers)
    shared_words = sorted(set(article.weights) & set(core.first.weights))
    reasons = [
        f"event score {score:.2f} (limit {needed:.2f} at {hours:.0f} h)",
        f"names: {', '.join(shared_names) or 'none'}",
        f"numbers: {', '.join(shared_numbers) or 'none'}",
        f"words: {', '.join(shared_words[:12]) or 'none'}",
        f"shingle Jaccard {jaccard:.2f}",
        *conflicts,
    ]
    joins = (
        score >= needed
        and (len(shared_names) >= limits.min_shared_names or score >= limits.strong_event_score)
        and not numbers_differ
        and not other_names
    )
    return Decision(joins, score, tuple(reasons))
