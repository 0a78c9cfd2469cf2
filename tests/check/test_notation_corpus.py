"""The notation corpus (tests/data/notation, issue 13): its manifest, soundness, and a ratchet.

The corpus holds answers written the way people write them, in notation classes, each right or
wrong; most are not read yet, and benchmarks/notation.py prints the gap per class. Here:
(a) the manifest is consistent (files and lines exist, at least 30 classes and 300 answers,
every class has right and wrong answers); (b) no wrong answer is ever accepted; (c) per class,
the answers read and the right verdicts are not below tests/data/notation/baseline.yaml (raise
the baseline when they improve; never lower it).

The corpus is checked through the same code as the benchmark, one test per problem file (each
solved once); a class whose every answer is read right may not lose one.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
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


CLASS_SIZES = Counter(answer.cls for answer in ANSWERS)
COMPLETE = sorted(
    name
    for name, baseline in BASELINE.items()
    if baseline["read"] == baseline["right"] == CLASS_SIZES.get(name)
)
"""Classes whose every answer is read and gets its right verdict: none of them may lose one."""
PROBLEM_FILES = sorted({spec["problems"] for spec in FILES.values()})


def _accepted_wrong(found: list[Any]) -> list[str]:
    return [
        f"{answer_id(outcome.answer)} accepted: {outcome.claims}"
        for outcome in found
        if outcome.answer.expect == "wrong" and outcome.wrong_accepted
    ]


def test_the_baseline_names_every_class() -> None:
    assert sorted(CLASS_SIZES) == sorted(BASELINE), "classes differ from baseline.yaml: update it"


@pytest.mark.parametrize("problems", PROBLEM_FILES)
def test_no_wrong_answer_is_accepted_and_complete_classes_stay_complete(problems: str) -> None:
    """The answers checked against one problem file (each file solved once, in one test, so a
    parallel run shares the corpus out by problem file). A class whose baseline is every answer
    may not lose a single one, even where another is gained."""
    found = notation.run(only_problems=problems)
    assert _accepted_wrong(found) == []
    lost = [
        f"{answer_id(outcome.answer)}: read {outcome.read}, verdict {outcome.verdict}"
        for outcome in found
        if outcome.answer.cls in COMPLETE and not (outcome.read and outcome.right_verdict)
    ]
    assert lost == []


def test_no_other_class_falls_below_its_baseline() -> None:
    """Classes not yet complete are held to their counts (read, right verdicts) as a whole."""
    partial = [name for name in sorted(BASELINE) if name not in COMPLETE]
    found = [outcome for name in partial for outcome in notation.run(only_class=name)]
    assert _accepted_wrong(found) == []
    table = notation.per_class(found)
    below = {
        name: {"now": {k: row[k] for k in ("read", "right")}, "baseline": BASELINE[name]}
        for name, row in table.items()
        if row["read"] < BASELINE[name]["read"] or row["right"] < BASELINE[name]["right"]
    }
    assert below == {}
