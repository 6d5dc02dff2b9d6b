"""Attribution patterns: who a quotation is attributed to, in the words next to it.

Covers English, Russian, Ukrainian, German, French and Spanish: ``"…," X said`` / ``said X``,
``X said: "…"``, ``X: "…"``, ``according to X`` and its equivalents (по словам, за словами,
laut, so, selon, según). The result is the raw subject phrase; :mod:`bot.extract.speaker` turns a
pronoun or a role into a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.lexicon import ALL, alternation
from bot.extract.speaker.names import LOWER, NAME_RE, UPPER, is_role_word
from bot.extract.speechverbs import VERBS_RE, speech_verbs_in

_VERB_RE = VERBS_RE
#: Prepositions that introduce a source: according to X, по словам X, laut X, selon X, según X.
#: Some count only before a capitalised name: German 'so Jane Doe', not English 'doing so would'.
_SOURCE_PREP = (
    rf"(?:{alternation(ALL.source_prepositions)}|"
    rf"{alternation(ALL.source_words_before_name)}"
    rf"(?=\s+(?:{alternation(ALL.definite_articles)}\s+)?(?-i:[{UPPER}])))"
)
#: A subject phrase: words up to a clause boundary (comma, period, another quote mark); a name
#: in guillemets may stand inside it ('в компании «Acme»').
#: A period inside it follows an initial ('J. K. Rowling'), a capital even where the pattern
#: ignores case ('Eto'o.' ends the phrase).
_PHRASE = (
    rf"(?:[^\n,.;:!?«»“”„\"]|«[^«»\n]{{1,40}}»|\.(?=[^\s.])|(?<=\b(?-i:[{UPPER}]))\.)"
    r"{1,120}"
)
#: A preposition ends a subject phrase once it has a word: "said Dave Newton from the police".
_PREPOSITION_CUT_RE = re.compile(
    rf"(?<=\S)\s+{alternation(ALL.subject_end_prepositions)}\s.*$", re.IGNORECASE | re.DOTALL
)
_DASH = r"(?:[—–-]|--)"

#: After a closing mark: '," said X' / ', — сказал X' / ', sagte X' / ', so X'.
_VERB_THEN_SUBJECT = re.compile(
    rf"^[\s,.!?…]*{_DASH}?\s*(?:{_VERB_RE}|{_SOURCE_PREP})\s+(?P<subject>{_PHRASE})",
    re.IGNORECASE | re.VERBOSE,
)
_CAPITALISED_RUN = rf"(?-i:[{UPPER}])[\w.-]*(?:\s+(?-i:[{UPPER}])[\w.-]*)*"
#: After a closing mark, an outlet quoting someone: ', — цитирует РБК белорусского лидера'. The
#: outlet (a capitalised run, a name in «», or both: 'РИА «Новости»') is the verb's subject; the
#: speaker is the phrase after it, a role or a name.
_CITING_OUTLET_THEN_SPEAKER = re.compile(
    rf"^[\s,.!?…]*{_DASH}?\s*{alternation(ALL.citing_verbs)}\s+"
    rf"(?:(?:{_CAPITALISED_RUN}\s+)?«[^«»\n]{{1,40}}»|{_CAPITALISED_RUN})\s+"
    rf"(?P<subject>{_PHRASE})",
    re.IGNORECASE,
)
#: After a closing mark, an outlet quoting the person named before by a pronoun: '», — цитирует
#: его слова «РИА Новости»', '— цитує його агентство'. The pronoun is the speaker.
_CITING_PRONOUN = re.compile(
    rf"^[\s,.!?…]*{_DASH}?\s*(?P<verb>{alternation(ALL.citing_verbs)})\s+"
    rf"(?:{alternation(ALL.object_pronouns)})\b",
    re.IGNORECASE,
)
#: After a closing mark: '," X said' / '," Bergsten, now the director of ..., said'.
_SUBJECT_THEN_VERB = re.compile(
    rf"^[\s,.!?…]*{_DASH}?\s*(?P<subject>{_PHRASE}?)(?:,[^,\n]{{1,90}},)?\s+"
    rf"(?:has\ |had\ |have\ |will\ |would\ |also\ |then\ |later\ )?(?:{_VERB_RE})\b",
    re.IGNORECASE | re.VERBOSE,
)
#: After a closing mark, a verb with its pronoun joined by a hyphen (French inversion): ',
#: déclare-t-il', ', a-t-elle ajouté', ', glisse-t-elle', ', avait-il asséné'. Any verb in that
#: place attributes the quotation, so no list of verbs is needed.
_HYPHEN_INVERTED_PRONOUN = re.compile(
    rf"^[\s,.!?…]*{_DASH}?\s*[{LOWER}]+(?:-t)?-(?P<subject>{alternation(ALL.inverted_pronouns)})\b",
)
#: After a closing mark, a verb of saying with no subject at all (Spanish and Slavic drop the
#: pronoun): '", dijo.', '», — добавил.'. It speaks of the person named before, like 'he said'.
_BARE_VERB = re.compile(rf"^[\s,.!?…]*{_DASH}?\s*(?:{_VERB_RE})\s*(?:[.!?;]|$)", re.IGNORECASE)
#: Lower-case particles inside a full name: 'Pablo Hernández de Cos', 'Ursula von der Leyen'.
_NAME_PARTICLES = r"(?:de|del|da|di|du|des|la|le|van|von|der|den)"
#: A name set off after an unnamed subject, ending the clause or set off by another comma:
#: ', Jane Doe.', ', Bruno Le Maire, sur France Inter' (after 'le ministre de l’Économie').
_APPOSED_NAME_RE = re.compile(
    rf",\s+(?P<name>(?:[{UPPER}][\w'’.-]*\s+(?:{_NAME_PARTICLES}\s+){{0,2}}){{0,3}}[{UPPER}][\w'’-]*)"
    rf"\s*(?:\([^()\n]{{1,30}}\)\s*)?(?:[.;!?,]|$)"  # 'Peter Beuth (CDU).': a party in brackets
)
#: After a closing mark: '," local papers quoted Jane Doe as saying'.
_QUOTED_AS_SAYING = re.compile(
    r"^[\s,.!?…]*(?:[^\n,.;:!?«»“”„\"]{0,40}?\s)?(?:quote[sd]?|cite[sd]?|report(?:s|ed)?)\s+"
    r"(?P<subject>[^\n,.;:!?«»“”„\"]{1,80}?)\s+as\s+say(?:ing|s)\b",
    re.IGNORECASE,
)
#: Before an opening mark: 'X said: "' / 'X told reporters "' / 'He wrote to the pope, "'.
#: Found in two steps (the verbs of the last clause, then the subject ending before one), which
#: is far cheaper than one pattern tried at every position.
_CLAUSE_TAIL_RE = re.compile(r"[^.!?\n]{0,150}$")
#: The subject may be followed by an apposition in commas or dashes ('X — a critic — has said',
#: 'X, the head of Acme, a bakery, said').
#: Matched on the REVERSED text before the verb: anchored at the verb, one match attempt instead
#: of a lazy pattern tried at every position ('dias sah — citirc a — X').
_REVERSED_SUBJECT_BEFORE_VERB_RE = re.compile(
    r"\s+(?:(?:sah|evah|dah)\s+)?"
    r"(?P<apposition>(?:,[^,\n]{1,90}){1,2},|[—–][^—–\n]{1,90}[—–]\s*)?"
    r"(?P<subject>[^\n,.;:!?«»“”„\"—–]{1,90})",
    re.IGNORECASE,
)
#: An apposition that is only a name: 'The Labour MP for Leeds, Jane Doe, said'.
_NAME_APPOSITION_RE = re.compile(rf",\s*(?P<name>(?:[{UPPER}][\w'’.-]*\s*){{1,4}}),")
_ROLE_HEADED_RE = re.compile(r"^\s*(?:the|a|an)\s", re.IGNORECASE)
#: Before an opening mark, verb first (German word order, 'said X:'): 'erklärte der Sprecher der
#: Deutschen Bank: "'. The subject must start with an article or a capital, so that
#: 'told reporters:' is not taken for a speaker.
_VERB_SUBJECT_BEFORE = re.compile(
    rf"\b(?!told\b|tells\b|asked\b){_VERB_RE}\s+"
    rf"(?!der\s+\w+(?:ung|heit|keit|schaft|ion|tät)\b)"  # 'sagte der Zeitung': a dative
    rf"(?P<subject>(?:der|die|das|the|(?-i:[{UPPER}]))[^\n,.;:!?«»“”„\"]{{0,90}}):\s*$",
    re.IGNORECASE | re.VERBOSE,
)
#: Before an opening mark: 'according to X, "' / 'По словам X, «'.
_SOURCE_BEFORE = re.compile(
    rf"\b{_SOURCE_PREP}\s+(?P<subject>{_PHRASE})[,:]?\s*$", re.IGNORECASE | re.VERBOSE
)
#: A speaker label: 'Секретар РНБО Данілов: "' or 'Dr Fox:' closing the preceding text.
#: A label is short ('Секретар РНБО Данілов:', 'Dr Fox:'); a whole clause before a colon
#: ('The bill contained a memo:') introduces a document, not a speaker.
_LABEL_BEFORE = re.compile(
    rf"(?P<subject>[{UPPER}][^\n:.!?«»“”„\"\s]*(?:[ \t\u00a0]+[^\n:.!?«»“”„\"\s]+){{0,5}}):\s*$"
)

_PRONOUNS = frozenset(ALL.pronouns)
_ENDS_WITH_VERB_RE = re.compile(rf"\b(?:{_VERB_RE})$", re.IGNORECASE)
_QUOTATION_LABELS = frozenset(ALL.quotation_labels)
#: A quotation label followed by whose words they are: 'Пряма мова джерела УП', 'Zitat Müller'.
_LABELLED_SPEAKER_RE = re.compile(
    rf"{alternation(ALL.quotation_labels)}\s+(?P<speaker>\S.*)$", re.IGNORECASE
)
#: Words that open a clause, not a subject: '" and predicted further cuts' continues the
#: sentence of whoever was named before the quotation.
_CLAUSE_OPENERS = frozenset(ALL.clause_openers)


@dataclass(frozen=True, slots=True)
class Attribution:
    """The phrase a quotation is attributed to, and whether it is a pronoun; ``of_person`` when
    the pronoun is a person's though no pronoun is written ('", dijo.', '— цитирует его')."""

    subject: str
    is_pronoun: bool
    of_person: bool = False


