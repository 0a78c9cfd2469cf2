"""A synthetic class for ``symderive grade``: seeded, deterministic Markdown submissions.

Each student answers ten derivatives (Q2 a–c, Q3a's three, Q3b's four) of problems/q2.yaml and
problems/q3.yaml. Each answer is right in one of several notations (LaTeX fractions, primes,
plain ``dz/dx1 = …`` in code), or carries a realistic mistake (a sign, a constant factor, the
derivative by another variable, a missing chain-rule factor, only the softmax diagonal), or is
missing, or does not parse; headings vary (``## Q3 (a)``, ``## q3a``, ``## Problem q3a``).

    python benchmarks/synthetic_class.py OUT_FOLDER --students 500 --seed 1
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

# (rate, kind) of each answer's fate; the rest of the probability is "correct"
MISTAKE_RATES = (
    (0.08, "sign"),
    (0.06, "factor"),
    (0.05, "other"),
    (0.05, "missing"),
    (0.03, "unparsed"),
)

# target: (heading id, notation, {fate: (latex value, plain value)}); plain None = LaTeX only
ANSWERS: dict[str, tuple[str, str, dict[str, tuple[str, str | None]]]] = {
    "q2a": (
        "q2a",
        r"\sigma'(x)",
        {
            "correct": (r"\sigma(x)(1 - \sigma(x))", None),
            "correct2": (r"\frac{e^{-x}}{(1 + e^{-x})^2}", None),
            "sign": (r"-\sigma(x)(1 - \sigma(x))", None),
            "factor": (r"2\sigma(x)(1 - \sigma(x))", None),
            "other": (r"\sigma(x)", None),
        },
    ),
    "q2b": (
        "q2b",
        r"\operatorname{ReLU}'(x)",
        {
            "correct": (r"\begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}", None),
            "correct2": (r"\mathbb{1}[x > 0]", None),
            "sign": (r"\begin{cases} -1 & x > 0 \\ 0 & x < 0 \end{cases}", None),
            "factor": (r"\begin{cases} 2 & x > 0 \\ 0 & x < 0 \end{cases}", None),
            "other": (r"x", None),
        },
    ),
    "q2c": (
        "q2c",
        r"\frac{\partial s_i}{\partial z_j}",
        {
            "correct": (r"s_i(\delta_{ij} - s_j)", None),
            "correct2": (r"s_i \delta_{ij} - s_i s_j", None),
            "sign": (r"-s_i(\delta_{ij} - s_j)", None),
            "factor": (r"2 s_i(\delta_{ij} - s_j)", None),
            "other": (r"s_i(1 - s_i)\,\delta_{ij}", None),
        },
    ),
}
Q3 = {
    ("q3a", "x1"): {"correct": ("1", "1"), "sign": ("-1", "-1"), "factor": ("2", "2"),
                    "other": ("5", "5")},
    ("q3a", "x2"): {"correct": ("5", "5"), "sign": ("-5", "-5"), "factor": ("10", "10"),
                    "other": ("1", "1")},
    ("q3a", "x3"): {"correct": ("-6x_3", "-6*x3"), "sign": ("6x_3", "6*x3"),
                    "factor": ("-3x_3", "-3*x3"), "other": ("5", "5")},
    ("q3b", "x1"): {"correct": ("x_2 - 4", "x2 - 4"), "sign": ("4 - x_2", "4 - x2"),
                    "factor": ("2(x_2 - 4)", "2*(x2 - 4)"), "other": ("x_1", "x1")},
    ("q3b", "x2"): {"correct": ("x_1", "x1"), "sign": ("-x_1", "-x1"),
                    "factor": ("2x_1", "2*x1"), "other": ("x_2 - 4", "x2 - 4")},
    ("q3b", "x3"): {
        "correct": (r"\frac{2}{5} x_3 x_4^2 e^{x_3^2}", "2/5*x3*x4^2*exp(x3^2)"),
        "sign": (r"-\frac{2}{5} x_3 x_4^2 e^{x_3^2}", "-2/5*x3*x4^2*exp(x3^2)"),
        "factor": (r"\frac{4}{5} x_3 x_4^2 e^{x_3^2}", "4/5*x3*x4^2*exp(x3^2)"),
        "other": (r"\frac{1}{5} x_4^2 e^{x_3^2}", "1/5*x4^2*exp(x3^2)"),  # chain factor missing
    },
    ("q3b", "x4"): {
        "correct": (r"\frac{2}{5} x_4 e^{x_3^2}", "2/5*x4*exp(x3^2)"),
        "sign": (r"-\frac{2}{5} x_4 e^{x_3^2}", "-2/5*x4*exp(x3^2)"),
        "factor": (r"\frac{4}{5} x_4 e^{x_3^2}", "4/5*x4*exp(x3^2)"),
        "other": (r"x_1", "x1"),
    },
}  # fmt: skip
HEADINGS = ("## Q{n} ({letter})", "## {id}", "## Problem {id}")


def _fate(generator: random.Random) -> str:
    draw = generator.random()
    for rate, kind in MISTAKE_RATES:
        if draw < rate:
            return kind
        draw -= rate
    return "correct"


def _heading(generator: random.Random, problem_id: str) -> str:
    style = generator.choice(HEADINGS)
    return style.format(n=problem_id[1], letter=problem_id[2], id=problem_id)


def student_markdown(generator: random.Random, name: str) -> tuple[str, int]:
    """One student's Markdown and how many answers it states (missing ones are left out)."""
    lines = [f"# Homework of {name}", ""]
    stated = 0
    for problem_id, (_, notation, values) in ANSWERS.items():
        fate = _fate(generator)
        if fate == "missing":
            continue
        if fate == "correct" and generator.random() < 0.4:
            fate = "correct2"
        value = values.get(fate, values["correct"])[0]
        if fate == "unparsed":
            value = values["correct"][0] + "(("
        lines += [_heading(generator, problem_id), "", f"${notation} = {value}$", ""]
        stated += 1
    current = None
    plain = generator.random() < 0.4
    for (problem_id, variable), values in Q3.items():
        if problem_id != current:
            lines += [_heading(generator, problem_id), ""]
            current = problem_id
        fate = _fate(generator)
        if fate == "missing":
            continue
        latex, plain_value = values.get(fate, values["correct"])
        if fate == "unparsed":
            latex, plain_value = values["correct"][0] + "^{", (values["correct"][1] or "") + "*("
        if plain and plain_value is not None:
            lines += [f"`dz/d{variable} = {plain_value}`", ""]
        else:
            index = variable[1:]
            lines += [rf"$\frac{{\partial z}}{{\partial x_{index}}} = {latex}$", ""]
        stated += 1
    return "\n".join(lines), stated


def write_class(folder: Path, students: int, seed: int) -> int:
    """Write ``students`` submissions into ``folder``; returns the answers stated in all."""
    folder.mkdir(parents=True, exist_ok=True)
    generator = random.Random(seed)
    total = 0
    for index in range(students):
        name = f"student{index + 1:04d}"
        text, stated = student_markdown(generator, name)
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
        total += stated
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    answers = write_class(arguments.folder, arguments.students, arguments.seed)
    print(f"wrote {arguments.students} submissions with {answers} answers to {arguments.folder}")


if __name__ == "__main__":
    main()
