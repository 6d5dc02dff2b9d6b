"""Portuguese: dates, page noise and language identification only (no speech rules yet)."""

from __future__ import annotations

from bot.extract.lexicon.model import Lexicon, words

LEXICON = Lexicon(
    code="pt",
    months=(
        "janeiro",
        "fevereiro",
        "março",
        "abril abr",
        "maio",
        "junho",
        "julho",
        "agosto ago",
        "setembro",
        "outubro",
        "novembro",
        "dezembro dez",
    ),
    published_words=("publicado",),
    published_labels=("publicado",),
    date_markup_words=("data",),
    read_more_labels=("leia\\s+também",),
    advertisement_labels=("publicidade",),
    metadata_keys=("publicado",),
    stopwords=words("é uma dos das em com não na pelo pela ao seu sua também foi são"),
)
