"""`digest-bot extract` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bot.cli.extract import extract_command

ARTICLE = (
    " date 2018-07-12 Register\nSummit Ends Without a Deal\n\n"
    '"We had a very frank discussion on burden-sharing," Stoltenberg told reporters.\n'
)


def _write(folder: Path) -> Path:
    path = folder / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_output_is_the_public_contract(tmp_path: Path) -> None:
    path = _write(tmp_path)
    result = CliRunner().invoke(extract_command, [str(path), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.splitlines()[0])
    assert list(record) == [
        "file",
        "headline",
        "date",
        "date_source",
        "lead_quote",
        "speaker",
        "lang",
        "format",
    ]
    assert record["headline"] == "Summit Ends Without a Deal"
    assert record["date"] == "2018-07-12" and record["date_source"] == "header"
    assert record["speaker"] == "Stoltenberg" and record["format"] == "text"


def test_human_output_and_refusals(tmp_path: Path) -> None:
    path = _write(tmp_path)
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    result = CliRunner().invoke(extract_command, [str(path), str(binary)])
    assert result.exit_code == 1
    assert "headline    Summit Ends Without a Deal" in result.output
    assert "refused" in result.output and "PNG" in result.output


def test_eval_prints_the_table_and_misses(tmp_path: Path) -> None:
    _write(tmp_path)
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        json.dumps(
            {
                "id": "a",
                "file": "a.txt",
                "format": "text",
                "lang": "en",
                "headline": "Summit Ends Without a Deal",
                "date": "2018-07-12",
                "lead_quote": {
                    "text": "We had a very frank discussion on burden-sharing,",
                    "speaker": "Jens Stoltenberg",
                    "speaker_full": None,
                },
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(extract_command, ["--eval", str(labels), "--misses"])
    assert result.exit_code == 0, result.output
    overall = result.output.splitlines()[1]
    assert overall.startswith("overall") and overall.count("100.0%") == 4
    assert "wrong speaker named: 0/1 (0.0%)" in result.output
    assert "misses:" in result.output


def test_eval_counts_a_wrong_speaker(tmp_path: Path) -> None:
    _write(tmp_path)
    labels = tmp_path / "labels.jsonl"
    quote = {"text": "We had a very frank discussion", "speaker": "Jane Roe", "speaker_full": None}
    label = {"id": "a", "file": "a.txt", "format": "text", "lang": "en"}
    label |= {"headline": "Summit Ends Without a Deal", "date": None, "lead_quote": quote}
    labels.write_text(json.dumps(label) + "\n", encoding="utf-8")
    result = CliRunner().invoke(extract_command, ["--eval", str(labels)])
    assert result.exit_code == 0, result.output
    assert "wrong speaker named: 1/1 (100.0%)" in result.output


def test_usage_errors() -> None:
    runner = CliRunner()
    assert runner.invoke(extract_command, []).exit_code == 2
    assert runner.invoke(extract_command, ["--misses", "x.txt"]).exit_code == 2
