"""Find names (capitalised word runs) in text and tell persons from organisations.

No named-entity model: a name is a run of capitalised words, with the particles names carry
("de", "van der", "al-", "фон дер") and initials inside it. A capitalised word that opens a
sentence is only a name when the text also capitalises it mid-sentence, and German nouns, which
are all capitalised, are kept out by a list of role and common words.

The words around a run say more: a role word splits it ("New York City Mayor Jane Doe" is a place
and a person; the name after a role is a person, the one before it a qualifier), a possessive ends
it ("Mr Doe's e-mail"), a dotted abbreviation stands alone ("U.S."), and an organisation's name
goes on through a lower-case noun ("the Scottish government") or lower-case words after its head
noun ("Ministry of Defence", "Министерство экологии и природопользования Подмосковья").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.extract.lexicon import ALL
from bot.extract.speaker.nameevidence import (
    Run,
    capitalised_runs,
    known_words,
    mid_sentence_words,
)
from bot.extract.speaker.nameparts import (
    ABBREVIATION_RE,
    CYRILLIC_RE,
    LOWER,
    NAME_RE,
    NEXT_WORD_RE,
    UPPER,
    Name,
    NameHint,
)
from bot.extract.speaker.namewords import (
    DEMONYMS,
    FEMININE_AGENT_ENDINGS,
    FEMININE_AGENT_MIN_LENGTH,
    HONORIFICS,
    NOT_NAME_WORDS,
    ORG_WORDS,
    ROLE_SUFFIXES,
    ROLE_WORDS,
    word_set,
)
from bot.extract.speaker.organisations import headed_organisation, organisation_phrase
from bot.extract.speechverbs import is_speech_verb

__all__ = [
    "LOWER",
    "NAME_RE",
    "ROLE_WORDS",
    "UPPER",
    "Name",
    "NameHint",
    "Run",
    "follows_role",
    "is_role_word",
    "mid_sentence_words",
    "names_in",
    "names_of_run",
    "scan_runs",
    "title_surnames",
    "word_set",
]

#: A Cyrillic word before a person's name that qualifies a role: an abbreviation ('РФ') or a
#: place in the genitive ('України', 'России', 'Германии').
_GENITIVE_QUALIFIER_RE = re.compile(
    r"^[А-ЯЁІЇЄҐ]{2,}$|[а-яёіїєґ](?:и|ї|ы|а|я)$|[а-яёіїєґ](?:ого|его|ой|ей|ої|ьої)$"
)
#: A region's adjective in the genitive: 'Тверской (области)', 'Калуської (адміністрації)'.
_ADJECTIVE_GENITIVE_RE = re.compile(r"^[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]*(?:ого|его|ой|ей|ої|ьої)$")
#: Lower-case words, then a two-word capitalised run: the person a role's qualifier leads to
#: ('Тверской| области Игорь Сомов').
_GENITIVE_TAIL_RE = re.compile(
    r"(?:[ \t\u00a0]+[а-яёіїєґ'’-]+){1,4}[ \t\u00a0]+[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+[ \t\u00a0]+[А-ЯЁІЇЄҐ]"
)
_CYRILLIC_ABBREVIATION_RE = re.compile(r"^[А-ЯЁІЇЄҐ]{2,}$")
_PATRONYMIC_RE = re.compile(r"(?:ович|евич|йович|ич|овна|евна|ична|івна|ївна)$")
_TOKEN_RE = re.compile(r"\S+")
_POSSESSIVE = ("'s", "’s")


_ELIDED_ARTICLE_RE = re.compile(r"^[ld]['’][a-zà-ÿ]")
#: Single words that name a people ("Syrian", "Ethiopians"), not a person.
_DEMONYM_RE = re.compile(r"(?:ians?|eans?|ese)$")


def is_role_word(word: str) -> bool:
    """'Mayor', 'spokeswoman', 'VW-Chef', 'Director-General', 'прем’єр-міністр', and German
    compounds ending in a role ('Bundespräsident'): a word naming a role."""
    folded = word.casefold().rstrip(".,:")
    if folded in ROLE_WORDS:
        return True
    if "-" in folded:
        first, _, last = folded.partition("-")
        # 'FDP-Landeschef': the last part may be a German compound role itself.
        return first in ROLE_WORDS or is_role_word(last.rsplit("-", 1)[-1])
    if len(folded) >= FEMININE_AGENT_MIN_LENGTH and folded.endswith(FEMININE_AGENT_ENDINGS):
        return True  # 'Kuratorin', 'Regisseurin'
    return folded.endswith(ROLE_SUFFIXES) and any(
        folded.endswith(suffix) and len(folded) >= len(suffix) + 3 for suffix in ROLE_SUFFIXES
    )  # 'Bahnchef' is a role, the surname 'Richter' is not


def _is_demonym(word: str) -> bool:
    return word in DEMONYMS or _DEMONYM_RE.search(word) is not None


def _is_not_name(word: str) -> bool:
    """A function word, a role ("VW-Chef"), a demonym list entry or an elided article word."""
    return (
        word in NOT_NAME_WORDS
        or word.rsplit("-", 1)[-1] in ROLE_WORDS
        or _ELIDED_ARTICLE_RE.match(word) is not None
    )


_Token = tuple[int, str]  # (offset in the run, word)


def _person_tail(tokens: list[_Token]) -> list[_Token]:
    """The person at the end of 'State Jane Doe', 'України Денис Шмигаль': the surname, the
    particles, initials and patronymic before it, and one given name."""
    index = len(tokens) - 2
    while index > 0 and (
        tokens[index][1].islower()
        or len(tokens[index][1]) <= 3
        and tokens[index][1].endswith(".")
        or _PATRONYMIC_RE.search(tokens[index][1])
    ):
        index -= 1
    return tokens[max(0, index) :]


def _trim(tokens: list[_Token], run: str, start: int, hint: NameHint) -> Name | None:
    """Drop non-name words from both edges of a run; None when nothing name-like is left."""

    def folded(index: int) -> str:
        return tokens[index][1].casefold().rstrip(".,")

    while tokens and _is_not_name(folded(0)):
        if folded(0) in HONORIFICS and len(tokens) > 1:
            break
        tokens.pop(0)
    while tokens and _is_not_name(folded(-1)):
        tokens.pop()
    while tokens and not tokens[0][1][0].isupper():
        tokens.pop(0)  # a particle left first once the words before it went: 'den Opernball'
    if not tokens or (len(tokens) == 1 and _DEMONYM_RE.search(folded(0))):
        return None
    if hint is NameHint.PERSON and folded(-1) in ORG_WORDS:
        hint = NameHint.NONE  # 'the official Daily Planet newspaper': an adjective, no role
    if hint is NameHint.PERSON and len(tokens) == 1 and _is_abbreviation(tokens[0][1]):
        hint = NameHint.NONE  # 'руководитель дирекции ВГТРК', 'head of NASA': whose, not who
    if (
        hint is NameHint.PERSON
        and len(tokens) >= 3
        and _GENITIVE_QUALIFIER_RE.search(tokens[0][1])
        and not _PATRONYMIC_RE.search(tokens[1][1])
    ):
        tokens.pop(0)  # 'прем’єр-міністр України Денис Шмигаль', not 'Анна Петровна Орлова'
    while (
        len(tokens) >= 2
        and (hint is NameHint.PERSON or len(tokens) >= 3)
        and _CYRILLIC_ABBREVIATION_RE.match(tokens[0][1])
        and not _GENITIVE_QUALIFIER_RE.search(tokens[1][1])
        and not tokens[-1][1].isupper()
        and folded(-1) not in ORG_WORDS
    ):
        tokens.pop(0)  # 'глава МВД Антон Петров': the ministry qualifies the person
    first_offset = tokens[0][0]
    last_offset, last = tokens[-1]
    if last.endswith(_POSSESSIVE):
        last = last[:-2]
    elif not ABBREVIATION_RE.fullmatch(last):
        last = last.rstrip(".,")
    text = run[first_offset : last_offset + len(last)]
    return Name(text, start + first_offset, start + first_offset + len(text), hint)


def _hint_after(text: str, pos: int) -> tuple[NameHint, bool]:
    """Whether the run at ``pos`` follows a role word, and whether through 'of'/'for'
    ('Secretary of State Jane Doe': the run opens with the role's complement)."""
    if pos == 0 or not text[pos - 1].isspace():
        return NameHint.NONE, False
    words = text[max(0, pos - 40) : pos].rsplit(None, 3)  # the last three words suffice
    if words and words[-1].islower() and _is_cyrillic(words[-1]):
        # A Cyrillic role's complement runs longer: 'голова Калуської районної адміністрації'.
        words = text[max(0, pos - 90) : pos].rsplit(None, 5)
    if not words:
        return NameHint.NONE, False
    if is_role_word(words[-1]):
        return NameHint.PERSON, False
    if len(words) >= 2 and words[-1] in {"of", "for"} and is_role_word(words[-2]):
        return NameHint.PERSON, True
    for back in (2, 3, 4, 5):
        # 'министр иностранных дел России Иван Петров', 'Губернатор Тверской области Игорь
        # Сомов': a role, then its lower-case complement (a region's adjective may lead it).
        if len(words) < back or not all(
            _is_cyrillic(word) and (word.islower() or _ADJECTIVE_GENITIVE_RE.match(word))
            for word in words[-back + 1 :]
        ):
            break
        if is_role_word(words[-back]):
            return NameHint.PERSON, False
    return NameHint.NONE, False


def _role_follows(text: str, end: int) -> bool:
    following = NEXT_WORD_RE.match(text, end)
    return following is not None and is_role_word(following.group(1))


def _is_cyrillic(word: str) -> bool:
    return CYRILLIC_RE.match(word) is not None


def _split_run(text: str, run: str, start: int) -> Iterator[Name]:
    """The names of one capitalised run, cut at role words and after possessives."""
    hint, complement = _hint_after(text, start)
    if len(run.split(None, 1)) == 1:  # one word, the common case
        if hint is NameHint.PERSON and _qualifies_later_name(text, run, start):
            hint = NameHint.QUALIFIER
        if not is_role_word(run):
            yield from _names_of_segment(text, [(0, run)], run, start, hint)
        return
    segment: list[_Token] = []
    for match in _TOKEN_RE.finditer(run):
        word = match.group()
        if is_role_word(word):
            if segment:
                name = _trim(segment, run, start, NameHint.QUALIFIER)
                if name is not None:
                    yield name
            segment, hint, complement = [], NameHint.PERSON, False
            continue
        if segment and _is_cyrillic(segment[-1][1]) != _is_cyrillic(word):
            # 'агентства Acme Communications Илья Иванов': the script changes between names.
            name = _trim(segment, run, start, hint)
            if name is not None:
                yield name
            segment, hint, complement = [], NameHint.NONE, False
        if not segment and hint is NameHint.PERSON and word.islower():
            hint = NameHint.NONE  # 'als Organisatorin den Opernball': a noun, not a person
        segment.append((match.start(), word))
        if word.endswith(_POSSESSIVE) and not _ends_in_organisation_noun(run[match.end() :]):
            name = _trim(segment, run, start, hint)
            if name is not None:
                yield name
            segment, hint, complement = [], NameHint.NONE, False
    if segment:
        if complement and len(segment) >= 3 and segment[-1][1].casefold() not in ORG_WORDS:
            segment = _person_tail(segment)  # 'Attorney for Ruritania Jane Doe'
        if hint is NameHint.NONE and _role_follows(text, start + len(run)):
            hint = NameHint.QUALIFIER  # 'Acme Foods chairman Jane Doe'
        yield from _names_of_segment(text, segment, run, start, hint)


def _ends_in_organisation_noun(rest: str) -> bool:
    """ "Sheriff's| Office": one organisation noun after a possessive ends the same name."""
    words = rest.split()
    return len(words) == 1 and words[0].casefold().rstrip(".,") in ORG_WORDS


def _qualifies_later_name(text: str, word: str, start: int) -> bool:
    """'Губернатор Тверской области Игорь Сомов': the word after the role is a region's
    adjective; the person is the name after its lower-case noun."""
    return (
        _ADJECTIVE_GENITIVE_RE.match(word) is not None
        and _GENITIVE_TAIL_RE.match(text, start + len(word)) is not None
    )


def _is_abbreviation(word: str) -> bool:
    """'ВГТРК', 'NASA', 'ФСБ': an organisation's initials, never a person's name."""
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _names_of_segment(
    text: str, segment: list[_Token], run: str, start: int, hint: NameHint
) -> Iterator[Name]:
    """The name a run's last segment holds; a lone demonym only as 'the British government'."""
    name = _trim(list(segment), run, start, hint)
    if name is not None:
        yield name
    elif len(segment) == 1 and _is_demonym(segment[0][1].casefold()):
        offset, word = segment[0]
        demonym = Name(word, start + offset, start + offset + len(word))
        organisation = organisation_phrase(text, demonym, len(text))
        if organisation is not None:
            yield organisation


_AFTER_SUBJECT_RE = re.compile(r"\s*,|\s+([^\W\d_]+)")
#: Auxiliaries after a subject: 'Jane Doe has coached the team for years.'
_AUXILIARY_WORDS = frozenset(ALL.auxiliaries)


def _is_given_name(text: str, first: str, rest: str, end: int) -> bool:
    """Whether the unknown word opening a sentence before a name is part of it ('Jane Doe, a
    lawyer, said', 'Jane Doe said', 'Jane Doe has'): one more name word follows, then a comma,
    a verb of saying or an auxiliary, and the text never uses the word in lower case (as it
    would 'Yesterday')."""
    if len(rest.split()) != 1 or not first.isalpha() or _is_not_name(first.casefold()):
        return False
    after = _AFTER_SUBJECT_RE.match(text, end)
    following = after.group(1) if after is not None else None
    if after is None or (
        following is not None
        and not is_speech_verb(following)
        and following not in _AUXILIARY_WORDS
    ):
        return False
    lower = first.casefold()
    return not any(f" {lower}{mark}" in text for mark in " ,.;:")


def names_in(
    text: str, known: frozenset[str], start: int = 0, end: int | None = None
) -> Iterator[Name]:
    """Yield the names in ``text[start:end]``, in order.

    ``known`` comes from :func:`mid_sentence_words`: the first word of a run that opens a sentence
    is only kept when the text also uses it capitalised mid-sentence (or it is an honorific, or
    the head of an organisation's name).
    """
    end = len(text) if end is None else end
    return _names_of_runs(text, capitalised_runs(text, start, end), known, end)


def scan_runs(
    text: str, start: int, end: int, evidence_end: int
) -> tuple[frozenset[str], list[Run], list[Run]]:
    """The words known as names from ``text[:evidence_end]``, the capitalised runs of
    ``text[start:end]`` and all the runs read for the evidence, from one pass over the text;
    :func:`names_of_run` turns a run into names when it is needed (what
    :class:`SpeakerContext` does lazily)."""
    runs = capitalised_runs(text, 0, max(end, evidence_end))
    evidence = [run for run in runs if run[0] < evidence_end]
    window = [run for run in runs if start <= run[0] and run[0] + len(run[1]) <= end]
    return known_words(evidence), window, evidence


def names_of_run(text: str, run: Run, known: frozenset[str], end: int) -> list[Name]:
    """The names of one run from :func:`scan_runs` (an organisation phrase may reach past it)."""
    return list(_names_of_runs(text, [run], known, end))


def follows_role(text: str, pos: int) -> bool:
    """True when the word at ``pos`` comes right after a role word ('Mayor Doe', 'chairman Doe')."""
    return _hint_after(text, pos)[0] is NameHint.PERSON


def _names_of_runs(text: str, runs: list[Run], known: frozenset[str], end: int) -> Iterator[Name]:
    covered = 0
    for run_start, run, opens_sentence in runs:
        if run_start < covered:
            continue
        first = run.split()[0]
        first_folded = first.casefold().rstrip(".")
        if opens_sentence and first_folded not in known and first_folded not in HONORIFICS:
            head = Name(first, run_start, run_start + len(first))
            organisation = headed_organisation(text, head, end) if len(run) == len(first) else None
            if organisation is not None:
                covered = organisation.end
                yield organisation
                continue
            rest = run[len(first) :]
            if not rest.strip():
                continue
            if not _is_given_name(text, first, rest, run_start + len(run)):
                run_start += len(run) - len(rest.lstrip())
                run = rest.lstrip()
        for name in _split_run(text, run, run_start):
            organisation = organisation_phrase(text, name, end)
            if organisation is not None:
                covered = organisation.end
                name = organisation
            yield name


def title_surnames(title: str | None) -> frozenset[str]:
    """Surnames of the people a headline names in full ('Jane Doe wins the cup' -> 'doe').

    A headline capitalises its first word anyway, so its runs are read without the evidence
    test of :func:`names_in`; only runs of two to four name words count.
    """
    if not title:
        return frozenset()
    surnames = set()
    for match in NAME_RE.finditer(title):
        words = [word for word in match.group().split() if word[0].isupper()]
        folded = [word.casefold().rstrip(".,:") for word in words]
        if (
            2 <= len(words) <= 4
            and not any(_is_not_name(word) for word in folded)
            and folded[-1] not in ORG_WORDS
            and not match.group().isupper()
        ):
            surnames.add(folded[-1])
    return frozenset(surnames)
