"""Evidence that a capitalised word is a name: where it stands in its sentence.

A word capitalised at the start of a sentence, a line or a quotation may be capitalised by
grammar alone; the same word capitalised inside a sentence elsewhere in the text is a name.
"""

from __future__ import annotations

from bot.extract.speaker.nameparts import NAME_RE

__all__ = ["Run", "capitalised_runs", "known_words", "mid_sentence_words", "starts_sentence"]

#: A capitalised run: where it starts, its text, whether it opens a sentence.
Run = tuple[int, str, bool]

_SENTENCE_END_MARKS = frozenset(".!?…:")
_CLOSING_MARKS = frozenset('"”»’')
_OPENING_MARKS = frozenset('«“„"')
_DASHES = frozenset("—–-")


def starts_sentence(text: str, pos: int) -> bool:
    """True when the word at ``pos`` opens a sentence, a line or a quotation (judged from the
    three characters before it: 'end. Word', '.” Word', '\\nWord', '«Word', '— Word')."""
    if pos == 0:
        return True
    if pos >= 2 and text[pos - 1] == " " and text[pos - 2].isalnum():
        return False  # the common case, 'word Name', decided without slicing
    window = text[max(0, pos - 3) : pos]
    if window[-1] in _OPENING_MARKS:
        return True
    stripped = window.rstrip()
    if len(stripped) == len(window):
        return False
    if "\n" in window[len(stripped) :]:
        return True
    if not stripped:
        return False
    last = stripped[-1]
    if last in _SENTENCE_END_MARKS or last in _DASHES:
        return True
    return last in _CLOSING_MARKS and len(stripped) >= 2 and stripped[-2] in _SENTENCE_END_MARKS


def known_words(runs: list[Run]) -> frozenset[str]:
    """The words of the runs, but the first word of a run that opens a sentence (capitalised
    by grammar, not because it is a name)."""
    # One casefold and one split over all the runs: far cheaper than word by word.
    kept = " ".join(_words_inside_sentence(run, opens) for _, run, opens in runs)
    return frozenset(word.rstrip(".,") for word in kept.casefold().split())


def _words_inside_sentence(run: str, opens_sentence: bool) -> str:
    if not opens_sentence:
        return run
    parts = run.split(None, 1)
    return parts[1] if len(parts) == 2 else ""


def capitalised_runs(text: str, start: int, end: int) -> list[Run]:
    """Every capitalised run in ``text[start:end]``: (start, run, whether it opens a sentence)."""
    runs: list[Run] = []
    for match in NAME_RE.finditer(text, start, end):
        pos = match.start()
        if pos >= 2 and text[pos - 1] == " " and (text[pos - 2].isalnum() or text[pos - 2] in ",;"):
            runs.append((pos, match.group(), False))  # 'word Name', 'word, Name': decided inline
        else:
            runs.append((pos, match.group(), _opens_sentence(text, pos, match.end())))
    return runs


def _opens_sentence(text: str, start: int, end: int) -> bool:
    """Whether the run at ``start`` opens a sentence; a name alone in quote marks does not
    ('компания «Acme»')."""
    if not starts_sentence(text, start):
        return False
    return not (start > 0 and text[start - 1] in '«“„"' and text[end : end + 1] in '»”“"')


def mid_sentence_words(text: str) -> frozenset[str]:
    """Words of capitalised runs that stand inside sentences: evidence that a word is a name.

    A word that only ever appears capitalised at sentence starts is an ordinary word.
    """
    return known_words(capitalised_runs(text, 0, len(text)))
