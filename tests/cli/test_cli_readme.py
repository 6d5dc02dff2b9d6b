"""The README's command-line examples: `--chat @name` and a `-word` query, and they run."""

from __future__ import annotations

import hashlib
import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from storage import Library, NewArticle

README = Path(__file__).resolve().parents[2] / "README.md"


def _cli_examples() -> list[list[str]]:
    section = README.read_text(encoding="utf-8").split("## Command line", 1)[1].split("\n## ")[0]
    lines = re.findall(r"^digest-bot (.+?)(?:\s+#.*)?$", section, flags=re.MULTILINE)
    return [shlex.split(line) for line in lines]


def test_the_cli_section_shows_a_username_and_a_dashed_query_word() -> None:
    examples = _cli_examples()
    assert any(args[0] == "ingest" and "@newsroom" in args for args in examples)
    assert any(
        args[0] == "search" and any(re.fullmatch(r"-\w+", a) for a in args) for args in examples
    )


def test_the_search_examples_run_as_written(tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library(db) as library:
        for headline in ("NATO summit ends in Vilnius", "Trump talks NATO summit costs"):
            body = f"{headline}. Leaders met for two days."
            library.add_article(
                NewArticle(
                    chat_id=-1001,
                    headline=headline,
                    body=body,
                    content_hash=hashlib.sha256(body.encode()).hexdigest(),
                )
            )
    searches = [args for args in _cli_examples() if args[0] == "search"]
    assert searches
    for args in searches:
        result = CliRunner().invoke(main, ["search", "--db", str(db), *args[1:]])
        assert result.exit_code == 0, (args, result.output)
        assert "Trump talks" not in result.output
        assert "NATO summit ends in Vilnius" in result.output
