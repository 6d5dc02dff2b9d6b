"""Score story assignment on a labelled JSON Lines file (``tests/data/stories``).

    python -m bot.stories.evaluate tests/data/stories/dev.jsonl [--errors] [--frontier]

The articles are assigned online in order of publication (:mod:`bot.stories.labelled`); the
output gives pairwise and B-cubed scores against the labels, with ``--errors`` every wrong merge
and missed pair with the decision's reasons, and with ``--frontier`` the best that any setting
of the thresholds reaches (:mod:`bot.stories.frontier`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.stories.assign import Assignment
from bot.stories.frontier import (
    FrontierPoint,
    best_precision,
    best_recall,
    pareto,
    score_grid,
    threshold_grid,
)
from bot.stories.labelled import LabelledArticle, evaluate, load_labelled
from bot.stories.similarity import StoryCore, Thresholds, same_story

__all__ = ["main"]

#: The targets of issue 15, on a blind set: pairwise precision and recall.
TARGET_PRECISION = 0.95
TARGET_RECALL = 0.85


def _print_errors(
    articles: Sequence[LabelledArticle], assignments: Sequence[Assignment], thresholds: Thresholds
) -> None:
    predicted = [assignment.story for assignment in assignments]
    first_of: dict[int, LabelledArticle] = {}
    for article, story in zip(articles, predicted, strict=True):
        first_of.setdefault(story, article)
    for article, assignment in zip(articles, assignments, strict=True):
        first = first_of[assignment.story]
        if first is not article and first.story != article.story:
            print(f"WRONG MERGE  {article.headline!r}\n    into     {first.headline!r}")
            if assignment.decision is not None:
                print(f"    reasons  {'; '.join(assignment.decision.reasons)}")
    seen: dict[str, tuple[LabelledArticle, int]] = {}
    for article, story in zip(articles, predicted, strict=True):
        if article.story in seen and seen[article.story][1] != story:
            earlier = seen[article.story][0]
            core = StoryCore(earlier.features, core_size=thresholds.core_size)
            decision = same_story(article.features, core, thresholds)
            print(f"MISSED       {article.headline!r}\n    vs       {earlier.headline!r}")
            print(f"    reasons  {'; '.join(decision.reasons)}")
        seen.setdefault(article.story, (article, story))


def _describe(point: FrontierPoint | None, base: Thresholds) -> str:
    if point is None:
        return "no setting of the grid"
    t = point.thresholds
    changed = [
        f"{name}={getattr(t, name):g}"
        for name in ("event_score", "strong_event_score", "same_source_event_score")
        + ("duplicate_jaccard",)
        if getattr(t, name) != getattr(base, name)
    ]
    return f"P {point.precision:.3f} R {point.recall:.3f} ({', '.join(changed) or 'as fixed'})"


def _print_frontier(articles: Sequence[LabelledArticle], base: Thresholds) -> None:
    settings = threshold_grid(base)

    step = max(1, len(settings) // 10)

    def progress(done: int) -> None:
        if done % step == 0 or done == len(settings):
            print(f"scored {done}/{len(settings)} settings", file=sys.stderr, flush=True)

    points = score_grid(articles, settings, progress)
    print(f"frontier over {len(settings)} settings (pairwise recall: best precision):")
    for point in pareto(points):
        print(f"  {_describe(point, base)}")
    at_recall = best_precision(points, TARGET_RECALL)
    at_precision = best_recall(points, TARGET_PRECISION)
    print(f"best precision at recall >= {TARGET_RECALL}: {_describe(at_recall, base)}")
    print(f"best recall at precision >= {TARGET_PRECISION}: {_describe(at_precision, base)}")
    reached = at_recall is not None and at_recall.precision >= TARGET_PRECISION
    print(
        f"targets (P >= {TARGET_PRECISION}, R >= {TARGET_RECALL}): "
        f"{'reached' if reached else 'not reached by any setting of these rules'}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m bot.stories.evaluate", description=__doc__)
    parser.add_argument("file", type=Path, help="labelled JSON Lines file")
    parser.add_argument("--errors", action="store_true", help="list wrong merges and misses")
    parser.add_argument(
        "--frontier",
        action="store_true",
        help="also score a grid of thresholds and print the best precision/recall trade-offs",
    )
    parser.add_argument(
        "--label", default="story", help="the field that holds the label (default: story)"
    )
    defaults = Thresholds()
    parser.add_argument("--duplicate-jaccard", type=float, default=defaults.duplicate_jaccard)
    parser.add_argument("--event-score", type=float, default=defaults.event_score)
    parser.add_argument("--strong-event-score", type=float, default=defaults.strong_event_score)
    parser.add_argument("--min-shared-names", type=int, default=defaults.min_shared_names)
    parser.add_argument("--core-size", type=int, default=defaults.core_size)
    parser.add_argument("--window-hours", type=float, default=defaults.window_hours)
    args = parser.parse_args(argv)
    try:
        thresholds = Thresholds(
            window_hours=args.window_hours,
            duplicate_jaccard=args.duplicate_jaccard,
            event_score=args.event_score,
            min_shared_names=args.min_shared_names,
            strong_event_score=args.strong_event_score,
            core_size=args.core_size,
        )
        articles = load_labelled(args.file, args.label)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    scores, assignments = evaluate(articles, thresholds)
    stories = len({a.story for a in articles})
    print(f"{args.file}: {len(articles)} articles, {stories} labels in field {args.label!r}")
    print(f"thresholds: {thresholds}")
    print(
        f"pairwise precision {scores.pairwise_precision:.3f} recall {scores.pairwise_recall:.3f} "
        f"(gold pairs {scores.gold_pairs}, predicted pairs {scores.predicted_pairs})"
    )
    print(
        f"B-cubed precision {scores.bcubed_precision:.3f} recall {scores.bcubed_recall:.3f} "
        f"F1 {scores.bcubed_f1:.3f}"
    )
    if args.errors:
        _print_errors(articles, assignments, thresholds)
    if args.frontier:
        _print_frontier(articles, thresholds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
