"""The activation kind's blocks and JSON: what the issue asks for is there, in every format.

Golden files for Q2 in every format, a compile of the Q2 LaTeX with its plots included, pictures
that are real PNGs, and JSON that survives ``json.dumps``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from golden import check_golden
from pdflatex import PNG, export_and_compile
from solved import bundled

from symderive.derive.activations import ActivationSolution
from symderive.problemfile import load_problem_text
from symderive.render.activation import activation_blocks, activation_data
from symderive.render.activation_text import method_text
from symderive.render.document import (
    Block,
    Bullets,
    Document,
    Equation,
    Figure,
    Heading,
    Math,
    Paragraph,
    Steps,
    Table,
)
from symderive.render.json import render_json
from symderive.render.latex import render_latex
from symderive.render.markdown import render_markdown
from symderive.render.solutions import BUILDERS, document_of
from symderive.render.terminal import render_terminal
from symderive.solve import SolutionSet, solve_problem_set

ROOT = Path(__file__).parents[2]


def _solve(name: str) -> SolutionSet:
    return bundled(name)


@pytest.fixture(scope="module")
def q2() -> SolutionSet:
    return _solve("q2")


@pytest.fixture(scope="module")
def catalogue() -> SolutionSet:
    return _solve("activations")


@pytest.fixture(scope="module")
def q2_document(q2: SolutionSet) -> Document:
    return document_of(q2)


def _solution(solutions: SolutionSet, problem_id: str) -> ActivationSolution:
    found = next(s for s in solutions.solutions if s.problem.id == problem_id)
    assert isinstance(found, ActivationSolution)
    return found


def _text(blocks: list[Block]) -> str:
    """Every word and formula (both notations) of the blocks, for looking things up."""
    pieces: list[str] = []

    def add(part: object) -> None:
        if isinstance(part, Math):
            pieces.extend((part.latex, part.unicode))
        elif isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, tuple):
            for item in part:
                add(item)
        elif hasattr(part, "__dataclass_fields__"):
            for name in part.__dataclass_fields__:
                if name != "draw":
                    add(getattr(part, name))

    for block in blocks:
        add(block)
    return "\n".join(pieces)


def test_activation_solutions_are_registered() -> None:
    assert BUILDERS["activation"] == (activation_blocks, activation_data)


def test_sigmoid_blocks(q2: SolutionSet) -> None:
    blocks = activation_blocks(_solution(q2, "q2a"))
    kinds = [type(block) for block in blocks]
    assert kinds[0] is Heading and Steps in kinds and Table in kinds and Figure in kinds
    text = _text(blocks)
    assert r"\frac{1}{1 + e^{- x}}" in text  # the definition derived from
    assert "σ'(x) = (1 - σ(x))·σ(x)" in text  # the idiomatic form …
    assert "✓ symbolic, rewriting in exponentials and cancelling" in text  # … and its proof
    assert "chain rule" in text and "power rule" in text
    assert [b for b in blocks if isinstance(b, Equation) and b.boxed]


def test_relu_blocks_state_the_kink(q2: SolutionSet) -> None:
    text = _text(activation_blocks(_solution(q2, "q2b")))
    assert "Not differentiable at " in text
    assert "from the left is " in text and "from the right " in text
    assert "Its subgradients there form the interval " in text and "[0, 1]" in text
    assert "PyTorch and TensorFlow take relu'(0) = 0" in text
    assert "a value by convention, not a derivative" in text


def test_proof_wording_names_the_problems_variable() -> None:
    """The printer words the proof's codes; the kink's sides are in the problem's variable."""
    text = "problems:\n  - {id: r, kind: activation, function: relu, variable: z}\n"
    solution = _solution(solve_problem_set(load_problem_text(text, "relu.yaml")), "r")
    assert solution.idiomatic is not None
    assert method_text(solution.idiomatic.proof) == (
        "on each side of the kink (z > 0, z < 0): expanding both sides"
    )
    assert activation_data(solution)["idiomatic"]["proof"] == {
        "method": "on each side of the kink (z > 0, z < 0): expanding both sides",
        "verification": "symbolic",
    }


def test_softmax_blocks_give_the_whole_jacobian(q2: SolutionSet) -> None:
    blocks = activation_blocks(_solution(q2, "q2c"))
    text = _text(blocks)
    assert r"\begin{pmatrix}" in text
    assert "J = [s₁·(1 - s₁), -s₁·s₂, -s₁·s₃; " in text
    assert "J = diag(s) − s sᵀ" in text and "sᵢ(δᵢⱼ − sⱼ)" in text
    assert "The diagonal alone is not the derivative" in text
    assert "Each row sums to 0" in text
    assert "All K² = 9 entries were derived" in text
    (table,) = [block for block in blocks if isinstance(block, Table)]
    assert len(table.rows) == 9 and all(row[-1] == ("pass",) for row in table.rows)
    (figure,) = [block for block in blocks if isinstance(block, Figure)]
    assert "every other logit at 0" in figure.caption


def test_catalogue_blocks(catalogue: SolutionSet) -> None:
    gelu = _text(activation_blocks(_solution(catalogue, "gelu")))
    assert r"\Phi(x)" in gelu and "φ(x)" in gelu
    elu = _text(activation_blocks(_solution(catalogue, "elu")))
    assert "α = 0.5" in elu and "ELU(x) + α" in elu
    leaky = _text(activation_blocks(_solution(catalogue, "leaky-relu")))
    assert "[0.1, 1]" in leaky
    own = _text(activation_blocks(_solution(catalogue, "own-silu")))
    assert "Your function is the SiLU (swish with β = 1) (proved)." in own
    log_softmax = _text(activation_blocks(_solution(catalogue, "log-softmax")))
    assert "J = I − 1 sᵀ" in log_softmax and "δᵢⱼ − sⱼ" in log_softmax


