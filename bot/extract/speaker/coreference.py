"""Who a pronoun, a role or an unattributed quotation refers to, read sentence by sentence.

The labelling rules name the speaker, never "he" or "the company": "he said" is the person the
nearby sentences are about (a named speaker, else the subject of the previous sentence);
"the expert said" is the person named with that role earlier; "говорится в сообщении" or
"a government spokesman said" is the source an earlier sentence reported ("сообщает ГУ МЧС ...",
"the Home Office has said").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from typing import Final

from bot.extract.lexicon import ALL, WEEKDAY_STEMS, alternation
from bot.extract.speaker.germannames import GermanNameEvidence
from bot.extract.speaker.morphology import CyrillicWord, cyrillic_word_kind, is_common_noun
from bot.extract.speaker.nameevidence import capitalised_runs
from bot.extract.speaker.nameparts import CYRILLIC_RE
from bot.extract.speaker.names import (
    LOWER,
    UPPER,
    Name,
    NameHint,
    follows_role,
    is_role_word,
    names_in,
    names_of_run,
    scan_runs,
    title_surnames,
)
from bot.extract.speaker.nominative import nominative_of_genitive_woman
from bot.extract.speaker.subjectnames import ROLE_OF
from bot.extract.speechverbs import VerbSpan, speech_verbs_in

__all__ = [
    "NOBODY",
    "Nobody",
    "SpeakerContext",
    "person_with_role",
    "reported_source_before",
    "sentences_before",
    "subject_before",
]

#: How many sentences back a pronoun or a role may look for its name.
_MAX_SENTENCES_BACK = 4
#: How far back (characters) a role may look for the person it names, and how far forward for
#: the role used as a title ('Mayor Jane Doe').
_ROLE_LOOK_BACK = 2500
#: Right after a role, what says whose role it is: 'ministre du Travail', 'mayor of Leeds'.
_WHOSE_AFTER_ROLE_RE = re.compile(rf"\s*{ROLE_OF}$", re.IGNORECASE)
_ROLE_LOOK_AHEAD = 1500
#: Names are collected from this far before the quotation (what pronouns and roles can reach).
_NAMES_BEFORE_QUOTE = 5000
#: Names are collected this far past the quotation, for 'X said' after it.
_NAMES_AFTER_QUOTE = 400
#: How far past the quotation capitalised words count as evidence of names.
_EVIDENCE_AFTER_QUOTE = 3000
#: A sentence ends at . ! ? … (with a closing mark) before a capital, at a blank line, or at a
#: line break that does not wrap a phrase (after a lower-case word or a comma it does).
_SENTENCE_END_RE = re.compile(
    rf"[.!?…][\"”»’]?\s+(?=[\"“„«(\[\-–—]?\s*[{UPPER}0-9])|\n\s*\n|(?<![{LOWER},])\n"
)
#: Short words before a period that do not end a sentence: "Mr.", "U.S.", "Sen.".
_ABBREVIATION_RE = re.compile(rf"(?:\b[{UPPER}]|\b{alternation(ALL.title_abbreviations)})$")
#: A sentence that opens with a subject pronoun ('Er wünschte …', 'She thanked …').
_PRONOUN_OPENS_RE = re.compile(
    rf"\s*(?:[\"“„«(]\s*)?{alternation(ALL.subject_pronouns)}\b", re.IGNORECASE
)
#: 'he said', 'she has also said', 'il a dit': a pronoun shortly before the verb, same clause.
_PRONOUN_BEFORE_VERB_RE = re.compile(
    rf"\b{alternation(ALL.subject_pronouns)}\b[^.!?\n]{{0,10}}$", re.IGNORECASE
)
#: 'сказала она', 'sagte er': a pronoun right after the verb; in English only when the clause
#: ends there ('said he.'), since 'Jane says he sold it' has Jane as the subject.
_PRONOUN_AFTER_VERB_RE = re.compile(
    rf"\s+(?:{alternation(ALL.inverted_pronouns)}\b|"
    rf"{alternation(ALL.clause_final_inverted_pronouns)}\s*(?:[,.;:!?\n]|$))",
    re.IGNORECASE,
)
#: Words that announce a source in a sentence: 'сообщает X', 'по данным X', 'according to X'.
_SOURCE_CLAUSE_RE = re.compile(
    rf"{alternation(ALL.source_announcers)}\s+"
    rf"(?:{alternation(ALL.report_days)}\s+)?"
    rf"(?:{alternation(ALL.report_places)}\s+)?"
    r"(?P<source>[^,.;:!?\n«»“”\"]{2,90}(?:\n[^,.;:!?\n«»“”\"]{2,40})?)",
    re.IGNORECASE,
)
#: An unnamed source phrase ("пресс-служба ведомства") stands for the organisation named
#: earlier when its head noun is one of these stems.
_ORG_ROLE_STEM_RE = re.compile(alternation(ALL.organisation_source_stems), re.IGNORECASE)


class Nobody(Enum):
    """Marker: the sentences speak of an unnamed speaker ('one analyst said').

    A one-member enum, so that ``found is NOBODY`` tells a type checker what ``found`` is then.
    """

    NOBODY = "nobody"


NOBODY: Final = Nobody.NOBODY


class SpeakerContext:
    """The text a speaker is looked for in: its names (found once), the words that are names
    by evidence, and the surnames of the people it names in full."""

    def __init__(
        self, text: str, end: int | None = None, title: str | None = None, lang: str = "en"
    ) -> None:
        self.text = text
        self.lang = lang
        limit = len(text) if end is None else min(len(text), end + _NAMES_AFTER_QUOTE)
        self._limit = limit
        first = 0 if end is None else max(0, end - _NAMES_BEFORE_QUOTE)
        self._first = first
        self.known, self._runs, evidence = scan_runs(
            text, first, limit, limit + _EVIDENCE_AFTER_QUOTE
        )
        self._german = (
            GermanNameEvidence(
                text,
                evidence,
                self.known,
                capitalised_runs(title, 0, len(title)) if title else None,
            )
            if lang == "de"
            else None
        )
        self._run_starts = [run[0] for run in self._runs]
        # Runs become names only when asked for: most lookups stay near the quotation.
        self._run_names: dict[int, list[Name]] = {}
        self._title_surnames = title_surnames(title)
        self._surnames: frozenset[str] | None = None
        self._full_names: dict[str, str] = {}
        self._cuts: list[int] | None = None

    def _names_of(self, index: int) -> list[Name]:
        found = self._run_names.get(index)
        if found is None:
            found = self._kept(names_of_run(self.text, self._runs[index], self.known, self._limit))
            self._run_names[index] = found
        return found

    def _kept(self, names: Iterable[Name]) -> list[Name]:
        """The names the language's evidence accepts (German needs support for one noun)."""
        german = self._german
        return [name for name in names if german.is_name(name)] if german else list(names)

    def find_names(
        self, start: int, end: int, extra_known: frozenset[str] = frozenset()
    ) -> list[Name]:
        """The names found by reading ``text[start:end]`` alone (a run cut at ``start`` counts
        from there), also taking ``extra_known`` words as names."""
        known = self.known | extra_known if extra_known else self.known
        return self._kept(names_in(self.text, known, start, end))

    def _is_covered(self, index: int) -> bool:
        """Whether the run before reaches over this one ('Ministry' + ' of Defence')."""
        start = self._run_starts[index]
        return index > 0 and any(name.end > start for name in self._names_of(index - 1))

    def names(self, start: int, end: int) -> list[Name]:
        """The names inside ``text[start:end]``, in order."""
        if end > self._limit or start < self._first:
            return self._kept(names_in(self.text, self.known, start, end))
        found: list[Name] = []
        for index in range(
            max(0, bisect_left(self._run_starts, start) - 1), bisect_left(self._run_starts, end)
        ):
            if not self._is_covered(index):
                names = self._names_of(index)
                found.extend(name for name in names if name.start >= start and name.end <= end)
        return found

    @property
    def surnames(self) -> frozenset[str]:
        """The last words of the people named in full around the quotation and in the title."""
        if self._surnames is None:
            self._full_names = {}
            for index, (start, run, _) in enumerate(self._runs):
                # A single word is a person only right after a role word ('Mayor Doe').
                if len(run.split(None, 1)) == 1 and not follows_role(self.text, start):
                    continue
                if not self._is_covered(index):
                    for name in self._names_of(index):
                        if name.is_person_like:
                            self._full_names.setdefault(name.words[-1].casefold(), name.text)
            self._surnames = frozenset(self._full_names) | self._title_surnames
        return self._surnames

    @property
    def full_names(self) -> Mapping[str, str]:
        """The people named in full around the quotation, by surname ('doe' -> 'Jane Doe');
        collected only when first read (most speakers never need them)."""
        return _FullNames(self)

    def collected_full_names(self) -> dict[str, str]:
        _ = self.surnames  # collects them
        return self._full_names

    def nominative(self, speaker: str) -> str:
        """'Бурцева' -> 'Олег Бурцев': a surname in an inflected form, as the text names that
        person in full (the form a card should show); any other speaker stays as written."""
        folded = speaker.casefold()
        if " " in speaker:
            return nominative_of_genitive_woman(speaker) or speaker
        if len(folded) <= 4 or not CYRILLIC_RE.match(speaker):
            return speaker
        if folded in self.surnames:
            return speaker
        return self._full_names.get(folded[:-1], speaker)

    def is_titled(self, speaker: str) -> bool:
        """Whether the text names ``speaker`` right after a role word somewhere ('President
        Tolu Adebayo', 'Bürgermeisterin Jana Wendt'): evidence of a person, unless the
        words name a place ('Посол Держави Ізраїль')."""
        if _names_a_place_or_thing(speaker):
            return False
        pattern = re.compile(rf"(?<!\w){re.escape(speaker)}(?!\w)")
        return any(follows_role(self.text, match.start()) for match in pattern.finditer(self.text))

    def is_person(self, name: Name) -> bool:
        """A person: 'Jamie Firestone', 'Mr Beith', or a surname given in full elsewhere."""
        if name.is_organisation or name.text.endswith(("'s", "’s")):
            return False
        if _names_a_place_or_thing(name.text):
            return False
        if name.is_person_like:
            return True
        folded = name.text.casefold()
        # An inflected surname ('Березнюка', 'Doe's') still names the person.
        return folded in self.surnames or folded[:-1] in self.surnames

    def sentence_cuts(self) -> list[int]:
        """Where the text's sentences start (computed once)."""
        if self._cuts is None:
            text = self.text
            cuts = [0]
            for match in _SENTENCE_END_RE.finditer(text, 0, self._limit):
                if match.group().startswith("\n") or not _ABBREVIATION_RE.search(
                    text, max(0, match.start() - 4), match.start()
                ):
                    cuts.append(match.end())
            self._cuts = cuts
        return self._cuts


