"""The extractor against the shared gold corpus: the issue's targets, per format and language.

Each target is its own parametrised case, so a failure names the format or language that
missed. The corpus lives outside the repository (the ``corpus_labels`` fixture of
``conftest.py`` finds it); the tests skip (with a message) without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.extract import extract_file
from bot.extract.evaluate import EvaluationReport, evaluate, format_report, load_labels

TARGETS = {"headline": 0.95, "date": 0.95, "quote": 0.90, "speaker": 0.85}
LANGUAGE_TARGET = 0.85
LANGUAGE_MIN_ARTICLES = 10


@pytest.fixture(scope="module")
def report(corpus_labels: Path) -> EvaluationReport:
    return evaluate(load_labels(corpus_labels), extract_file)


@pytest.mark.parametrize("format_name", ["text", "html", "telegram"])
@pytest.mark.parametrize("field_name", list(TARGETS))
def test_format_target(report: EvaluationReport, format_name: str, field_name: str) -> None:
    correct, total = report.accuracy(field_name, format=format_name)
    assert total > 0, f"no {format_name} articles in the corpus"
    assert correct / total >= TARGETS[field_name], (
        f"{field_name} on format={format_name}: {correct}/{total} below "
        f"{TARGETS[field_name]:.0%}\n{format_report(report)}"
    )


def test_every_language_with_enough_articles(report: EvaluationReport) -> None:
    failures = []
    for lang in report.languages():
        for field_name in TARGETS:
            correct, total = report.accuracy(field_name, lang=lang)
            if total >= LANGUAGE_MIN_ARTICLES and correct / total < LANGUAGE_TARGET:
                failures.append(f"lang={lang} {field_name}: {correct}/{total}")
    assert not failures, "\n".join(failures) + "\n" + format_report(report)
