"""Scoring extraction against a gold labels file (the format of ``shared/corpus/labels.jsonl``).

The scoring rules are fixed by the extraction issue: text is normalised (NFKC, case-folded,
quote marks and dashes unified, white space collapsed, trailing punctuation stripped), then

- headline: equal to the gold ``headline`` or one of ``headline_alt``;
- date: the same calendar date; a null gold date accepts only a null prediction or one whose
  ``date_source`` is ``message`` (a Telegram post's own timestamp);
- lead quote: both null, or the prediction starts with the first min(60, len) characters of
  the gold text;
- speaker: both null, or a word of the prediction starts with the stem of the last word of the
  gold ``speaker`` or ``speaker_full`` (its first max(4, n-2) letters; all of it when n <= 4),
  so inflected Russian and German forms count.

A wrong speaker is worse than none (a card would print the wrong person under the quote), so
the report also counts the articles with a *wrong speaker named*: a speaker was predicted and it
is not correct by the speaker rule (a gold null included).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.extract.model import Extracted, ExtractError

__all__ = [
    "FIELDS",
    "ArticleScore",
    "EvaluationReport",
    "Label",
    "LabelsFileError",
    "date_correct",
    "evaluate",
    "format_report",
    "headline_correct",
    "load_labels",
    "normalise",
    "prediction_record",
    "quote_correct",
    "score_article",
    "speaker_correct",
    "wrong_speaker_named",
]

FIELDS = ("headline", "date", "quote", "speaker")

_QUOTE_PREFIX_CHARS = 60
_DOUBLE_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»〝〞＂", '"'))
_SINGLE_QUOTES = str.maketrans(dict.fromkeys("‘’‚‛‹›`´′", "'"))
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_SPACES = re.compile(r"\s+")
_TRAILING_PUNCTUATION = re.compile(r"[\s.,;:!?…]+$")
_WORD = re.compile(r"[^\W_]+")


class LabelsFileError(ExtractError):
    """The labels file is missing or a line of it is not a valid label."""


@dataclass(frozen=True, slots=True)
class Label:
    """One gold-labelled article."""

    id: str
    file: Path
    format: str
    lang: str
    headline: str
    headline_alt: tuple[str, ...]
    date: dt.date | None
    quote: str | None
    speaker: str | None
    speaker_full: str | None


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """How one prediction did on one label, field by field."""

    label: Label
    prediction: dict[str, Any]
    correct: dict[str, bool]
    error: str | None = None


@dataclass(slots=True)
class EvaluationReport:
    """All article scores, with accuracy by field for any format or language."""

    scores: list[ArticleScore] = field(default_factory=list)

    def select(self, *, format: str | None = None, lang: str | None = None) -> list[ArticleScore]:
        return [
            score
            for score in self.scores
            if (format is None or score.label.format == format)
            and (lang is None or score.label.lang == lang)
        ]

    def accuracy(
        self, field_name: str, *, format: str | None = None, lang: str | None = None
    ) -> tuple[int, int]:
        """(correct, total) for ``field_name`` among the selected articles."""
        chosen = self.select(format=format, lang=lang)
        return sum(1 for score in chosen if score.correct[field_name]), len(chosen)

    def wrong_speakers(self) -> int:
        """How many articles name a speaker that is not the gold one."""
        return sum(1 for score in self.scores if wrong_speaker_named(score))

    def formats(self) -> list[str]:
        return sorted({score.label.format for score in self.scores})

    def languages(self) -> list[str]:
        return sorted({score.label.lang for score in self.scores})


def normalise(text: str | None) -> str:
    """The scorer's normal form: NFKC, case-folded, quotes and dashes unified, white space
    collapsed, trailing punctuation stripped."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(_DOUBLE_QUOTES).translate(_SINGLE_QUOTES).translate(_DASHES)
    text = _SPACES.sub(" ", text).strip()
    return _TRAILING_PUNCTUATION.sub("", text)


def headline_correct(predicted: str | None, label: Label) -> bool:
    """The predicted headline equals the gold headline or one of its alternatives."""
    guess = normalise(predicted)
    return any(guess == normalise(gold) for gold in (label.headline, *label.headline_alt))


def date_correct(predicted: str | None, date_source: str | None, gold: dt.date | None) -> bool:
    """``predicted`` is an ISO date or datetime string (or None)."""
    if gold is None:
        return predicted is None or date_source == "message"
    return predicted is not None and predicted[:10] == gold.isoformat()


def quote_correct(predicted: str | None, gold: str | None) -> bool:
    if gold is None:
        return predicted is None
    if predicted is None:
        return False
    gold_text = normalise(gold)
    return normalise(predicted).startswith(gold_text[:_QUOTE_PREFIX_CHARS])


def _stem(word: str) -> str:
    return word if len(word) <= 4 else word[: max(4, len(word) - 2)]


def speaker_correct(predicted: str | None, gold: str | None, gold_full: str | None) -> bool:
    if gold is None and gold_full is None:
        return predicted is None
    if predicted is None:
        return False
    words = _WORD.findall(normalise(predicted))
    for name in (gold, gold_full):
        gold_words = _WORD.findall(normalise(name))
        if gold_words and any(word.startswith(_stem(gold_words[-1])) for word in words):
            return True
    return False


def wrong_speaker_named(score: ArticleScore) -> bool:
    """A speaker was predicted and it is not the gold one (the gold may be null)."""
    return score.prediction["speaker"] is not None and not score.correct["speaker"]


