"""Kind ambiguity: q4.yaml loads, keys have their defaults, every mistake in the YAML is located."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ambiguity_data import load, problem_folder

from symderive.errors import ProblemFileError
from symderive.problem import AmbiguityProblem
from symderive.problemfile import load_problem_file

ROOT = Path(__file__).parents[2]
UNIFORM = np.full((3, 4), 0.25)


def test_q4_loads() -> None:
    problems = load_problem_file(ROOT / "problems" / "q4.yaml")
    assert problems.title == "Q4: Ambiguous images" and problems.points == 20
    first, second = problems.problems
    assert isinstance(first, AmbiguityProblem) and isinstance(second, AmbiguityProblem)
    assert [name for name, _ in first.models] == ["resnet", "vgg", "inception"]
    assert first.classes[:4] == ("puppy", "bagel", "chihuahua", "muffin")
    assert first.pair == (0, 1) and first.labels is not None and not first.softmax
    assert second.pair == (2, 3) and second.softmax and second.labels is None
    assert sum(p.points or 0 for p in problems.problems) == 20


def test_defaults(tmp_path: Path) -> None:
    problem = load(problem_folder(tmp_path, {"m": UNIFORM}))
    assert problem.classes == ("0", "1", "2", "3") and problem.class_names is None
    assert problem.pair is None and problem.labels is None
    assert (problem.top, problem.softmax, problem.chunk) == (10, False, 10_000)
    assert problem.tolerance == pytest.approx(1e-3)


def test_pair_by_index_without_class_names(tmp_path: Path) -> None:
    assert load(problem_folder(tmp_path, {"m": UNIFORM}, "    pair: [3, 1]\n")).pair == (3, 1)


def _error(tmp_path: Path, models: dict, extra: str = "", suffix: str = ".csv") -> ProblemFileError:
    with pytest.raises(ProblemFileError) as caught:
        load(problem_folder(tmp_path, models, extra, suffix))
    return caught.value


@pytest.mark.parametrize(
    ("extra", "message", "line", "column"),
    [
        ("    classes: nothere.txt\n", "'classes' 'nothere.txt' does not exist", 7, 14),
        ("    classes: /etc/hostname\n", "not the absolute path", 7, 14),
        ("    classes: ../outside.txt\n", "leaves the problem file's folder", 7, 14),
        ("    labels: missing.txt\n", "does not exist", 7, 13),
        ("    pair: [0, 0]\n", "two different classes", 7, 15),
        ("    pair: [0]\n", "must list two classes", 7, 11),
        ("    pair: [0, 9]\n", "'9' is not a class index 0 … 3", 7, 15),
        ("    top: 0\n", "'top' must be a whole number from 1 to 100", 7, 10),
        ("    top: 101\n", "'top' must be a whole number from 1 to 100", 7, 10),
        ("    chunk: 0\n", "'chunk' must be a whole number", 7, 12),
        ("    tolerance: 0\n", "'tolerance' must be above 0", 7, 16),
        ("    softmax: yes please\n", "'softmax' must be true or false", 7, 14),
        ("    colours: x.txt\n", "unknown key 'colours'", 7, 5),
        ('    pair: ["²", 0]\n', "'²' is not a class index 0 … 3", 7, 12),
        ("    pair: [0, '٣']\n", "'٣' is not a class index 0 … 3", 7, 15),
        (f"    pair: [0, '{'1' * 5000}']\n", "'" + "1" * 39 + "…' is not a class index", 7, 15),
    ],
    ids=[
        "missing-classes",
        "absolute",
        "escaping",
        "missing-labels",
        "same-class",
        "one-class",
        "class-out-of-range",
        "top-zero",
        "top-too-big",
        "chunk-zero",
        "tolerance-zero",
        "softmax-not-boolean",
        "unknown-key",
        "superscript-two",
        "arabic-indic-three",
        "5000-digits",
    ],
)
def test_located_errors(tmp_path: Path, extra: str, message: str, line: int, column: int) -> None:
    error = _error(tmp_path, {"m": UNIFORM}, extra)
    assert message in error.message
    assert error.location is not None
    assert (error.location.line, error.location.column) == (line, column)
    assert error.location.file == str(tmp_path / "p.yaml")


def test_unknown_class_name_has_a_did_you_mean(tmp_path: Path) -> None:
    (tmp_path / "classes.txt").write_text("# names\npuppy\nbagel\nchihuahua\nmuffin\n")
    error = _error(tmp_path, {"m": UNIFORM}, "    classes: classes.txt\n    pair: [puppy, bagle]\n")
    assert (
        "'bagle' is not a class name" in error.message and "did you mean 'bagel'" in error.message
    )


def test_class_names_must_match_the_columns(tmp_path: Path) -> None:
    (tmp_path / "classes.txt").write_text("puppy\nbagel\nchihuahua\n")
    error = _error(tmp_path, {"m": UNIFORM}, "    classes: classes.txt\n")
    assert "names 3 classes, but the models' files have 4 columns" in error.message
    assert error.location is not None and error.location.line == 7


def test_duplicate_class_name_is_located_in_its_file(tmp_path: Path) -> None:
    (tmp_path / "classes.txt").write_text("puppy\nbagel\npuppy\nmuffin\n")
    error = _error(tmp_path, {"m": UNIFORM}, "    classes: classes.txt\n")
    assert "'puppy' is listed twice (first on line 1)" in error.message
    assert error.location is not None
    assert (error.location.file, error.location.line) == (str(tmp_path / "classes.txt"), 3)


def test_models_must_have_the_same_classes(tmp_path: Path) -> None:
    error = _error(tmp_path, {"a": UNIFORM, "b": np.full((3, 5), 0.2)})
    assert "b.csv has 5 classes, but a.csv has 4" in error.message
    assert error.location is not None and (error.location.line, error.location.column) == (7, 10)


def test_npy_models_must_have_the_same_rows(tmp_path: Path) -> None:
    error = _error(tmp_path, {"a": UNIFORM, "b": np.full((4, 4), 0.25)}, suffix=".npy")
    assert "b.npy has 4 rows, but a.npy has 3" in error.message


def test_wrong_suffix(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text("[]")
    (tmp_path / "p.yaml").write_text(
        "title: T\nproblems:\n  - id: a\n    kind: ambiguity\n    models: {m: m.json}\n"
    )
    with pytest.raises(ProblemFileError, match=r"must end in \.csv or \.npy"):
        load(tmp_path / "p.yaml")


def test_too_few_classes(tmp_path: Path) -> None:
    error = _error(tmp_path, {"m": np.ones((3, 1))})
    assert "has 1 classes; between 2 and 100,000 are allowed" in error.message


def test_npy_must_be_two_dimensional(tmp_path: Path) -> None:
    np.save(tmp_path / "m.npy", np.ones(4))
    (tmp_path / "p.yaml").write_text(
        "title: T\nproblems:\n  - id: a\n    kind: ambiguity\n    models: {m: m.npy}\n"
    )
    with pytest.raises(ProblemFileError, match="2-D array of numbers"):
        load(tmp_path / "p.yaml")


@pytest.mark.parametrize("key", ["models", "labels"], ids=["model-file", "labels-file"])
def test_a_folder_is_not_a_file(tmp_path: Path, key: str) -> None:
    (tmp_path / "x.csv").mkdir()
    models = "{m: x.csv}" if key == "models" else "{m: m.csv}"
    (tmp_path / "m.csv").write_text("0.5,0.5\n")
    extra = "    labels: x.csv\n" if key == "labels" else ""
    (tmp_path / "p.yaml").write_text(
        f"title: T\nproblems:\n  - id: a\n    kind: ambiguity\n    models: {models}\n{extra}"
    )
    with pytest.raises(ProblemFileError) as caught:
        load(tmp_path / "p.yaml")
    assert "'x.csv' is a folder; name a data file" in caught.value.message
    assert "does not exist" not in caught.value.message
    assert caught.value.location is not None
    assert caught.value.location.line == (5 if key == "models" else 6)
