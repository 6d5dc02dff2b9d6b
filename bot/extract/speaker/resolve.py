"""The name an attribution stands for: a name in its subject phrase, else what its pronoun or role
refers to.

'Jane Doe said' names its speaker; 'he said' is the person the sentences before are about
(:mod:`bot.extract.speaker.coreference`); 'the expert said' the person named with that role;
'the company said', 'говорится в сообщении' the organisation or source reported earlier; a
spokesman's words ('eine Bahn-Sprecherin', 'ein Sprecher des Finanzministeriums') the
organisation; 'one analyst said' nobody. A name set in quotation marks is a title's, an outlet's
or a band's, and the title line may name the person an organisation's statement comes from.
"""

from __future__ import annotations

import re

from bot.extract.lexicon import ALL, alternation
from bot.extract.quotemarks import QuoteSpan
from bot.extract.speaker.attribution import Attribution, is_quotation_label
from bot.extract.speaker.coreference import (
    NOBODY,
    Nobody,
    SpeakerContext,
    person_with_role,
    reported_source_before,
    sentences_before,
    subject_before,
)
from bot.extract.speaker.names import (
    ROLE_WORDS,
    UPPER,
    Name,
    NameHint,
    is_role_word,
    mid_sentence_words,
    names_in,
)
from bot.extract.speaker.subjectnames import ORG_ROLE_RE, speaker_names, with_lower_case_tail

#: How far back and forward (characters) a pronoun or role may look for its name.
_LOOK_BACK = 1500
_LOOK_AHEAD = 400

#: An unnamed individual: "one analyst", "a woman", "ein Experte", "один из".
_INDEFINITE_RE = re.compile(rf"^{alternation(ALL.indefinite_words)}\b", re.IGNORECASE)
#: An unnamed individual by a common noun, last in the phrase: 'the girl', 'a passer-by',
#: 'очевидец'.
_ANONYMOUS_RE = re.compile(rf"(?:^|\s){alternation(ALL.unnamed_person_nouns)}s?$", re.IGNORECASE)
_SPEECH_VERBS = alternation(ALL.frequent_speech_verbs)
#: A name followed by its speech verb: "Michael Angus said", "James Fry, vice-president, told".
_VERB_AFTER_NAME_RE = re.compile(rf"(?:,[^,\n]{{0,80}},?)?\s+{_SPEECH_VERBS}\b", re.IGNORECASE)
#: A speech verb followed by its name: "said Robert Sinche", "заявил журналист Алексей".
_VERB_BEFORE_NAME_RE = re.compile(rf"\b{_SPEECH_VERBS}\s+(?:[^\W\d]+\s+){{0,3}}$", re.IGNORECASE)

_OPENING_MARKS = frozenset('«“"„‘‹')


def in_quote_marks(text: str, name: Name) -> bool:
    """'Беленец «Известиям»', 'з «Океану Ельзи»': a name set in quotation marks is the name of a
    title, an outlet, a band or a company, never a person's."""
    return name.start > 0 and text[name.start - 1] in _OPENING_MARKS


def only_in_quote_marks(text: str, speaker: str) -> bool:
    """Whether every mention of ``speaker`` in ``text`` stands in quotation marks."""
    starts = [match.start() for match in re.finditer(re.escape(speaker), text)]
    return bool(starts) and all(start > 0 and text[start - 1] in _OPENING_MARKS for start in starts)


def _best_in_phrase(names: list[Name]) -> Name | None:
    """The name a subject phrase stands for: the person it names after a role ('analyst Jane
    Doe of Acme Partners'), else its last person-like name, else its last name."""
    if not names:
        return None
    titled = [name for name in names if name.hint is NameHint.PERSON]
    people = titled or [name for name in names if name.is_person_like]
    return people[-1] if people else names[-1]


def _named_speaker_before(text: str, names: list[Name]) -> Name | None:
    """The last name that a speech verb attributes words to ('X said', 'said X')."""
    for name in reversed(names):
        if _VERB_AFTER_NAME_RE.match(text, name.end, name.end + 120) or _VERB_BEFORE_NAME_RE.search(
            text, max(0, name.start - 60), name.start
        ):
            return name
    return None