class _FullNames(Mapping[str, str]):
    """A context's full names, collected on first access."""

    def __init__(self, context: SpeakerContext) -> None:
        self._context = context

    def __getitem__(self, surname: str) -> str:
        return self._context.collected_full_names()[surname]

    def __iter__(self) -> Iterator[str]:
        return iter(self._context.collected_full_names())

    def __len__(self) -> int:
        return len(self._context.collected_full_names())


def _names_a_place_or_thing(text: str) -> bool:
    """'Держави Ізраїль', 'України', 'Альянсу': Cyrillic words the dictionaries read as a place
    and common words, or as things only, none as a person. After a role ('Посол Держави
    Ізраїль', 'Глава Альянсу') such words are the role's complement (whose ambassador, whose
    head), not the person holding it."""
    if not CYRILLIC_RE.match(text):
        return False
    words = [word for word in text.split() if word[:1].isupper()]
    kinds = {cyrillic_word_kind(word) for word in words}
    if CyrillicWord.PERSON in kinds:
        return False
    return CyrillicWord.PLACE in kinds or (bool(words) and all(map(is_common_noun, words)))


def sentences_before(
    context: SpeakerContext, pos: int, limit: int = _MAX_SENTENCES_BACK
) -> list[tuple[int, int]]:
    """(start, end) of the sentence holding ``pos`` (cut at ``pos``) and up to ``limit``
    earlier ones, nearest first."""
    cuts = context.sentence_cuts()
    index = bisect_right(cuts, pos) - 1
    bounds = [(cuts[index], pos)]
    while index > 0 and len(bounds) <= limit:
        bounds.append((cuts[index - 1], cuts[index]))
        index -= 1
    return [(start, end) for start, end in bounds if context.text[start:end].strip()]


