"""Parallel workers: results in order, a hung worker killed at its time limit, crashes reported,
and every other submission still graded."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from symderive.grade import runner
from symderive.grade.student import GRADED, StudentResult
from symderive.grade.submission import Submission


def _submissions(*names: str) -> list[Submission]:
    return [Submission(name, (Path(f"{name}.md"),)) for name in names]


def _work(submission: Submission) -> StudentResult:
    if submission.name == "hangs":
        time.sleep(3600)
    if submission.name == "segfaults":
        os.kill(os.getpid(), signal.SIGKILL)
    if submission.name == "raises":
        raise RuntimeError("boom")
    if submission.name == "exits":
        os._exit(7)
    return StudentResult(submission.name, (str(submission.paths[0]),), GRADED, seconds=0.01)


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-job", "two-jobs"])
def test_results_come_back_in_order_with_every_failure_named(jobs: int) -> None:
    names = ("a", "hangs", "b", "segfaults", "raises", "exits", "c")
    seen: list[str] = []
    results = runner.run(_submissions(*names), _work, jobs, 0.5, lambda r: seen.append(r.name))
    assert [result.name for result in results] == list(names)
    assert sorted(seen) == sorted(names)
    reasons = {result.name: result.reason for result in results}
    assert [r.name for r in results if r.status == GRADED] == ["a", "b", "c"]
    assert reasons["hangs"] == "time limit of 0.5 s exceeded"
    assert reasons["segfaults"] == "the worker crashed (killed by SIGKILL)"
    assert reasons["exits"] == "the worker crashed (exit code 7)"
    assert reasons["raises"] is not None and "RuntimeError: boom" in reasons["raises"]


def test_a_hung_worker_and_its_children_are_killed() -> None:
    marker: list[int] = []

    def spawn_and_hang(submission: Submission) -> StudentResult:
        child = os.fork()
        if child == 0:
            time.sleep(3600)
            os._exit(0)
        Path(submission.paths[0]).write_text(str(child))
        time.sleep(3600)
        raise AssertionError("unreachable")

    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        record = Path(folder) / "child.pid"
        results = runner.run([Submission("x", (record,))], spawn_and_hang, 1, 0.5)
        assert results[0].reason == "time limit of 0.5 s exceeded"
        child = int(record.read_text())
        marker.append(child)
    time.sleep(0.2)
    status = Path(f"/proc/{marker[0]}/status")
    if status.exists():  # a zombie not yet reaped by init is dead too
        assert "State:\tZ" in status.read_text()


def test_the_test_hook_runs_in_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    def hang(submission: Submission) -> None:
        if submission.name == "b":
            time.sleep(3600)

    monkeypatch.setattr(runner, "BEFORE_GRADING", hang)
    results = runner.run(_submissions("a", "b"), _work, 2, 0.3)
    assert [result.status for result in results] == [GRADED, "error"]