def _person_for(context: SpeakerContext, pos: int, end: int) -> Name | None:
    """The person a pronoun or a person role at ``pos`` refers to."""
    text = context.text
    before = context.find_names(max(0, pos - _LOOK_BACK), pos)
    before = [name for name in before if not name.is_organisation]
    speaker = _named_speaker_before(text, before)
    if speaker is not None:
        return speaker
    people = [name for name in before if name.is_person_like]
    if people:
        return people[-1]
    if before:
        return before[-1]
    after = context.find_names(end, min(len(text), end + _LOOK_AHEAD))
    return after[0] if after else None


def organisation_for(
    context: SpeakerContext, role: str, pos: int, extra_known: frozenset[str] = frozenset()
) -> Name | None:
    """The organisation a role ('the company', 'пресс-служба', 'a spokesman') refers to."""
    text = context.text
    window_start = max(0, pos - _LOOK_BACK)
    role_stem = ORG_ROLE_RE.search(role)
    if role_stem is not None:
        # 'агентство Киодо', 'the company Norton': the role word named earlier in the text.
        pattern = re.compile(re.escape(role_stem.group()) + r"\w*\s+", re.IGNORECASE)
        for match in reversed(list(pattern.finditer(text, window_start, pos))):
            following = context.find_names(match.end(), min(pos, match.end() + 60), extra_known)
            if following and following[0].start == match.end():
                return following[0]
    before = context.find_names(window_start, pos, extra_known)
    if role_stem is not None:
        # 'so das Ministerium' after 'das Innenministerium': the last name of that kind.
        stem = role_stem.group().casefold()
        of_kind = [name for name in before if stem in name.text.casefold()]
        if of_kind:
            return of_kind[-1]
    organisations = [name for name in before if name.is_organisation]
    if organisations:
        return organisations[-1]
    return before[-1] if before else None


def _prefer_person_apposition(
    context: SpeakerContext, name: Name, extra_known: frozenset[str]
) -> Name:
    """'Colin Asplin, Blackpool Hotel Association said': the person before the comma speaks."""
    text = context.text
    if not name.is_organisation:
        return name
    head = text[max(0, name.start - 60) : name.start]
    if not head.rstrip().endswith(","):
        return name
    offset = name.start - len(head)
    previous = context.find_names(offset, name.start, extra_known)
    if (
        previous
        and not previous[-1].is_organisation
        and text[previous[-1].end : name.start].strip() == ","
    ):
        return previous[-1]
    return name


_PARENTHESIS_RE = re.compile(r"\([^()]*\)")
#: An article opening a source phrase: 'a statement from Acme' is no fuller name of Acme.
_ARTICLE_RE = re.compile(rf"{alternation(ALL.source_phrase_articles)}\s", re.IGNORECASE)
#: Capitalised words opening a subject phrase ('Acme Rail's spokeswoman'), or the whole of it
#: ('Doe:' as a speaker label).
_OPENING_RUN_RE = re.compile(rf"([{UPPER}][\w'’-]*)(?:\s+[{UPPER}]|$)")
#: A role compound: 'Bahn-Sprecherin', 'VW-Boss' (the part before the hyphen names who).
_ROLE_COMPOUND_RE = re.compile(r"(?<!\w)([^\W\d_][\w.]*)-(\w+)")
_SPOKES_RE = re.compile(alternation(ALL.spokesperson_stems), re.IGNORECASE)
_DEFINITE_ARTICLES = frozenset(ALL.definite_articles)


#: A line naming the source of what follows: 'Джерело: виступ Вітренка в ефірі …'.
_SOURCE_LINE_RE = re.compile(
    rf"(?:^|\n)[ \t]*{alternation(ALL.source_labels)}[ \t]*:[ \t]*(?P<phrase>[^\n]{{1,200}})",
    re.IGNORECASE,
)
_SOURCE_LINE_LOOK_BACK = 600


def _source_line_person(context: SpeakerContext, pos: int) -> str | None:
    """'Джерело: його речниця Юлія Мендель …' then 'Пряма мова: "…"': the person the source line
    before a labelled quotation names, if it names one."""
    found = list(_SOURCE_LINE_RE.finditer(context.text, max(0, pos - _SOURCE_LINE_LOOK_BACK), pos))
    if not found:
        return None
    phrase = found[-1]
    people = [
        name
        for name in context.names(phrase.start("phrase"), phrase.end("phrase"))
        if context.is_person(name)
    ]
    return people[0].text if people else None


