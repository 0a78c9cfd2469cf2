"""Kind ``convolution``: named kernels to identify (Q5), and optionally a small test image.

``kernels`` maps each kernel's name to its rows (a list of lists of numbers) or to a mapping
``{rows: …, scale: 1/9}``; numbers are exact (``0.1``, ``"1/9"`` and ``1/9`` are exact
rationals). Kernels have an odd number of rows and of columns (so they have a centre), at most
``MAX_SIDE`` each; ``image`` is a matrix of numbers of at most ``MAX_IMAGE_SIDE`` per side that
replaces the generated test picture. Every complaint points at its value.
"""

from __future__ import annotations

import re

import sympy

from symderive.errors import SourceLocation
from symderive.fields import (
    Fields,
    KindSpec,
    check_keys,
    exact_number,
    located_error,
    problem_points,
)
from symderive.problem import ConvolutionProblem, Kernel, Problem
from symderive.schema import NUMBER_PATTERN, KeySpec, ValueType
from symderive.yamlnode import YamlMapping, YamlNode, YamlScalar, YamlSequence, describe

MAX_KERNELS = 12
MAX_SIDE = 9
MAX_IMAGE_SIDE = 64
MIN_IMAGE_SIDE = 3
MAX_ENTRY = 10**6
KERNEL_NAME = r"^[A-Za-z][A-Za-z0-9_]{0,19}$"

_NUMBER = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": NUMBER_PATTERN}]}


def _matrix_schema(max_side: int) -> dict[str, object]:
    return {
        "type": "array",
        "minItems": 1,
        "maxItems": max_side,
        "items": {"type": "array", "minItems": 1, "maxItems": max_side, "items": _NUMBER},
    }


KERNEL_ROWS = ValueType(
    "a list of rows of numbers",
    _matrix_schema(MAX_SIDE),
    lambda node: isinstance(node, YamlSequence),
)
KERNEL_KEYS = (
    KeySpec("rows", KERNEL_ROWS, "The kernel's rows, top to bottom, e.g. [[1, 1, 1], …].", True),
    KeySpec(
        "scale",
        ValueType("a number", _NUMBER, lambda node: isinstance(node, YamlScalar)),
        "A factor applied to every entry, e.g. 1/9 (default 1).",
    ),
)
KERNELS = ValueType(
    "a mapping from kernel names to kernels",
    {
        "type": "object",
        "minProperties": 1,
        "maxProperties": MAX_KERNELS,
        "propertyNames": {"pattern": KERNEL_NAME},
        "additionalProperties": {
            "anyOf": [
                _matrix_schema(MAX_SIDE),
                {
                    "type": "object",
                    "properties": {
                        "rows": _matrix_schema(MAX_SIDE),
                        "scale": _NUMBER,
                    },
                    "required": ["rows"],
                    "additionalProperties": False,
                },
            ]
        },
    },
    lambda node: isinstance(node, YamlMapping),
)
IMAGE = ValueType(
    "a list of rows of numbers",
    _matrix_schema(MAX_IMAGE_SIDE),
    lambda node: isinstance(node, YamlSequence),
)


def _entry(node: YamlNode, what: str) -> sympy.Rational:
    value = exact_number(node, what)
    if abs(value) > MAX_ENTRY:
        raise located_error(f"{what} must lie in [-{MAX_ENTRY:,}, {MAX_ENTRY:,}]", node)
    return value


def _matrix(node: YamlNode, what: str, high: int, low: int = 1) -> list[list[sympy.Rational]]:
    """A rectangular matrix of exact numbers, between ``low`` and ``high`` rows and columns."""
    if not isinstance(node, YamlSequence) or not node.items:
        raise located_error(f"{what} must be a non-empty list of rows, not {describe(node)}", node)
    if not low <= len(node.items) <= high:
        raise located_error(
            f"{what} has {len(node.items)} rows; between {low} and {high} are allowed", node
        )
    rows: list[list[sympy.Rational]] = []
    for row in node.items:
        if not isinstance(row, YamlSequence):
            raise located_error(
                f"each row of {what} must be a list of numbers such as [0, 1, 0], "
                f"not {describe(row)}",
                row,
            )
        if rows and len(row.items) != len(rows[0]):
            raise located_error(
                f"this row of {what} has {len(row.items)} entries, the first has {len(rows[0])}",
                row,
            )
        if not low <= len(row.items) <= high:
            raise located_error(
                f"rows of {what} have {len(row.items)} entries; between {low} and {high} "
                "are allowed",
                row,
            )
        rows.append([_entry(item, f"each entry of {what}") for item in row.items])
    return rows


