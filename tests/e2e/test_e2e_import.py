"""`/import @channel` in a private chat, end to end against the sandbox."""

from __future__ import annotations

from pathlib import Path

from tests.intake.export_factory import ExportCounts, write_export

USER_ID = 1001
OTHER_USER_ID = 1002
CHANNEL_ID = -1001000000003


def _export(tmp_path: Path, count: int = 300) -> tuple[bytes, ExportCounts]:
    path = tmp_path / "export.zip"
    counts = write_export(path, count, zipped_as="ChatExport_2024-01-01/result.json")
    return path.read_bytes(), counts


async def test_non_admin_is_refused(bot_env, tmp_path: Path):
    data, _ = _export(tmp_path, 20)
    bot_env.sandbox.send_document(
        OTHER_USER_ID, OTHER_USER_ID, data, "export.zip", caption="/import @newsroom"
    )
    (reply,) = await bot_env.sandbox.wait_for_messages(OTHER_USER_ID)
    assert "Only an administrator of @newsroom can import its history." in reply.text
    assert await bot_env.library.latest(CHANNEL_ID) == []
    assert bot_env.sandbox.rejected == []


async def test_admin_import_completes_with_progress_and_summary(bot_env, tmp_path: Path):
    sandbox = bot_env.sandbox
    sandbox.set_member(CHANNEL_ID, USER_ID, "administrator")
    data, counts = _export(tmp_path)
    sandbox.send_document(USER_ID, USER_ID, data, "export.zip", caption="/import @newsroom")
    messages = []
    while not any("finished" in message.text for message in messages):
        messages += await sandbox.wait_for_messages(USER_ID, timeout=30)
    summary = messages[-1]
    assert summary.text.startswith("Import of @newsroom finished.")
    assert f"stored: {counts.posts}" in summary.text
    progress = [message for message in messages if message.message_id == messages[0].message_id]
    assert progress[-1].is_edit and progress[-1].text == "Import of @newsroom: done."
    stored = [article async for article in bot_env.library.iter_articles(CHANNEL_ID)]
    assert len(stored) == counts.posts
    assert stored[0].source_url == f"https://t.me/newsroom/{stored[0].message_id}"
    assert stored[0].submitted_by == USER_ID
    assert sandbox.rejected == []


async def test_reply_to_the_file_and_second_import_adds_nothing(bot_env, tmp_path: Path):
    sandbox = bot_env.sandbox
    sandbox.set_member(CHANNEL_ID, USER_ID, "creator")
    data, counts = _export(tmp_path, 100)
    for _ in range(2):
        document = sandbox.send_document(USER_ID, USER_ID, data, "export.zip")
        sandbox.send_command(USER_ID, USER_ID, "/import @newsroom", reply_to=document["message_id"])
        messages = []
        while not any("finished" in message.text for message in messages):
            messages += await sandbox.wait_for_messages(USER_ID, timeout=30)
    assert "stored: 0\n" in messages[-1].text
    duplicates = counts.posts + counts.reposts
    assert f"duplicates (already in the library): {duplicates}" in messages[-1].text
    assert len([a async for a in bot_env.library.iter_articles(CHANNEL_ID)]) == counts.posts


async def test_export_over_the_download_limit_gets_the_cli_route(bot_env, tmp_path: Path):
    sandbox = bot_env.sandbox
    sandbox.set_member(CHANNEL_ID, USER_ID, "administrator")
    sandbox.send_document(
        USER_ID,
        USER_ID,
        b'{"messages": []}',
        "result.json",
        caption="/import @newsroom",
        declared_size=60_000_000,
    )
    (reply,) = await sandbox.wait_for_messages(USER_ID)
    assert "digest-bot ingest result.json --chat @newsroom" in reply.text
    assert sandbox.calls("getFile") == []
    assert sandbox.rejected == []


async def test_export_of_another_channel_is_stopped(bot_env, tmp_path: Path):
    sandbox = bot_env.sandbox
    sandbox.set_member(CHANNEL_ID, USER_ID, "administrator")
    path = tmp_path / "result.json"
    write_export(path, 20, channel_id=42)
    sandbox.send_document(
        USER_ID, USER_ID, path.read_bytes(), "result.json", caption="/import @newsroom"
    )
    messages = []
    while not any(m.text.startswith("Import of @newsroom stopped.") for m in messages):
        messages += await sandbox.wait_for_messages(USER_ID, timeout=30)
    assert "is the history of Newsroom (chat id -10042)" in messages[-1].text
    assert await bot_env.library.latest(CHANNEL_ID) == []
    assert sandbox.rejected == []


async def test_a_telegram_failure_marks_the_progress_stopped_and_a_retry_works(
    bot_env, tmp_path: Path
):
    sandbox = bot_env.sandbox
    sandbox.set_member(CHANNEL_ID, USER_ID, "administrator")
    data, counts = _export(tmp_path, 20)
    sandbox.fail_next(1, method="getFile", error_code=502)
    sandbox.send_document(USER_ID, USER_ID, data, "export.zip", caption="/import @newsroom")
    messages = []
    while not any("stopped by an error" in message.text for message in messages):
        messages += await sandbox.wait_for_messages(USER_ID, timeout=30)
    [stopped] = [message for message in messages if "stopped by an error" in message.text]
    assert stopped.is_edit and stopped.message_id == messages[0].message_id
    assert "after 0 stored, 0 already there" in stopped.text
    # The import no longer counts as running: sending the export again imports it.
    sandbox.send_document(USER_ID, USER_ID, data, "export.zip", caption="/import @newsroom")
    while not any("finished" in message.text for message in messages):
        messages += await sandbox.wait_for_messages(USER_ID, timeout=30)
    assert f"stored: {counts.posts}" in messages[-1].text
    assert [call["method"] for call in sandbox.rejected] == ["getFile"]  # only the injected one