def _pronoun_speaker(context: SpeakerContext, span: QuoteSpan) -> str | None:
    found = subject_before(context, span.open_pos)
    if found is NOBODY:
        return None
    if found is not None:
        return found.text
    person = _person_for(context, span.open_pos, span.end)
    return person.text if person else None


def _role_compound_speaker(context: SpeakerContext, subject: str, pos: int) -> str | None:
    """'eine Bahn-Sprecherin' speaks for the organisation named 'Bahn'; 'der VW-Boss' is the
    person named earlier as 'VW-Chef Herbert Diess'."""
    for match in _ROLE_COMPOUND_RE.finditer(subject):
        prefix, role = match.groups()
        if not is_role_word(role):
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


#: 'Ein Sprecher des Finanzministeriums', 'die Sprecherin der Deutschen Bahn': the organisation in
#: the genitive after a spokesperson.
_SPOKESPERSON_OF_RE = re.compile(
    rf"(?i:{alternation(ALL.spokesperson_stems)})\w*\s+(?P<article>{alternation(ALL.genitive_articles)})"
    rf"\s+(?P<org>[{UPPER}][\w-]+(?:\s+[{UPPER}][\w-]+)*"
    rf"(?:\s+(?:{alternation(ALL.genitive_articles)})\s+[{UPPER}][\w-]+)?)"
)
#: A German strong genitive ending: 'Finanzministeriums', 'Verbandes', 'Konzerns'.
_GENITIVE_S_RE = re.compile(r"(?<=[^\Wse])e?s(?=\s|$)")


def _spokesperson_organisation(subject: str) -> str | None:
    """'Ein Sprecher des Finanzministeriums' -> 'Finanzministerium': a spokesperson speaks for
    the organisation named after it, given in the nominative ('des …s' loses its ending)."""
    found = _SPOKESPERSON_OF_RE.search(subject)
    if found is None:
        return None
    org = found.group("org")
    if found.group("article").casefold() == "des":
        org = _GENITIVE_S_RE.sub("", org, count=1)
    return org


#: An unnamed person heading the subject phrase: 'собеседник издания', 'source close to the
#: company' (the organisation after it only says whose source).
_UNNAMED_HEAD_RE = re.compile(rf"^{alternation(ALL.unnamed_person_nouns)}s?\b", re.IGNORECASE)


def _is_unnamed_individual(subject: str) -> bool:
    """'one analyst', 'a woman', 'ein Anwohner', 'одна из жительниц', 'the girl': somebody the
    text does not name. A spokesman or a statement speaks for an organisation, so it is not."""
    if _UNNAMED_HEAD_RE.match(subject):
        return True
    if ORG_ROLE_RE.search(subject):
        return False
    return _INDEFINITE_RE.match(subject) is not None or _ANONYMOUS_RE.search(subject) is not None


def _person_role(subject: str) -> str | None:
    """The role word of a subject phrase such as 'the expert', 'президент', 'der VW-Boss',
    'der FDP-Landeschef'."""
    for word in re.finditer(r"[\w'’-]+", subject):
        if word.group().casefold() in ROLE_WORDS:
            return word.group()
        head, _, role = word.group().rpartition("-")
        if head and is_role_word(role):
            return word.group()
    return None


def _subject_position(text: str, subject: str, span: QuoteSpan) -> int:
    """Where the attribution's subject stands: the occurrence nearest the quotation before it
    or after it ('"…président de la Fifa…", indique la Fifa' is the one after), else inside it
    (an attribution set within the marks)."""
    before = text.rfind(subject, max(0, span.open_pos - 400), span.open_pos)
    after = text.find(subject, span.end, span.end + 250)
    if after >= 0 and (before < 0 or after - span.end < span.open_pos - (before + len(subject))):
        return after
    if before >= 0:
        return before
    inside = text.find(subject, span.start, span.end)
    return inside if inside >= 0 else span.open_pos


