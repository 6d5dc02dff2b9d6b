"""`digest-bot ingest`: exports and article files into a real SQLite library."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from storage import Chat, Library
from tests.intake.export_factory import ExportCounts, make_message, write_export
from tests.library_backend import TEST_BACKEND

CHANNEL = -1001000000003


def ingest(*args: str):
    return CliRunner().invoke(main, ["ingest", *args], catch_exceptions=False)


def stored_rows(db: str | Path, chat_id: int = CHANNEL) -> list:
    with Library(db) as library:
        return list(library.iter_articles(chat_id))


@pytest.fixture(scope="module")
def export_20k(tmp_path_factory) -> tuple[Path, ExportCounts]:
    path = tmp_path_factory.mktemp("export") / "result.json"
    return path, write_export(path, 20_000)


@pytest.fixture(scope="module")
def export_5k(tmp_path_factory) -> tuple[Path, ExportCounts]:
    """Ten batches of the importer on SQLite; 2,000 messages (four batches) on PostgreSQL, where
    ingest is about 6x slower per article (tests/benchmarks/RESULTS.md). The 20,000-message
    export is for the memory test, which needs the size."""
    path = tmp_path_factory.mktemp("export") / "result.json"
    return path, write_export(path, 2_000 if TEST_BACKEND == "postgresql" else 5_000)


def test_export_import_stores_posts_once(library_target: str | Path, export_5k):
    path, counts = export_5k
    db = library_target
    first = ingest(str(path), "--chat", "@newsroom", "--db", str(db), "--jobs", "2")
    assert first.exit_code == 0, first.output
    assert f"stored: {counts.posts}" in first.stdout
    assert f"duplicates (already in the library): {counts.reposts}" in first.stdout
    skipped = counts.service + counts.polls + counts.no_text
    assert (
        f"skipped: {skipped} (service message {counts.service}, poll {counts.polls}, "
        f"no text {counts.no_text})"
    ) in first.stdout

    articles = stored_rows(db)
    assert len(articles) == counts.posts
    by_message = {article.message_id: article for article in articles}
    post = by_message[5]  # a bold-headline post
    assert post.source_url == "https://t.me/newsroom/5"
    assert post.headline == "Gdansk council approves drought plan number 4"
    assert post.source_title == "Newsroom" and post.format == "telegram"
    with Library(db) as library:
        assert library.get_chat(CHANNEL) == Chat(
            CHANNEL, "channel", title="Newsroom", username="newsroom"
        )

    second = ingest(str(path), "--chat", "@newsroom", "--db", str(db), "--jobs", "1")
    assert second.exit_code == 0
    assert "stored: 0\n" in second.stdout
    assert f"duplicates (already in the library): {counts.posts + counts.reposts}" in second.stdout
    assert len(stored_rows(db)) == counts.posts


_PEAK_OF_ONE_RUN = (
    "import resource, subprocess, sys\n"
    "command = [sys.executable, '-m', 'bot', *sys.argv[1:]]\n"
    "subprocess.run(command, check=True, capture_output=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _peak_rss_kib_of(*args: str) -> int:
    """The peak resident size of one ``digest-bot`` run. Measured by a fresh process of its own:
    this process's ``RUSAGE_CHILDREN`` is the largest of every child it ever waited for, so
    another test's command (or the other run of this test) would hide this run's peak."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_OF_ONE_RUN, *args], check=True, capture_output=True, text=True
    )
    return int(done.stdout)


@pytest.mark.slow
@pytest.mark.sqlite_only  # its own two files; the PostgreSQL pass would repeat it unchanged
def test_memory_does_not_grow_with_the_export(tmp_path: Path, export_20k):
    """A 20,000-message export costs no more memory than one of half its size (streaming).

    Both are long enough to fill the story rules' caches (features of the last 8,192 texts and
    4,096 story cores, ~60 MB: they spare recomputing the features of a story's core members
    at every candidate), which a 1,000-message export would not; reading the export whole
    would cost well over 100 MB of Python objects for 20,000 messages, half of that more
    than for 10,000."""
    half = tmp_path / "half.json"
    write_export(half, 10_000)
    big, _ = export_20k
    common = ("--chat", str(CHANNEL), "--jobs", "1")
    half_peak = _peak_rss_kib_of("ingest", str(half), "--db", str(tmp_path / "a.db"), *common)
    big_peak = _peak_rss_kib_of("ingest", str(big), "--db", str(tmp_path / "b.db"), *common)
    assert big_peak - half_peak < 30_000, (half_peak, big_peak)


