"""The speaker of a quotation that no words next to it attribute.

A quotation right after another in the same paragraph continues its speaker; otherwise a name in
its own sentence, an organisation that sentence speaks of, a speaker label in the title, the
person the sentences before are about, a person named just after it, or a person the title
names. A place or a thing named nearby is no speaker.
"""

from __future__ import annotations

import re

from bot.extract.lexicon import ALL, alternation
from bot.extract.quotemarks import QuoteSpan
from bot.extract.speaker.attribution import Attribution, attribution_after, attribution_closing
from bot.extract.speaker.coreference import (
    NOBODY,
    Nobody,
    SpeakerContext,
    sentences_before,
    subject_before,
)
from bot.extract.speaker.names import Name, names_in
from bot.extract.speaker.resolve import organisation_for, resolve_attribution, title_person
from bot.extract.speaker.subjectnames import ORG_ROLE_RE
from bot.extract.speechverbs import speech_verbs_in

#: How far after an unattributed quotation a person named may be its speaker.
_AFTER_QUOTE_CHARS = 200

_PRONOUN_RE = re.compile(rf"\b{alternation(ALL.person_pronouns)}\b", re.IGNORECASE)
#: A subordinate clause that opens a sentence: its names are not the sentence's subject.
_FRONTED_CLAUSE_RE = re.compile(
    rf"{alternation(ALL.subordinating_conjunctions)}\b[^,\n]{{0,200}},", re.IGNORECASE
)
#: The words after the closing mark of the quotation just before: '” the caller asked. '
_PREVIOUS_QUOTE_TAIL_RE = re.compile(r"[”\"»“](?P<tail>[^”\"»“„«\n]{3,150})$")


def _previous_quote_attribution(text: str, pos: int) -> Attribution | None:
    """'“Are you there?” the caller asked. “Can you hear me?”': a quotation that follows another
    one in the same paragraph continues its speaker."""
    previous = _PREVIOUS_QUOTE_TAIL_RE.search(text, max(0, pos - 160), pos)
    return attribution_after(previous.group("tail")) if previous is not None else None


def unattributed_speaker(
    context: SpeakerContext, span: QuoteSpan, title: str | None
) -> str | Nobody | None:
    """A quotation with no attribution: the speaker of a quotation just before it in the same
    paragraph, a name in its own sentence before it (a person first, the main clause's first),
    an organisation its sentence refers to by role, a speaker label in the title ('Выступление
    Зеленского:'), the person the sentences before are about, a person named just after it,
    else a name in the title. A place or a thing named nearby is not a speaker: None."""
    text = context.text
    own_sentence = sentences_before(context, span.open_pos, limit=0)
    own_start = own_sentence[0][0] if own_sentence else span.open_pos
    if not text[own_start : span.open_pos].strip():
        continued = _previous_quote_attribution(text, own_start)
        if continued is not None:
            return resolve_attribution(context, continued, span, title)
    if not text[own_start : span.open_pos].strip():
        # 'Der Weg sei weit gewesen, sagt Adigun. "Wir kommen …"': the sentence before, in the
        # same paragraph, ends by naming who speaks, and the quotation goes on in their words.
        # The sentence holding own_start is empty (cut at own_start): the one before it.
        previous = sentences_before(context, own_start, limit=1)
        if previous and "\n" not in text[previous[0][0] : own_start]:
            closing = attribution_closing(text, previous[0][0], own_start)
            if closing is not None:
                return resolve_attribution(context, closing, span, title)
    if text[span.start : span.end].lstrip()[:1].islower() and not speech_verbs_in(
        text, own_start, span.open_pos, reporting=True
    ):
        # 'il a «dû être opéré en urgence»': words set into the writer's own sentence, about
        # whoever it names, by nobody it says.
        return None
    own = [n for n in context.names(own_start, span.open_pos) if not n.is_organisation]
    fronted = _FRONTED_CLAUSE_RE.match(text, own_start, span.open_pos)
    if fronted is not None:
        # 'Rather than praising Jane Doe, John Roe argued that "...': the main clause's subject.
        own = [n for n in own if n.start >= fronted.end()] + [
            n for n in own if n.start < fronted.end()
        ]
    people = [name for name in own if context.is_person(name)]
    if people or own:
        return (people or own)[0].text
    if ORG_ROLE_RE.search(text, own_start, span.open_pos):
        role = text[own_start : span.open_pos]
        organisation = organisation_for(context, role, span.open_pos)
        if organisation is not None:
            return organisation.text
    if title and title.rstrip().endswith(":"):
        # A speaker label ('Путин на заседании Совбеза:'): its first name is the speaker.
        title_words = frozenset(word.casefold() for word in title.split())
        label = next(names_in(title, context.known | title_words), None)
        if label is not None:
            return label.text
    introduced = sentences_before(context, span.open_pos, limit=1)
    introduction = text[introduced[0][0] : span.open_pos].rstrip() if introduced else ""
    if introduction.endswith(":") and not _PRONOUN_RE.search(introduction):
        # 'The bill came with a memo:' introduces a document, and names no one.
        return NOBODY
    found = subject_before(context, span.open_pos)
    if isinstance(found, Name) and context.is_person(found):
        return found.text
    tail_start = span.close_pos + 1 if span.close_pos >= 0 else span.end
    # A person named right after the quotation, in its own paragraph: the next paragraph is
    # about someone else.
    paragraph_end = text.find("\n", tail_start, tail_start + _AFTER_QUOTE_CHARS)
    tail_end = paragraph_end if paragraph_end >= 0 else tail_start + _AFTER_QUOTE_CHARS
    after = context.names(tail_start, tail_end)
    after_people = [name for name in after if context.is_person(name)]
    if after_people:
        return after_people[0].text
    title_name = title_person(title, context)
    return title_name.text if title_name is not None else None
