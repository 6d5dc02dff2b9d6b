"""The worker processes of `digest-bot ingest`, which never outlive the command.

Workers are forked, so each holds the write end of the pool's own pipes: when the command is
killed (SIGKILL, OOM) they never see an end of input and would sleep forever. Each worker
therefore arms ``PR_SET_PDEATHSIG`` (Linux: the kernel sends SIGKILL when the parent dies) or,
where that does not exist, watches its parent from a thread. They hold nothing that needs
cleaning up: extraction is pure, and only the parent writes the library.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

__all__ = ["PARENT_POLL_SECONDS", "arm_parent_death_signal", "extraction_pool", "watch_parent"]

#: How often a worker without PR_SET_PDEATHSIG checks that its parent is alive.
PARENT_POLL_SECONDS = 0.25
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def arm_parent_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)


def watch_parent(parent_pid: int) -> None:
    """End this process soon after ``parent_pid`` stops being its parent (a daemon thread)."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="digest-bot-parent-watch", daemon=True).start()


def _die_with_parent(parent_pid: int) -> None:
    """Worker initializer: make this worker end when ``parent_pid`` dies."""
    if not arm_parent_death_signal():
        watch_parent(parent_pid)
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)


def extraction_pool(jobs: int, work_items: int) -> ProcessPoolExecutor | None:
    """Worker processes for extraction, or None when one process is enough."""
    if jobs <= 1 or work_items == 0:
        return None
    # fork: workers inherit the imported extraction modules instead of importing them again.
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )
