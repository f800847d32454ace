"""The bulk generator's progress report on stderr: cases done, cases a second and time left while the chunks
are written, then each step after (documents rendered, indexes rebuilt, planner statistics).
"""

from __future__ import annotations

import sys
import time
from typing import Any


class Progress:
    """A progress bar on stderr: cases done, cases a second, time left."""

    def __init__(self, total: int, stream: Any = None):
        self.total, self.done, self.started = total, 0, time.monotonic()
        self.stream = stream if stream is not None else sys.stderr

    def __call__(self, done: int) -> None:
        self.done = done
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        left = (self.total - done) / rate if rate else 0
        filled = int(30 * done / max(self.total, 1))
        self.stream.write(f"\r  [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{self.total:,} cases "
                          f"{rate:,.0f}/s, {left:,.0f} s left ")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()

    def documents(self, done: int, total: int) -> None:
        """Documents rendered so far, after the cases are written."""
        self.stream.write(f"  {done:,}/{total:,} documents rendered ({time.monotonic() - self.started:,.0f} s so far)\n")
        self.stream.flush()

    def stage(self, text: str) -> None:
        """A step after the cases are written (rebuilding indexes, vacuuming), with the time so far."""
        self.stream.write(f"  {text} ({time.monotonic() - self.started:,.0f} s so far)\n")
        self.stream.flush()
