"""Attribution patterns: who a quotation is attributed to, in the words next to it.

Covers English, Russian, Ukrainian, German, French and Spanish: ``"…," X said`` / ``said X``,
``X said: "…"``, ``X: "…"``, ``according to X`` and its equivalents (по словам, за словами,
laut, so, selon, según). The result is the raw subject phrase; :mod:`bot.extract.speaker` turns a
pronoun or a role into a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.names import LOWER, UPPER, word_set

_VERBS = r"""
    said|says|say|told|tells|added|adds|noted|notes|wrote|writes|explained|explains|stated|
    declared|warned|argued|insisted|asked|continued|recalled|pointed\ out|tweeted|posted|replied|
    responded|commented|claimed|announced|acknowledged|admitted|concluded|hesitated|
    сказал[аи]?|заявил[аи]?|сообщил[аи]?|отметил[аи]?|подчеркнул[аи]?|пояснил[аи]?|добавил[аи]?|
    написал[аи]?|рассказал[аи]?|уточнил[аи]?|призвал[аи]?|цитирует|пишет|сообщает|сообщают|
    заявляет|говорит|считает|отмечает|подчеркивает|
    сказав|сказала|сказали|заявив|заявила|повідомив|повідомила|повідомили|зазначив|зазначила|
    зазначає|наголосив|наголосила|написав|написала|пише|додав|додала|пояснив|пояснила|каже|
    закликають|заявляє|говорится|отмечается|сообщается|йдеться|зазначається|
    sagte|sagt|sagten|erklärte|erklärt|betonte|betont|meinte|meint|schrieb|schreibt|warnte|
    ergänzte|fügte\ hinzu|teilte\ mit|
    a\ déclaré|a\ dit|déclare|dit|estime|a\ estimé|a\ affirmé|affirme|a\ expliqué|explique|
    a\ ajouté|ajoute|a\ souligné|souligne|écrit|a\ écrit|
    dijo|afirmó|aseguró|explicó|declaró|señaló|añadió|indicó|escribió
