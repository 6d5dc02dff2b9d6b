"""Story text prepared in another process (ingest's workers) is what the matcher uses."""

from __future__ import annotations

import datetime as dt
import pickle

from bot.stories.matcher import LexicalStoryMatcher, PreparedText, prepare_text
from storage import StoryText

T0 = dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC)
HEADLINE = "Magnitude 7.1 earthquake strikes southern Mexico, killing 12"
LEAD = (
    "A magnitude 7.1 earthquake struck the Mexican state of Oaxaca on Tuesday, killing at least "
    "12 people and damaging hundreds of buildings, officials said."
)


def _text(article_id: int = 1) -> StoryText:
    return StoryText(article_id, "en", T0, HEADLINE, LEAD, "outlet")


def test_prepared_text_gives_the_keys_and_features_the_matcher_computes_itself() -> None:
    own = LexicalStoryMatcher()
    primed = LexicalStoryMatcher()
    # Through pickle, as it comes back from a worker process.
    primed.remember(HEADLINE, LEAD, pickle.loads(pickle.dumps(prepare_text(HEADLINE, LEAD))))
    assert primed.keys(_text()) == own.keys(_text())
    assert primed.features(_text()) == own.features(_text())


def test_a_remembered_preparation_is_used_instead_of_computing_again() -> None:
    matcher = LexicalStoryMatcher()
    real = prepare_text(HEADLINE, LEAD)
    marked = PreparedText(real.features, ("0:remembered",))
    matcher.remember(HEADLINE, LEAD, marked)
    assert matcher.keys(_text()).duplicate == ("0:remembered",)
    # Another article with the same headline and lead (another id) reuses it too.
    assert matcher.keys(_text(article_id=2)).duplicate == ("0:remembered",)
