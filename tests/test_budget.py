"""Time budgets interrupt long symbolic work and fall back."""

from __future__ import annotations

import threading
import time

import pytest

from symderive.budget import remaining_budget, shared_budget, time_limit, within_budget
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


def test_a_shared_budget_bounds_many_operations_together() -> None:
    """Ten operations of a 1 s budget each, sharing 0.2 s: the later ones fall back at once."""
    started = time.monotonic()
    with shared_budget(0.2):
        results = [within_budget(lambda: _spin(5), 1.0, "fallback") for _ in range(10)]
    assert time.monotonic() - started < 1.0
    assert results == [("fallback", False)] * 10


def test_a_spent_shared_budget_does_not_run_the_operation() -> None:
    ran: list[bool] = []
    with shared_budget(0.0):
        assert within_budget(lambda: ran.append(True), 1.0, "fallback") == ("fallback", False)
    assert ran == []


def test_nested_shared_budgets_end_at_the_earlier_deadline() -> None:
    with shared_budget(0.1), shared_budget(10.0):
        left = remaining_budget()
        assert left is not None and left <= 0.1
    assert remaining_budget() is None


def test_fast_operations_in_a_shared_budget_return_their_results() -> None:
    with shared_budget(5.0):
        assert within_budget(lambda: _spin(0), 1.0, "fallback") == ("finished", True)


def test_an_enclosing_budget_is_charged_for_the_time_inside_inner_ones() -> None:
    """Ten inner budgets of 0.2 s inside an outer one of 1 s: the outer still ends near 1 s."""
    import time

    from symderive.budget import within_budget

    def inner_work() -> None:
        deadline = time.monotonic() + 0.15
        while time.monotonic() < deadline:
            pass

    def outer_work() -> str:
        for _ in range(10):
            within_budget(inner_work, 0.2, None)
        return "finished"

    started = time.monotonic()
    result, finished = within_budget(outer_work, 1.0, "stopped")
    assert (result, finished) == ("stopped", False)
    assert time.monotonic() - started < 1.4