def _kernel(name_node: YamlNode, value: YamlNode) -> Kernel:
    if not isinstance(name_node, YamlScalar) or not isinstance(name_node.value, str):
        raise located_error(
            f"kernel names must be names such as k1, not {describe(name_node)}", name_node
        )
    name = name_node.value
    if not re.fullmatch(KERNEL_NAME, name):
        raise located_error(
            f"the kernel name {name!r} must start with a letter and hold only letters, digits "
            "and _ (at most 20 characters)",
            name_node,
        )
    what = f"kernel {name!r}"
    scale = sympy.Integer(1)
    rows_node = value
    if isinstance(value, YamlMapping):
        fields = check_keys(value, KERNEL_KEYS, what)
        rows_node = fields.values["rows"]
        scale_node = fields.values.get("scale")
        if scale_node is not None:
            scale = _entry(scale_node, f"the scale of {what}")
            if scale == 0:
                raise located_error(
                    f"the scale of {what} is 0: every entry would vanish", scale_node
                )
    elif not isinstance(value, YamlSequence):
        raise located_error(
            f"{what} must be a list of rows or a mapping {{rows: …, scale: …}}, "
            f"not {describe(value)}",
            value,
        )
    rows = _matrix(rows_node, what, MAX_SIDE)
    if len(rows) % 2 == 0 or len(rows[0]) % 2 == 0:
        raise located_error(
            f"{what} is {len(rows)}×{len(rows[0])}; a kernel needs an odd number of rows and "
            "of columns, so that it has a centre",
            rows_node,
        )
    if all(value == 0 for row in rows for value in row):
        raise located_error(f"every entry of {what} is 0; there is nothing to identify", rows_node)
    return Kernel(name, sympy.ImmutableMatrix(rows), scale, value.location)


def _kernels(fields: Fields) -> tuple[Kernel, ...]:
    node = fields.values["kernels"]
    assert isinstance(node, YamlMapping)
    if not node.items:
        raise located_error("'kernels' is empty; give at least one, e.g. k1: [[0, 1, 0]]", node)
    if len(node.items) > MAX_KERNELS:
        raise located_error(
            f"'kernels' holds {len(node.items)} kernels; at most {MAX_KERNELS} per problem", node
        )
    return tuple(_kernel(name, value) for name, value in node.items)


def _image(fields: Fields, kernels: tuple[Kernel, ...]) -> tuple[tuple[sympy.Rational, ...], ...]:
    node = fields.values["image"]
    rows = _matrix(node, "'image'", MAX_IMAGE_SIDE, MIN_IMAGE_SIDE)
    widest = max(max(kernel.written.shape) for kernel in kernels)
    if min(len(rows), len(rows[0])) < widest:
        raise located_error(
            f"'image' is {len(rows)}×{len(rows[0])}, smaller than the largest kernel "
            f"({widest} wide); the borders wrap around, so it must be at least that big",
            node,
        )
    return tuple(tuple(row) for row in rows)


def _build_convolution(fields: Fields, problem_id: str, location: SourceLocation) -> Problem:
    kernels = _kernels(fields)
    return ConvolutionProblem(
        id=problem_id,
        kind="convolution",
        statement=fields.text("statement"),
        kernels=kernels,
        image=_image(fields, kernels) if "image" in fields.values else None,
        points=problem_points(fields),
        location=location,
    )


KIND = KindSpec(
    "convolution",
    "Named convolution kernels: sum, symmetries, separability, frequency response and what "
    "each computes (identity, shift, blur, edge detector, …), with pictures.",
    (
        KeySpec(
            "kernels",
            KERNELS,
            "Each kernel by name: its rows, e.g. k1: [[0, 0, 0], [0, 1, 0], [0, 0, 0]], or "
            "{rows: […], scale: 1/9}. Odd sizes up to 9×9; at most 12 kernels.",
            True,
        ),
        KeySpec(
            "image",
            IMAGE,
            "A small picture (rows of numbers, 3 to 64 per side) to filter instead of the "
            "generated test image; borders wrap around.",
        ),
    ),
    _build_convolution,
)
