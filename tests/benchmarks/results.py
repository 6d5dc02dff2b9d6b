"""The results file: one Markdown table per benchmark, rows only ever appended.

``tests/benchmarks/RESULTS.md`` holds a ``## <benchmark>`` section per benchmark, each with one
table. :func:`append_rows` adds rows at the end of that table (creating the section the first
time), so hand-written notes and rows added by others stay where they are.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
from collections.abc import Sequence
from pathlib import Path

RESULTS_FILE = Path(__file__).with_name("RESULTS.md")


def machine() -> str:
    """``<n> CPUs x86_64 <model>, load <1-min load average>``.

    The load average says how much other work competed with the benchmark.
    """
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} CPUs {platform.machine()} {model}, load {load:.1f}"


def today() -> str:
    """The date rows are stamped with (UTC)."""
    return dt.datetime.now(dt.UTC).date().isoformat()


def append_rows(
    section: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    path: Path = RESULTS_FILE,
) -> None:
    """Append ``rows`` to the table of ``section``; create the section (and file) when missing.

    Each row is prefixed with the date and the machine; ``columns`` name the remaining cells.
    """
    header = ["date", "machine", *columns]
    lines = [_row(today(), machine(), *row) for row in rows]
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmark results\n"
    heading = f"## {section}"
    all_lines = text.splitlines()
    if heading not in all_lines:
        table = [_row(*header), _row(*["---"] * len(header))]
        all_lines += ["", heading, "", *table, *lines]
    else:
        start = all_lines.index(heading)
        end = start + 1
        # skip to the table, then to its last row
        while end < len(all_lines) and not all_lines[end].startswith("|"):
            end += 1
        while end < len(all_lines) and all_lines[end].startswith("|"):
            end += 1
        all_lines[end:end] = lines
    path.write_text("\n".join(all_lines) + "\n", encoding="utf-8")


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |"
