"""Finding a class's submissions, and reading one as a single set of answers.

An argument that is an answer file (``.md``, ``.ipynb``, ``.tex``, ``.yaml``) is one student's
submission, named by the file's stem. A folder is a class: each answer file directly in it is a
student, and each sub-folder is a student whose answer files (found at any depth) are merged,
in name order, as one submission. Hidden files and folders (the cache, editor files) are passed
over; other files are listed as skipped, never silently dropped. Two submissions with one name
are told apart by their paths (``alice`` and ``alice (2)``).
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


@dataclass(frozen=True)
class Submission:
    """One student's work: a name for the CSV and the answer files, in reading order."""

    name: str
    paths: tuple[Path, ...]


def is_answer_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in READERS and not path.name.startswith(".")


def _folder_files(folder: Path) -> tuple[Path, ...]:
    return tuple(
        sorted(
            path
            for path in folder.rglob("*")
            if is_answer_file(path)
            and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        )
    )


def discover(arguments: list[Path]) -> tuple[list[Submission], list[Path]]:
    """The submissions named by files and class folders, and the files passed over."""
    found: list[Submission] = []
    skipped: list[Path] = []
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
            if entry.is_dir():
                files = _folder_files(entry)
                if files:
                    found.append(Submission(entry.name, files))
                else:
                    skipped.append(entry)
            elif is_answer_file(entry):
                found.append(Submission(entry.stem, (entry,)))
            else:
                skipped.append(entry)
    if len(found) > MAX_SUBMISSIONS:
        raise InputError(f"{len(found):,} submissions; at most {MAX_SUBMISSIONS:,} are graded")
    return _distinct_names(found), skipped


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
