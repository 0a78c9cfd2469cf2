"""Finding a class's submissions, and reading one as a single set of answers.

An argument that is an answer file (``.md``, ``.ipynb``, ``.tex``, ``.yaml``) is one student's
submission, named by the file's stem. A folder is a class: each answer file directly in it is a
student, and each sub-folder is a student whose answer files (found at any depth) are merged,
in name order, as one submission. Hidden files and folders (the cache, editor files) are passed
over; other files are listed as skipped with the reason, never silently dropped: files that are
not answers, symbolic links found inside a folder (never followed: a link could show another
file's text in feedback), and symderive's own output (this run's, or any file that starts with
``OUTPUT_MARK``), which a class folder may hold from an earlier run. Two submissions with one
name are told apart by their paths (``alice`` and ``alice (2)``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from symderive.check.answers import READERS, read_answers
from symderive.check.claim import Answers
from symderive.errors import InputError, SourceLocation

MAX_SUBMISSIONS = 10_000
MAX_FILES_PER_STUDENT = 50
OUTPUT_MARK = "written by symderive grade; not a submission"
"""The first line of every Markdown and LaTeX file ``grade`` writes carries this, in a comment."""
_MARK_BYTES = 256


@dataclass(frozen=True)
class Skipped:
    """A path in a class folder that is not graded, and why."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Submission:
    """One student's work: a name for the CSV and the answer files, in reading order."""

    name: str
    paths: tuple[Path, ...]


def is_answer_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in READERS and not path.name.startswith(".")


def is_output(path: Path) -> bool:
    """A file ``grade`` wrote: its first line carries ``OUTPUT_MARK``."""
    try:
        with path.open("rb") as file:
            head = file.read(_MARK_BYTES)
    except OSError:
        return False
    first_line = head.split(b"\n", 1)[0]
    return OUTPUT_MARK.encode() in first_line


def _linked(path: Path, root: Path) -> bool:
    """Whether the path, or a folder between ``root`` and it, is a symbolic link."""
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


class _Finder:
    """Walks class folders, keeping answer files and the reason for everything else."""

    def __init__(self, outputs: frozenset[Path]) -> None:
        self.outputs = outputs
        self.skipped: list[Skipped] = []

    def reason(self, path: Path, root: Path) -> str | None:
        """Why a path inside a class folder is not an answer file, or None when it is one."""
        if _linked(path, root):
            return "a symbolic link, not followed"
        if path.resolve() in self.outputs or path.parent.resolve() in self.outputs:
            return "written by this run of grade"
        if path.is_dir():
            return None
        if not is_answer_file(path):
            return "not an answer file"
        if is_output(path):
            return "written by symderive grade (it says so in its first line)"
        return None

    def folder_files(self, folder: Path, root: Path) -> tuple[Path, ...]:
        files = []
        for path in sorted(folder.rglob("*")):
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            why = self.reason(path, root)
            if why is None and path.is_file():
                files.append(path)
            elif why is not None and why != "not an answer file":
                self.skipped.append(Skipped(path, why))
        return tuple(files)


def discover(
    arguments: list[Path], outputs: tuple[Path, ...] = ()
) -> tuple[list[Submission], list[Skipped]]:
    """The submissions named by files and class folders, and what was passed over (with why).

    ``outputs`` are the paths this run will write: inside a class folder they are never graded.
    """
    finder = _Finder(frozenset(path.resolve() for path in outputs))
    found: list[Submission] = []
    for argument in arguments:
        if argument.is_file():
            if not is_answer_file(argument):
                known = ", ".join(READERS)
                raise InputError(
                    f"{argument} is not an answer file ({known}) nor a class folder",
                    SourceLocation(file=str(argument)),
                )
            found.append(Submission(argument.stem, (argument,)))
            continue
        if not argument.is_dir():
            raise InputError(f"no such file or folder: {argument}", SourceLocation(str(argument)))
        for entry in sorted(argument.iterdir()):
            if entry.name.startswith("."):
                continue
            why = finder.reason(entry, argument)
            if why is not None:
                finder.skipped.append(Skipped(entry, why))
            elif entry.is_dir():
                files = finder.folder_files(entry, argument)
                if files:
                    found.append(Submission(entry.name, files))
                elif not any(skip.path.is_relative_to(entry) for skip in finder.skipped):
                    finder.skipped.append(Skipped(entry, "holds no answer file"))
            else:
                found.append(Submission(entry.stem, (entry,)))
    if len(found) > MAX_SUBMISSIONS:
        raise InputError(f"{len(found):,} submissions; at most {MAX_SUBMISSIONS:,} are graded")
    return _distinct_names(found), finder.skipped


def _distinct_names(submissions: list[Submission]) -> list[Submission]:
    """The same name twice (alice.md and alice/) becomes ``alice`` and ``alice (2)``."""
    counts: Counter[str] = Counter()
    named = []
    for submission in submissions:
        counts[submission.name] += 1
        if counts[submission.name] > 1:
            submission = replace(submission, name=f"{submission.name} ({counts[submission.name]})")
        named.append(submission)
    return named


def read_submission(submission: Submission) -> Answers:
    """Every answer file of a submission as one ``Answers``: numbers are shifted file by file so
    that claims, chains and hints keep one document order and their cross-references."""
    if len(submission.paths) > MAX_FILES_PER_STUDENT:
        raise InputError(
            f"{len(submission.paths)} answer files; at most {MAX_FILES_PER_STUDENT} per student"
        )
    merged: Answers | None = None
    for path in submission.paths:
        answers = read_answers(path)
        if merged is None:
            merged = answers
            continue
        merged = _appended(merged, answers)
    assert merged is not None
    if len(submission.paths) > 1:
        merged = replace(merged, path=str(submission.paths[0].parent))
    return merged


def _appended(first: Answers, second: Answers) -> Answers:
    numbers = [claim.number for claim in first.claims]
    numbers += [chain.number for chain in first.chains]
    numbers += [hint.number for hint in first.hints]
    offset = max(numbers, default=0)

    def shifted(number: int | None) -> int | None:
        return None if number is None else number + offset

    claims = tuple(
        replace(claim, number=claim.number + offset, chain=shifted(claim.chain))
        for claim in second.claims
    )
    chains = tuple(
        replace(chain, number=chain.number + offset, claim=shifted(chain.claim))
        for chain in second.chains
    )
    hints = tuple(replace(hint, number=hint.number + offset) for hint in second.hints)
    return replace(
        first,
        claims=first.claims + claims,
        chains=first.chains + chains,
        hints=first.hints + hints,
        formulas=first.formulas + second.formulas,
        skipped=first.skipped + second.skipped,
    )