"""
#: Used in re.VERBOSE patterns only: the layout whitespace above is ignored there.
_VERB_RE = f"(?:{_VERBS})"
#: Any verb of saying as a whole word, for scanning sentences (not anchored like the patterns).
SPEECH_VERB_RE = re.compile(
    rf"""(?<!\w)(?:{_VERBS}|считает|считают|по\ мнению|говорится|отмечается|сообщается|
    пишет|пишут|передает|передаёт|indique|reported|reports|hailed)(?!\w)""",
    re.IGNORECASE | re.VERBOSE,
)
#: Prepositions that introduce a source: according to X, по словам X, laut X, selon X, según X.
_SOURCE_PREP = (
    r"(?:according\ to|по\ словам|по\ данным|за\ словами|за\ даними|laut|so|selon|según|"
    r"как\ (?:сообщил[аи]?|заявил[аи]?|пояснил[аи]?|отметил[аи]?)|як\ (?:зазначив|заявив|"
    r"повідомив|сказав))"
)
#: A subject phrase: words up to a clause boundary (comma, period, another quote mark).
_PHRASE = rf"(?:[^\n,.;:!?«»“”„\"]|\.(?=[^\s.])|(?<=\b[{UPPER}])\.){{1,90}}"
#: A preposition ends a subject phrase once it has a word: "said Dave Newton from the police".
_PREPOSITION_CUT_RE = re.compile(
    r"(?<=\S)\s+(?:from|at|in|on|for|with|during|after|before|to|в|во|на|у|из|для|при|через|от|"
    r"по|к|із|під|aus|bei|beim|vor|auf|im|zum|zur|vom|während|dans|sur|pour|en|con|desde)\s.*$",
    re.IGNORECASE | re.DOTALL,
)
_DASH = r"(?:[—–-]|--)"

#: After a closing mark: '," said X' / ', — сказал X' / ', sagte X' / ', so X'.
_VERB_THEN_SUBJECT = re.compile(
    rf"^[\s,.!?…]*{_DASH}?\s*(?:{_VERB_RE}|{_SOURCE_PREP})\s+(?P<subject>{_PHRASE})",
    re.IGNORECASE | re.VERBOSE,
)
#: After a closing mark: '," X said' / '," Bergsten, now the director of ..., said'.
_SUBJECT_THEN_VERB = re.compile(
    rf"^[\s,.!?…]*{_DASH}?\s*(?P<subject>{_PHRASE}?)(?:,[^,\n]{{1,90}},)?\s+"
    rf"(?:has\ |had\ |have\ |will\ |would\ |also\ |then\ |later\ )?(?:{_VERB_RE})\b",
    re.IGNORECASE | re.VERBOSE,
)
#: Before an opening mark: 'X said: "' / 'X told reporters "' / 'He wrote to the pope, "'.
#: Found in two steps (the verbs of the last clause, then the subject ending before one), which
#: is far cheaper than one pattern tried at every position.
_VERB_WORD_RE = re.compile(rf"(?<!\w){_VERB_RE}\b", re.IGNORECASE | re.VERBOSE)
_CLAUSE_TAIL_RE = re.compile(r"[^.!?\n]{0,150}$")
_SUBJECT_BEFORE_VERB_RE = re.compile(
    r"(?P<subject>[^\n,.;:!?«»“”„\"]{1,90}?)(?:,[^,\n]{1,90},)?\s+$", re.IGNORECASE
)
#: Before an opening mark, verb first (German word order, 'said X:'): 'erklärte der Sprecher der
#: Deutschen Bank: "'. The subject must start with an article or a capital, so that
#: 'told reporters:' is not taken for a speaker.
_VERB_SUBJECT_BEFORE = re.compile(
    rf"\b(?!told\b|tells\b|asked\b){_VERB_RE}\s+(?P<subject>(?:der|die|das|the|(?-i:[{UPPER}]))"
    rf"[^\n,.;:!?«»“”„\"]{{0,90}}):\s*$",
    re.IGNORECASE | re.VERBOSE,
)
#: Before an opening mark: 'according to X, "' / 'По словам X, «'.
_SOURCE_BEFORE = re.compile(
    rf"\b{_SOURCE_PREP}\s+(?P<subject>{_PHRASE})[,:]?\s*$", re.IGNORECASE | re.VERBOSE
)
#: A speaker label: 'Секретар РНБО Данілов: "' or 'Dr Fox:' closing the preceding text.
_LABEL_BEFORE = re.compile(rf"(?P<subject>[{UPPER}][^\n:.!?«»“”„\"]{{1,80}}):\s*$")

_PRONOUNS = word_set(
    """he she they it him her его её ее он она они оно він вона вони його її er sie es ihm ihr
    il elle ils elles él ella ellos ellas"""
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """The phrase a quotation is attributed to, and whether it is a pronoun."""

    subject: str
    is_pronoun: bool


def _attribution(subject: str) -> Attribution | None:
    subject = _PREPOSITION_CUT_RE.sub("", subject.strip(" \u00a0\t-—–"))
    if not subject or not re.search(rf"[{UPPER}{LOWER}]", subject):
        return None
    first = subject.split()[0].casefold()
    return Attribution(subject, len(subject.split()) == 1 and first in _PRONOUNS)


def attribution_after(tail: str) -> Attribution | None:
    """The attribution that follows a closing quote mark, from the text right after it."""
    head = tail[:200]
    match = _VERB_THEN_SUBJECT.match(head) or _SUBJECT_THEN_VERB.match(head)
    if match is None:
        return None
    return _attribution(match.group("subject"))


def _subject_verb_before(head: str) -> re.Match[str] | None:
    """'X said: "' / 'X, a spokesman, told reporters "': the subject before a verb of saying in
    the clause that runs up to the opening mark."""
    for verb in _VERB_WORD_RE.finditer(head):
        if _CLAUSE_TAIL_RE.match(head, verb.end()) is None:
            continue
        subject = _SUBJECT_BEFORE_VERB_RE.search(head, 0, verb.start())
        if subject is not None:
            return subject
    return None


def attribution_before(lead: str) -> Attribution | None:
    """The attribution that introduces an opening quote mark, from the text right before it."""
    head = lead[-220:]
    match = (
        _SOURCE_BEFORE.search(head)
        or _VERB_SUBJECT_BEFORE.search(head)
        or _subject_verb_before(head)
        or _LABEL_BEFORE.search(head)
    )
    if match is None:
        return None
    return _attribution(match.group("subject"))
