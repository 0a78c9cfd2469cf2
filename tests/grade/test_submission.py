"""Finding submissions (a file or a folder per student) and merging a folder's answer files."""

from __future__ import annotations

from pathlib import Path

import pytest

from symderive.check.answers import read_answers
from symderive.errors import InputError
from symderive.grade.submission import OUTPUT_MARK, discover, read_submission

ROOT = Path(__file__).resolve().parents[2]
CLASS = ROOT / "tests" / "data" / "class"


def test_a_class_folder_has_a_student_per_file_and_per_folder() -> None:
    submissions, skipped = discover([CLASS])
    names = [submission.name for submission in submissions]
    assert names == sorted(names) and "chen" in names and "emil" in names
    chen = next(submission for submission in submissions if submission.name == "chen")
    assert [path.name for path in chen.paths] == ["q2.md", "q3.md"]
    assert [(item.path.name, item.reason) for item in skipped] == [
        ("notes.txt", "not an answer file")
    ]


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


def _skipped(tmp_path: Path, outputs: tuple[Path, ...] = ()) -> tuple[list[str], dict[str, str]]:
    submissions, skipped = discover([tmp_path], outputs)
    reasons = {str(item.path.relative_to(tmp_path)): item.reason for item in skipped}
    return [submission.name for submission in submissions], reasons


def test_symbolic_links_in_a_class_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "secret").mkdir(parents=True)
    (outside / "secret.md").write_text("$dz/dx_1 = 1$")
    (outside / "secret" / "a.md").write_text("$dz/dx_1 = 1$")
    folder = tmp_path / "class"
    (folder / "bea").mkdir(parents=True)
    (folder / "ann.md").write_text("$dz/dx_1 = 1$")
    (folder / "link.md").symlink_to(outside / "secret.md")
    (folder / "linked_folder").symlink_to(outside / "secret")
    (folder / "bea" / "q3.md").write_text("$dz/dx_1 = 1$")
    (folder / "bea" / "borrowed.md").symlink_to(outside / "secret.md")
    names, reasons = _skipped(folder)
    assert names == ["ann", "bea"]
    assert reasons == {
        "link.md": "a symbolic link, not followed",
        "linked_folder": "a symbolic link, not followed",
        "bea/borrowed.md": "a symbolic link, not followed",
    }
    bea = discover([folder])[0][1]
    assert [path.name for path in bea.paths] == ["q3.md"]


def test_what_grade_wrote_is_not_graded_on_the_next_run(tmp_path: Path) -> None:
    (tmp_path / "ann.md").write_text("$dz/dx_1 = 1$")
    (tmp_path / "grades-summary.md").write_text("# Summary")
    (tmp_path / "grades-feedback").mkdir()
    (tmp_path / "grades-feedback" / "ann.md").write_text("# Feedback for ann")
    (tmp_path / "old-summary.md").write_text(f"<!-- {OUTPUT_MARK} -->\n# Summary")
    (tmp_path / "old-feedback").mkdir()
    (tmp_path / "old-feedback" / "ann.tex").write_text(f"% {OUTPUT_MARK}\n\\documentclass")
    outputs = (
        tmp_path / "grades.csv",
        tmp_path / "grades.json",
        tmp_path / "grades-summary.md",
        tmp_path / "grades-feedback",
    )
    names, reasons = _skipped(tmp_path, outputs)
    assert names == ["ann"]
    marked = "written by symderive grade (it says so in its first line)"
    assert reasons == {
        "grades-feedback": "written by this run of grade",
        "grades-summary.md": "written by this run of grade",
        "old-feedback/ann.tex": marked,
        "old-summary.md": marked,
    }


def test_the_mark_counts_only_on_the_first_line(tmp_path: Path) -> None:
    """A student who quotes the mark further down is still graded."""
    (tmp_path / "ann.md").write_text(f"# Answers\n{OUTPUT_MARK}\n$dz/dx_1 = 1$")
    assert _skipped(tmp_path) == (["ann"], {})
