"""Time budgets for symbolic operations that can blow up (simplify, expand, large powers).

SymPy is pure Python, so an interval timer's signal interrupts it between bytecodes. The budget
only works in the main thread (signals are delivered there); elsewhere the operation runs
unbounded, which is why callers off the main thread must run work in a separate process.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from symderive.errors import BudgetExceeded

T = TypeVar("T")


@contextmanager
def time_limit(seconds: float, what: str = "the operation") -> Iterator[None]:
    """Raise BudgetExceeded if the body runs longer than ``seconds`` (main thread only)."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def _expire(signum: int, frame: object) -> None:
        raise BudgetExceeded(f"{what} took longer than {seconds:g} s")

    previous_handler = signal.signal(signal.SIGALRM, _expire)
    previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0] > 0:
            signal.setitimer(signal.ITIMER_REAL, *previous_timer)


def within_budget(operation: Callable[[], T], seconds: float, fallback: T) -> tuple[T, bool]:
    """Run ``operation`` under a time budget: (its result, True) or (``fallback``, False)."""
    try:
        with time_limit(seconds):
            return operation(), True
    except BudgetExceeded:
        return fallback, False