def _speaker_of_verb(
    context: SpeakerContext, start: int, names: list[Name], verb: VerbSpan
) -> Name | None:
    """The name a speech verb attributes words to: its direct subject ('Jane Doe, a lawyer,
    said'), else the first person before it in its sentence,
    or the name that opens the sentence (the subject, past any apposition: 'Leeann Tweeden, a
    radio news anchor, says'), a person after it in the same clause ('повідомив екс-міністр
    ... Арсен Аваков'), else the nearest name before it, else 'said X'."""
    text = context.text
    before = [name for name in names if name.end <= verb.start]
    for name in before:
        if _is_direct_subject(text, name, verb.start):
            return name
    people = [name for name in before if context.is_person(name)]
    if people:
        return people[0]
    if before and len(text[start : before[0].start].split()) <= 1:
        return before[0]
    for name in names:
        if name.start >= verb.end and context.is_person(name):
            if name.start - verb.end < 80 and not re.search(r"[,;.]", text[verb.end : name.start]):
                return name
            break
    near = [name for name in before if verb.start - name.end < 90]
    if near:
        return near[-1]
    after = [name for name in names if 0 <= name.start - verb.end < 12]
    return after[0] if after else None


#: What may stand between a speech verb and its subject: auxiliaries ('has also said'), after an
#: apposition in commas that starts in lower case ('Jane Doe, 42, a lawyer at Acme, told') or,
#: unclosed, with a role ('Jane Doe, chief executive of Acme Corp told').
_AUXILIARIES = r"\s+(?:(?:has|have|had|also|then|later)\s+)*"
_AUXILIARIES_RE = re.compile(_AUXILIARIES)
_CLOSED_APPOSITION_RE = re.compile(rf",\s+(?=[{LOWER}0-9])[^,\n]{{0,80}},{_AUXILIARIES}")
_ROLE_APPOSITION_RE = re.compile(
    rf",\s+(?:(?:the|a|an)\s+)?(?P<role>[\w'’-]+)[^,\n]{{0,80}}?{_AUXILIARIES}"
)
_PREPOSITION_BEFORE_RE = re.compile(
    rf"(?:^|\s){alternation(ALL.object_prepositions)}\s+$", re.IGNORECASE
)


