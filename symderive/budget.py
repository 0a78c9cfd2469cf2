"""Time budgets for symbolic operations that can blow up (simplify, expand, large powers).

One budget bounds one operation; ``shared_budget`` bounds all of them together (a whole file).

SymPy is pure Python, so an interval timer's signal interrupts it between bytecodes. The budget
only works in the main thread (signals are delivered there); elsewhere the operation runs
unbounded, which is why callers off the main thread must run work in a separate process.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from symderive.errors import BudgetExceeded

T = TypeVar("T")

REPEAT_SECONDS = 0.25
"""After a budget expires its signal comes again this often until the body has left: one
expiry caught by a broad ``except`` on the way must not leave the operation unbounded."""


@contextmanager
def time_limit(seconds: float, what: str = "the operation") -> Iterator[object]:
    """Raise BudgetExceeded if the body runs longer than ``seconds`` (main thread only).

    Yields this budget's token, which the BudgetExceeded it raises carries as ``budget``: with
    budgets nested, each caller catches its own expiry and lets an enclosing one's go by.
    """
    token = object()
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield token
        return

    def _expire(signum: int, frame: object) -> None:
        error = BudgetExceeded(f"{what} took longer than {seconds:g} s")
        error.budget = token
        raise error

    previous_handler = signal.signal(signal.SIGALRM, _expire)
    started = time.monotonic()
    previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
    if 0 < previous_timer[0] < seconds:  # an enclosing budget ends first: keep its deadline
        signal.setitimer(signal.ITIMER_REAL, previous_timer[0], REPEAT_SECONDS)
    try:
        yield token
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0] > 0:
            # the enclosing budget's time kept running while this one ran: charge it
            left = previous_timer[0] - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), previous_timer[1])


_DEADLINE: ContextVar[float | None] = ContextVar("symderive_deadline", default=None)


@contextmanager
def shared_budget(seconds: float) -> Iterator[None]:
    """Every ``within_budget`` in the body shares ``seconds`` of wall time in total.

    Each budget bounds one operation; a file with many problems, or a problem with many
    variables, would still add them up without end. Inside a shared budget an operation gets at
    most what is left, and none once it is spent: it falls back at once. Nested shared budgets
    end at the earlier deadline.
    """
    deadline = time.monotonic() + seconds
    outer = _DEADLINE.get()
    token = _DEADLINE.set(deadline if outer is None else min(deadline, outer))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining_budget() -> float | None:
    """Seconds left in the enclosing shared budget (never negative), or None outside one."""
    deadline = _DEADLINE.get()
    return None if deadline is None else max(0.0, deadline - time.monotonic())


def within_budget(operation: Callable[[], T], seconds: float, fallback: T) -> tuple[T, bool]:
    """Run ``operation`` under a time budget: (its result, True) or (``fallback``, False).

    Inside ``shared_budget`` the operation gets at most what is left of it.
    """
    left = remaining_budget()
    if left is not None:
        if left <= 0:
            return fallback, False
        seconds = min(seconds, left)
    own: object = None
    try:
        with time_limit(seconds) as own:
            return operation(), True
    except BudgetExceeded as error:
        if error.budget is not own:  # an enclosing budget ran out: it is that one's to catch
            raise
        return fallback, False