def resolve_attribution(
    context: SpeakerContext, attribution: Attribution, span: QuoteSpan, title: str | None
) -> str | Nobody | None:
    """The name an attribution stands for; NOBODY when it names nobody ('one analyst', 'the
    girl'); None when it cannot be resolved (then the quotation counts as unattributed)."""
    text = context.text
    if attribution.is_pronoun:
        if is_quotation_label(attribution):
            labelled = _source_line_person(context, span.open_pos)
            if labelled is not None:
                return labelled
        return _pronoun_speaker(context, span)
    subject = attribution.subject
    subject_pos = _subject_position(text, subject, span)
    subject_end = subject_pos + len(subject)
    parentheses = [m.span() for m in _PARENTHESIS_RE.finditer(text, subject_pos, subject_end)]
    opening = _OPENING_RUN_RE.match(subject)
    extra_known: frozenset[str] = frozenset()
    if opening is not None and (
        opening.end() < len(subject) or text[subject_end:].startswith((":", ","))
    ):
        # The subject's own name, even where it opens the sentence: 'Acme Rail's spokeswoman',
        # a speaker label 'Doe: "…"' or a name set off by an apposition 'Biden, speaking at …,
        # said' (but not 'Police said').
        extra_known = frozenset({opening.group(1).casefold()})
    in_phrase = [
        name
        for name in context.find_names(subject_pos, subject_end, extra_known)
        if name.words[0].casefold() not in _DEFINITE_ARTICLES
        and not any(start <= name.start < end for start, end in parentheses)
    ]
    in_phrase = speaker_names(text, context.lang, subject_pos, in_phrase)
    unquoted = [name for name in in_phrase if not in_quote_marks(text, name)]
    named = _best_in_phrase(unquoted or in_phrase)
    compound = _role_compound_speaker(context, subject, span.open_pos)
    if compound is not None:
        return compound
    if _is_unnamed_individual(subject):
        # 'One City analyst', 'ein Anwohner': a capitalised word in the phrase only qualifies
        # the unnamed speaker.
        return NOBODY
    if named is not None:
        if named.is_organisation and ORG_ROLE_RE.search(subject):
            # 'региональный главк МЧС': the fuller name an earlier sentence reported.
            source = reported_source_before(context, span.open_pos)
            if source is not None and named.text in source and not _ARTICLE_RE.match(source):
                return source
        named = with_lower_case_tail(text, named, subject_end)
        return _prefer_person_apposition(context, named, extra_known).text
    spoken_for = _spokesperson_organisation(subject)
    if spoken_for is not None:
        return spoken_for
    if ORG_ROLE_RE.search(subject):
        source = reported_source_before(context, span.open_pos)
        if source is not None:
            return source
        title_name = title_person(title, context)
        if title_name is not None:
            # 'говорится в документе' under the title 'Президент Владимир Зеленский подписал указ'
            return title_name.text
        organisation = organisation_for(context, subject, span.open_pos, extra_known)
        # 'йдеться в повідомленні' with no organisation before it: the statement is unsigned,
        # and the person the next sentence names is not its author.
        return organisation.text if organisation else NOBODY
    role = _person_role(subject)
    if role is not None:
        return _role_speaker(context, role, span)
    return _pronoun_speaker(context, span)


def _role_speaker(context: SpeakerContext, role: str, span: QuoteSpan) -> str | Nobody:
    """'the analyst said': the person named with that role, else the person the sentences
    before are about; NOBODY when neither names a person (the role stays unnamed)."""
    person = person_with_role(context, role, span.open_pos)
    if person is not None:
        return person.text
    found = subject_before(context, span.open_pos)
    if isinstance(found, Name) and context.is_person(found):
        return found.text
    # 'Prime Minister Jane Doe ordered ... "…", the head of government said': the person last
    # introduced with a role.
    sentences = sentences_before(context, span.open_pos)
    if sentences:
        titled = [
            name
            for name in context.names(sentences[-1][0], span.open_pos)
            if name.hint is NameHint.PERSON
        ]
        if titled:
            return titled[-1].text
    return NOBODY


def title_person(title: str | None, context: SpeakerContext) -> Name | None:
    """The person the title names, if any: a place or a thing in a headline speaks for nobody."""
    if not title:
        return None
    names = names_in(title, context.known | mid_sentence_words(title))
    people = [name for name in names if context.is_person(name)]
    return people[-1] if people else None
