"""Name the speaker of a quotation: find its attribution, resolve it to a name, check the name.

The labelling rules this follows: the speaker is a name as the article writes it, never a
pronoun or a bare role. The attribution next to the quotation ('X said', 'according to X',
:mod:`bot.extract.speaker.attribution`) is resolved to the name it stands for
(:mod:`bot.extract.speaker.resolve`); a quotation nothing attributes gets a person named next to
it, or nobody (:mod:`bot.extract.speaker.unattributed`). The name must then pass the person check
(:mod:`bot.extract.speaker.personcheck`): a place is no speaker.
"""

from __future__ import annotations

import re

from bot.extract.lexicon import ALL
from bot.extract.lines import is_read_more
from bot.extract.quotemarks import QuoteSpan
from bot.extract.speaker.attribution import (
    Attribution,
    attribution_after,
    attribution_before,
    attribution_closing,
    is_quotation_label,
)
from bot.extract.speaker.coreference import NOBODY, SpeakerContext, sentences_before
from bot.extract.speaker.names import LOWER, UPPER
from bot.extract.speaker.personcheck import is_acceptable_speaker, without_leading_place
from bot.extract.speaker.resolve import only_in_quote_marks, resolve_attribution
from bot.extract.speaker.subjectnames import ORG_ROLE_RE
from bot.extract.speaker.unattributed import unattributed_speaker
from bot.extract.speechverbs import speech_verbs_in

_PERSON_PRONOUNS = frozenset(ALL.person_pronouns)
_PRONOUNS = frozenset(ALL.pronouns)

#: A blank line, or a finished sentence then a line break, after the closing mark: what follows
#: is a new paragraph, not the quotation's attribution.
_BLANK_LINE_RE = re.compile(r"[ \t]*\n\s*\n")
_NEW_LINE_RE = re.compile(r"[ \t]*\n")


def _is_bare_label(head: str) -> bool:
    """'…stehen russische Truppen in Teilen Georgiens: "…"': the clause the colon ends has no
    verb of saying, so it is a label or a lead-in, and words after the quotation that name its
    speaker ('", so Frank-Walter Steinmeier') come first."""
    clause_start = max(head.rfind(mark, 0, len(head) - 1) for mark in ".!?\n")
    return not speech_verbs_in(head, clause_start + 1, reporting=True)


def _attribution_of(text: str, span: QuoteSpan) -> Attribution | None:
    """The attribution next to the quotation: an introducing 'X said:' right before it wins;
    then the words after its closing mark (within the paragraph); then any before it."""
    head = text[: span.open_pos]
    before = attribution_before(head)
    if before is not None and is_read_more(before.subject):
        before = None  # 'A lire aussi sur …:' glued before the quotation labels a link
    if (
        before is not None
        and head.rstrip().endswith(":")
        and not is_quotation_label(before)
        and not _is_bare_label(head)
    ):
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


#: The rest of the quotation's sentence after its closing mark, up to the sentence's end.
_SENTENCE_REST_RE = re.compile(r"[^\n.!?«»“”„\"]{1,250}?[.!?](?=\s|$)")


def _attribution_ending_sentence(text: str, span: QuoteSpan) -> Attribution | None:
    """'Rather than backing measures that "threaten peace," Seoul should talk, Jane Doe said.':
    a quotation inside a sentence whose last clause attributes it."""
    tail_start = span.close_pos + 1 if span.close_pos >= 0 else span.end
    rest = _SENTENCE_REST_RE.match(text, tail_start)
    if rest is None or text.find(",", tail_start + 1, rest.end()) < 0:
        return None
    return attribution_closing(text, tail_start + 1, rest.end())


