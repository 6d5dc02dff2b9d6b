"""Places and peoples: country and subdivision names, and nationality words.

A speaker is a person or an organisation, never a place or a people: 'United States', 'Kyrgyz
Republic', 'California', 'Россия', 'RU', 'Ukrainian'. The names come from maintained data the
install already has, read once, on first use, never fetched:

* pycountry's ISO 3166 databases (countries: name, official and common name, the short form
  before a comma, and the codes; subdivisions) and its translations of the country names
  (gettext catalogues);
* Babel's CLDR data for each language an article is in: its names of the countries and
  territories ('Russia', 'Großbritannien', 'Великобритания') and of the major languages, which
  are the nationality adjectives ('Russian', 'russe', 'русский', 'Russisch').
"""

from __future__ import annotations

import gettext
import importlib.util
import json
import re
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

__all__ = [
    "COUNTRY_NAME_LANGUAGES",
    "country_codes",
    "is_nationality_word",
    "is_place_name",
    "place_names",
]

#: The languages whose translations of the country names are read (English is the database's).
COUNTRY_NAME_LANGUAGES = ("ru", "uk", "de", "fr", "es", "it", "pt", "nl")
_COUNTRY_KEYS = ("name", "official_name", "common_name")
_LEADING_ARTICLES = ("the ",)
#: Subdivisions below the first level, and first-level ones as small as a municipality or a
#: district, are left out: their names are often surnames too ('Karenga').
_SMALL_SUBDIVISION_RE = re.compile(
    r"municipal|district|parish|council|quarter|commune|popularate|atoll|ward|village|town|"
    r"borough|settlement|island",
    re.IGNORECASE,
)
#: The languages whose CLDR names are read for every article, whatever its own language.
_ALWAYS = ("en",)
#: Endings a nationality adjective or noun takes after the language's name: 'Russian|s',
#: 'russisch|en', 'russe|s', 'ruso|s', 'francés' / 'frances|a'.
_NATIONALITY_ENDINGS = ("", "s", "e", "en", "er", "es", "em", "a", "as", "os")


def _pycountry_folder() -> Path:
    spec = importlib.util.find_spec("pycountry")
    if spec is None or spec.origin is None:  # a broken install: pyproject requires it
        raise ModuleNotFoundError("pycountry is not installed: pip install pycountry")
    return Path(spec.origin).parent


def _read_database(folder: Path, standard: str) -> list[dict[str, str]]:
    with (folder / "databases" / f"iso{standard}.json").open(encoding="utf-8") as file:
        entries: list[dict[str, str]] = json.load(file)[standard]
    return entries


def _forms(name: str) -> list[str]:
    """'Korea, Republic of' -> the name and 'Korea'; 'Russie, Fédération de' -> 'Russie' too."""
    forms = [name]
    if "," in name:
        forms.append(name.split(",", 1)[0])
    return forms


def _translations(folder: Path, english: list[str]) -> list[str]:
    found: list[str] = []
    for lang in COUNTRY_NAME_LANGUAGES:
        catalogue = folder / "locales" / lang / "LC_MESSAGES" / "iso3166-1.mo"
        if not catalogue.is_file():
            continue
        with catalogue.open("rb") as file:
            translation = gettext.GNUTranslations(file)
        found.extend(translation.gettext(name) for name in english)
    return found


@cache
def place_names() -> frozenset[str]:
    """Every country and subdivision name, case-folded, in English and the translated forms."""
    folder = _pycountry_folder()
    countries = _read_database(folder, "3166-1")
    english = [country[key] for country in countries for key in _COUNTRY_KEYS if key in country]
    subdivisions = [
        entry["name"]
        for entry in _read_database(folder, "3166-2")
        if "parent" not in entry and not _SMALL_SUBDIVISION_RE.search(entry["type"])
    ]
    names = english + _translations(folder, english) + subdivisions
    return frozenset(form.casefold() for name in names for form in _forms(name))


@cache
def country_codes() -> frozenset[str]:
    """The two- and three-letter country codes ('RU', 'USA'), upper case as written."""
    countries = _read_database(_pycountry_folder(), "3166-1")
    return frozenset(country[key] for country in countries for key in ("alpha_2", "alpha_3"))


@cache
def _cldr_names(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The territory names and the major (two-letter code) language names of ``lang``'s CLDR
    locale, case-folded; empty for a language CLDR does not know."""
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return frozenset(), frozenset()
    territories = frozenset(name.casefold() for name in locale.territories.values())
    languages = frozenset(
        name.casefold() for code, name in locale.languages.items() if len(code) == 2
    )
    return territories, languages


def _languages_of(lang: str) -> tuple[str, ...]:
    return (*_ALWAYS, lang) if lang not in _ALWAYS else _ALWAYS


def is_nationality_word(word: str, lang: str = "en") -> bool:
    """True for a nationality adjective or noun ('Ukrainian', 'Russians', 'russische',
    'français', 'русский'): the name of a language of CLDR, with a case or number ending."""
    folded = word.casefold()
    for code in _languages_of(lang):
        languages = _cldr_names(code)[1]
        for ending in _NATIONALITY_ENDINGS:
            if folded.endswith(ending) and folded[: len(folded) - len(ending)] in languages:
                return True
    return False


def is_place_name(text: str, lang: str = "en") -> bool:
    """True when ``text`` is the name of a country or a subdivision ('the United States',
    'Kyrgyz Republic', 'Bayern', 'Калифорния'), or a country code written in capitals ('RU')."""
    stripped = text.strip()
    if stripped.isupper() and stripped in country_codes():
        return True
    folded = stripped.casefold()
    for article in _LEADING_ARTICLES:
        folded = folded.removeprefix(article)
    if folded in place_names():
        return True
    return any(folded in _cldr_names(code)[0] for code in _languages_of(lang))
