"""The extractor on the fourth and fifth fresh sets (`tests/data/fresh/set4/`, `set5/`): real
articles, committed.

Each set was scored blind first (its README and `first-score.txt`); its articles have since been
read and tuned on, so here they guard the rules found on them: a change that brings back a wrong
speaker, or loses headlines, dates or quotes on these real articles, fails. Floors are the
figures of the commit that last moved them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.extract import extract_file
from bot.extract.evaluate import EvaluationReport, evaluate, format_report, load_labels

FRESH = Path(__file__).resolve().parents[1] / "data" / "fresh"
#: Per set: its size, the floor of each field, the most wrong speakers allowed.
SETS = {
    "set4": (165, {"headline": 1.0, "date": 0.98, "quote": 0.94, "speaker": 0.81}, 7),
    "set5": (135, {"headline": 0.96, "date": 0.98, "quote": 0.86, "speaker": 0.60}, 10),
}


@pytest.fixture(scope="module", params=list(SETS))
def scored(request: pytest.FixtureRequest) -> tuple[str, EvaluationReport]:
    name = request.param
    return name, evaluate(load_labels(FRESH / name / "labels.jsonl"), extract_file)


def test_field_floors(scored: tuple[str, EvaluationReport]) -> None:
    name, report = scored
    size, floors, _ = SETS[name]
    for field_name, floor in floors.items():
        correct, total = report.accuracy(field_name)
        assert total == size
        assert correct / total >= floor, (
            f"{name} {field_name}: {correct}/{total}\n{format_report(report, misses=True)}"
        )


def test_wrong_speakers(scored: tuple[str, EvaluationReport]) -> None:
    name, report = scored
    most = SETS[name][2]
    assert report.wrong_speakers() <= most, f"{name}\n{format_report(report, misses=True)}"
