"""Dutch: dates, bylines and language identification only (no speech rules yet)."""

from __future__ import annotations

from bot.extract.lexicon.model import Lexicon, words

LEXICON = Lexicon(
    code="nl",
    months=(
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    date_markup_words=("datum",),
    byline_words=("door",),
    stopwords=words("het een van dat niet op te zijn voor heeft werd ook maar bij naar wordt"),
)
