"""What the story rules can reach on a labelled set: precision and recall over a grid of thresholds.

A single score says how the fixed thresholds do; the frontier says whether *any* setting of them
does better. Every point of a grid of the thresholds that trade precision for recall is
scored, and the points no other point beats on both are kept (the Pareto frontier). If no point
of the frontier meets a target, no tuning of these thresholds will: the rules themselves must
change.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.stories.labelled import LabelledArticle, evaluate
from bot.stories.metrics import ClusterScores
from bot.stories.similarity import Thresholds

__all__ = [
    "DEFAULT_GRID",
    "FrontierPoint",
    "best_precision",
    "best_recall",
    "pareto",
    "score_grid",
    "threshold_grid",
]

#: The thresholds that trade precision for recall, and the values tried for each.
DEFAULT_GRID: dict[str, tuple[float, ...]] = {
    "event_score": (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7),
    "strong_event_score": (0.4, 0.5, 0.6, 0.8),
    "same_source_event_score": (0.5, 0.65, 0.8),
    "duplicate_jaccard": (0.5, 0.7),
}


@dataclass(frozen=True)
class FrontierPoint:
    """One setting of the thresholds and how it scores."""

    thresholds: Thresholds
    scores: ClusterScores

    @property
    def precision(self) -> float:
        return self.scores.pairwise_precision

    @property
    def recall(self) -> float:
        return self.scores.pairwise_recall


def threshold_grid(
    base: Thresholds, grid: dict[str, tuple[float, ...]] | None = None
) -> list[Thresholds]:
    """Every combination of the grid's values on top of ``base``, skipping the ones that are
    not a valid setting (a strong score below the plain one; the later limit below the first)."""
    values = grid if grid is not None else DEFAULT_GRID
    names = sorted(values)
    settings = []
    for combination in itertools.product(*(values[name] for name in names)):
        changes: dict[str, Any] = dict(zip(names, combination, strict=True))
        event = changes.get("event_score", base.event_score)
        if changes.get("strong_event_score", base.strong_event_score) < event:
            continue
        changes["late_event_score"] = max(base.late_event_score, event)
        settings.append(replace(base, **changes))
    return settings


def score_grid(
    articles: Sequence[LabelledArticle],
    settings: Iterable[Thresholds],
    progress: Callable[[int], None] | None = None,
) -> list[FrontierPoint]:
    """Score every setting on the articles; ``progress`` is told how many are done."""
    points = []
    for done, thresholds in enumerate(settings, start=1):
        scores, _ = evaluate(articles, thresholds)
        points.append(FrontierPoint(thresholds, scores))
        if progress is not None:
            progress(done)
    return points


def pareto(points: Iterable[FrontierPoint]) -> list[FrontierPoint]:
    """The points that no other point beats on both precision and recall, by rising recall
    (of points with equal scores the first is kept)."""
    ordered = sorted(points, key=lambda p: (-p.recall, -p.precision))
    kept: list[FrontierPoint] = []
    for point in ordered:
        if not kept or point.precision > kept[-1].precision:
            kept.append(point)
    return kept[::-1]


def best_precision(points: Iterable[FrontierPoint], min_recall: float) -> FrontierPoint | None:
    """The most precise point with at least ``min_recall``; None when no point gets there."""
    eligible = [p for p in points if p.recall >= min_recall]
    return max(eligible, key=lambda p: (p.precision, p.recall), default=None)


def best_recall(points: Iterable[FrontierPoint], min_precision: float) -> FrontierPoint | None:
    """The point of most recall with at least ``min_precision``; None when no point gets there."""
    eligible = [p for p in points if p.precision >= min_precision]
    return max(eligible, key=lambda p: (p.recall, p.precision), default=None)
