"""Name the speaker of a quotation: attribution, then pronoun and role resolution.

The labelling rules this follows: the speaker is a name as the article writes it, never a
pronoun or a bare role. "he said" is resolved to the person the sentences before are about
(:mod:`bot.extract.coreference`); "the expert said" to the person named with that role;
"the company said", "говорится в сообщении" to the organisation or source reported earlier; a
spokesman's words ("eine Bahn-Sprecherin") to the organisation; "one analyst said" to nobody.
A quotation nothing attributes gets a person named next to it, or nobody: a place is no speaker.
"""

from __future__ import annotations

import re

from bot.extract.attribution import Attribution, attribution_after, attribution_before
from bot.extract.coreference import (
    NOBODY,
    SpeakerContext,
    person_with_role,
    reported_source_before,
    sentences_before,
    subject_before,
)
from bot.extract.names import ROLE_WORDS, Name, mid_sentence_words, names_in
from bot.extract.quotemarks import QuoteSpan

#: How far back and forward (characters) a pronoun or role may look for its name.
_LOOK_BACK = 1500
_LOOK_AHEAD = 400

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
        and not previous[-1].is_organisation
        and text[previous[-1].end : name.start].strip() == ","
    ):
        return previous[-1]
    return name


_PARENTHESIS_RE = re.compile(r"\([^()]*\)")
#: A role compound: 'Bahn-Sprecherin', 'VW-Boss' (the part before the hyphen names who).
_ROLE_COMPOUND_RE = re.compile(r"(?<!\w)([^\W\d_][\w.]*)-(\w+)")
_SPOKES_RE = re.compile(r"spokes|sprecher|porte-parole|portavoz|представител|речник", re.I)


def _pronoun_speaker(context: SpeakerContext, span: QuoteSpan) -> str | None:
    found = subject_before(context, span.open_pos)
    if found is NOBODY:
        return None
    if found is not None:
        return found.text
    person = _person_for(context.text, span.open_pos, context.known, span.end)
    return person.text if person else None


def _role_compound_speaker(context: SpeakerContext, subject: str, pos: int) -> str | None:
    """'eine Bahn-Sprecherin' speaks for the organisation named 'Bahn'; 'der VW-Boss' is the
    person named earlier as 'VW-Chef Herbert Diess'."""
    for match in _ROLE_COMPOUND_RE.finditer(subject):
        prefix, role = match.groups()
        if role.casefold() not in ROLE_WORDS:
            continue
        if _SPOKES_RE.search(role):
            for name in reversed(context.names(max(0, pos - 2500), pos)):
                if any(word.startswith(prefix) for word in name.words):
                    return name.text
            return prefix
        person = person_with_role(context, prefix + "-", pos)
        if person is not None:
            return person.text
    return None


def _person_role(subject: str) -> str | None:
    """The role word of a subject phrase such as 'the expert', 'президент', 'der VW-Boss'."""
    for word in re.findall(r"[\w'’-]+", subject):
        if word.casefold() in ROLE_WORDS:
            return word
    return None


def _resolve(
    context: SpeakerContext, attribution: Attribution, span: QuoteSpan, title: str | None
) -> str | None:
    text, known = context.text, context.known
    if attribution.is_pronoun:
        return _pronoun_speaker(context, span)
    subject = attribution.subject
    subject_pos = text.find(subject, max(0, span.open_pos - 400))
    if subject_pos < 0:
        subject_pos = span.open_pos
    subject_end = subject_pos + len(subject)
    parentheses = [m.span() for m in _PARENTHESIS_RE.finditer(text, subject_pos, subject_end)]
    in_phrase = [
        name
        for name in names_in(text, known, subject_pos, subject_end)
        if name.words[0].casefold() not in {"the", "der", "die", "das", "le", "la", "el"}
        and not any(start <= name.start < end for start, end in parentheses)
    ]
    named = _best_in_phrase(in_phrase)
    compound = _role_compound_speaker(context, subject, span.open_pos)
    if compound is not None:
        return compound
    if named is not None:
        if named.is_organisation and _ORG_ROLE_RE.search(subject):
            # 'региональный главк МЧС': the fuller name an earlier sentence reported.
            source = reported_source_before(context, span.open_pos)
            if source is not None and named.text in source:
                return source
        return _prefer_person_apposition(text, named, known).text
    if _ORG_ROLE_RE.search(subject):
        source = reported_source_before(context, span.open_pos)
        if source is not None:
            return source
        title_name = _title_names(title, context.known)
        if title_name is not None:
            # 'говорится в документе' under the title 'Президент Владимир Зеленский подписал указ'
            return title_name.text
        organisation = _organisation_for(text, subject, span.open_pos, known)
        return organisation.text if organisation else None
    if _INDEFINITE_RE.match(subject):
        return None
    role = _person_role(subject)
    if role is not None:
        person = person_with_role(context, role, span.open_pos)
        if person is not None:
            return person.text
    return _pronoun_speaker(context, span)


