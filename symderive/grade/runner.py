"""Grading submissions in parallel worker processes, each submission with a time limit.

``jobs`` workers are forked once (the solved problems are inherited, not sent) and each grades
one submission after another, so what it has compiled and cached serves the next student too.
A worker is the leader of its own process group, so the parent can kill it together with the
proof processes it started: a submission that runs past ``time_limit`` (counted from when it was
handed to a worker) is killed and reported, one whose worker dies (a crash, an out-of-memory
kill) is reported with its exit status; either way a fresh worker takes the dead one's place and
every other submission is still graded. Workers ignore Ctrl-C; the parent kills them all when it
is interrupted, so nothing is left running.

``BEFORE_GRADING`` is a hook for tests only (a hang or a crash injected into one worker).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from symderive.grade.student import StudentResult, failed
from symderive.grade.submission import Submission

Work = Callable[[Submission], StudentResult]
BEFORE_GRADING: Callable[[Submission], None] | None = None
POLL_SECONDS = 0.5
ORPHAN_POLL_SECONDS = 1.0
WORKER_NAME = "symderive-grade-worker"
"""How often an idle worker looks whether its parent is still there."""


@dataclass
class _Worker:
    """A worker process, the pipes to and from it, and the submission it is grading."""

    process: Any
    tasks: Connection
    results: Connection
    index: int | None = None
    submission: Submission | None = None
    started: float = 0.0


def _serve(work: Work, tasks: Connection, results: Connection, parent: int) -> None:
    """Run in the child: its own process group, no Ctrl-C; one message back per submission.
    It ends when its parent is gone: a Ctrl-C that lands while the parent is starting it (before
    the parent knows it) must not leave it waiting for tasks forever, holding the output open."""
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            if not tasks.poll(ORPHAN_POLL_SECONDS):
                if os.getppid() != parent:
                    return
                continue
            task = tasks.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, submission = task
        try:
            if BEFORE_GRADING is not None:
                BEFORE_GRADING(submission)
            message: tuple[int, str, Any] = (index, "result", work(submission))
        except BaseException as error:
            last = traceback.extract_tb(error.__traceback__)[-1:] or None
            where = f" at {last[0].filename}:{last[0].lineno}" if last else ""
            message = (index, "crash", f"the check failed: {type(error).__name__}: {error}{where}")
        results.send(message)


def _start(context: Any, work: Work) -> _Worker:
    task_receiver, task_sender = context.Pipe(duplex=False)
    result_receiver, result_sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_serve,
        args=(work, task_receiver, result_sender, os.getpid()),
        daemon=False,
        name=WORKER_NAME,
    )
    process.start()  # a Ctrl-C from here on is undone by run(): it kills unlisted workers
    task_receiver.close()
    result_sender.close()
    if process.pid is not None:  # also set here: the child may not have run yet
        with contextlib.suppress(OSError):
            os.setpgid(process.pid, process.pid)
    return _Worker(process, task_sender, result_receiver)


def _stop(worker: _Worker) -> None:
    worker.tasks.close()
    worker.results.close()


def _kill(process: Any) -> None:
    """Kill the worker's whole process group (its proof processes too), then reap it."""
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    process.join(5)


def _exit_reason(exit_code: int | None) -> str:
    if exit_code is not None and exit_code < 0:
        try:
            name = signal.Signals(-exit_code).name
        except ValueError:
            name = f"signal {-exit_code}"
        return f"the worker crashed (killed by {name})"
    return f"the worker crashed (exit code {exit_code})"


def run(
    submissions: Sequence[Submission],
    work: Work,
    jobs: int,
    time_limit: float,
    done: Callable[[StudentResult], None] | None = None,
) -> list[StudentResult]:
    """Every submission's result, in the order given; ``done`` is called as each finishes."""
    context = multiprocessing.get_context("fork")
    pending = deque(enumerate(submissions))
    workers: list[_Worker] = []
    results: dict[int, StudentResult] = {}

    def finish(worker: _Worker, result: StudentResult) -> None:
        assert worker.index is not None
        results[worker.index] = result
        worker.index, worker.submission = None, None
        if done is not None:
            done(result)

    def replace_dead(worker: _Worker) -> None:
        _kill(worker.process)
        _stop(worker)
        workers.remove(worker)

    try:
        while pending or any(worker.index is not None for worker in workers):
            while pending and len(workers) < max(1, jobs):
                workers.append(_start(context, work))
            for worker in workers:
                if worker.index is None and pending:
                    worker.index, worker.submission = pending.popleft()
                    worker.started = time.monotonic()
                    worker.tasks.send((worker.index, worker.submission))
            busy = [worker for worker in workers if worker.index is not None]
            now = time.monotonic()
            next_deadline = min(worker.started + time_limit for worker in busy)
            waiting: list[Any] = [worker.results for worker in busy]
            waiting += [worker.process.sentinel for worker in busy]
            wait(waiting, timeout=max(0.0, min(POLL_SECONDS, next_deadline - now)))
            for worker in busy:
                assert worker.submission is not None
                elapsed = time.monotonic() - worker.started
                if worker.results.poll():
                    try:
                        _, kind, payload = worker.results.recv()
                    except (EOFError, OSError):
                        worker.process.join(5)
                        reason = _exit_reason(worker.process.exitcode)
                        finish(worker, failed(worker.submission, reason, elapsed))
                        replace_dead(worker)
                        continue
                    if kind == "result":
                        finish(worker, payload)
                    else:
                        finish(worker, failed(worker.submission, str(payload), elapsed))
                elif not worker.process.is_alive():
                    worker.process.join(5)
                    reason = _exit_reason(worker.process.exitcode)
                    finish(worker, failed(worker.submission, reason, elapsed))
                    replace_dead(worker)
                elif elapsed > time_limit:
                    reason = f"time limit of {time_limit:g} s exceeded"
                    finish(worker, failed(worker.submission, reason, elapsed))
                    replace_dead(worker)
    finally:
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                worker.tasks.send(None)
        for worker in workers:
            worker.process.join(0.5)
            if worker.process.is_alive():
                _kill(worker.process)
            _stop(worker)
        # A Ctrl-C between a worker's start and its place in ``workers`` (Python runs the
        # handler at its next check, often the return from _start) leaves one this loop does
        # not know; the interpreter's exit would wait for it forever.
        for process in multiprocessing.active_children():
            if process.name == WORKER_NAME:
                _kill(process)
    return [results[index] for index in range(len(submissions))]
