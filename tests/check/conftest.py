"""Fixtures for the answer-reading tests: the fixture folder and the Q3 problems they answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from symderive.problem import ProblemSet
from symderive.problemfile import load_problem_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def answers_dir() -> Path:
    """tests/data/answers: homework.md, homework.ipynb, homework.tex, answers.yaml."""
    return ROOT / "tests" / "data" / "answers"


@pytest.fixture(scope="session")
def q3() -> ProblemSet:
    """problems/q3.yaml (q3a, q3b, q3c), the problems every fixture answers."""
    return load_problem_file(ROOT / "problems" / "q3.yaml")