def is_quotation_label(attribution: Attribution) -> bool:
    """'Дослівно:', 'Пряма мова:': the attribution is a label that names nobody."""
    return " ".join(attribution.subject.split()).casefold() in _QUOTATION_LABELS


def _cut_at_preposition(subject: str) -> str:
    """'Jane Doe from the police' -> 'Jane Doe'; but 'the Attorney for Ruritania Jane Doe' stays
    whole: only a role comes before the preposition, and a full name ends the phrase."""
    cut = _PREPOSITION_CUT_RE.search(subject)
    if cut is None:
        return subject
    head = subject[: cut.start()]
    for run in NAME_RE.finditer(head):
        if run.start() > 0 and head[run.start() - 1] in '«“"„':
            continue  # 'в интервью каналу «Вести» руководитель …': a channel, not the subject
        if any(not is_role_word(word) and not word.isupper() for word in run.group().split()):
            return head
    after = list(NAME_RE.finditer(subject, cut.start()))
    if after and after[-1].end() == len(subject.rstrip()) and " " in after[-1].group():
        return subject
    return head


def _attribution(subject: str) -> Attribution | None:
    subject = _cut_at_preposition(subject.strip(" \u00a0\t-—–"))
    if not subject or not re.search(rf"[{UPPER}{LOWER}]", subject):
        return None
    first = subject.split()[0].casefold()
    if first in _CLAUSE_OPENERS:
        return None
    return Attribution(subject, len(subject.split()) == 1 and first in _PRONOUNS)