def _is_direct_subject(text: str, name: Name, verb_start: int) -> bool:
    """'Jane Doe said', 'Jane Doe, a lawyer, said', 'Jane Doe, chief of Acme told': ``name`` is
    the subject of the verb at ``verb_start`` (and not the object of a preposition)."""
    if _PREPOSITION_BEFORE_RE.search(text, max(0, name.start - 6), name.start):
        return False
    if _AUXILIARIES_RE.fullmatch(text, name.end, verb_start):
        return True
    if _CLOSED_APPOSITION_RE.fullmatch(text, name.end, verb_start):
        return True
    role = _ROLE_APPOSITION_RE.fullmatch(text, name.end, verb_start)
    return role is not None and is_role_word(role.group("role"))


def _has_pronoun_subject(text: str, verb: VerbSpan) -> bool:
    """'he said', 'she says', 'сказала она', 'пише він': the verb's subject is a pronoun."""
    return (
        _PRONOUN_BEFORE_VERB_RE.search(text, max(0, verb.start - 16), verb.start) is not None
        or _PRONOUN_AFTER_VERB_RE.match(text, verb.end) is not None
    )


def _speaker_in_sentence(context: SpeakerContext, start: int, end: int) -> Name | Nobody | None:
    """The person a sentence is about, NOBODY for an unnamed speaker, None when it names nobody.

    A named speaker ('X said', 'said X') wins; a pronoun speaker ('he noted') defers to earlier
    sentences; a speech verb with no name ('one analyst said', 'как считает эксперт') means
    nobody is named; else the first person the sentence names.
    """
    text = context.text
    names = context.names(start, end)
    verbs = speech_verbs_in(text, start, end, reporting=True)
    if verbs:
        named_verbs = [verb for verb in verbs if not _has_pronoun_subject(text, verb)]
        speakers = [_speaker_of_verb(context, start, names, verb) for verb in named_verbs]
        named = [name for name in speakers if name is not None]
        people = [name for name in named if context.is_person(name)]
        if people or named:
            return (people or named)[0]
        return NOBODY if named_verbs else None
    if _PRONOUN_OPENS_RE.match(text, start):
        return None  # 'Er wünschte Macron gute Besserung.': about the pronoun's person
    people = [name for name in names if context.is_person(name)]
    return people[0] if people else None