def _unattributed(context: SpeakerContext, span: QuoteSpan, title: str | None) -> str | None:
    """A quotation with no attribution: a name in its own sentence before it (a person first),
    an organisation its sentence refers to by role, a speaker label in the title ('Выступление
    Зеленского:'), the person the sentences before are about, a person named just after it,
    else a name in the title. A place or a thing named nearby is not a speaker: None."""
    text = context.text
    own_sentence = sentences_before(context, span.open_pos, limit=0)
    own_start = own_sentence[0][0] if own_sentence else span.open_pos
    own = [n for n in context.names(own_start, span.open_pos) if not n.is_organisation]
    people = [name for name in own if context.is_person(name)]
    if people or own:
        return (people or own)[0].text
    if _ORG_ROLE_RE.search(text, own_start, span.open_pos):
        role = text[own_start : span.open_pos]
        organisation = _organisation_for(text, role, span.open_pos, context.known)
        if organisation is not None:
            return organisation.text
    if title and title.rstrip().endswith(":"):
        # A speaker label ('Путин на заседании Совбеза:'): its first name is the speaker.
        title_words = frozenset(word.casefold() for word in title.split())
        label = next(names_in(title, context.known | title_words), None)
        if label is not None:
            return label.text
    found = subject_before(context, span.open_pos)
    if isinstance(found, Name) and context.is_person(found):
        return found.text
    tail_start = span.close_pos + 1 if span.close_pos >= 0 else span.end
    after = context.names(tail_start, tail_start + 200)
    after_people = [name for name in after if context.is_person(name)]
    if after_people:
        return after_people[0].text
    title_name = _title_names(title, context.known)
    return title_name.text if title_name is not None else None


def _title_names(title: str | None, known: frozenset[str]) -> Name | None:
    if not title:
        return None
    return _best_in_phrase(list(names_in(title, known | mid_sentence_words(title))))


#: A blank line, or a finished sentence then a line break, after the closing mark: what follows
#: is a new paragraph, not the quotation's attribution.
_BLANK_LINE_RE = re.compile(r"[ \t]*\n\s*\n")
_NEW_LINE_RE = re.compile(r"[ \t]*\n")


def _attribution_of(text: str, span: QuoteSpan) -> Attribution | None:
    """The attribution next to the quotation: an introducing 'X said:' right before it wins;
    then the words after its closing mark (within the paragraph); then any before it."""
    head = text[: span.open_pos]
    before = attribution_before(head)
    if before is not None and head.rstrip().endswith(":"):
        return before
    tail_start = span.close_pos + 1 if span.close_pos >= 0 else span.end
    tail = text[tail_start:]
    ends_sentence = text[span.start : span.end].rstrip()[-1:] in {".", "!", "?", "…"}
    starts_paragraph = _NEW_LINE_RE.match(tail) is not None
    if not (starts_paragraph and ends_sentence) and _BLANK_LINE_RE.match(tail) is None:
        after = attribution_after(tail)
        if after is not None:
            return after
    return before


def find_speaker(text: str, span: QuoteSpan, title: str | None = None) -> str | None:
    """Name who said the quotation ``span`` of ``text``, or None when nobody is named.

    ``title`` (the headline or first line) is a last resort: Telegram posts often name the speaker
    only in their title line ("Секретар РНБО Данілов:").
    """
    context = SpeakerContext(text, span.end)
    attribution = _attribution_of(text, span)
    if attribution is not None:
        resolved = _resolve(context, attribution, span, title)
        if resolved is not None or _INDEFINITE_RE.match(attribution.subject):
            return resolved
    return _unattributed(context, span, title)