def attribution_after(tail: str) -> Attribution | None:
    """The attribution that follows a closing quote mark, from the text right after it."""
    head = tail[:200]
    inverted = _HYPHEN_INVERTED_PRONOUN.match(head)
    if inverted is not None:
        return Attribution(inverted.group("subject"), is_pronoun=True)
    cited = _CITING_PRONOUN.match(head)
    if cited is not None:
        # The verb stands for the dropped subject, as in '", dijo.': a person's words.
        return Attribution(cited.group("verb"), is_pronoun=True, of_person=True)
    match = (
        _CITING_OUTLET_THEN_SPEAKER.match(head)
        or _QUOTED_AS_SAYING.match(head)
        or _VERB_THEN_SUBJECT.match(head)
        or _SUBJECT_THEN_VERB.match(head)
    )
    found = _attribution_of_match(head, match) if match is not None else None
    if found is None:
        bare = _BARE_VERB.match(head)
        if bare is not None:
            return Attribution(bare.group().strip(" ,.!?;…-—–"), is_pronoun=True, of_person=True)
    return found


def attribution_closing(text: str, start: int, end: int) -> Attribution | None:
    """The attribution that ends ``text[start:end]`` as its last clause, after a comma:
    '…, Seoul should talk, Jane Doe said.', 'Der Weg sei weit gewesen, sagt Adigun.'."""
    segment = text[start:end].rstrip()
    comma = segment.rfind(",")
    if comma <= 0:
        return None
    found = attribution_after(segment[comma:])
    if found is None:
        return None
    # The attribution must reach the end: '…, Jane Doe said.' but not '…, Jane Doe said it
    # would rain.'
    clause = segment[comma:].rstrip(" .!?…")
    return found if clause.endswith(found.subject) or _ENDS_WITH_VERB_RE.search(clause) else None


def _attribution_of_match(head: str, match: re.Match[str]) -> Attribution | None:
    subject = match.group("subject")
    apposed = _APPOSED_NAME_RE.match(head, match.end("subject"))
    if apposed is not None and (
        not re.search(f"[{UPPER}]", subject) or any(map(is_role_word, subject.split()))
    ):
        # 'said a lawyer for the family, Jane Doe.', 'sagte der Leiter des Vereins, Uwe Kamp.'
        return _attribution(apposed.group("name"))
    return _attribution(subject)


