"""Benchmark: import a large generated Telegram export with `digest-bot ingest`.

Run from the repository root: ``python -m tests.benchmarks.bench_import [--messages N]``.
Prints articles stored per second (end to end: streaming, extraction, storage) and the peak
resident memory of this process and of the extraction workers, then appends a dated row to
``tests/benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from tests.intake.export_factory import write_export

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = "# Benchmark results\n\n| date | machine | benchmark | figures |\n|---|---|---|---|\n"


def _peak_rss_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def run(messages: int, jobs: int | None) -> str:
    with tempfile.TemporaryDirectory() as folder:
        export, db = Path(folder) / "result.json", Path(folder) / "library.sqlite3"
        counts = write_export(export, messages)
        size_mib = export.stat().st_size / 2**20
        args = ["ingest", str(export), "--chat", "@newsroom", "--db", str(db)]
        if jobs:
            args += ["--jobs", str(jobs)]
        started = time.perf_counter()
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        elapsed = time.perf_counter() - started
        if result.exit_code != 0 or f"stored: {counts.posts}" not in result.stdout:
            raise SystemExit(f"import failed:\n{result.output}")
    rate = counts.posts / elapsed
    return (
        f"{messages:,} messages ({size_mib:.0f} MiB JSON), {counts.posts:,} articles stored in "
        f"{elapsed:.1f} s = **{rate:,.0f} articles/s**; peak RSS main "
        f"{_peak_rss_mib(resource.RUSAGE_SELF):.0f} MiB, workers "
        f"{_peak_rss_mib(resource.RUSAGE_CHILDREN):.0f} MiB (--jobs {jobs or os.cpu_count()})"
    )


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--jobs", type=int, default=None)
    options = parser.parse_args()
    figures = run(options.messages, options.jobs)
    print(figures)
    machine = f"{os.cpu_count()} CPU, {platform.machine()}"
    row = f"| {dt.date.today().isoformat()} | {machine} | import (bench_import) | {figures} |\n"
    if not RESULTS.exists():
        RESULTS.write_text(HEADER, encoding="utf-8")
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(row)


if __name__ == "__main__":
    main_()
