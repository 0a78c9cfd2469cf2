"""Kind ``linear-collapse``: N stacked layers with a linear activation are one affine map (Q1).

``layers`` is a number or ``N`` (the general proof; the default unless ``dims`` gives the depth),
``activation`` one of ``ACTIVATIONS`` (spelling such as ``ReLU`` or ``leaky-relu`` is forgiven),
``slope`` the a of ``linear`` (a number or a name; default the symbol a) or of ``leaky_relu``
(a number; default 0.01), ``dims`` the widths d_0 … d_N, ``scalar`` the commuting special case
and ``seed`` the random weights of the numeric check. Every complaint points at its value.
"""

from __future__ import annotations

import re

import sympy

from symderive.activation_names import AFFINE_ACTIVATIONS, NONLINEAR
from symderive.errors import SourceLocation
from symderive.fields import (
    Fields,
    KindSpec,
    did_you_mean,
    exact_number,
    located_error,
    problem_points,
)
from symderive.functions import FUNCTIONS
from symderive.parsing.names import make_symbol, normalise_name
from symderive.problem import LinearCollapseProblem, Problem
from symderive.schema import (
    BOOLEAN,
    LAYERS,
    MAX_LAYERS,
    MAX_WIDTH,
    NAME_PATTERN,
    NUMBER_OR_NAME,
    NUMBER_PATTERN,
    SEED,
    STRING,
    WIDTHS,
    KeySpec,
)
from symderive.yamlnode import YamlNode, YamlScalar, YamlSequence, describe

ACTIVATIONS = AFFINE_ACTIVATIONS + NONLINEAR
ALIASES = {"none": "identity", "leakyrelu": "leaky_relu", "swish": "silu", "logistic": "sigmoid"}
SLOPED = ("linear", "leaky_relu")
DEFAULT_LEAKY_SLOPE = sympy.Rational(1, 100)
DEFAULT_SEED = 1
MAX_SEED = 2**32 - 1
MAX_SLOPE = 10**6
MAX_WEIGHTS = 10_000_000
"""At most this many weights in the random numeric instance (Σ d_k·d_{k−1})."""
MAX_COUNTEREXAMPLE_LAYERS = 1000
RESERVED_NAMES = ("x", "W", "w", "b", "N", "k")
"""Names the proof uses already (alone or subscripted: W, x1, b_2): a slope so named would print
as nonsense."""


def _scalar(fields: Fields, key: str) -> YamlScalar:
    node = fields.values[key]
    assert isinstance(node, YamlScalar)  # check_keys checked the type
    return node


def _whole_number(node: YamlNode, what: str, low: int, high: int) -> int:
    """An integer as YAML wrote it (not 2.0, not true), within [low, high]."""
    value = node.value if isinstance(node, YamlScalar) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise located_error(f"{what} must be a whole number, not {describe(node)}", node)
    if not low <= value <= high:
        raise located_error(f"{what} must be between {low} and {high:,}, not {value:,}", node)
    return value


def _activation(fields: Fields) -> str:
    if "activation" not in fields.values:
        return "identity"
    node = _scalar(fields, "activation")
    name = re.sub(r"[\s-]+", "_", node.value.strip().lower())
    name = ALIASES.get(name.replace("_", ""), ALIASES.get(name, name))
    if name not in ACTIVATIONS:
        if name in ("gelu", "gelu_tanh", "softmax", "log_softmax"):
            raise located_error(
                f"activation {node.value!r} is not supported by linear-collapse "
                f"(supported: {', '.join(ACTIVATIONS)})",
                node,
            )
        hint = did_you_mean(name, list(ACTIVATIONS)) or f" (known: {', '.join(ACTIVATIONS)})"
        raise located_error(f"unknown activation {node.value!r}{hint}", node)
    return name


def _layers(fields: Fields) -> int | None:
    node = fields.values.get("layers")
    if node is None:
        return None
    assert isinstance(node, YamlScalar)
    if isinstance(node.value, str):
        if node.value.strip() == "N":
            return None
        hint = " (write it without quotes)" if re.fullmatch(r"\s*\d+\s*", node.value) else ""
        raise located_error(
            f"'layers' must be a positive whole number or N, not {node.value!r}{hint}", node
        )
    return _whole_number(node, "'layers'", 1, MAX_LAYERS)


def _dims(fields: Fields, layers: int | None) -> tuple[int, ...] | None:
    node = fields.values.get("dims")
    if node is None:
        return None
    assert isinstance(node, YamlSequence)
    if "layers" in fields.values and layers is None:
        raise located_error(
            "'dims' needs a number of layers: with 'layers: N' the proof is general "
            "(give 'layers' a number, or leave it out and let 'dims' decide)",
            node,
        )
    if len(node.items) < 2:
        raise located_error(
            f"'dims' lists {len(node.items)} width; a network needs at least two "
            "(input and output: d_0, d_1)",
            node,
        )
    dims = tuple(_whole_number(item, "each width in 'dims'", 1, MAX_WIDTH) for item in node.items)
    if layers is not None and len(dims) != layers + 1:
        raise located_error(
            f"'dims' lists {len(dims)} widths, but {layers} layers need {layers + 1} "
            f"(d_0, the input, to d_{layers}, the output)",
            node,
        )
    weights = sum(dims[k] * dims[k - 1] for k in range(1, len(dims)))
    if weights > MAX_WEIGHTS:
        raise located_error(
            f"'dims' asks for {weights:,} weights; at most {MAX_WEIGHTS:,} are drawn", node
        )
    return dims


def _slope(fields: Fields, activation: str) -> sympy.Expr | None:
    node = fields.values.get("slope")
    if node is None:
        if activation == "linear":
            return make_symbol("a")
        return DEFAULT_LEAKY_SLOPE if activation == "leaky_relu" else None
    if activation not in SLOPED:
        raise located_error(
            f"'slope' belongs to activation linear or leaky_relu, not {activation}",
            fields.keys["slope"],
        )
    assert isinstance(node, YamlScalar)
    text = node.text.strip()
    if isinstance(node.value, str) and not re.fullmatch(NUMBER_PATTERN, text):
        if activation == "leaky_relu":
            raise located_error(f"the slope of leaky_relu must be a number, not {text!r}", node)
        if not re.fullmatch(NAME_PATTERN, text):
            raise located_error(f"'slope' must be a number or a name such as a, not {text!r}", node)
        stem = re.match(r"[A-Za-z]+", normalise_name(text))
        if text in FUNCTIONS or (stem and stem.group() in RESERVED_NAMES):
            raise located_error(
                f"{text!r} cannot name the slope: the proof uses it already "
                f"(names taken: {', '.join(RESERVED_NAMES)} and the functions)",
                node,
            )
        return make_symbol(text)
    value = exact_number(node, "'slope'")
    if abs(value) > MAX_SLOPE:
        raise located_error(f"'slope' must lie in [-{MAX_SLOPE:,}, {MAX_SLOPE:,}]", node)
    return value


def _scalar_mode(fields: Fields, dims: tuple[int, ...] | None) -> bool:
    node = fields.values.get("scalar")
    scalar = bool(node.value) if isinstance(node, YamlScalar) else False
    if scalar and dims is not None and any(width != 1 for width in dims):
        raise located_error(
            "scalar mode has width 1 everywhere, but 'dims' lists other widths "
            "(leave out 'dims', or 'scalar')",
            fields.values["dims"],
        )
    return scalar


def _build_linear_collapse(fields: Fields, problem_id: str, location: SourceLocation) -> Problem:
    activation = _activation(fields)
    layers = _layers(fields)
    dims = _dims(fields, layers)
    if layers is None and dims is not None:
        layers = len(dims) - 1
    if activation not in AFFINE_ACTIVATIONS and (layers or 0) > MAX_COUNTEREXAMPLE_LAYERS:
        raise located_error(
            f"with activation {activation} the counterexample is built for at most "
            f"{MAX_COUNTEREXAMPLE_LAYERS:,} layers, not {layers:,}",
            fields.values.get("layers") or fields.values["dims"],
        )
    seed_node = fields.values.get("seed")
    seed = DEFAULT_SEED if seed_node is None else _whole_number(seed_node, "'seed'", 0, MAX_SEED)
    return LinearCollapseProblem(
        id=problem_id,
        kind="linear-collapse",
        statement=fields.text("statement"),
        layers=layers,
        activation=activation,
        slope=_slope(fields, activation),
        dims=dims,
        scalar=_scalar_mode(fields, dims),
        seed=seed,
        points=problem_points(fields),
        location=location,
    )


KIND = KindSpec(
    "linear-collapse",
    "N stacked layers with a linear activation collapse to one affine map: proof by induction, "
    "or a counterexample for a nonlinear activation.",
    (
        KeySpec("layers", LAYERS, "The number of layers, or N for the general proof (default)."),
        KeySpec(
            "activation",
            STRING,
            "identity (default), linear (with slope), relu, leaky_relu, elu, tanh, sigmoid, "
            "softplus or silu (swish).",
        ),
        KeySpec(
            "slope",
            NUMBER_OR_NAME,
            "linear: a number or a name (default a); leaky_relu: a number (default 0.01).",
        ),
        KeySpec("dims", WIDTHS, "The widths d_0 … d_N, e.g. [4, 8, 8, 2]; W_k is d_k × d_{k-1}."),
        KeySpec("scalar", BOOLEAN, "true: scalar weights and biases (commuting symbols)."),
        KeySpec("seed", SEED, "Seed of the random weights of the numeric check (default 1)."),
    ),
    _build_linear_collapse,
)
