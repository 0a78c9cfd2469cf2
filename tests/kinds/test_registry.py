"""The kind registry: every kind is registered, none is left planned, and the JSON Schema knows
each kind's own keys (and what it requires)."""

from __future__ import annotations

import pytest

from symderive.kinds import KINDS
from symderive.problemfile import PLANNED_KINDS
from symderive.schema import problem_file_schema


@pytest.mark.parametrize(
    ("kind", "keys", "required"),
    [
        pytest.param(
            "linear-collapse",
            {"layers", "activation", "slope", "dims", "scalar", "seed"},
            None,
            id="linear-collapse",
        ),
        pytest.param("convolution", {"kernels", "image"}, None, id="convolution"),
        pytest.param(
            "ambiguity",
            {"models", "classes", "labels", "pair", "top", "softmax", "tolerance", "chunk"},
            ["id", "kind", "models"],
            id="ambiguity",
        ),
    ],
)
def test_kind_is_registered_and_in_the_schema(
    kind: str, keys: set[str], required: list[str] | None
) -> None:
    assert kind in KINDS and kind not in PLANNED_KINDS
    schema = problem_file_schema()
    assert kind in schema["$defs"]["problem"]["properties"]["kind"]["enum"]
    assert keys <= set(schema["$defs"][kind]["properties"])
    if required is not None:
        assert schema["$defs"][kind]["required"] == required
