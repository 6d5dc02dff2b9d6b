"""Italian: dates, page noise and language identification only (no speech rules yet)."""

from __future__ import annotations

from bot.extract.lexicon.model import Lexicon, words

LEXICON = Lexicon(
    code="it",
    months=(
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto ago",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ),
    published_labels=("pubblicato",),
    date_markup_words=("data",),
    read_more_labels=("leggi\\s+anche",),
    advertisement_labels=("pubblicità",),
    metadata_keys=("pubblicato",),
    byline_words=("di",),
    related_link_labels=("leggi anche",),
    stopwords=words(
        "gli è della dello degli delle nel per che non sono anche alla questo questa più stato"
    ),
)
