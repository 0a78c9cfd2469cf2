"""A hang detector for tests: CPU time, not wall time, so a loaded machine cannot trip it.

Tests assert no durations (a busy CI machine fails such tests at random). A test that hangs in a
loop meets this alarm; one that hangs asleep meets the per-test timeout (pyproject.toml). The
alarm is SIGVTALRM, which never collides with the SIGALRM budgets inside symderive or with the
per-test timeout, so it keeps working while a budget under test is broken.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class Hung(BaseException):
    """Raised by the CPU-time alarm; a BaseException so that no ``except Exception`` eats it."""


@contextmanager
def cpu_alarm(seconds: float, what: str = "the body") -> Iterator[None]:
    """Raise ``Hung`` once the process has spent ``seconds`` of CPU time (user) in the body."""

    def expire(signum: int, frame: object) -> None:
        raise Hung(f"{what} still running after {seconds:g} s of CPU time: a hang")

    previous = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
