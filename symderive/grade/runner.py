"""Grading submissions in parallel, each in its own worker process with a time limit.

Each submission runs in a forked process (the solved problems are inherited, not sent), at most
``jobs`` at a time. The worker is the leader of its own process group, so the parent can kill it
together with the proof processes it started: a submission that runs past ``time_limit`` is
killed and reported, one whose worker dies (a crash, an out-of-memory kill) is reported with its
exit status, and every other submission is still graded. Workers ignore Ctrl-C; the parent
kills them all when it is interrupted, so nothing is left running.

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


@dataclass
class _Running:
    index: int
    submission: Submission
    process: Any
    connection: Connection
    started: float


def _worker(work: Work, submission: Submission, connection: Connection) -> None:
    """Run in the child: its own process group, no Ctrl-C, one message back."""
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        if BEFORE_GRADING is not None:
            BEFORE_GRADING(submission)
        message: tuple[str, Any] = ("result", work(submission))
    except BaseException as error:
        last = traceback.extract_tb(error.__traceback__)[-1:] or None
        where = f" at {last[0].filename}:{last[0].lineno}" if last else ""
        message = ("crash", f"the check failed: {type(error).__name__}: {error}{where}")
    try:
        connection.send(message)
    finally:
        connection.close()


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
    running: list[_Running] = []
    results: dict[int, StudentResult] = {}

    def finish(item: _Running, result: StudentResult) -> None:
        running.remove(item)
        item.process.join(5)
        item.connection.close()
        results[item.index] = result
        if done is not None:
            done(result)

    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                index, submission = pending.popleft()
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(
                    target=_worker, args=(work, submission, sender), daemon=False
                )
                process.start()
                sender.close()
                if process.pid is not None:  # also set here: the child may not have run yet
                    with contextlib.suppress(OSError):
                        os.setpgid(process.pid, process.pid)
                running.append(_Running(index, submission, process, receiver, time.monotonic()))
            now = time.monotonic()
            next_deadline = min(item.started + time_limit for item in running)
            waiting: list[Any] = [item.connection for item in running]
            waiting += [item.process.sentinel for item in running]
            wait(waiting, timeout=max(0.0, min(POLL_SECONDS, next_deadline - now)))
            for item in list(running):
                elapsed = time.monotonic() - item.started
                if item.connection.poll():
                    try:
                        kind, payload = item.connection.recv()
                    except (EOFError, OSError):
                        item.process.join(5)
                        finish(item, failed(item.submission, _exit_reason(item.process.exitcode)))
                        continue
                    if kind == "result":
                        finish(item, payload)
                    else:
                        finish(item, failed(item.submission, str(payload), elapsed))
                elif not item.process.is_alive():
                    reason = _exit_reason(item.process.exitcode)
                    finish(item, failed(item.submission, reason, elapsed))
                elif elapsed > time_limit:
                    _kill(item.process)
                    reason = f"time limit of {time_limit:g} s exceeded"
                    finish(item, failed(item.submission, reason, elapsed))
    finally:
        for item in running:
            _kill(item.process)
            item.connection.close()
    return [results[index] for index in range(len(submissions))]
