"""Online story assignment: articles in time order join the best matching story or start one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.stories.similarity import ArticleFeatures, Decision, StoryCore, Thresholds, same_story

__all__ = ["Assignment", "StoryAssigner"]


@dataclass(frozen=True)
class Assignment:
    """Which story an article went to, and the decision that put it there (None: new story)."""

    story: int
    decision: Decision | None


@dataclass
class StoryAssigner:
    """Keeps the cores of the stories seen so far and assigns each new article to one.

    Articles must come in order of publication; a story whose first article lies outside the
    window of the newest article is no longer a candidate.
    """

    thresholds: Thresholds = field(default_factory=Thresholds)
    cores: list[StoryCore] = field(default_factory=list)
    _open: list[int] = field(default_factory=list)

    def assign(self, article: ArticleFeatures) -> Assignment:
        """Join the open story whose core matches best, or start a new story."""
        window = self.thresholds.window_hours * 3600
        self._open = [
            i
            for i in self._open
            if (article.published - self.cores[i].first.published).total_seconds() <= window
        ]
        best: tuple[float, int, Decision] | None = None
        for index in self._open:
            decision = same_story(article, self.cores[index], self.thresholds)
            if decision.joins and (best is None or decision.score > best[0]):
                best = (decision.score, index, decision)
        if best is not None:
            self.cores[best[1]].add(article)
            return Assignment(best[1], best[2])
        self.cores.append(StoryCore(article, core_size=self.thresholds.core_size))
        self._open.append(len(self.cores) - 1)
        return Assignment(len(self.cores) - 1, None)

    def assign_all(self, articles: Iterable[ArticleFeatures]) -> list[Assignment]:
        """Assign articles in the given order (which must be the order of publication)."""
        return [self.assign(article) for article in articles]
