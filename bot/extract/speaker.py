"""Name the speaker of a quotation: attribution, then pronoun and role resolution.

The labelling rules this follows: the speaker is a name as the article writes it, never a
pronoun or a bare role. "he said" is resolved to the last person named as a speaker before the
quotation (else the nearest person named); "the company said" to the organisation that role
refers to; a spokesman's words to the organisation; "one analyst said" to nobody.
"""

from __future__ import annotations

import re

from bot.extract.attribution import Attribution, attribution_after, attribution_before
from bot.extract.names import Name, mid_sentence_words, names_in
from bot.extract.quotemarks import QuoteSpan

#: How far back and forward (characters) a pronoun or role may look for its name.
_LOOK_BACK = 1500
_LOOK_AHEAD = 400
#: How close (characters) to the quotation a name must be when nothing attributes the quote.
_UNATTRIBUTED_REACH = 450

#: Role words that stand for an organisation (stems). A spokesman speaks for one, too.
_ORG_ROLE_RE = re.compile(
    r"compan|firm|bank|ministr|agenc|government|editorial|statement|report|document|newspaper|"
    r"channel|universit|court|spokes|board|group|пресс-служб|ведомств|агентств|телеканал|издани|"
    r"сообщени|документ|министерств|администрац|вуз|главк|компани|агенці|пресслужб|відомств|"
    r"unternehmen|konzern|sprecher|gericht|behörde|entreprise|minist[eè]re|gouvernement|"
    r"porte-parole|empresa|gobierno|portavoz",
    re.IGNORECASE,
)
#: An unnamed individual: "one analyst", "a woman", "ein Experte", "один из".
_INDEFINITE_RE = re.compile(
    r"^(?:a|an|one|some|another|один|одна|одно|ein|eine|einer|un|une|uno|una)\b", re.IGNORECASE
)
_SPEECH_VERBS = (
    r"(?:said|says|told|tells|added|wrote|writes|noted|explained|stated|warned|"
    r"сказал[аи]?|заявил[аи]?|сообщил[аи]?|отметил[аи]?|пояснил[аи]?|написал[аи]?|сказав|"
    r"заявив|повідомив|зазначив|sagte|sagt|erklärte|schrieb|a déclaré|a dit|dijo|afirmó)"
)
#: A name followed by its speech verb: "Michael Angus said", "James Fry, vice-president, told".
_VERB_AFTER_NAME_RE = re.compile(rf"(?:,[^,\n]{{0,80}},?)?\s+{_SPEECH_VERBS}\b", re.IGNORECASE)
#: A speech verb followed by its name: "said Robert Sinche", "заявил журналист Алексей".
_VERB_BEFORE_NAME_RE = re.compile(rf"\b{_SPEECH_VERBS}\s+(?:[^\W\d]+\s+){{0,3}}$", re.IGNORECASE)


def _best_in_phrase(names: list[Name]) -> Name | None:
    """The name a subject phrase stands for: its last person-like name, else its last name."""
    if not names:
        return None
    people = [name for name in names if name.is_person_like]
    return people[-1] if people else names[-1]


def _named_speaker_before(text: str, names: list[Name]) -> Name | None:
    """The last name that a speech verb attributes words to ('X said', 'said X')."""
    for name in reversed(names):
        if _VERB_AFTER_NAME_RE.match(text, name.end, name.end + 120) or _VERB_BEFORE_NAME_RE.search(
            text, max(0, name.start - 60), name.start
        ):
            return name
    return None


def _person_for(text: str, pos: int, known: frozenset[str], end: int) -> Name | None:
    """The person a pronoun or a person role at ``pos`` refers to."""
    before = list(names_in(text, known, max(0, pos - _LOOK_BACK), pos))
    before = [name for name in before if not name.is_organisation]
    speaker = _named_speaker_before(text, before)
    if speaker is not None:
        return speaker
    people = [name for name in before if name.is_person_like]
    if people:
        return people[-1]
    if before:
        return before[-1]
    after = list(names_in(text, known, end, min(len(text), end + _LOOK_AHEAD)))
    return after[0] if after else None


