"""The threshold frontier: which settings are scored, which trade-offs are kept, what it prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.stories import frontier
from bot.stories.evaluate import main
from bot.stories.frontier import (
    FrontierPoint,
    best_precision,
    best_recall,
    pareto,
    score_grid,
    threshold_grid,
)
from bot.stories.labelled import load_labelled
from bot.stories.metrics import ClusterScores
from bot.stories.similarity import Thresholds

DEV = Path(__file__).parents[1] / "data" / "stories" / "dev.jsonl"


def point(precision: float, recall: float) -> FrontierPoint:
    scores = ClusterScores(precision, recall, 1.0, 1.0, 1.0, 10, 10)
    return FrontierPoint(Thresholds(), scores)


def test_the_grid_skips_settings_whose_strong_score_is_below_the_plain_one() -> None:
    settings = threshold_grid(
        Thresholds(), {"event_score": (0.3, 0.6), "strong_event_score": (0.5, 0.8)}
    )
    pairs = {(t.event_score, t.strong_event_score) for t in settings}
    assert pairs == {(0.3, 0.5), (0.3, 0.8), (0.6, 0.8)}


def test_a_high_event_score_raises_the_later_limit_with_it() -> None:
    (setting,) = threshold_grid(
        Thresholds(late_event_score=0.7), {"event_score": (0.75,), "strong_event_score": (0.8,)}
    )
    assert setting.late_event_score == 0.75


def test_pareto_keeps_only_points_no_other_beats_on_both() -> None:
    points = [point(0.9, 0.5), point(0.8, 0.6), point(0.7, 0.55), point(0.95, 0.4), point(0.8, 0.6)]
    kept = [(p.precision, p.recall) for p in pareto(points)]
    assert kept == [(0.95, 0.4), (0.9, 0.5), (0.8, 0.6)]


def test_best_points_meet_their_floor_or_are_none() -> None:
    points = [point(0.9, 0.5), point(0.8, 0.86), point(0.7, 0.9)]
    chosen = best_precision(points, 0.85)
    assert chosen is not None and (chosen.precision, chosen.recall) == (0.8, 0.86)
    assert best_precision(points, 0.95) is None
    chosen = best_recall(points, 0.85)
    assert chosen is not None and (chosen.precision, chosen.recall) == (0.9, 0.5)
    assert best_recall(points, 0.95) is None


def test_stricter_settings_trade_recall_for_precision_on_the_dev_set() -> None:
    articles = load_labelled(DEV)
    loose, strict = score_grid(
        articles,
        [Thresholds(event_score=0.2, strong_event_score=0.4), Thresholds(event_score=0.6)],
    )
    assert strict.precision > loose.precision
    assert strict.recall < loose.recall


def test_the_command_prints_the_frontier_and_whether_the_targets_are_reached(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    grid = {"event_score": (0.3, 0.6), "strong_event_score": (0.5, 0.8)}
    monkeypatch.setattr(frontier, "DEFAULT_GRID", grid)
    assert main([str(DEV), "--frontier"]) == 0
    captured = capsys.readouterr()
    assert "frontier over 3 settings" in captured.out
    assert "best precision at recall >= 0.85: P 0.952 R 0.908 (as fixed)" in captured.out
    assert "targets (P >= 0.95, R >= 0.85): reached" in captured.out
    assert "scored 3/3 settings" in captured.err


def test_another_label_field_is_scored_when_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    for record in lines:
        record["case"] = "all-one"
    relabelled = tmp_path / "cases.jsonl"
    relabelled.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    assert main([str(relabelled), "--label", "case"]) == 0
    out = capsys.readouterr().out
    assert "1 labels in field 'case'" in out
    assert "pairwise precision 1.000" in out  # every predicted pair lies inside the one case


def test_a_missing_label_field_names_the_field_and_the_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(DEV), "--label", "thread"]) == 2
    assert "dev.jsonl:1: no field 'thread'" in capsys.readouterr().err
