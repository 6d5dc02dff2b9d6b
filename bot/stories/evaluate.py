"""Score story assignment on a labelled JSON Lines file (``tests/data/stories``).

    python -m bot.stories.evaluate tests/data/stories/dev.jsonl [--errors]

Each line is an article with ``story``, ``lang``, ``published``, ``headline`` and ``lead``. The
articles are assigned online in order of publication; the output gives pairwise and B-cubed
scores against the labels, and with ``--errors`` every wrong merge and missed pair with the
decision's reasons.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.stories.assign import Assignment, StoryAssigner
from bot.stories.metrics import ClusterScores, score_clusters
from bot.stories.similarity import (
    ArticleFeatures,
    StoryCore,
    Thresholds,
    article_features,
    same_story,
)

__all__ = ["LabelledArticle", "evaluate", "load_labelled", "main"]


class LabelledSetError(ValueError):
    """A line of the labelled file lacks a field or has an unreadable date."""


@dataclass(frozen=True)
class LabelledArticle:
    """One line of the labelled set."""

    id: str
    story: str
    source: str
    headline: str
    features: ArticleFeatures


def load_labelled(path: Path) -> list[LabelledArticle]:
    """Read a labelled JSON Lines file, in order of publication."""
    articles = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            features = article_features(
                record["lang"],
                datetime.fromisoformat(record["published"]),
                record["headline"],
                record["lead"],
                record.get("source", ""),
            )
            articles.append(
                LabelledArticle(
                    record["id"], record["story"], record["source"], record["headline"], features
                )
            )
        except (KeyError, ValueError) as error:
            raise LabelledSetError(f"{path}:{number}: {error!r}; fix or remove the line") from error
    articles.sort(key=lambda a: (a.features.published, a.id))
    return articles


def evaluate(
    articles: Sequence[LabelledArticle], thresholds: Thresholds
) -> tuple[ClusterScores, list[Assignment]]:
    """Assign the articles online and score the result; also return each article's assignment."""
    assigner = StoryAssigner(thresholds)
    assignments = [assigner.assign(article.features) for article in articles]
    predicted = [assignment.story for assignment in assignments]
    return score_clusters([a.story for a in articles], predicted), assignments


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


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m bot.stories.evaluate", description=__doc__)
    parser.add_argument("file", type=Path, help="labelled JSON Lines file")
    parser.add_argument("--errors", action="store_true", help="list wrong merges and misses")
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
        articles = load_labelled(args.file)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    scores, assignments = evaluate(articles, thresholds)
    print(f"{args.file}: {len(articles)} articles, {len(set(a.story for a in articles))} stories")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
