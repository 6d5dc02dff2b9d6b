"""Reading Telegram Desktop exports: header, streaming, zips, faults, message classification."""

from __future__ import annotations

import json
import tracemalloc
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from bot.intake.export import (
    ExportPost,
    IngestTally,
    SkippedMessage,
    SkipReason,
    article_batches,
    parse_message,
)
from bot.intake.export_file import (
    ExportChatMismatchError,
    ExportFormatError,
    ExportHeader,
    ExportNotFoundError,
    ExportTruncatedError,
    check_export_chat,
    is_chat_export,
    open_export,
)
from storage.models import AddResult
from tests.intake.export_factory import CHANNEL_NAME, ExportCounts, make_message, write_export


@pytest.mark.parametrize(
    ("kind", "chat_id", "chat_type"),
    [
        ("public_channel", -1001234, "channel"),
        ("private_channel", -1001234, "channel"),
        ("public_supergroup", -1001234, "supergroup"),
        ("private_group", -1234, "group"),
        ("personal_chat", 1234, "private"),
    ],
)
def test_header_maps_export_ids_to_bot_api_chat_ids(kind: str, chat_id: int, chat_type: str):
    header = ExportHeader(name="X", type=kind, id=1234)
    assert header.chat_id == chat_id
    assert header.chat_type == chat_type


def test_export_is_streamed_in_bounded_memory(tmp_path: Path):
    path = tmp_path / "result.json"
    counts = write_export(path, 20_000)
    seen: Counter[str] = Counter()
    tracemalloc.start()
    try:
        with open_export(path) as export:
            assert export.header == ExportHeader(CHANNEL_NAME, "public_channel", 1000000003)
            for message in export.messages():
                seen[message["type"]] += 1
            _, peak = tracemalloc.get_traced_memory()
            assert export.bytes_read == export.total_bytes == path.stat().st_size
    finally:
        tracemalloc.stop()
    assert seen == {"service": counts.service, "message": 20_000 - counts.service}
    # the file is ~11 MB; holding it (or its messages) in memory would cost far more than this
    assert path.stat().st_size > 10_000_000
    assert peak < 2_000_000


def test_zip_with_the_export_folder_is_read(tmp_path: Path):
    path = tmp_path / "export.zip"
    write_export(path, 50, zipped_as="ChatExport_2024-01-01/result.json")
    with open_export(path) as export:
        assert export.header.chat_id == -1001000000003
        assert sum(1 for _ in export.messages()) == 50


def test_export_from_bytes_in_memory(tmp_path: Path):
    path = tmp_path / "export.zip"
    write_export(path, 30, zipped_as="deep/er/result.json")
    with open_export(path.read_bytes(), label="export.zip") as export:
        assert sum(1 for _ in export.messages()) == 30


