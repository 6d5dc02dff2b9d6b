"""Given names, from the first-name dictionary the gender-guesser package ships.

That dictionary (Jörg Michael's ``nam_dict.txt``, about 45,000 first names from some fifty
countries, Latin script) is evidence that a capitalised run is a person: 'Jamie Firestone' opens
with a given name, 'Bromwich Albion' and 'House Democratic' do not. Only the names are read (the
genders and frequencies are not used), once, on first use; nothing is fetched.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

__all__ = ["given_names", "is_given_name"]

#: The name stands in columns 3 to 29 of a line; '+' joins the parts of a compound name.
_NAME_COLUMNS = slice(3, 29)
#: Lines that are comments, or equivalences between two names ('=  Abe Abraham').
_SKIPPED_MARKS = (b"#", b"=")


def _dictionary_path() -> Path:
    spec = importlib.util.find_spec("gender_guesser")
    if spec is None or spec.origin is None:  # a broken install: pyproject requires it
        raise ModuleNotFoundError("gender-guesser is not installed: pip install gender-guesser")
    return Path(spec.origin).parent / "data" / "nam_dict.txt"


@cache
def given_names() -> frozenset[str]:
    """Every first name of the dictionary, case-folded ('jamie', 'jean-pierre')."""
    lines = _dictionary_path().read_bytes().split(b"\n")
    # Sliced as bytes and decoded in one piece: several times faster than line by line.
    raw = {line[_NAME_COLUMNS].rstrip() for line in lines if not line.startswith(_SKIPPED_MARKS)}
    text = b"\n".join(raw).decode("iso-8859-1").replace("+", "-").casefold()
    return frozenset(text.split("\n")) - {""}


def is_given_name(word: str) -> bool:
    """True for a first name ('Jens', 'Marita', 'Zakaria'); a place that is also a name
    ('Paris', 'Georgia') is one too, so the place check comes first."""
    return word.casefold() in given_names()
