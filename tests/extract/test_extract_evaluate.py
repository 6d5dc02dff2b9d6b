"""The scorer's rules, exactly as issue 3 defines them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.extract.evaluate import (
    EvaluationReport,
    Label,
    LabelsFileError,
    date_correct,
    evaluate,
    format_report,
    headline_correct,
    load_labels,
    normalise,
    quote_correct,
    score_article,
    speaker_correct,
    wrong_speaker_named,
)
from bot.extract.text import extract_text


def _label(**overrides: object) -> Label:
    values: dict[str, object] = {
        "id": "a",
        "file": Path("a.txt"),
        "format": "text",
        "lang": "en",
        "headline": "Summit “ends” — no deal",
        "headline_alt": ("Summit ends",),
        "date": None,
        "quote": None,
        "speaker": None,
        "speaker_full": None,
    }
    values.update(overrides)
    return Label(**values)  # type: ignore[arg-type]


def test_normalise() -> None:
    assert normalise("  Summit  «Ends» – NO deal...  ") == 'summit "ends" - no deal'


def test_headline_accepts_the_alternatives() -> None:
    label = _label()
    assert headline_correct('summit "ends" - no deal.', label)
    assert headline_correct("Summit ends", label)
    assert not headline_correct("Summit", label)


def test_date_rules_including_the_message_exception() -> None:
    gold = dt.date(2018, 7, 12)
    assert date_correct("2018-07-12", "header", gold)
    assert not date_correct("2018-07-13", "header", gold)
    assert not date_correct(None, None, gold)
    assert date_correct(None, None, None)
    assert date_correct("2022-02-24", "message", None)
    assert not date_correct("2022-02-24", "dateline", None)


def test_quote_prefix_rule() -> None:
    gold = "We had a very frank discussion on burden-sharing and much more besides that, truly."
    assert quote_correct(gold[:70] + " and then some", gold)
    assert not quote_correct(gold[:50], gold)
    assert quote_correct(None, None)
    assert not quote_correct("Anything at all here", None)
    assert not quote_correct(None, gold)


def test_speaker_stem_rule() -> None:
    assert speaker_correct("Stoltenberg", "Jens Stoltenberg", None)
    assert speaker_correct("Путину", "Путин", None)
    assert speaker_correct("Minister Merkels", "Angela Merkel", None)
    assert speaker_correct("the Home Office", "Home Office", "Home Office")
    assert not speaker_correct("Trump", "Stoltenberg", None)
    assert speaker_correct(None, None, None)
    assert not speaker_correct("Someone", None, None)


def test_load_labels_and_report(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(
        "Markets rise on Monday\n\nShares rose as investors welcomed the figures.\n",
        encoding="utf-8",
    )
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        json.dumps(
            {
                "id": "a",
                "file": "raw/a.txt",
                "format": "text",
                "lang": "en",
                "headline": "Markets rise on Monday",
                "date": "2020-01-01",
                "lead_quote": None,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    loaded = load_labels(labels)
    assert loaded[0].file == tmp_path / "raw" / "a.txt"
    report = evaluate(loaded, lambda path: extract_text(path.read_text(encoding="utf-8")))
    assert report.accuracy("headline") == (1, 1)
    assert report.accuracy("date") == (0, 1)
    table = format_report(report, misses=True)
    assert "format=text" in table and "lang=en" in table
    assert "a [text/en] date: gold='2020-01-01' got=None" in table


def test_wrong_speaker_named_counts_only_a_named_wrong_speaker() -> None:
    gold = _label(quote="We had a very frank discussion", speaker="Jens Stoltenberg")
    gold_null = _label(quote="We had a very frank discussion")
    prediction = dict.fromkeys(("headline", "date", "date_source", "lead_quote", "speaker"))
    cases = [
        (gold, "Stoltenberg", False),  # right
        (gold, None, False),  # empty: a miss, but no wrong name printed
        (gold, "Norway", True),  # a place named instead of the person
        (gold_null, "Someone", True),  # nobody was named, yet a name is printed
        (gold_null, None, False),
    ]
    report = EvaluationReport(
        [score_article(label, {**prediction, "speaker": guess}, None) for label, guess, _ in cases]
    )
    assert [wrong_speaker_named(score) for score in report.scores] == [w for *_, w in cases]
    assert report.wrong_speakers() == 2
    assert "wrong speaker named: 2/5 (40.0%)" in format_report(report)


def test_bad_labels_file_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "labels.jsonl"
    bad.write_text("{not json}\n", encoding="utf-8")
    with pytest.raises(LabelsFileError, match="labels.jsonl:1"):
        load_labels(bad)
    with pytest.raises(LabelsFileError, match="Cannot read"):
        load_labels(tmp_path / "missing.jsonl")