#: What sets an attribution into a quotation: a comma ('…, warns Jane Doe, …') or a dash
#: (Spanish '… —dice el comisario Juan Pérez—. …').
_INSERTED_ATTRIBUTION_RE = re.compile(r"(?:,\s+|\s?[—–]\s*)$")
#: The inserted clause names someone: a capital soon after the verb, before the clause ends
#: ('warns Jane Doe', 'dice el comisario Juan Pérez').
_NAME_START_RE = re.compile(rf"\s+(?:[{LOWER}]+\s+){{0,3}}[{UPPER}]")


def _attribution_inside(text: str, span: QuoteSpan) -> Attribution | None:
    """'“Prices will rise, warns Jane Doe, an economist. Nobody is ready.”', '"No vamos a
    permitirlo —dice el comisario Juan Pérez—. …"': an attribution that a writer set inside the
    marks without closing the quotation (only when none is outside)."""
    for verb in speech_verbs_in(text, span.start, span.end):
        comma = _INSERTED_ATTRIBUTION_RE.search(text, max(span.start, verb.start - 4), verb.start)
        if comma is not None and _NAME_START_RE.match(text, verb.end, span.end):
            return attribution_after(text[comma.start() : span.end])
    return None


def _is_pointed_at(
    context: SpeakerContext, attribution: Attribution | None, span: QuoteSpan, speaker: str
) -> bool:
    """Whether the attribution names ``speaker`` in its own subject phrase ('Jane Doe said',
    'said Acme Corp', 'по словам Петрова'), speaks of an organisation ('the company said',
    'пресс-служба ведомства') or by a pronoun that is not a person's ('it said'), rather than
    through a person's pronoun or role, or proximity. With no attribution, a quotation whose
    own sentence speaks of an organisation ('Acme released a statement saying, "…"') points at
    the organisation."""
    if attribution is None:
        own = sentences_before(context, span.open_pos, limit=0)
        own_start = own[0][0] if own else span.open_pos
        return ORG_ROLE_RE.search(context.text, own_start, span.open_pos) is not None
    subject = attribution.subject
    first = subject.split()[0].casefold()
    if attribution.is_pronoun or first in _PRONOUNS:
        # 'sagte er dem Bayerischen Rundfunk': the pronoun speaks, the outlet is its object.
        # A verb with its pronoun dropped ('", dijo.') speaks of a person, like 'he said'.
        return first not in _PERSON_PRONOUNS and not attribution.of_person
    return speaker in subject or ORG_ROLE_RE.search(subject) is not None


def find_speaker(
    text: str, span: QuoteSpan, title: str | None = None, lang: str = "en"
) -> str | None:
    """Name who said the quotation ``span`` of ``text``, or None when nobody is named.

    ``title`` (the headline or first line) is a last resort: Telegram posts often name the speaker
    only in their title line ("Секретар РНБО Данілов:"). The name must pass the person check
    (:func:`bot.extract.speaker.personcheck.is_acceptable_speaker`): no place, people, party,
    bare title or fragment, and a person unless the attribution points at it itself.
    """
    context = SpeakerContext(text, span.end, title, lang)
    attribution = (
        _attribution_of(text, span)
        or _attribution_inside(text, span)
        or _attribution_ending_sentence(text, span)
    )
    resolved = None
    if attribution is not None:
        resolved = resolve_attribution(context, attribution, span, title)
    if resolved is None:
        attribution = None
        resolved = unattributed_speaker(context, span, title)
    if resolved is None or resolved is NOBODY:
        return None
    resolved = without_leading_place(resolved, lang)
    pointed_at = _is_pointed_at(context, attribution, span, resolved)
    if not pointed_at and only_in_quote_marks(text, resolved):
        # Reached through proximity or a pronoun, a name in quotation marks is a band's, a
        # paper's or a company's, and the text never names it as speaking.
        return None
    if not is_acceptable_speaker(
        resolved,
        pointed_at=pointed_at,
        lang=lang,
        full_names=context.full_names,
        text=f"{title}\n{text}" if title else text,
        titled=not pointed_at and context.is_titled(resolved),
    ):
        return None
    return context.nominative(resolved)
