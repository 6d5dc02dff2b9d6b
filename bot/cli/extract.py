"""`digest-bot extract`: run extraction on files, or score it against a labels file."""

from __future__ import annotations

import json

import click

from bot.extract import ExtractError, extract_file
from bot.extract.evaluate import evaluate, format_report, load_labels, prediction_record

__all__ = ["extract_command"]


def _show(path: str, as_json: bool) -> bool:
    """Print one file's result; False when extraction refused the file."""
    try:
        extracted = extract_file(path)
    except ExtractError as error:
        if as_json:
            click.echo(json.dumps({**prediction_record(path, None), "error": str(error)}))
        else:
            click.echo(f"{path}: refused: {error}", err=True)
        return False
    record = prediction_record(path, extracted)
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False))
        return True
    click.echo(f"== {path}")
    for key in ("headline", "date", "date_source", "lead_quote", "speaker", "lang", "format"):
        click.echo(f"  {key:<11} {record[key] if record[key] is not None else '-'}")
    return True


@click.command("extract")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (stable keys).")
@click.option(
    "--eval",
    "labels",
    type=click.Path(dir_okay=False),
    default=None,
    help="Score against a labels .jsonl file (paths in it are relative to its folder).",
)
@click.option("--misses", is_flag=True, help="With --eval: also list every wrong field.")
def extract_command(
    paths: tuple[str, ...], as_json: bool, labels: str | None, misses: bool
) -> None:
    """Extract headline, date, lead quote and speaker from article files.

    With --json each line is an object with the keys file, headline, date (YYYY-MM-DD or
    null), date_source, lead_quote, speaker, lang and format. With --eval LABELS.jsonl the
    extractor is scored per field, per format and per language instead, with the count of
    articles that name a wrong speaker (a speaker printed that is not the gold one).
    """
    if labels is not None:
        if paths:
            raise click.UsageError("Give either article PATHs or --eval LABELS.jsonl, not both.")
        try:
            report = evaluate(load_labels(labels), extract_file)
        except ExtractError as error:
            raise click.ClickException(str(error)) from error
        click.echo(format_report(report, misses=misses))
        return
    if misses:
        raise click.UsageError("--misses only applies with --eval LABELS.jsonl.")
    if not paths:
        raise click.UsageError("Give at least one article file, or --eval LABELS.jsonl.")
    failures = sum(0 if _show(path, as_json) else 1 for path in paths)
    if failures:
        raise SystemExit(1)
