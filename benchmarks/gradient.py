"""Backpropagation against per-variable differentiation on the loss of a small tanh MLP.

Prints the parameter count, then the time of (a) ``build_graph`` + ``gradient`` (every adjoint
in one reverse sweep) and (b) ``sympy.diff(loss, p)`` for every parameter p (and symengine's
diff when it is installed), side by side with their ratio, and a numeric check that both agree.

    python benchmarks/gradient.py            # about 1,000 parameters
    python benchmarks/gradient.py --quick    # about 120 parameters

SymEngine is timed when it is installed (`pip install -e ".[bench]"`).
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sympy
from sympy.core.cache import clear_cache

from symderive.derive.backprop import gradient
from symderive.derive.evaluation import evaluate
from symderive.derive.graph import build_graph
from symderive.parsing.names import make_symbol

BUDGET_SECONDS = 60.0
SAMPLE_SIZE = 100
SEED = 20240521


def mlp_loss(layers: Sequence[int], rng: random.Random) -> tuple[sympy.Expr, list[sympy.Symbol]]:
    """½·Σ(y − t)² for a tanh network with numeric inputs and targets and symbolic parameters.

    Weights are ``w{layer}_{to}_{from}``, biases ``b{layer}_{to}``; the last layer is linear.
    """
    activations: list[sympy.Expr] = [
        sympy.Rational(rng.randint(-9, 9), 4) for _ in range(layers[0])
    ]
    parameters: list[sympy.Symbol] = []
    for layer, (width_in, width_out) in enumerate(itertools.pairwise(layers), start=1):
        outputs: list[sympy.Expr] = []
        for to in range(1, width_out + 1):
            weights = [make_symbol(f"w{layer}_{to}_{source}") for source in range(1, width_in + 1)]
            bias = make_symbol(f"b{layer}_{to}")
            parameters.extend([*weights, bias])
            total = sympy.Add(*(w * a for w, a in zip(weights, activations, strict=True)), bias)
            outputs.append(total if layer == len(layers) - 1 else sympy.tanh(total))
        activations = outputs
    targets = [sympy.Rational(rng.randint(-4, 4), 4) for _ in activations]
    loss = sympy.Rational(1, 2) * sympy.Add(
        *((y - t) ** 2 for y, t in zip(activations, targets, strict=True))
    )
    return loss, parameters


def numeric(expression: sympy.Expr, point: Mapping[sympy.Symbol, float]) -> float:
    """Float value of an expression, visiting each distinct subexpression once.

    SymPy's own ``evalf(subs=…)`` walks the expression as a tree; derivatives of a deep network
    share subexpressions so heavily that a tree walk is far slower than this DAG walk.
    """
    functions: dict[type, Callable[[float], float]] = {
        sympy.tanh: math.tanh,
        sympy.exp: math.exp,
        sympy.log: math.log,
    }
    memo: dict[sympy.Basic, float] = {}
    stack: list[tuple[sympy.Basic, bool]] = [(expression, False)]
    while stack:
        current, ready = stack.pop()
        if current in memo:
            continue
        if isinstance(current, sympy.Symbol):
            memo[current] = point[current]
        elif current.is_Number:
            memo[current] = float(current)
        elif not ready:
            stack.append((current, True))
            stack.extend((argument, False) for argument in current.args if argument not in memo)
        else:
            values = [memo[argument] for argument in current.args]
            if isinstance(current, sympy.Add):
                memo[current] = math.fsum(values)
            elif isinstance(current, sympy.Mul):
                memo[current] = math.prod(values)
            elif isinstance(current, sympy.Pow):
                memo[current] = values[0] ** values[1]
            elif type(current) in functions:
                memo[current] = functions[type(current)](values[0])
            else:
                memo[current] = float(current.subs(dict(zip(current.args, values, strict=True))))
    return memo[expression]


def time_per_variable(
    differentiate: Callable[[sympy.Symbol], object], parameters: Sequence[sympy.Symbol]
) -> tuple[float, int, bool, dict[sympy.Symbol, object]]:
    """Seconds for all parameters, measured or extrapolated from a random sample.

    Returns (seconds, how many were timed, whether extrapolated, results of the timed ones).
    """
    order = list(parameters)
    random.Random(SEED).shuffle(order)
    results: dict[sympy.Symbol, object] = {}
    clear_cache()
    start = time.perf_counter()
    for parameter in order[:SAMPLE_SIZE]:
        results[parameter] = differentiate(parameter)
    elapsed = time.perf_counter() - start
    timed = min(SAMPLE_SIZE, len(order))
    if elapsed * len(order) / timed > BUDGET_SECONDS:
        return elapsed * len(order) / timed, timed, True, results
    for parameter in order[SAMPLE_SIZE:]:
        results[parameter] = differentiate(parameter)
    return time.perf_counter() - start, len(order), False, results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a network of ~120 parameters")
    arguments = parser.parse_args(argv)
    layers = [4, 8, 8, 1] if arguments.quick else [4, 30, 28, 1]
    rng = random.Random(SEED)
    loss, parameters = mlp_loss(layers, rng)
    print(f"tanh MLP {'-'.join(map(str, layers))}, squared-error loss, numeric inputs and target")
    print(f"symbolic parameters: {len(parameters)}")

    clear_cache()
    start = time.perf_counter()
    graph = build_graph(loss, output_name="L")
    built = time.perf_counter() - start
    result = gradient(graph)
    ours = time.perf_counter() - start
    edges = sum(len(node.edges) for node in graph.nodes)
    print(f"graph: {len(graph.nodes)} nodes, {edges} edges (build {built:.2f} s)")

    diff_seconds, diff_timed, diff_extrapolated, derivatives = time_per_variable(
        lambda parameter: sympy.diff(loss, parameter), parameters
    )
    rows: list[tuple[str, float, str]] = [
        ("build_graph + gradient (all, one sweep)", ours, ""),
        ("sympy.diff per parameter", diff_seconds, _how(diff_timed, diff_extrapolated)),
    ]
    try:
        import symengine
    except ImportError:
        symengine_note = "symengine: not installed (not timed)"
    else:
        symengine_note = (
            "symengine: the loss is converted once; 'conversions included' also converts each "
            "derivative back to SymPy, which symderive works in"
        )
        start = time.perf_counter()
        converted = symengine.sympify(loss)
        conversion = time.perf_counter() - start

        def symengine_only(parameter: sympy.Symbol) -> object:
            return converted.diff(symengine.Symbol(parameter.name))

        def symengine_and_back(parameter: sympy.Symbol) -> object:
            return sympy.sympify(converted.diff(symengine.Symbol(parameter.name)))

        seconds, timed, extrapolated, _ = time_per_variable(symengine_and_back, parameters)
        rows.append(
            (
                "symengine.diff per parameter, conversions included",
                conversion + seconds,
                _how(timed, extrapolated),
            )
        )
        seconds, timed, extrapolated, _ = time_per_variable(symengine_only, parameters)
        rows.append(
            (
                "symengine.diff per parameter, no conversion back",
                conversion + seconds,
                _how(timed, extrapolated),
            )
        )

    width = max(len(row[0]) for row in rows)
    print()
    print(f"{'measure':<{width}}  {'seconds':>9}  {'ratio':>7}  note")
    for label, seconds, note in rows:
        print(f"{label:<{width}}  {seconds:>9.3f}  {seconds / ours:>6.1f}x  {note}")
    if symengine_note:
        print(symengine_note)

    point_rng = random.Random(SEED + 1)
    point = {parameter: point_rng.uniform(-1, 1) for parameter in parameters}
    checked = list(derivatives)
    worst_symbolic = worst_sweep = 0.0
    sweep = evaluate(graph, point, finite_differences=checked[:5])
    for parameter in checked:
        expected = numeric(derivatives[parameter], point)
        symbolic = numeric(result.partial(parameter), point)
        scale = max(abs(expected), 1e-12)
        worst_symbolic = max(worst_symbolic, abs(symbolic - expected) / scale)
        worst_sweep = max(worst_sweep, abs(sweep.partial(parameter) - expected) / scale)
    print()
    print(f"check at one random point, {len(checked)} parameters against sympy.diff:")
    print(f"  symbolic gradient (evaluated)   max relative difference {worst_symbolic:.1e}")
    print(f"  numeric reverse sweep           max relative difference {worst_sweep:.1e}")
    fd_passed = sum(check.passed for check in sweep.checks)
    print(f"  finite differences (50 digits)  {fd_passed}/{len(sweep.checks)} passed")
    agreed = worst_symbolic < 1e-9 and worst_sweep < 1e-9 and sweep.passed
    print("  agree" if agreed else "  DISAGREE")
    return 0 if agreed else 1


def _how(timed: int, extrapolated: bool) -> str:
    if extrapolated:
        return f"extrapolated from a random sample of {timed} (over {BUDGET_SECONDS:.0f} s budget)"
    return f"measured, all {timed}"


if __name__ == "__main__":
    raise SystemExit(main())