def test_truncated_export_keeps_what_was_read(library_target: str | Path, tmp_path: Path):
    path, db = tmp_path / "result.json", library_target
    write_export(path, 1_200)
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b'"id": 1001,') + 10])
    result = ingest(str(path), "--chat", str(CHANNEL), "--db", str(db), "--jobs", "2")
    assert result.exit_code == 1
    assert "truncated or malformed after 1,000 messages" in result.stderr
    assert "Traceback" not in result.output
    counts = ExportCounts()
    for index in range(1000):
        make_message(index, counts)
    assert len(stored_rows(db)) == counts.posts
    assert f"stored: {counts.posts}" in result.stdout
    assert "refused: 1 (truncated export 1)" in result.stdout


def test_zip_export_and_zip_without_result_json(library_target: str | Path, tmp_path: Path):
    good, bad, db = tmp_path / "export.zip", tmp_path / "media.zip", library_target
    counts = write_export(good, 200, zipped_as="ChatExport_2024-01-01/result.json")
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("ChatExport_2024-01-01/photos/1.jpg", b"\xff\xd8\xff\xe0")
    result = ingest(str(bad), str(good), "--chat", "@newsroom", "--db", str(db))
    assert result.exit_code == 1
    assert "media.zip: refused: " in result.stderr and "holds no result.json" in result.stderr
    assert len(stored_rows(db)) == counts.posts
    assert "refused: 1 (no result.json 1)" in result.stdout


def test_export_of_another_chat_is_refused(library_target: str | Path, tmp_path: Path):
    path, db = tmp_path / "result.json", library_target
    write_export(path, 20)
    result = ingest(str(path), "--chat", "-1009999", "--db", str(db))
    assert result.exit_code == 1
    assert "is the history of Newsroom (chat id -1001000000003), not of chat -1009999" in (
        result.stderr
    )
    assert stored_rows(db, -1009999) == []


ARTICLE = """City Council Approves New Harbour Budget

The city council approved the harbour budget on Monday after a long debate.
"We will start dredging the harbour in the spring," Mayor Anna Berg said after the vote.
The opposition criticised the cost of the plan.
"""

HTML = """<!doctype html><html><head><title>Rail Strike Ends After Deal</title>
<meta property="og:title" content="Rail Strike Ends After Deal"></head><body><article>
<h1>Rail Strike Ends After Deal</h1><p>The rail strike ended on Friday after the union and the
operator agreed on wages for the next three years of the contract.</p>
<p>"This deal protects every driver in the country," union leader Mark Lee said.</p>
</article></body></html>"""


def test_directory_of_mixed_files_with_refusals(library_target: str | Path, tmp_path: Path):
    folder, db = tmp_path / "articles", library_target
    (folder / "nested").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nested" / "b.html").write_text(HTML, encoding="utf-8")
    (folder / "c.md").write_text(ARTICLE.replace("harbour", "airport"), encoding="utf-8")
    post = make_message(4, ExportCounts())
    (folder / "nested" / "post.json").write_text(json.dumps(post), encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff" * 100)  # not text: skipped, counted

    result = ingest(str(folder), "--chat", "-100777", "--db", str(db))
    assert result.exit_code == 1
    assert "stored: 4\n" in result.stdout
    assert "refused: 2 (" in result.stdout
    assert "not text 1" in result.stdout and "no readable text 1" in result.stdout
    assert "skipped files: 1 (not text 1)\n" in result.stdout
    assert "photo.jpg" not in result.stderr
    assert "binary.txt: refused:" in result.stderr and "empty.txt: refused:" in result.stderr
    assert "Traceback" not in result.output
    headlines = {article.headline for article in stored_rows(db, -100777)}
    assert "Rail Strike Ends After Deal" in headlines
    assert "City Council Approves New Harbour Budget" in headlines
    assert "Gdansk council approves drought plan number 4" in headlines

    again = ingest(str(folder), "--chat", "-100777", "--db", str(db), "--jobs", "1")
    assert "stored: 0\n" in again.stdout
    assert "duplicates (already in the library): 4" in again.stdout


def test_files_only_import_exits_zero(library_target: str | Path, tmp_path: Path):
    path, db = tmp_path / "a.txt", library_target
    path.write_text(ARTICLE, encoding="utf-8")
    result = ingest(str(path), "--chat", "-100777", "--db", str(db))
    assert result.exit_code == 0 and "stored: 1\n" in result.stdout


def test_bad_chat_option_is_a_usage_error(library_target: str | Path, tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = ingest(str(path), "--chat", "not a chat!", "--db", str(library_target))
    assert result.exit_code == 2
    assert "--chat" in result.stderr
