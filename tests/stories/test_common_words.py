"""The document-share table of common news words, and how it is built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.stories.common_words import MIN_SHARE, build_table, is_common, main, share


def test_the_shipped_table_knows_the_commonest_names_of_both_languages() -> None:
    assert is_common("ru", "россия", 0.02)
    assert is_common("en", "friday", 0.02)
    assert not is_common("ru", "клинцы", 0.02)
    assert share("en", "no-such-word") == 0.0
    assert share("de", "россия") == 0.0, "shares are per language"


def test_the_table_lists_the_share_of_articles_not_of_mentions() -> None:
    articles = [
        {"lang": "en", "headline": "Kogi votes, Kogi counts", "lead": "Kogi again."},
        {"lang": "en", "headline": "Markets fall", "lead": "Stocks slid on Friday."},
    ]
    rows = {(lang, word): value for lang, word, value in build_table(articles)}
    assert rows[("en", "kogi")] == 0.5
    assert all(value >= MIN_SHARE for value in rows.values())


def test_the_command_prints_a_table_the_loader_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = tmp_path / "sample.jsonl"
    sample.write_text(
        json.dumps({"lang": "ru", "headline": "Путин в Сочи", "lead": "Встреча в Сочи."}) + "\n",
        encoding="utf-8",
    )
    assert main([str(sample)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("# document share of lemmas in 1 news articles")
    assert "ru\tсочи\t1.0000" in lines
    assert main([]) == 2