def test_plot_false_means_no_figure() -> None:
    text = "problems:\n  - {id: a, kind: activation, function: tanh, plot: false}\n"
    solution = solve_problem_set(load_problem_text(text, "f.yaml")).solutions[0]
    assert isinstance(solution, ActivationSolution)
    assert not [b for b in activation_blocks(solution) if isinstance(b, Figure)]
    assert activation_data(solution)["plot"] is None


@pytest.mark.parametrize("problem_id", ["q2a", "q2b", "q2c"])
def test_figures_are_png_files(q2: SolutionSet, problem_id: str, tmp_path: Path) -> None:
    (figure,) = [b for b in activation_blocks(_solution(q2, problem_id)) if isinstance(b, Figure)]
    assert figure.name == f"{problem_id}-plot"
    figure.draw(tmp_path / "plot.png")
    assert (tmp_path / "plot.png").read_bytes().startswith(PNG)


def test_building_blocks_does_not_import_matplotlib() -> None:
    script = (
        "import sys\n"
        "from symderive.problemfile import load_problem_file\n"
        "from symderive.solve import solve_problem_set\n"
        "from symderive.render.solutions import document_of\n"
        "document_of(solve_problem_set(load_problem_file('problems/q2.yaml')))\n"
        "print('matplotlib' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("name", ["q2", "activations"])
def test_json_data_round_trips(name: str) -> None:
    for solution in _solve(name).solutions:
        data = activation_data(solution)
        assert json.loads(json.dumps(data)) == data
        for key in ("id", "kind", "function", "parameters", "definition", "derivative"):
            assert key in data
        for key in ("idiomatic", "kinks", "jacobian", "checks"):
            assert key in data
        assert data["passed"] is True


def test_check_labels_are_written_from_the_checks_data(catalogue: SolutionSet) -> None:
    """The derivation records the variable and the output; the printer names them."""
    log_softmax = activation_data(_solution(catalogue, "log-softmax"))
    assert [check["label"] for check in log_softmax["checks"][:2]] == ["∂log s1/∂z1", "∂log s1/∂z2"]
    tanh = _solution(catalogue, "tanh")
    assert [check.output for check in tanh.checks] == [None] * len(tanh.checks)
    labels = [check["label"] for check in activation_data(tanh)["checks"]]
    points = [dict(check.point)[check.variable] for check in tanh.checks]
    assert labels == [f"x = {float(point):g}" for point in points] and "x = -3.42" in labels


def test_json_fields(q2: SolutionSet) -> None:
    sigmoid = activation_data(_solution(q2, "q2a"))
    assert sigmoid["definition"] == {"sympy": "1/(1 + exp(-x))", "latex": r"\frac{1}{1 + e^{- x}}"}
    assert sigmoid["derivative"]["steps"]["rule"] == "chain"
    assert sigmoid["idiomatic"]["proof"]["verification"] == "symbolic"
    relu = activation_data(_solution(q2, "q2b"))
    (kink,) = relu["kinks"]
    assert kink["left"]["sympy"] == "0" and kink["right"]["sympy"] == "1"
    assert kink["subgradient"] and [end["sympy"] for end in kink["interval"]] == ["0", "1"]
    softmax = activation_data(_solution(q2, "q2c"))
    jacobian = softmax["jacobian"]
    assert jacobian["size"] == 3 and jacobian["diagonal_only_is_derivative"] is False
    assert jacobian["closed_form"][0][1]["sympy"] == "-s1*s2"
    assert len(softmax["checks"]) == 9


def test_every_format_renders_the_catalogue(catalogue: SolutionSet) -> None:
    document = document_of(catalogue)
    assert render_terminal(document, color=False, width=100)
    assert render_markdown(document)
    assert render_latex(document, fragment=False).rstrip().endswith(r"\end{document}")
    assert json.loads(render_json(catalogue))["problems"]


def test_q2_terminal_matches_golden(q2_document: Document, pytestconfig: pytest.Config) -> None:
    text = render_terminal(q2_document, color=False, width=100)
    check_golden(pytestconfig, "q2.terminal.txt", text)


def test_q2_markdown_matches_golden(q2_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q2.md", render_markdown(q2_document))


def test_q2_latex_matches_golden(q2_document: Document, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q2.tex", render_latex(q2_document, fragment=False))
    check_golden(pytestconfig, "q2.fragment.tex", render_latex(q2_document, fragment=True))


def test_q2_json_matches_golden(q2: SolutionSet, pytestconfig: pytest.Config) -> None:
    check_golden(pytestconfig, "q2.json", render_json(q2))


@pytest.mark.slow
def test_q2_latex_compiles_with_its_plots(tmp_path: Path) -> None:
    """The way a student does it: ``symderive solve … --format latex -o q2.tex``, then pdflatex."""
    figures = [f"{problem_id}-plot" for problem_id in ("q2a", "q2b", "q2c")]
    export_and_compile(ROOT / "problems" / "q2.yaml", figures, tmp_path)


def test_unused_blocks_are_not_emitted(q2: SolutionSet) -> None:
    """Smooth functions have no kink section; sigmoid's parameters list is empty."""
    blocks = activation_blocks(_solution(q2, "q2a"))
    headings = [block.text for block in blocks if isinstance(block, Heading)]
    assert "Kinks" not in headings and "Idiomatic form" in headings
    assert not [b for b in blocks if isinstance(b, Bullets)]
    assert [b for b in blocks if isinstance(b, Paragraph)]
