"""Write the corpus notebooks (hand-written answers in Jupyter form) with nbformat.

The generated ``.ipynb`` files are committed; rerun this script after editing a cell:

    python tests/data/corpus/make_notebooks.py

Cells are Markdown (answers, as students type them) and code (restating a problem's expression,
or doing unrelated work that the checker must ignore). Cell ids are fixed so that the output is
byte-for-byte reproducible. The checker names a location ``FILE.ipynb#cell-N`` (N counts every
cell from 1) and a line within the cell; expected.yaml keys notebook answers as ``cell-N:LINE``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

Cell = tuple[str, str]  # ("md" | "code", source)


def md(source: str) -> Cell:
    return ("md", source)


def code(source: str) -> Cell:
    return ("code", source)


# --- Kim: no headings per problem; each block of answers follows a code cell restating it ---
KIM: list[Cell] = [
    md(
        "# Kim — homework 3 (backprop)\n\nEach expression is restated in code, then differentiated."
    ),
    code(
        "import sympy as sp\n"
        "from sympy import exp\n"
        "x1, x2, x3, x4 = sp.symbols('x1 x2 x3 x4')\n"
        "\n"
        "z = x1 + 5*x2 - 3*x3**2"
    ),
    md(
        "$\\frac{\\partial z}{\\partial x_1} = 1$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_2} = 5$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_3} = -3x_3$"
    ),
    code("z = x1*(x2 - 4) + exp(x3**2) / 5*x4**2"),
    md(
        "$\\frac{\\partial z}{\\partial x_1} = x_2 - 4$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_2} = -x_1$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_3} = \\frac{1}{5} e^{x_3^2} x_4^2$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_4} = \\frac{2}{5} x_4 e^{x_3^2}$"
    ),
    code("z = 1/x3 + exp((x1 + 5*(x2 + 3))**2)\nsp.diff(z, x1)"),
    md(
        "$\\frac{\\partial z}{\\partial x_1} = "
        "2(x_1 + 5(x_2+3))\\exp\\left((x_1 + 5(x_2+3))^2\\right)$"
        "\n\n"
        "$\\frac{\\partial z}{\\partial x_2} = "
        "2(x_1 + 5(x_2+3))\\exp\\left((x_1 + 5(x_2+3))^2\\right)$"
        "\n\n"
        "$\\frac{\\partial z}{\\partial x_3} = \\ln x_3$"
    ),
]

# --- Lin: headings per problem, Unicode and plain text, code that is not an answer ---
LIN: list[Cell] = [
    md("# Lin — Q3\n\n## Q3 (a)\n\n$∂z/∂x₁ = 1$\n\n$∂z/∂x₂ = 5$\n\n$∂z/∂x₃ = −6x₃$"),
    code("import numpy as np\nrng = np.random.default_rng(0)\nprint(rng.normal(size=3))"),
    md(
        "## Q3 (b)\n"
        "\n"
        "Plain text this time:\n"
        "\n"
        "```\n"
        "dz/dx1 = x2 - 4\n"
        "dz/dx2 = x1\n"
        "dz/dx3 = 2*x3*exp(x3^2)/(5*x4^2)\n"
        "dz/dx4 = 2/5*x4*exp(x3^2)\n"
        "```"
    ),
    md(
        "## Q3 (c)\n"
        "\n"
        "$∂z/∂x₁ = 2·(x₁ + 5(x₂ + 3))·e^{(x₁ + 5(x₂ + 3))²}$\n"
        "\n"
        "$∂z/∂x₂ = 10·(x₁ + 5(x₂ + 3))·e^{(x₁ + 5(x₂ + 3))²}$\n"
        "\n"
        "$∂z/∂x₃ = 1/x₃²$"
    ),
]

# --- Lea: Q2 with a step chain, code that defines the sigmoid, softmax entries in logits ---
LEA: list[Cell] = [
    md("# Lea — Q2: activation functions"),
    md(
        "## Q2 (a)\n"
        "\n"
        "The sigmoid is $\\sigma(x) = \\frac{1}{1+e^{-x}}$, so\n"
        "\n"
        "$$\n"
        "\\sigma'(x) = \\frac{e^{-x}}{(1+e^{-x})^2} = \\sigma(x)(1-\\sigma(x))\n"
        "$$"
    ),
    code("import numpy as np\n\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))"),
    md(
        "## Q2 (b)\n"
        "\n"
        "$$\n"
        "\\operatorname{ReLU}'(x) = \\begin{cases} 1 & \\text{if } x > 0 \\\\ "
        "0 & \\text{otherwise} \\end{cases}\n"
        "$$"
    ),
    md(
        "## Q2 (c)\n"
        "\n"
        "$\\frac{\\partial s_1}{\\partial z_2} = "
        "-\\frac{e^{z_1} e^{z_2}}{(e^{z_1} + e^{z_2} + e^{z_3})^2}$\n"
        "\n"
        "$\\frac{\\partial s_3}{\\partial z_3} = s_3(1 - s_3)$\n"
        "\n"
        "$\\frac{\\partial s_2}{\\partial z_3} = -2 s_2 s_3$"
    ),
]

# --- One notebook answering Q1 to Q3 (checked through the CLI against each problem file) ---
Q1_TO_Q3: list[Cell] = [
    md("# Homework: Q1 to Q3"),
    md(
        "## Q1 (a)\n"
        "\n"
        "The output of two linear layers:\n"
        "\n"
        "$$\n"
        "y = W_2(W_1 x + b_1) + b_2 = W_2 W_1 x + W_2 b_1 + b_2\n"
        "$$\n"
        "\n"
        "so two layers are one affine map with $W = W_2 W_1$ and $b = W_2 b_1 + b_2$; "
        "by induction, so are N layers."
    ),
    md(
        "## Q2 (a)\n"
        "\n"
        "$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$\n"
        "\n"
        "## Q2 (b)\n"
        "\n"
        "$$\n"
        "\\operatorname{ReLU}'(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}\n"
        "$$\n"
        "\n"
        "## Q2 (c)\n"
        "\n"
        "$\\frac{\\partial s_i}{\\partial z_j} = s_i(\\delta_{ij} - s_j)$"
    ),
    code(
        "from sympy import exp, symbols\nx1, x2, x3 = symbols('x1 x2 x3')\nz = x1 + 5*x2 - 3*x3**2"
    ),
    md(
        "## Q3 (a)\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_1} = 1$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_2} = 5$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_3} = -6x_3$"
    ),
    md(
        "## Q3 (b)\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_1} = x_2 - 4$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_2} = x_1$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_3} = \\frac{2}{5} x_3 x_4^2 e^{x_3^2}$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_4} = \\frac{2}{5} x_4 e^{x_3^2}$"
    ),
    md(
        "## Q3 (c)\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_1} = 2(x_1 + 5(x_2 + 3)) e^{(x_1 + 5(x_2 + 3))^2}$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_2} = 10(x_1 + 5(x_2 + 3)) e^{(x_1 + 5(x_2 + 3))^2}$\n"
        "\n"
        "$\\frac{\\partial z}{\\partial x_3} = -\\frac{1}{x_3^2}$"
    ),
]

NOTEBOOKS: dict[str, list[Cell]] = {
    "q3_notebook_kim.ipynb": KIM,
    "q3_notebook_lin.ipynb": LIN,
    "q2_notebook_lea.ipynb": LEA,
    "q1_to_q3.ipynb": Q1_TO_Q3,
}


def build(name: str, cells: list[Cell]) -> nbformat.NotebookNode:
    """A version-4 notebook with the given cells; ids derived from the name and position."""
    stem = name.removesuffix(".ipynb").replace("_", "-")
    notebook = new_notebook()
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    for number, (kind, source) in enumerate(cells, start=1):
        cell_id = f"{stem}-{number}"
        if kind == "md":
            notebook.cells.append(new_markdown_cell(source, id=cell_id))
        else:
            notebook.cells.append(new_code_cell(source, id=cell_id))
    nbformat.validate(notebook)
    return notebook


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        path = HERE / name
        nbformat.write(build(name, cells), str(path))
        print(f"wrote {path.relative_to(HERE.parents[2])} ({len(cells)} cells)")


if __name__ == "__main__":
    main()
