"""Catalog lint: the checks every catalog must pass before it ships.

Pure functions over Babel catalogs, so the tests run them on the shipped catalogs (whatever they
hold as they grow) and on small broken ones. `python -m bot.i18n check` runs them too.
"""

from __future__ import annotations

import gettext
import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

__all__ = [
    "CatalogProblem",
    "check_catalog",
    "check_template",
    "html_problem",
    "placeholders",
]

#: Numbers on which a catalog's plural rule must agree with Babel's (CLDR) rule: every
#: remainder class of the six languages, and the "millions" form of French and Spanish.
_PLURAL_PROBES = (*range(0, 1001), 1_000_000, 1_000_001, 2_000_000)


@dataclass(frozen=True, slots=True)
class CatalogProblem:
    """One thing wrong in one catalog, said so that a translator can fix it."""

    catalog: str  # "ru", or "messages.pot"
    message: str  # the msgid concerned; "" for the catalog as a whole
    problem: str

    def __str__(self) -> str:
        where = f"{self.catalog} {self.message!r}" if self.message else self.catalog
        return f"{where}: {self.problem}"


def placeholders(text: str) -> Counter[str]:
    """The ``{name}`` placeholders of a :meth:`str.format` template, with their counts.

    Raises:
        ValueError: the template is malformed (a lone brace) or has an unnamed placeholder.
    """
    found: Counter[str] = Counter()
    for _literal, field, _spec, _conversion in string.Formatter().parse(text):
        if field is None:
            continue
        if not field.isidentifier():
            raise ValueError(f"placeholder {{{field}}} is not a name; write e.g. {{count}}")
        found[field] += 1
    return found


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.opened: Counter[str] = Counter()
        self.problems: list[str] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.opened[tag] += 1
        self._stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"<{tag}/> is not Telegram HTML; every tag needs its closing tag")

    def handle_endtag(self, tag: str) -> None:
        if not self._stack or self._stack[-1] != tag:
            expected = f"</{self._stack[-1]}>" if self._stack else "no closing tag"
            self.problems.append(f"</{tag}> where {expected} was due")
            return
        self._stack.pop()

    def close(self) -> None:
        super().close()
        self.problems.extend(f"<{tag}> is never closed" for tag in reversed(self._stack))


def _tags(text: str) -> tuple[Counter[str], list[str]]:
    collector = _TagCollector()
    collector.feed(text)
    collector.close()
    return collector.opened, collector.problems


def html_problem(translation: str, source: str) -> str | None:
    """What is wrong with the HTML of ``translation``: tags out of balance, or not the same
    tags as ``source`` has; None when nothing is."""
    tags, problems = _tags(translation)
    if problems:
        return "; ".join(problems)
    source_tags, _ = _tags(source)
    if tags != source_tags:
        ours, english = sorted(tags.elements()), sorted(source_tags.elements())
        return f"has tags {ours}, the English has {english}"
    return None


def _forms(message: Message) -> tuple[str, ...]:
    value = message.id if message.pluralizable else (message.id,)
    return tuple(str(form) for form in value)


def _strings(message: Message) -> tuple[str, ...]:
    value = message.string
    return tuple(value) if isinstance(value, (list, tuple)) else (value or "",)


def _id_text(message: Message) -> str:
    return _forms(message)[0]


def _plural_rule_problems(catalog: Catalog, name: str) -> list[CatalogProblem]:
    if catalog.locale is None:
        return [CatalogProblem(name, "", "the catalog has no Language header")]
    expected = get_plural(catalog.locale)
    header = f"nplurals={catalog.num_plurals}; plural={catalog.plural_expr};"
    wanted = f"nplurals={expected.num_plurals}; plural={expected.plural_expr};"
    if catalog.num_plurals != expected.num_plurals:
        return [CatalogProblem(name, "", f"Plural-Forms is {header!r}; {name} needs {wanted!r}")]
    ours, cldr = gettext.c2py(catalog.plural_expr), gettext.c2py(expected.plural_expr)
    wrong = [n for n in _PLURAL_PROBES if ours(n) != cldr(n)]
    if wrong:
        return [
            CatalogProblem(
                name, "", f"Plural-Forms picks the wrong form for {wrong[:5]}; use {wanted!r}"
            )
        ]
    return []


def _message_problems(
    entry: Message, source: Message, num_plurals: int
) -> Iterable[tuple[str, str]]:
    """(msgid, problem) pairs for one translated entry of its ``source`` message."""
    msgid = _id_text(source)
    if entry.fuzzy:
        yield msgid, "is marked fuzzy: check the translation, then delete the '#, fuzzy' line"
    if entry.pluralizable != source.pluralizable:
        yield msgid, "is plural in one of the catalog and messages.pot only: run update"
        return
    translations = _strings(entry)
    if source.pluralizable and len(translations) != num_plurals:
        yield msgid, f"has {len(translations)} plural forms, the language has {num_plurals}"
    if not all(translations):
        yield msgid, "is not translated (an empty msgstr)"
        return
    try:
        wanted = sum((placeholders(form) for form in _forms(source)), Counter[str]())
    except ValueError as exc:
        yield msgid, f"the English message is malformed: {exc}"
        return
    for index, translation in enumerate(translations):
        label = f"msgstr[{index}]" if source.pluralizable else "msgstr"
        try:
            found = placeholders(translation)
        except ValueError as exc:
            yield msgid, f"{label} is malformed: {exc}"
            continue
        if set(found) != set(wanted):
            yield (
                msgid,
                (f"{label} has placeholders {sorted(found)}, the English has {sorted(wanted)}"),
            )
        problem = html_problem(translation, _forms(source)[-1])
        if problem:
            yield msgid, f"{label} {problem}"


def check_catalog(catalog: Catalog, template: Catalog, name: str) -> list[CatalogProblem]:
    """Every problem of ``catalog`` (called ``name`` in the report) against ``template``:
    its plural rule is the language's; every message of the template is in it, reviewed (not
    fuzzy), translated in every plural form, with the same placeholders and the same
    balanced HTML tags; and it has no message the template lacks."""
    problems = _plural_rule_problems(catalog, name)
    for source in template:
        if not source.id:
            continue
        entry = catalog.get(source.id, source.context)
        if entry is None:
            problems.append(
                CatalogProblem(name, _id_text(source), "is missing: run python -m bot.i18n update")
            )
            continue
        problems.extend(
            CatalogProblem(name, msgid, problem)
            for msgid, problem in _message_problems(entry, source, catalog.num_plurals)
        )
    unused = "is not in messages.pot: run python -m bot.i18n update"
    problems.extend(
        CatalogProblem(name, _id_text(entry), unused)
        for entry in catalog
        if entry.id and template.get(entry.id, entry.context) is None
    )
    return problems


def check_template(template: Catalog, extracted: Catalog) -> list[CatalogProblem]:
    """Messages that the source code uses and messages.pot lacks, or the other way round."""
    stale = "python -m bot.i18n update"
    missing = [
        CatalogProblem("messages.pot", _id_text(message), f"is used in the code: run {stale}")
        for message in extracted
        if message.id and template.get(message.id, message.context) is None
    ]
    unused = [
        CatalogProblem("messages.pot", _id_text(message), f"is no longer used: run {stale}")
        for message in template
        if message.id and extracted.get(message.id, message.context) is None
    ]
    return missing + unused
