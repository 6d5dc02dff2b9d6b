"""A labelled story set (``tests/data/stories``): reading it, and scoring the rules on it.

Each line of the JSON Lines file is an article with ``lang``, ``published``, ``headline``,
``lead``, ``source`` and its label (``story`` unless another field is named). The articles are
assigned online in order of publication, as the store assigns them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.stories.assign import Assignment, StoryAssigner
from bot.stories.metrics import ClusterScores, score_clusters
from bot.stories.similarity import ArticleFeatures, Thresholds, article_features

__all__ = ["LabelledArticle", "LabelledSetError", "evaluate", "load_labelled"]


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


def load_labelled(path: Path, label: str = "story") -> list[LabelledArticle]:
    """Read a labelled JSON Lines file, in order of publication, each article labelled by its
    field ``label`` (``story``; or another labelling of the same articles)."""
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
                    record["id"], record[label], record["source"], record["headline"], features
                )
            )
        except KeyError as error:
            raise LabelledSetError(
                f"{path}:{number}: no field {error.args[0]!r}; add it or remove the line"
            ) from error
        except ValueError as error:
            raise LabelledSetError(f"{path}:{number}: {error}; fix or remove the line") from error
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
