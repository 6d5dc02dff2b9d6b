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
from collections.abc import Sequence

from bot.stories.minhash import band_keys
from bot.stories.similarity import (
    ArticleFeatures,
    StoryCore,
    Thresholds,
    article_features,
    same_story,
)
from storage.models import StoryCandidate, StoryKeys, StoryText

__all__ = ["FEATURE_CACHE_SIZE", "LexicalStoryMatcher"]

#: Articles whose features are kept: several windows' worth of story cores.
FEATURE_CACHE_SIZE = 8192


class LexicalStoryMatcher:
    """Near-duplicates by MinHash, the same event by weighted words and names (``same_story``)."""

    def __init__(
        self, thresholds: Thresholds | None = None, *, cache_size: int = FEATURE_CACHE_SIZE
    ) -> None:
        self.thresholds = thresholds or Thresholds()
        self._cache: OrderedDict[StoryText, ArticleFeatures] = OrderedDict()
        self._cache_size = cache_size

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
        """The article's features, computed once while it stays in the cache."""
        found = self._cache.get(text)
        if found is not None:
            self._cache.move_to_end(text)
            return found
        features = article_features(
            text.lang, text.published, text.headline, text.lead, source=text.source
        )
        self._cache[text] = features
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return features

    def keys(self, text: StoryText) -> StoryKeys:
        """Band keys of the MinHash signature, and the content words of headline and lead."""
        features = self.features(text)
        return StoryKeys(
            duplicate=tuple(band_keys(features.signature)), terms=tuple(sorted(features.weights))
        )

    def best_story(self, text: StoryText, candidates: Sequence[StoryCandidate]) -> int | None:
        """The candidate whose core the article matches best, None if it matches none."""
        article = self.features(text)
        best: tuple[float, int] | None = None
        for candidate in candidates:
            members = [self.features(member) for member in candidate.core]
            core = StoryCore(members[0], core_size=self.core_size, members=members)
            decision = same_story(article, core, self.thresholds)
            if decision.joins and (best is None or decision.score > best[0]):
                best = (decision.score, candidate.story_id)
        return best[1] if best is not None else None
