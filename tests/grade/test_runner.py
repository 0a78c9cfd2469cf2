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


def test_ctrl_c_while_a_worker_starts_leaves_no_worker_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C lands just after the fork, before the parent knows the worker: it is killed, not
    left waiting for tasks (it would hold the output open, and exit would wait for it)."""
    started: list[int] = []
    real_setpgid, parent = os.setpgid, os.getpid()

    def interrupted(pid: int, group: int) -> None:
        real_setpgid(pid, group)
        if os.getpid() == parent:  # the worker's own call (in the child) goes through
            started.append(pid)
            raise KeyboardInterrupt

    monkeypatch.setattr(runner.os, "setpgid", interrupted)
    with pytest.raises(KeyboardInterrupt):
        runner.run(_submissions("a"), _work, 1, 5.0)
    [pid] = started
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: killed and joined, not running


def test_an_orphaned_worker_ends_on_its_own() -> None:
    """A worker whose parent is gone (the parent was interrupted before it knew the worker)
    stops waiting for tasks within a poll or two."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    tasks, _keep_open = context.Pipe(duplex=False)
    results_receiver, results = context.Pipe(duplex=False)
    worker = context.Process(target=runner._serve, args=(_work, tasks, results, os.getpid() + 1))
    worker.start()  # told that its parent is another process: it is an orphan at once
    worker.join(10 * runner.ORPHAN_POLL_SECONDS)
    assert worker.exitcode == 0
    results_receiver.close()


def test_ctrl_c_just_after_a_worker_started_leaves_no_worker_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C handled the moment ``_start`` returns, before the worker is in the run's list:
    the worker is still killed (else the interpreter's exit waits for it forever)."""
    real_start = runner._start
    started: list[int] = []

    def start_then_interrupted(context: object, work: runner.Work) -> runner._Worker:
        worker = real_start(context, work)
        started.append(worker.process.pid)
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "_start", start_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        runner.run(_submissions("a"), _work, 1, 5.0)
    [pid] = started
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: killed and joined, not running
