"""Time budgets interrupt long symbolic work and fall back."""

from __future__ import annotations

import threading
import time

import pytest

from symderive.budget import time_limit, within_budget
from symderive.errors import BudgetExceeded


def _spin(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "finished"


def test_a_slow_operation_is_interrupted() -> None:
    with pytest.raises(BudgetExceeded), time_limit(0.05, "spinning"):
        _spin(5)


def test_fallback_when_the_budget_runs_out() -> None:
    assert within_budget(lambda: _spin(5), 0.05, "fallback") == ("fallback", False)


def test_fast_operation_returns_its_result() -> None:
    assert within_budget(lambda: _spin(0), 1.0, "fallback") == ("finished", True)


def test_outside_the_main_thread_the_operation_runs_unbounded() -> None:
    results: list[tuple[str, bool]] = []
    worker = threading.Thread(
        target=lambda: results.append(within_budget(lambda: _spin(0.1), 0.01, "x"))
    )
    worker.start()
    worker.join()
    assert results == [("finished", True)]