def _label(obj: dict[str, Any], folder: Path) -> Label:
    quote = obj.get("lead_quote") or {}
    return Label(
        id=str(obj["id"]),
        file=folder / obj["file"],
        format=str(obj["format"]),
        lang=str(obj["lang"]),
        headline=str(obj["headline"]),
        headline_alt=tuple(obj.get("headline_alt") or ()),
        date=dt.date.fromisoformat(obj["date"]) if obj.get("date") else None,
        quote=quote.get("text"),
        speaker=quote.get("speaker"),
        speaker_full=quote.get("speaker_full"),
    )


def load_labels(path: str | Path) -> list[Label]:
    """Read a labels file; paths in it are relative to the file's folder.

    Raises:
        LabelsFileError: the file cannot be read or a line is not a valid label.
    """
    labels_path = Path(path)
    try:
        lines = labels_path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise LabelsFileError(
            f"Cannot read labels file {labels_path}: {error.strerror}."
        ) from error
    labels: list[Label] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            labels.append(_label(json.loads(line), labels_path.parent))
        except (ValueError, KeyError, TypeError) as error:
            raise LabelsFileError(
                f"{labels_path}:{number}: not a valid label ({type(error).__name__}: {error})."
            ) from error
    return labels


def prediction_record(file: str, extracted: Extracted | None) -> dict[str, Any]:
    """The public JSON shape of one extraction result (``digest-bot extract --json``)."""
    if extracted is None:
        values: dict[str, Any] = dict.fromkeys(
            ("headline", "date", "date_source", "lead_quote", "speaker", "lang", "format")
        )
        return {"file": file, **values}
    published = extracted.published
    return {
        "file": file,
        "headline": extracted.headline,
        "date": published.strftime("%Y-%m-%d") if published is not None else None,
        "date_source": extracted.date_source,
        "lead_quote": extracted.lead_quote,
        "speaker": extracted.quote_speaker,
        "lang": extracted.lang,
        "format": extracted.format,
    }


def score_article(label: Label, prediction: dict[str, Any], error: str | None) -> ArticleScore:
    correct = {
        "headline": headline_correct(prediction["headline"], label),
        "date": date_correct(prediction["date"], prediction["date_source"], label.date),
        "quote": quote_correct(prediction["lead_quote"], label.quote),
        "speaker": speaker_correct(prediction["speaker"], label.speaker, label.speaker_full),
    }
    return ArticleScore(label=label, prediction=prediction, correct=correct, error=error)


def evaluate(labels: Iterable[Label], extract: Callable[[Path], Extracted]) -> EvaluationReport:
    """Run ``extract`` on every labelled file and score it. An ``ExtractError`` counts as a
    miss on every field that has a gold value."""
    report = EvaluationReport()
    for label in labels:
        try:
            extracted: Extracted | None = extract(label.file)
            error = None
        except ExtractError as exc:
            extracted, error = None, str(exc)
        record = prediction_record(str(label.file), extracted)
        report.scores.append(score_article(label, record, error))
    return report


def _cell(report: EvaluationReport, field_name: str, **selection: str) -> str:
    correct, total = report.accuracy(field_name, **selection)
    percent = 100.0 * correct / total if total else 0.0
    return f"{percent:5.1f}% {correct:>3}/{total:<3}"


def format_report(report: EvaluationReport, *, misses: bool = False) -> str:
    """The accuracy table (overall, per format, per language) and optionally every miss."""
    rows: list[tuple[str, dict[str, str]]] = [("overall", {})]
    rows += [(f"format={name}", {"format": name}) for name in report.formats()]
    rows += [(f"lang={name}", {"lang": name}) for name in report.languages()]
    width = max(len(name) for name, _ in rows)
    header = f"{'':<{width}}  " + "  ".join(f"{name:<15}" for name in FIELDS)
    lines = [header]
    for name, selection in rows:
        cells = "  ".join(_cell(report, field_name, **selection) for field_name in FIELDS)
        lines.append(f"{name:<{width}}  {cells}")
    total = len(report.scores)
    wrong = report.wrong_speakers()
    share = 100.0 * wrong / total if total else 0.0
    lines.append("")
    lines.append(f"wrong speaker named: {wrong}/{total} ({share:.1f}%)")
    if misses:
        lines.append("")
        lines.append("misses:")
        lines.extend(_miss_lines(report))
    return "\n".join(lines)


def _gold_value(label: Label, field_name: str) -> str | None:
    if field_name == "headline":
        return label.headline
    if field_name == "date":
        return label.date.isoformat() if label.date else None
    if field_name == "quote":
        return label.quote
    return label.speaker


def _predicted_value(prediction: dict[str, Any], field_name: str) -> str | None:
    key = {"quote": "lead_quote"}.get(field_name, field_name)
    value: str | None = prediction[key]  # prediction_record gives strings or None
    if field_name == "date" and value is not None:
        return f"{value} ({prediction['date_source']})"
    return value


def _miss_lines(report: EvaluationReport) -> list[str]:
    lines: list[str] = []
    for score in report.scores:
        for field_name in FIELDS:
            if score.correct[field_name]:
                continue
            gold = _gold_value(score.label, field_name)
            guess = _predicted_value(score.prediction, field_name)
            detail = f" [error: {score.error}]" if score.error else ""
            lines.append(
                f"{score.label.id} [{score.label.format}/{score.label.lang}] {field_name}: "
                f"gold={gold!r} got={guess!r}{detail}"
            )
    return lines
