"""The story rules as the store applies them (:class:`storage.models.StoryMatcher`).

Storage keeps the stories, their cores and the candidate index, and imports nothing of ``bot``;
the Library is handed a :class:`LexicalStoryMatcher`, which turns stored headlines and leads into
:func:`~bot.stories.similarity.article_features` and decides with
:func:`~bot.stories.similarity.same_story`. Features are recomputed from the text (kept in a
small cache, as core members are read again for every article they are a candidate for), so a
change of the rules needs no migration: ``digest-bot stories --rebuild`` applies it.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from bot.stories.minhash import band_keys
from bot.stories.similarity import (
    ArticleFeatures,
    StoryCore,
    TextFeatures,
    Thresholds,
    article_features,
    same_story,
    text_features,
)
from storage.models import StoryCandidate, StoryKeys, StoryText

__all__ = [
    "CORE_CACHE_SIZE",
    "DUPLICATE_KEY_CACHE_SIZE",
    "FEATURE_CACHE_SIZE",
    "LexicalStoryMatcher",
    "PreparedText",
    "prepare_text",
]

#: Articles whose features are kept: several windows' worth of story cores.
FEATURE_CACHE_SIZE = 8192
#: Story cores kept with their centroid and names computed.
CORE_CACHE_SIZE = 4096
#: Articles whose near-duplicate keys are kept (2.5 kB each; an article's are read when it is
#: stored): more than ingest's stored batch (``bot.intake.export.BATCH_SIZE``, 500), so keys
#: handed to :meth:`LexicalStoryMatcher.remember` are there when their article is stored.
DUPLICATE_KEY_CACHE_SIZE = 2048

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Cache(Generic[K, V]):
    """Values computed from their key, the ``size`` most recently used kept."""

    def __init__(self, compute: Callable[[K], V], size: int) -> None:
        self._compute = compute
        self._size = size
        self._values: OrderedDict[K, V] = OrderedDict()

    def __call__(self, key: K) -> V:
        found = self._values.get(key)
        if found is not None:
            self._values.move_to_end(key)
            return found
        value = self._compute(key)
        self.put(key, value)
        return value

    def put(self, key: K, value: V) -> None:
        """Keep ``value``, computed elsewhere, as the value of ``key``."""
        self._values[key] = value
        self._values.move_to_end(key)
        if len(self._values) > self._size:
            self._values.popitem(last=False)


@dataclass(frozen=True)
class PreparedText:
    """A headline and lead's share of the story work that needs no library: their features
    and near-duplicate keys. Ingest computes it in its extraction workers
    (:func:`prepare_text`) and hands it to :meth:`LexicalStoryMatcher.remember`, so the one
    process that writes the library does not."""

    features: TextFeatures
    duplicate_keys: tuple[str, ...]


def prepare_text(headline: str, lead: str) -> PreparedText:
    """The :class:`PreparedText` of a headline and lead (pure: runs in any process)."""
    features = text_features(headline, lead)
    return PreparedText(features, tuple(band_keys(features.signature)))


@dataclass
class _MemoCore(StoryCore):
    """A core whose centroid and names are computed once: a stored core is weighed against
    every article it is a candidate for, and a change of its members makes another core."""

    _centroid: dict[str, float] | None = field(default=None, repr=False, compare=False)
    _names: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def centroid(self) -> dict[str, float]:
        if self._centroid is None:
            self._centroid = super().centroid()
        return self._centroid

    def names(self) -> frozenset[str]:
        if self._names is None:
            self._names = super().names()
        return self._names


class LexicalStoryMatcher:
    """Near-duplicates by MinHash, the same event by weighted words and names (``same_story``)."""

    def __init__(
        self,
        thresholds: Thresholds | None = None,
        *,
        feature_cache: int = FEATURE_CACHE_SIZE,
        core_cache: int = CORE_CACHE_SIZE,
    ) -> None:
        self.thresholds = thresholds or Thresholds()
        self._texts: _Cache[tuple[str, str], TextFeatures] = _Cache(
            lambda key: text_features(*key), feature_cache
        )
        self._duplicate_keys: _Cache[tuple[str, str], tuple[str, ...]] = _Cache(
            lambda key: tuple(band_keys(self._texts(key).signature)), DUPLICATE_KEY_CACHE_SIZE
        )
        self._features = _Cache(self._article_features, feature_cache)
        self._core = _Cache(self._build_core, core_cache)

    @classmethod
    def for_window(cls, window_hours: float) -> LexicalStoryMatcher:
        """The default rules with ``[stories] window_hours``."""
        return cls(Thresholds(window_hours=window_hours))

    @property
    def window(self) -> dt.timedelta:
        return dt.timedelta(hours=self.thresholds.window_hours)

    @property
    def core_size(self) -> int:
        return self.thresholds.core_size

    def features(self, text: StoryText) -> ArticleFeatures:
        """The article's features, computed once while they stay in the cache."""
        return self._features(text)

    def remember(self, headline: str, lead: str, prepared: PreparedText) -> None:
        """Use ``prepared`` (computed elsewhere by :func:`prepare_text`) for this headline and
        lead when the article is stored."""
        self._texts.put((headline, lead), prepared.features)
        self._duplicate_keys.put((headline, lead), prepared.duplicate_keys)

    def _article_features(self, text: StoryText) -> ArticleFeatures:
        return article_features(
            text.lang,
            text.published,
            text.headline,
            text.lead,
            source=text.source,
            text=self._texts((text.headline, text.lead)),
        )

    def _build_core(self, members: tuple[StoryText, ...]) -> StoryCore:
        features = [self.features(member) for member in members]
        return _MemoCore(features[0], core_size=self.core_size, members=features)

    def keys(self, text: StoryText) -> StoryKeys:
        """Band keys of the MinHash signature; the words of the headline and the names (a
        report of the same event shares one of them with the story's core, as the event score
        weighs headline words highest and asks for a shared name)."""
        words = self.features(text).words
        terms = words.headline | words.names
        duplicate = self._duplicate_keys((text.headline, text.lead))
        return StoryKeys(duplicate=duplicate, terms=tuple(sorted(terms)))

    def best_story(self, text: StoryText, candidates: Sequence[StoryCandidate]) -> int | None:
        """The candidate whose core the article matches best, None if it matches none."""
        article = self.features(text)
        best: tuple[float, int] | None = None
        for candidate in candidates:
            decision = same_story(article, self._core(candidate.core), self.thresholds)
            if decision.joins and (best is None or decision.score > best[0]):
                best = (decision.score, candidate.story_id)
        return best[1] if best is not None else None