#: A capitalised name, a comma and a relative pronoun right before a verb of saying.
_RELATIVE_BEFORE_RE = re.compile(
    rf"(?P<name>(?:[{UPPER}][\w'’.-]*\s+){{0,3}}[{UPPER}][\w'’-]*),\s*"
    rf"(?i:{alternation(ALL.relative_pronouns)})\s+$"
)


def _subject_verb_before(head: str) -> str | None:
    """'X said: "' / 'X, a spokesman, told reporters "': the subject before a verb of saying in
    the clause that runs up to the opening mark."""
    verbs = speech_verbs_in(head)
    for verb in reversed(verbs):
        # 'цитирует демографа Хэ Яфу, который говорит, что «…»', 'quoted Jane Doe, who said
        # that "…"': who speaks is the name the relative clause is about.
        relative = _RELATIVE_BEFORE_RE.search(head, max(0, verb.start - 120), verb.start)
        if relative is not None and _CLAUSE_TAIL_RE.match(head, verb.end) is not None:
            return relative.group("name")
    for verb in verbs:
        if _CLAUSE_TAIL_RE.match(head, verb.end) is None:
            continue
        reversed_lead = head[max(0, verb.start - 200) : verb.start][::-1]
        found = _REVERSED_SUBJECT_BEFORE_VERB_RE.match(reversed_lead)
        if found is None:
            continue
        subject = found.group("subject")[::-1]
        apposition = _NAME_APPOSITION_RE.fullmatch((found.group("apposition") or "")[::-1])
        if apposition is not None and (
            _ROLE_HEADED_RE.match(subject) or any(map(is_role_word, subject.split()))
        ):
            return apposition.group("name").strip()
        return subject
    return None


#: Before an opening mark, an outlet quoting someone: 'Die Zeitung zitiert einen Augenzeugen mit
#: den Worten: „'. The outlet is the verb's subject; the phrase after the verb is the speaker.
_CITING_BEFORE = re.compile(
    rf"\b{alternation(ALL.citing_verbs)}\s+(?P<subject>[^\n:.;!?«»“”„\"]{{1,90}}?)\s*:\s*$",
    re.IGNORECASE,
)


#: Before an opening mark, a pronoun right after the verb: 'Im Interview mit der Zeitung sagte sie:
#: „' — the pronoun is the subject, the names before the verb are adverbials. The pronoun is
#: found first (the last word), then the verb before it: one look-up instead of the whole verb
#: alternation tried at every position.
_TRAILING_PRONOUN_RE = re.compile(r"(?P<subject>[^\W\d_]+)\s*[:,]?\s*$")
_INVERTED_PRONOUNS = frozenset(ALL.inverted_pronouns)
_VERB_LOOK_BACK = 40


def _verb_pronoun_before(head: str) -> Attribution | None:
    found = _TRAILING_PRONOUN_RE.search(head, max(0, len(head) - 24))
    if found is None or found.group("subject").casefold() not in _INVERTED_PRONOUNS:
        return None
    start = found.start("subject")
    verbs = speech_verbs_in(head, max(0, start - _VERB_LOOK_BACK), start)
    if not verbs or head[verbs[-1].end : start].strip():
        return None
    return Attribution(found.group("subject"), is_pronoun=True)


def attribution_before(lead: str) -> Attribution | None:
    """The attribution that introduces an opening quote mark, from the text right before it."""
    head = lead[-220:]
    inverted = _verb_pronoun_before(head)
    if inverted is not None:
        return inverted
    citing = _CITING_BEFORE.search(head) if head.rstrip().endswith(":") else None
    if citing is not None:
        return _attribution(citing.group("subject"))
    introduces = head.rstrip().endswith(":")  # the patterns that need a colon are costly
    match = _SOURCE_BEFORE.search(head) or (introduces and _VERB_SUBJECT_BEFORE.search(head))
    subject = match.group("subject") if match else _subject_verb_before(head)
    if subject is None and introduces:
        label = _LABEL_BEFORE.search(head)
        subject = label.group("subject") if label else None
        if subject is not None and " ".join(subject.split()).casefold() in _QUOTATION_LABELS:
            # 'Пряма мова: "…"' labels the words of the one the text is about, like a pronoun
            # (unless the words after the quotation name its speaker).
            return Attribution(subject, is_pronoun=True)
        labelled = _LABELLED_SPEAKER_RE.match(subject) if subject is not None else None
        if labelled is not None:
            subject = labelled.group("speaker")  # 'Пряма мова джерела УП:': whose words

    return _attribution(subject) if subject is not None else None
