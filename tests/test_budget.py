"""Time budgets interrupt long symbolic work and fall back.

No test here asserts how long something took (a loaded machine fails such tests at random).
Operations that must be stopped spin forever, so only the budget under test can end them (the
per-test timeout fails a test whose budget does not); the arithmetic of shared deadlines runs on
a fake clock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from functools import partial
from types import SimpleNamespace

import pytest
from hangs import cpu_alarm

from symderive import budget
from symderive.budget import remaining_budget, shared_budget, time_limit, within_budget
from symderive.errors import BudgetExceeded


def _spin(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "finished"


def _spin_forever() -> str:
    """Work that only a budget can stop."""
    while True:
        pass


class FakeClock:
    """``time.monotonic`` for the budget module: it moves only when a test advances it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def cpu_guard() -> Iterator[None]:
    """Stop a test that spins for 30 s of CPU time. The per-test timeout uses SIGALRM, the very
    timer the budgets under test set and restore: a broken budget could disarm it."""
    with cpu_alarm(30.0, "the test"):
        yield


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """The budget module reads this clock instead of the real one (signal timers stay real)."""
    fake = FakeClock()
    monkeypatch.setattr(budget, "time", SimpleNamespace(monotonic=fake.monotonic))
    return fake


def test_a_slow_operation_is_interrupted() -> None:
    with pytest.raises(BudgetExceeded), time_limit(0.05, "spinning"):
        _spin_forever()


def test_fallback_when_the_budget_runs_out() -> None:
    assert within_budget(_spin_forever, 0.05, "fallback") == ("fallback", False)


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
    """Ten endless operations of an hour's budget each, sharing 0.2 s: all fall back."""
    with shared_budget(0.2):
        results = [within_budget(_spin_forever, 3600.0, "fallback") for _ in range(10)]
    assert results == [("fallback", False)] * 10


def test_operations_after_the_shared_deadline_fall_back_without_running(clock: FakeClock) -> None:
    """Each operation takes 0.15 s of a shared 1 s: the first seven start before the deadline
    (the seventh at 0.9 s) and finish; the other three never run."""
    ran: list[int] = []

    def operation(number: int) -> str:
        ran.append(number)
        clock.advance(0.15)
        return "finished"

    with shared_budget(1.0):
        results = [
            within_budget(partial(operation, number), 10.0, "fallback") for number in range(10)
        ]
    assert ran == list(range(7))
    assert results == [("finished", True)] * 7 + [("fallback", False)] * 3


def test_an_operation_gets_at_most_what_is_left_of_the_shared_budget(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    granted: list[float] = []
    real_time_limit = budget.time_limit

    def recording(seconds: float, what: str = "the operation") -> AbstractContextManager[object]:
        granted.append(seconds)
        return real_time_limit(seconds, what)

    monkeypatch.setattr(budget, "time_limit", recording)
    with shared_budget(1.0):
        clock.advance(0.75)
        assert remaining_budget() == pytest.approx(0.25)
        assert within_budget(lambda: "done", 10.0, "fallback") == ("done", True)
        clock.advance(1.0)
        assert remaining_budget() == 0.0
    assert granted == [pytest.approx(0.25)]
    assert remaining_budget() is None


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
    """Endless inner budgets of 0.2 s, one after another, inside an outer one of 1 s: only the
    outer budget, charged for the time spent in the inner ones, can end the loop."""
    inner_runs: list[bool] = []

    def outer_work() -> str:
        while True:
            inner_runs.append(within_budget(_spin_forever, 0.2, "inner fallback")[1])

    result, finished = within_budget(outer_work, 1.0, "stopped")
    assert (result, finished) == ("stopped", False)
    assert inner_runs and not any(inner_runs)


def test_an_expiry_caught_on_the_way_comes_again() -> None:
    """A broad ``except`` in the bounded code that eats the first expiry does not leave the
    operation unbounded: the signal comes again until the body has left."""
    eaten = 0
    with pytest.raises(BudgetExceeded), time_limit(0.05, "spinning"):
        try:
            _spin_forever()
        except Exception:  # what a careless library might do
            eaten += 1
        _spin_forever()
    assert eaten == 1


def test_no_signal_comes_after_the_body_has_left() -> None:
    with pytest.raises(BudgetExceeded), time_limit(0.05, "spinning"):
        _spin_forever()
    _spin(2 * budget.REPEAT_SECONDS)  # a stray signal after the body would raise here
