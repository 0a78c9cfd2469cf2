"""The figure of an activation problem: the function and its derivative, drawn with matplotlib.

matplotlib is imported inside ``draw`` only (with the Agg backend), so nothing else pays for it.
For softmax the figure shows s_1 and ∂s_1/∂z_1 against z_1 with every other logit at 0. The
derivative's line is broken at each kink, where it has no value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import sympy

from symderive.derive.activations import ActivationSolution
from symderive.derive.softmax import Jacobian
from symderive.functions import to_native
from symderive.render.document import Figure
from symderive.render.mathtext import unicode

SAMPLES = 401


def curves(
    solution: ActivationSolution,
) -> tuple[sympy.Symbol, sympy.Expr, sympy.Expr, tuple[float, ...]]:
    """(variable, function, derivative, kinks) as native SymPy, parameters substituted."""
    values = {**solution.values, **dict(solution.problem.parameters)}
    if isinstance(solution.jacobian, Jacobian):
        jacobian = solution.jacobian
        first = jacobian.logits[0]
        others = {logit: 0 for logit in jacobian.logits[1:]}
        function = jacobian.outputs[0].xreplace(others)
        derivative = jacobian.entries[0][0].result.xreplace(others)
        return first, to_native(function), to_native(derivative), ()
    assert solution.derivation is not None
    kinks = tuple(float(k.point) for k in solution.kinks if not k.differentiable)
    return (
        solution.variable,
        to_native(solution.definition.xreplace(values)),
        to_native(solution.derivation.result.xreplace(values)),
        kinks,
    )


def caption(solution: ActivationSolution) -> str:
    """What the figure shows, in words (softmax: with the other logits at 0)."""
    assert solution.plot is not None
    low, high = (f"{float(end):g}" for end in solution.plot)
    if isinstance(solution.jacobian, Jacobian):
        name = "log s1" if solution.jacobian.function == "log_softmax" else "s1"
        z = solution.jacobian.logits[0].name
        return (
            f"{name} and ∂{name}/∂{z} against {z} on [{low}, {high}], with every other logit at 0"
        )
    return f"{solution.title} and its derivative on [{low}, {high}]"


def labels(solution: ActivationSolution) -> tuple[str, str]:
    """The legend: ``ReLU(x)`` and ``ReLU'(x)``; ``s₁`` and ``∂s₁/∂z₁`` for softmax."""
    if isinstance(solution.jacobian, Jacobian):
        z = unicode(solution.jacobian.logits[0])
        name = "log s₁" if solution.jacobian.function == "log_softmax" else "s₁"
        return name, f"∂{name}/∂{z}"
    x = unicode(solution.variable)
    return f"{solution.unicode_name}({x})", f"{solution.unicode_name}'({x})"


def _sampler(variable: sympy.Symbol, expression: sympy.Expr) -> Callable[[float], float]:
    compiled = sympy.lambdify(variable, expression, modules="math")

    def value(x: float) -> float:
        try:
            result = float(compiled(x))
        except (OverflowError, ValueError, ZeroDivisionError, TypeError):
            return math.nan
        return result if math.isfinite(result) else math.nan

    return value


def figure(solution: ActivationSolution) -> Figure:
    """A ``Figure`` whose ``draw(path)`` writes the PNG."""

    def draw(path: Path) -> None:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot

        assert solution.plot is not None
        variable, function, derivative, kinks = curves(solution)
        low, high = (float(end) for end in solution.plot)
        grid = sorted(
            {low + (high - low) * index / (SAMPLES - 1) for index in range(SAMPLES)}
            | {k for k in kinks if low < k < high}
        )
        f, slope = _sampler(variable, function), _sampler(variable, derivative)
        function_label, derivative_label = labels(solution)
        figure_, axes = pyplot.subplots(figsize=(6, 3.6), dpi=120)
        try:
            axes.plot(grid, [f(x) for x in grid], label=function_label)
            axes.plot(
                grid,
                [math.nan if x in kinks else slope(x) for x in grid],
                label=derivative_label,
                linestyle="--",
            )
            for kink in solution.kinks:
                if kink.differentiable or kink.left is None or kink.right is None:
                    continue
                point = float(kink.point)
                axes.axvline(point, color="grey", linewidth=0.6, linestyle=":")
                sides = [float(kink.left), float(kink.right)]
                axes.plot([point, point], sides, "o", markerfacecolor="white", color="C1")
            axes.axhline(0, color="black", linewidth=0.4)
            axes.set_xlabel(variable.name)
            axes.legend(loc="best")
            axes.grid(alpha=0.3)
            figure_.tight_layout()
            figure_.savefig(path, format="png", metadata={"Software": None})
        finally:
            pyplot.close(figure_)

    return Figure(f"{solution.problem.id}-plot", caption(solution), draw)
