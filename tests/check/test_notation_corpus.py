"""The notation corpus (tests/data/notation, issue 13): its manifest, soundness, and a ratchet.

The corpus holds answers written the way people write them, in notation classes, each right or
wrong; most are not read yet, and benchmarks/notation.py prints the gap per class. Here:
(a) the manifest is consistent (files and lines exist, at least 30 classes and 300 answers,
every class has right and wrong answers); (b) no wrong answer is ever accepted; (c) per class,
the answers read and the right verdicts are not below tests/data/notation/baseline.yaml (raise
the baseline when they improve; never lower it).

The corpus is checked once per test process (each problem file solved once), through the same
code as the benchmark.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "notation_benchmark", ROOT / "benchmarks" / "notation.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


notation = _load_benchmark()
FILES, ANSWERS = notation.load_manifest()
BASELINE: dict[str, dict[str, int]] = yaml.safe_load(notation.BASELINE.read_text(encoding="utf-8"))

KNOWN_UNSOUND: dict[str, str] = {}
"""Wrong answers today's checker accepts (``FILE:LINE TARGET``): genuine soundness bugs, as
strict xfails with the reason, so a fix shows up as an XPASS that fails until the entry goes."""


@cache
def outcomes() -> dict[str, Any]:
    return {answer_id(outcome.answer): outcome for outcome in notation.run()}


def answer_id(answer: Any) -> str:
    """``FILE:LINE TARGET``: several answers may share a line."""
    return f"{answer.where} {answer.target}"


def _lines(name: str) -> dict[str, list[str]]:
    """The file's lines; for a notebook, each cell's lines keyed ``cell-N``."""
    path = notation.CORPUS / name
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return {
            f"cell-{n}": "".join(cell["source"]).splitlines()
            for n, cell in enumerate(cells, start=1)
        }
    return {"": path.read_text(encoding="utf-8").splitlines()}


def test_manifest_is_consistent() -> None:
    for name, spec in FILES.items():
        assert (notation.CORPUS / name).is_file(), name
        assert (ROOT / spec["problems"]).is_file(), f"{name}: {spec['problems']}"
        lines = _lines(name)
        for entry in spec["answers"]:
            answer = next(a for a in ANSWERS if a.file == name and a.line == entry["line"])
            cell, first, last = notation.answer_key(answer)
            assert cell in lines, f"{answer.where}: no such cell"
            assert 1 <= first <= last <= len(lines[cell]), f"{answer.where}: no such line"
            assert lines[cell][first - 1].strip(), f"{answer.where}: the line is blank"
            assert answer.expect in ("right", "wrong"), answer.where
    classes = Counter(answer.cls for answer in ANSWERS)
    assert len(classes) >= 30
    assert len(ANSWERS) >= 300
    kinds = {(answer.cls, answer.expect) for answer in ANSWERS}
    assert (
        sorted(c for c in classes if (c, "right") not in kinds or (c, "wrong") not in kinds) == []
    )
    positions = Counter((a.file, a.line, a.target) for a in ANSWERS)
    assert [p for p, n in positions.items() if n > 1] == []


def _soundness_param(where: str) -> Any:
    marks = []
    if where in KNOWN_UNSOUND:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_UNSOUND[where]))
    return pytest.param(where, id=where, marks=marks)


WRONG = sorted({answer_id(a) for a in ANSWERS if a.expect == "wrong"})


def test_known_unsound_cases_are_wrong_answers() -> None:
    assert sorted(set(KNOWN_UNSOUND) - set(WRONG)) == []


@pytest.mark.parametrize("where", [_soundness_param(where) for where in WRONG])
def test_no_wrong_answer_is_accepted(where: str) -> None:
    outcome = outcomes()[where]
    assert not outcome.wrong_accepted, (
        f"{where} [{outcome.answer.target}] accepted: {outcome.claims}"
    )


def test_read_and_right_verdicts_not_below_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    table = notation.per_class(outcomes().values())
    with capsys.disabled():
        print()
        notation.print_table(table)
    assert sorted(table) == sorted(BASELINE), "classes differ from baseline.yaml: update it"
    below = {
        name: {"now": {k: row[k] for k in ("read", "right")}, "baseline": BASELINE[name]}
        for name, row in table.items()
        if row["read"] < BASELINE[name]["read"] or row["right"] < BASELINE[name]["right"]
    }
    assert below == {}