def _organisation_for(text: str, role: str, pos: int, known: frozenset[str]) -> Name | None:
    """The organisation a role ('the company', 'пресс-служба', 'a spokesman') refers to."""
    window_start = max(0, pos - _LOOK_BACK)
    role_stem = _ORG_ROLE_RE.search(role)
    if role_stem is not None:
        # 'агентство Киодо', 'the company Norton': the role word named earlier in the text.
        pattern = re.compile(re.escape(role_stem.group()) + r"\w*\s+", re.IGNORECASE)
        for match in reversed(list(pattern.finditer(text, window_start, pos))):
            named = next(names_in(text, known, match.end(), min(pos, match.end() + 60)), None)
            if named is not None and named.start == match.end():
                return named
    before = list(names_in(text, known, window_start, pos))
    organisations = [name for name in before if name.is_organisation]
    if organisations:
        return organisations[-1]
    return before[-1] if before else None


def _prefer_person_apposition(text: str, name: Name, known: frozenset[str]) -> Name:
    """'Colin Asplin, Blackpool Hotel Association said': the person before the comma speaks."""
    if not name.is_organisation:
        return name
    head = text[max(0, name.start - 60) : name.start]
    if not head.rstrip().endswith(","):
        return name
    offset = name.start - len(head)
    previous = list(names_in(text, known, offset, name.start))
    if (
        previous
        and previous[-1].is_person_like
        and text[previous[-1].end : name.start].strip() == ","
    ):
        return previous[-1]
    return name


def _resolve(
    text: str, attribution: Attribution, span: QuoteSpan, known: frozenset[str]
) -> str | None:
    subject = attribution.subject
    if attribution.is_pronoun:
        person = _person_for(text, span.open_pos, known, span.end)
        return person.text if person else None
    subject_pos = text.find(subject, max(0, span.open_pos - 400))
    if subject_pos < 0:
        subject_pos = span.open_pos
    in_phrase = [
        name
        for name in names_in(text, known, subject_pos, subject_pos + len(subject))
        if name.words[0].casefold() not in {"the", "der", "die", "das", "le", "la", "el"}
    ]
    named = _best_in_phrase(in_phrase)
    if named is not None:
        return _prefer_person_apposition(text, named, known).text
    if _ORG_ROLE_RE.search(subject):
        organisation = _organisation_for(text, subject, span.open_pos, known)
        return organisation.text if organisation else None
    if _INDEFINITE_RE.match(subject):
        return None
    person = _person_for(text, span.open_pos, known, span.end)
    return person.text if person else None


def _nearby_name(text: str, span: QuoteSpan, known: frozenset[str]) -> str | None:
    """A quotation with no attribution: the name in the sentence before, else just after."""
    start = max(0, span.open_pos - _UNATTRIBUTED_REACH)
    before = [n for n in names_in(text, known, start, span.open_pos) if not n.is_organisation]
    people = [name for name in before if name.is_person_like]
    if people:
        return people[-1].text
    if before:
        return before[-1].text
    tail_start = span.close_pos + 1 if span.close_pos >= 0 else span.end
    after = next(names_in(text, known, tail_start, tail_start + 200), None)
    return after.text if after else None


def find_speaker(text: str, span: QuoteSpan, title: str | None = None) -> str | None:
    """Name who said the quotation ``span`` of ``text``, or None when nobody is named.

    ``title`` (the headline or first line) is a last resort: Telegram posts often name the speaker
    only in their title line ("Секретар РНБО Данілов:").
    """
    known = mid_sentence_words(text)
    tail_start = span.close_pos + 1 if span.close_pos >= 0 else span.end
    attribution = attribution_after(text[tail_start:]) or attribution_before(text[: span.open_pos])
    if attribution is not None:
        resolved = _resolve(text, attribution, span, known)
        if resolved is not None or _INDEFINITE_RE.match(attribution.subject):
            return resolved
    nearby = _nearby_name(text, span, known)
    if nearby is not None:
        return nearby
    if title:
        title_known = known | mid_sentence_words(title)
        named = _best_in_phrase(list(names_in(title, title_known)))
        return named.text if named else None
    return None
