"""Pairwise and B-cubed precision and recall of a clustering against gold labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["ClusterScores", "score_clusters"]


@dataclass(frozen=True)
class ClusterScores:
    """Pairwise precision/recall (of 'same story' pairs) and B-cubed precision/recall/F1."""

    pairwise_precision: float
    pairwise_recall: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    gold_pairs: int
    predicted_pairs: int


def _pairs(sizes: Mapping[Any, int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def score_clusters(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> ClusterScores:
    """Compare two labellings of the same items (the i-th label of each is the i-th item's).

    A measure with nothing to measure (no predicted pair, no gold pair) counts as 1.0.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predicted ones")
    gold_sizes = Counter(gold)
    predicted_sizes = Counter(predicted)
    both = Counter(zip(gold, predicted, strict=True))
    correct_pairs = _pairs(both)
    gold_pairs = _pairs(gold_sizes)
    predicted_pairs = _pairs(predicted_sizes)
    bcubed_p = sum(both[(g, p)] / predicted_sizes[p] for g, p in zip(gold, predicted, strict=True))
    bcubed_r = sum(both[(g, p)] / gold_sizes[g] for g, p in zip(gold, predicted, strict=True))
    n = len(gold) or 1
    bp, br = bcubed_p / n, bcubed_r / n
    return ClusterScores(
        pairwise_precision=correct_pairs / predicted_pairs if predicted_pairs else 1.0,
        pairwise_recall=correct_pairs / gold_pairs if gold_pairs else 1.0,
        bcubed_precision=bp,
        bcubed_recall=br,
        bcubed_f1=2 * bp * br / (bp + br) if bp + br else 0.0,
        gold_pairs=gold_pairs,
        predicted_pairs=predicted_pairs,
    )
