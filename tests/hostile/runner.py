"""Running a hostile case: its files written into a folder, then the CLI in-process or in a child.

In-process runs share one imported CLI (fast: most cases take milliseconds); a CPU-time alarm
(SIGVTALRM, so it never collides with the SIGALRM budgets inside symderive) stops a case that
hangs. It is a hang detector, not a speed claim: CPU time does not grow when other processes load
the machine, and its bound is far above what any case needs. Child runs measure what
in-process runs cannot: peak memory (``ru_maxrss`` of that very child, from ``os.wait4``) under an
address-space limit; a child that hangs is stopped by the tests' per-test timeout (pyproject.toml).
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cases import MARKER, Case
from hangs import cpu_alarm
from typer.testing import CliRunner

from symderive import cli

ADDRESS_SPACE_LIMIT = 4 * 1024**3
"""A child may map at most this much (a safety net, so a runaway case cannot take the machine)."""
PEAK_MEMORY_LIMIT = 1024**3
"""What a child's resident memory may peak at: the bound the tests assert."""
HANG_CPU_SECONDS = 20.0
"""CPU time after which an in-process case counts as hung."""
LOCATED = re.compile(r"^error: (?P<file>.+?):(?P<line>\d+):(?P<column>\d+): \S")


@dataclass(frozen=True)
class Outcome:
    """What one run of a case produced."""

    exit_code: int
    stdout: str
    stderr: str
    peak_bytes: int | None = None

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def marker_path(folder: Path) -> Path:
    return folder / "pwned"


def _expand(text: str, folder: Path) -> str:
    return text.replace("{dir}", str(folder)).replace(MARKER, str(marker_path(folder)))


def materialise(case: Case, folder: Path) -> list[str]:
    """Write the case's files into ``folder``; return its command line with paths filled in."""
    marker = str(marker_path(folder))
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.replace(MARKER, marker).encode("utf-8"))
        elif isinstance(content, bytes):
            path.write_bytes(content.replace(MARKER.encode(), marker.encode()))
        else:
            content(path)
    return [_expand(argument, folder) for argument in case.arguments]


_runner = CliRunner()


def run_in_process(arguments: list[str]) -> Outcome:
    """The CLI on these arguments, in this process, stopped if it hangs."""
    with cpu_alarm(HANG_CPU_SECONDS, "the case"):
        result = _runner.invoke(cli.app, arguments, env={"NO_COLOR": "1", "COLUMNS": "100"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"the CLI raised {result.exception!r}") from result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def run_in_child(arguments: list[str], folder: Path) -> Outcome:
    """``python -m symderive`` on these arguments, with this child's peak memory."""
    child = subprocess.Popen(
        [sys.executable, "-m", "symderive", *arguments],
        stdout=open(folder / "stdout.txt", "wb"),  # noqa: SIM115 - closed with the child
        stderr=open(folder / "stderr.txt", "wb"),  # noqa: SIM115
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
        cwd=folder,
        preexec_fn=_limit_address_space,
    )
    try:
        _, status, usage = os.wait4(child.pid, 0)
    except BaseException:
        child.kill()
        raise
    child.returncode = os.waitstatus_to_exitcode(status)
    return Outcome(
        child.returncode,
        (folder / "stdout.txt").read_text(encoding="utf-8", errors="replace"),
        (folder / "stderr.txt").read_text(encoding="utf-8", errors="replace"),
        peak_bytes=usage.ru_maxrss * 1024,
    )


def assert_outcome(case: Case, outcome: Outcome, folder: Path) -> None:
    """The case's one correct outcome, and the guarantees every case shares."""
    assert "Traceback" not in outcome.output, outcome.output[-3000:]
    assert not marker_path(folder).exists(), "an injection payload created its marker file"
    assert outcome.exit_code == case.exit_code, (
        f"exit code {outcome.exit_code}, expected {case.exit_code}:\n{outcome.output[-2000:]}"
    )
    if case.exit_code == 2:
        first = outcome.stderr.splitlines()[0] if outcome.stderr else ""
        if case.located is not None and case.whole_file:
            assert first.startswith(f"error: {_expand(case.located, folder)}: "), first
        elif case.located is not None:
            match = LOCATED.match(first)
            assert match, f"not located as error: FILE:LINE:COL: …\n{outcome.stderr[:2000]}"
            assert match["file"] == _expand(case.located, folder), first
        else:
            assert outcome.stderr.strip(), "an error must say something"
    if case.expect is not None:
        assert case.expect in outcome.output, outcome.output[-2000:]
