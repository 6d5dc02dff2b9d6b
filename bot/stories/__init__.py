"""Stories: the same news from several sources, grouped by lexical, explainable evidence.

Pure functions and small objects only (no storage, no Telegram): features of one article
(:func:`article_features`), the decision whether it belongs to a story's core
(:func:`same_story`), online assignment (:class:`StoryAssigner`) and MinHash band keys for a
store's candidate index (:func:`band_keys`).
"""

from bot.stories.assign import Assignment, StoryAssigner
from bot.stories.metrics import ClusterScores, score_clusters
from bot.stories.minhash import band_keys, estimated_jaccard, shingles, signature
from bot.stories.similarity import (
    ArticleFeatures,
    Decision,
    StoryCore,
    Thresholds,
    article_features,
    event_similarity,
    same_story,
)

__all__ = [
    "ArticleFeatures",
    "Assignment",
    "ClusterScores",
    "Decision",
    "StoryAssigner",
    "StoryCore",
    "Thresholds",
    "article_features",
    "band_keys",
    "estimated_jaccard",
    "event_similarity",
    "same_story",
    "score_clusters",
    "shingles",
    "signature",
]