def subject_before(context: SpeakerContext, pos: int) -> Name | Nobody | None:
    """The person a pronoun at ``pos`` refers to: the speaker or subject of the nearest sentence
    before it that names one; else the first other name in those sentences. A sentence whose
    subject is itself a pronoun ('He thanked Jane Doe.') passes the question on to the ones
    before it: the names in it are its objects."""
    fallback = None
    for start, end in sentences_before(context, pos):
        found = _speaker_in_sentence(context, start, min(end, pos))
        if found is not None:
            return found
        if fallback is None and not _PRONOUN_OPENS_RE.match(context.text, start):
            others = [n for n in context.names(start, min(end, pos)) if not n.is_organisation]
            fallback = others[0] if others else None
    return fallback


def person_with_role(context: SpeakerContext, role: str, pos: int) -> Name | None:
    """The person named with ``role`` before ``pos``: 'эксперт агентства X Илья Березнюк',
    'прем’єр-міністр України Денис Шмигаль', 'Leeann Tweeden, a radio news anchor'."""
    stem = role.casefold()[: max(4, len(role) - 2)]
    text = context.text
    pattern = re.compile(rf"(?<![\w-]){re.escape(stem)}\w*", re.IGNORECASE)
    for match in reversed(list(pattern.finditer(text, max(0, pos - _ROLE_LOOK_BACK), pos))):
        after = [
            name
            for name in context.names(match.end(), min(pos, match.end() + 80))
            if context.is_person(name)
            and not _WHOSE_AFTER_ROLE_RE.match(text[match.end() : name.start])
        ]
        if after and not re.search(r"[.!?;]\s", text[match.end() : after[0].start]):
            return after[0]
        before = context.names(max(0, match.start() - 60), match.start())
        if before and context.is_person(before[-1]) and "," in text[before[-1].end : match.start()]:
            return before[-1]
    return _person_titled_after(context, pattern, pos)


def _person_titled_after(context: SpeakerContext, role: re.Pattern[str], pos: int) -> Name | None:
    """'the mayor said ...' and only later 'Mayor Jane Doe': the role used as a title before the
    name further on."""
    for match in role.finditer(context.text, pos, pos + _ROLE_LOOK_AHEAD):
        following = context.names(match.end(), match.end() + 40)
        if (
            following
            and following[0].hint is NameHint.PERSON
            and context.text[match.end() : following[0].start].isspace()
        ):
            return following[0]
    return None


#: A lower-case word this short before a weekday is its preposition ('у середу', 'в среду').
_PREPOSITION_MAX_LETTERS = 2


def _without_time_phrase(source: str) -> str:
    """'МЗС у середу' -> 'МЗС': the source phrase without the day it spoke on."""
    words = source.split()
    for index, word in enumerate(words):
        if index and word.islower() and word.startswith(WEEKDAY_STEMS):
            before = words[index - 1]
            cut = (
                index - 1 if before.islower() and len(before) <= _PREPOSITION_MAX_LETTERS else index
            )
            return " ".join(words[:cut]) if cut else source
    return " ".join(words)


def _named_source(context: SpeakerContext, start: int, source: str) -> str | None:
    """A source phrase that names someone: the person it names, or the whole phrase for an
    organisation ('ГУ МЧС РФ по Приморскому краю' keeps its region, not the day: 'МЗС у
    середу')."""
    names = context.names(start, start + len(source))
    if not names:
        return None
    if not any(name.is_organisation for name in names):
        people = [name for name in names if context.is_person(name)]
        if people:
            return people[-1].text
    return _without_time_phrase(source)


def reported_source_before(context: SpeakerContext, pos: int) -> str | None:
    """The source an earlier sentence reports ('сообщает ГУ МЧС РФ по Приморскому краю', 'the
    Home Office has said'), for a quotation attributed to 'the statement', 'пресс-служба' or
    'a government spokesman'."""
    text = context.text
    for start, end in sentences_before(context, pos):
        for match in reversed(list(_SOURCE_CLAUSE_RE.finditer(text, start, end))):
            source = match.group("source").strip()
            named = _named_source(context, match.start("source"), source)
            if named is not None:
                return named
            if _ORG_ROLE_STEM_RE.search(source):
                before = context.names(max(0, start - 1500), start)
                organisations = [name for name in before if name.is_organisation]
                if organisations or before:
                    return (organisations or before)[-1].text
            if len(source.split()) >= 2:
                return " ".join(source.split())
        for verb in speech_verbs_in(text, start, end, reporting=True):
            speaker = _speaker_of_verb(context, start, context.names(start, end), verb)
            if speaker is not None and speaker.is_organisation:
                return speaker.text
    return None
