"""Helpers of the ambiguity tests: small problem folders with CSV or .npy files."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from symderive.problem import AmbiguityProblem
from symderive.problemfile import load_problem_file


def write_csv(path: Path, rows: np.ndarray | list[list[float]], digits: int = 17) -> None:
    """One row per line, with enough digits to read the same floats back."""
    lines = [",".join(f"{value:.{digits}g}" for value in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def problem_folder(
    folder: Path,
    models: dict[str, np.ndarray | str],
    extra: str = "",
    suffix: str = ".csv",
) -> Path:
    """Write each model's array (or raw text) beside a problem file ``p.yaml``; its path."""
    entries = []
    for name, values in models.items():
        path = folder / f"{name}{suffix}"
        if isinstance(values, str):
            path.write_text(values, encoding="utf-8")
        elif suffix == ".npy":
            np.save(path, values)
        else:
            write_csv(path, values)
        entries.append(f"      {name}: {path.name}")
    text = (
        "title: T\nproblems:\n  - id: a\n    kind: ambiguity\n    models:\n"
        + "\n".join(entries)
        + "\n"
        + extra
    )
    problem_file = folder / "p.yaml"
    problem_file.write_text(text, encoding="utf-8")
    return problem_file


def load(path: Path) -> AmbiguityProblem:
    problem = load_problem_file(path).problems[0]
    assert isinstance(problem, AmbiguityProblem)
    return problem


def random_probabilities(generator: np.random.Generator, rows: int, classes: int) -> np.ndarray:
    """Rows of random probability vectors, from nearly one-hot to nearly uniform."""
    sharpness = generator.random((rows, 1)) * 6
    raw = np.exp(sharpness * np.log(generator.random((rows, classes)) + 1e-300))
    return raw / raw.sum(axis=1, keepdims=True)