def test_zip_without_result_json_is_refused(tmp_path: Path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ChatExport/photos/a.jpg", b"\xff\xd8\xff")
    with pytest.raises(ExportNotFoundError, match=r"photos\.zip holds no result\.json"):
        open_export(path)


def test_truncated_export_says_how_many_messages_were_read(tmp_path: Path):
    path = tmp_path / "result.json"
    write_export(path, 100)
    data = path.read_bytes()
    cut = data.index(b'"id": 41,')  # inside message 41: 40 complete messages before it
    path.write_bytes(data[: cut + 20])
    read = 0
    with open_export(path) as export, pytest.raises(ExportTruncatedError) as caught:
        for _ in export.messages():
            read += 1
    assert read == 40
    assert caught.value.messages_read == 40
    assert "after 40 messages" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[1, 2]", "not a Telegram chat export"),
        (b'{"name": "x", "id": 1}', "not a Telegram chat export"),
        (b'{"about": "x", "chats": {"list": []}}', "whole-account export"),
        (b'{"name": "x", "type": ', "not valid JSON"),
    ],
)
def test_other_json_is_not_an_export(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "result.json"
    path.write_bytes(content)
    with pytest.raises(ExportFormatError, match=message):
        open_export(path)


def test_missing_file(tmp_path: Path):
    with pytest.raises(ExportNotFoundError, match="no such file"):
        open_export(tmp_path / "absent.json")


def test_is_chat_export_tells_exports_from_single_messages(tmp_path: Path):
    export, single = tmp_path / "result.json", tmp_path / "post.json"
    write_export(export, 10)
    single.write_text(json.dumps(make_message(5, ExportCounts())), encoding="utf-8")
    assert is_chat_export(export)
    assert not is_chat_export(single)


def test_check_export_chat_refuses_another_chats_history():
    header = ExportHeader("Other", "public_channel", 42)
    check_export_chat(header, -10042, "result.json")
    with pytest.raises(ExportChatMismatchError, match=r"Other \(chat id -10042\)"):
        check_export_chat(header, -1001000000003, "result.json")


def test_messages_are_classified_by_kind():
    counts = ExportCounts()
    results = [parse_message(make_message(index, counts)) for index in range(40)]
    skipped = Counter(r.reason for r in results if isinstance(r, SkippedMessage))
    assert skipped == {SkipReason.SERVICE: 4, SkipReason.POLL: 2, SkipReason.NO_TEXT: 2}
    posts = {r.message_id: r for r in results if isinstance(r, ExportPost)}
    bold = posts[5].extracted  # index 4: a bold headline part with an emoji
    assert bold.headline == "Gdansk council approves drought plan number 4"
    assert bold.quote_speaker == "Ana Souza"
    assert bold.published is not None and bold.published.isoformat() == "2023-01-01T10:28:00"
    assert posts[7].extracted.lang == "ru"


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("not an object", SkipReason.MALFORMED),
        ({"id": 1, "type": "message", "text": 12}, SkipReason.MALFORMED),
        ({"id": 1, "type": "message", "text": "🔥🔥"}, SkipReason.NO_TEXT),
        ({"id": 1, "type": "message", "text": [{"type": "bold", "text": " "}]}, SkipReason.NO_TEXT),
    ],
)
def test_unusable_messages_are_skipped_with_a_reason(message: object, reason: SkipReason):
    result = parse_message(message)
    assert isinstance(result, SkippedMessage) and result.reason == reason


def _post(index: int) -> ExportPost:
    """The ``index``-th message of a generated export, which must be a post."""
    result = parse_message(make_message(index, ExportCounts()))
    assert isinstance(result, ExportPost)
    return result


def test_batches_carry_message_ids_links_and_skips():
    tally = IngestTally()
    items = [_post(4), SkippedMessage(2, SkipReason.POLL), _post(5), _post(7)]
    batches = list(
        article_batches(
            items, chat_id=-100, username="newsroom", source_title="News", tally=tally, batch_size=2
        )
    )
    assert [len(batch) for batch in batches] == [2, 1]
    first = batches[0][0]
    assert first.message_id == items[0].message_id
    assert first.source_url == f"https://t.me/newsroom/{items[0].message_id}"
    assert first.source_title == "News" and first.chat_id == -100 and first.format == "telegram"
    assert tally.skipped == {"poll": 1}


def test_private_chat_posts_get_no_link():
    (batch,) = article_batches(
        [_post(4)], chat_id=-100, username=None, source_title=None, tally=IngestTally()
    )
    assert batch[0].source_url is None


def test_articles_read_before_a_fault_come_out_before_the_error():
    def parsed():
        yield _post(4)
        yield _post(5)
        raise ExportTruncatedError("cut", messages_read=2)

    batches = article_batches(
        parsed(), chat_id=-1, username=None, source_title=None, tally=IngestTally()
    )
    assert len(next(batches)) == 2
    with pytest.raises(ExportTruncatedError):
        next(batches)


def test_tally_summary():
    tally = IngestTally()
    tally.count_stored([AddResult(1, False), AddResult(1, True), AddResult(2, False)])
    tally.skipped.update({"poll": 2, "service message": 5})
    tally.refused["not text"] += 1
    assert tally.summary_lines() == [
        "stored: 2",
        "duplicates (already in the library): 1",
        "skipped: 7 (service message 5, poll 2)",
        "refused: 1 (not text 1)",
    ]
