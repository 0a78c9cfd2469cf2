"""Finding submissions (a file or a folder per student) and merging a folder's answer files."""

from __future__ import annotations

from pathlib import Path

import pytest

from symderive.check.answers import read_answers
from symderive.errors import InputError
from symderive.grade.submission import discover, read_submission

ROOT = Path(__file__).resolve().parents[2]
CLASS = ROOT / "tests" / "data" / "class"


def test_a_class_folder_has_a_student_per_file_and_per_folder() -> None:
    submissions, skipped = discover([CLASS])
    names = [submission.name for submission in submissions]
    assert names == sorted(names) and "chen" in names and "emil" in names
    chen = next(submission for submission in submissions if submission.name == "chen")
    assert [path.name for path in chen.paths] == ["q2.md", "q3.md"]
    assert [path.name for path in skipped] == ["notes.txt"]


def test_the_same_name_twice_is_told_apart(tmp_path: Path) -> None:
    (tmp_path / "ann.md").write_text("x")
    (tmp_path / "ann").mkdir()
    (tmp_path / "ann" / "a.md").write_text("x")
    (tmp_path / ".hidden.md").write_text("x")
    submissions, _ = discover([tmp_path])
    assert [submission.name for submission in submissions] == ["ann", "ann (2)"]


@pytest.mark.parametrize(
    ("name", "message"),
    [("notes.txt", "not an answer file"), ("nowhere", "no such file")],
    ids=["not-an-answer-file", "missing"],
)
def test_bad_arguments_are_input_errors(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match=message):
        discover([tmp_path / name])


def test_a_folders_files_merge_with_distinct_numbers_in_order() -> None:
    submissions, _ = discover([CLASS])
    chen = next(submission for submission in submissions if submission.name == "chen")
    merged = read_submission(chen)
    apart = [read_answers(path) for path in chen.paths]
    assert len(merged.claims) == sum(len(answers.claims) for answers in apart)
    numbers = [item.number for item in (*merged.claims, *merged.chains, *merged.hints)]
    assert len(numbers) == len(set(numbers))
    claim_numbers = [claim.number for claim in merged.claims]
    assert claim_numbers == sorted(claim_numbers)
    assert merged.claims[-1].location.file.endswith("q3.md")
