"""The published JSON Schema: valid, generated from the loader's key specs, and in agreement."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from symderive.errors import SymderiveError
from symderive.kinds import KINDS
from symderive.problemfile import load_problem_text
from symderive.schema import PROBLEM_KEYS, TOP_LEVEL_KEYS, problem_file_schema, schema_json

PROBLEMS = Path(__file__).parent.parent / "problems"
VALIDATOR = jsonschema.Draft202012Validator(problem_file_schema())


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = problem_file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"]
    assert json.loads(schema_json()) == schema


def test_the_schema_is_generated_from_the_key_specs() -> None:
    schema = problem_file_schema()
    assert list(schema["properties"]) == [spec.name for spec in TOP_LEVEL_KEYS]
    assert schema["required"] == ["problems"]
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["problem"]["properties"]["kind"]["enum"] == list(KINDS)
    for name, kind in KINDS.items():
        definition = schema["$defs"][name]
        assert list(definition["properties"]) == [s.name for s in PROBLEM_KEYS + kind.keys]
        assert definition["additionalProperties"] is False
        assert all(p["description"] for p in definition["properties"].values())


@pytest.mark.parametrize("path", sorted(PROBLEMS.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_problem_files_validate(path: Path) -> None:
    VALIDATOR.validate(yaml.safe_load(path.read_text("utf-8")))


def test_q3_validates() -> None:
    VALIDATOR.validate(yaml.safe_load((PROBLEMS / "q3.yaml").read_text("utf-8")))


GOOD = "title: T\npoints: 10\nproblems:\n  - id: a\n    kind: partials\n    expression: x1*x2\n"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(GOOD, id="good"),
        pytest.param(GOOD + "    wrt: x1\n", id="single-wrt"),
        pytest.param(GOOD + "    wrt: [x_1, x2]\n", id="wrt-list"),
        pytest.param(GOOD + '    at: {x1: 0.5, x2: "-1/2"}\n', id="at-point"),
        pytest.param(GOOD + "    points: 2.5\n", id="fractional-points"),
        pytest.param(GOOD + "    part_points: {x1: 4}\n", id="part-points"),
        pytest.param(GOOD + "    credit: {sign: 0.5}\n", id="problem-credit"),
        pytest.param("credit: {constant-factor: 0.25}\n" + GOOD, id="file-credit"),
    ],
)
def test_schema_and_loader_both_accept(text: str) -> None:
    VALIDATOR.validate(yaml.safe_load(text))
    load_problem_text(text, "f.yaml")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(GOOD + "    expresion: x\n", id="unknown-key"),
        pytest.param(GOOD.replace("title: T", "titel: T"), id="unknown-top-level-key"),
        pytest.param(GOOD + "    points: [1]\n", id="wrong-type"),
        pytest.param(GOOD + "    points: -1\n", id="negative-points"),
        pytest.param(GOOD + "    points: true\n", id="boolean-points"),
        pytest.param(GOOD + "    part_points: [x1]\n", id="part-points-list"),
        pytest.param(GOOD + "    credit: [sign]\n", id="credit-list"),
        pytest.param("credit: 0.5\n" + GOOD, id="file-credit-number"),
        pytest.param(GOOD.replace("partials", "convolution"), id="convolution-without-kernels"),
        pytest.param(GOOD.replace("partials", "partial"), id="unknown-kind"),
        pytest.param(GOOD.replace("    kind: partials\n", ""), id="missing-kind"),
        pytest.param(GOOD.replace("    expression: x1*x2\n", ""), id="missing-expression"),
        pytest.param(GOOD.replace("id: a", "id: a b"), id="bad-id"),
        pytest.param(GOOD.replace("id: a", "id: 3"), id="numeric-id"),
        pytest.param(GOOD + "    wrt: []\n", id="empty-wrt"),
        pytest.param(GOOD + "    wrt: [x1, 3]\n", id="number-in-wrt"),
        pytest.param(GOOD + "    at: {x1: abc, x2: 1}\n", id="non-number-at"),
        pytest.param("title: T\nproblems: []\n", id="no-problems"),
        pytest.param("title: T\n", id="missing-problems"),
        pytest.param("- a\n", id="not-a-mapping"),
    ],
)
def test_schema_and_loader_both_refuse(text: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(yaml.safe_load(text))
    with pytest.raises(SymderiveError):
        load_problem_text(text, "f.yaml")
