"""MinHash estimates and band keys; pairwise and B-cubed scores; the package's public names."""

from __future__ import annotations

import pytest

import bot.stories
from bot.stories import band_keys, estimated_jaccard, score_clusters, shingles, signature
from bot.stories.text import tokens

WORDS = tokens("the nfl suspended browns defensive end myles garrett for the rest of the season")


def test_identical_texts_have_identical_signatures_and_share_every_band() -> None:
    first = signature(shingles(WORDS))
    assert first == signature(shingles(list(WORDS)))
    assert estimated_jaccard(first, first) == 1.0
    assert band_keys(first) == band_keys(signature(shingles(WORDS)))


def test_the_estimate_follows_the_true_jaccard() -> None:
    edited = WORDS[:-3] + ["and", "the", "playoffs"]
    a, b = shingles(WORDS), shingles(edited)
    true = len(a & b) / len(a | b)
    assert estimated_jaccard(signature(a), signature(b)) == pytest.approx(true, abs=0.15)
    unrelated = signature(shingles(tokens("russia and turkey begin joint patrols in syria")))
    assert estimated_jaccard(signature(a), unrelated) < 0.1


def test_near_duplicates_share_a_band_key_and_unrelated_texts_do_not() -> None:
    near = WORDS[:-1] + ["year"]
    keys = set(band_keys(signature(shingles(WORDS))))
    assert keys & set(band_keys(signature(shingles(near))))
    assert not keys & set(band_keys(signature(shingles(tokens("pick 3 evening draw")))))


def test_signatures_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="same number of permutations"):
        estimated_jaccard(signature(["a"], 64), signature(["a"], 128))
    with pytest.raises(ValueError, match="equal bands"):
        band_keys(signature(["a"], 128), bands=30)


def test_pairwise_and_bcubed_scores_of_a_small_clustering() -> None:
    gold = ["x", "x", "x", "y", "z"]
    predicted = [1, 1, 2, 2, 3]  # one x split off and merged with y
    scores = score_clusters(gold, predicted)
    assert scores.gold_pairs == 3 and scores.predicted_pairs == 2
    assert scores.pairwise_precision == 0.5  # (x, x) right, (x, y) wrong
    assert scores.pairwise_recall == pytest.approx(1 / 3)
    assert scores.bcubed_precision == pytest.approx((1 + 1 + 0.5 + 0.5 + 1) / 5)
    assert scores.bcubed_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    perfect = score_clusters(gold, ["a", "a", "a", "b", "c"])
    assert perfect.pairwise_precision == perfect.pairwise_recall == perfect.bcubed_f1 == 1.0


def test_public_names() -> None:
    assert set(bot.stories.__all__) == {
        "ArticleFeatures", "Assignment", "ClusterScores", "Decision", "StoryAssigner",
        "StoryCore", "Thresholds", "article_features", "band_keys", "estimated_jaccard",
        "event_similarity", "same_story", "score_clusters", "shingles", "signature",
    }  # fmt: skip
