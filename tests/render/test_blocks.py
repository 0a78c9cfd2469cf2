"""Every block type in every format, from a small hand-made document (``every_block.py``).

New problem kinds only produce blocks, so these tests are what guarantees that a kind written once
appears correctly in the terminal, in LaTeX (compiled, picture included) and in Markdown (picture
linked to a file that exists).
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from every_block import EVERY_BLOCK
from pdflatex import compile_latex

from symderive.render import latex, markdown, terminal
from symderive.render.document import Block, Code, Document, Figure, Heading
from symderive.render.latex import render_latex
from symderive.render.markdown import render_markdown
from symderive.render.terminal import render_terminal

NOT_DRAWN = "figure 'tiny' not drawn: write to a file with -o to get pictures"


@pytest.mark.parametrize("module", [terminal, latex, markdown], ids=lambda m: m.__name__)
def test_every_block_type_has_a_renderer(module: object) -> None:
    handled = set(module._RENDERERS) | {Figure}
    assert handled == set(typing.get_args(Block))
    assert {type(block) for block in EVERY_BLOCK.blocks} == set(typing.get_args(Block))


def test_terminal_prints_every_block(tmp_path: Path) -> None:
    text = render_terminal(EVERY_BLOCK, color=False, width=100)
    lines = text.splitlines()
    assert "Every block (5 points)" in lines[0] and lines[0].startswith("─")
    assert lines[3].startswith("p1 (2 points) ─")
    for expected in (
        "A part",
        "A sub-part",
        "A titled piece",
        "Plain words with x² inline.",
        "An aside_with specials $ & %",
        "Expression as written: z = a / b*c",
        "    second: indented",
        "warning: problems/x.yaml:3:24: 'a / b*c' is read as (a/b)·c",
        "warning: a caveat without a place",
        "  y = x₁ + x₂",
        "│ ∂y/∂x₁ = 1 │",
        "│ b = 2 │",
        "  sum rule: ∂/∂x (x + 1) = 1",
        "  ✓ symbolic; rule (f + g)' = f' + g'",
        "  note: a note on the step",
        "├── variable rule: ∂/∂x x = 1",
        "└── constant rule: ∂/∂x 1 = 0",
        "  simplification: 2x = 2x",
        "  A captioned table",
        "  • first item ū",
        "figure 'tiny': A tiny plot",
    ):
        assert expected in text, expected
    source = next(i for i, line in enumerate(lines) if 'expression: "z = a / b*c"' in line)
    assert lines[source][lines[source + 1].index("^")] == "/"
    table = lines[next(i for i, line in enumerate(lines) if "x₂" in line and "two" in line) + 1]
    assert table.strip() == "lines", "a newline in a cell is a line break inside the cell"
    assert sum("figure 'tiny'" in line for line in lines) == 1
    assert not list(tmp_path.iterdir())


def test_terminal_wraps_a_long_boxed_equation_inside_the_width() -> None:
    text = render_terminal(EVERY_BLOCK, color=False, width=60)
    boxed = [line for line in text.splitlines() if line.startswith("  │ ")]
    assert len(boxed) > 3 and all(len(line) <= 60 for line in boxed)


def test_latex_prints_every_block() -> None:
    text = render_latex(EVERY_BLOCK, fragment=True)
    for expected in (
        r"\section*{Every block (5 points)}",
        r"\subsection*{p1 (2 points)}",
        r"\subsubsection*{A part}",
        r"\medskip\noindent\textbf{A sub-part}\par",
        r"\smallskip\noindent\textit{A titled piece}\par",
        r"Plain words with $x^{2}$ inline.",
        r"\emph{An aside\_with specials \$ \& \%}",
        r"\textbf{Expression as written:} \texttt{z = a /\allowbreak{} b*\allowbreak{}c}",
        r"\texttt{\mbox{}~~second:~indented}",
        r"\textbf{Warning} \texttt{\mbox{}problems/x.yaml:3:24}: 'a / b*c' is read as",
        r"\textbf{Warning}: a caveat without a place",
        r"\[ y = x_{1} + x_{2} \]",
        r"\[ \boxed{\frac{\partial y}{\partial x_{1}} = 1} \]",
        r"\[ \boxed{\begin{aligned} a &= 1 \\ b &= 2 \end{aligned}} \]",
        "\\begin{align*}\ns &= 1 x_{1}^{2} + ",
        r"&\quad + 12 x_{12}^{2}",
        r"\leftskip=1.5em\noindent\hangindent=2em\hangafter=1\relax \textbf{sum rule}:",
        r"\quad{\small ($\checkmark$ symbolic; rule $(f + g)' = f' + g'$)}",
        r"\\ \emph{Note:} a note on the step\par}",
        r"\leftskip=3em\noindent\hangindent=2em\hangafter=1\relax \textbf{variable rule}:",
        r"\medskip\noindent\textbf{A captioned table}\par",
        r"\hline name & value & $|$note$|$ \\ \hline \endhead",
        r"$x_{2}$ &  & two\newline lines \\",
        r"\item first item $\bar{u}$",
        rf"\emph{{{NOT_DRAWN}}}",
    ):
        assert expected in text, expected
    assert text.isascii()


def test_latex_with_figures_draws_includes_and_compiles(tmp_path: Path) -> None:
    figures = tmp_path / "out-figures"
    source = render_latex(EVERY_BLOCK, fragment=False, figures=figures)
    assert (figures / "tiny.png").read_bytes().startswith(b"\x89PNG")
    assert r"\usepackage{graphicx}" in source
    assert r"\includegraphics[width=0.7\linewidth]{out-figures/tiny.png}" in source
    assert "not drawn" not in source
    log = compile_latex(source, tmp_path)
    assert re.search(r"<out-figures/tiny\.png", log), "the picture is in the PDF"


def test_markdown_prints_every_block() -> None:
    text = render_markdown(EVERY_BLOCK)
    for expected in (
        "# Every block (5 points)\n",
        "\n## p1 (2 points)\n",
        "\n### A part\n",
        "\n#### A sub-part\n",
        "\n##### A titled piece\n",
        "Plain words with $x^{2}$ inline.",
        r"*An aside\_with specials \$ & %*",
        "**Expression as written:** `z = a / b*c`",
        "```text\nfirst: line\n  second: indented\n```",
        r"> **Warning** `problems/x.yaml:3:24`: 'a / b\*c' is read as (a/b)·c",
        "> **Warning**: a caveat without a place",
        "$$\ny = x_{1} + x_{2}\n$$",
        "$$\n\\boxed{\\frac{\\partial y}{\\partial x_{1}} = 1}\n$$",
        "$$\n\\boxed{a = 1}\n$$\n\n$$\n\\boxed{b = 2}\n$$",
        "- **sum rule**: $\\frac{\\partial}{\\partial x} (x + 1) = 1$ — ✓ symbolic; rule ",
        "  \n  *Note:* a note on the step",
        "  - **variable rule**: ",
        "**A captioned table**\n\n| name | value | \\|note\\| |",
        "| $x_{2}$ |  | two<br>lines |",
        "- first item $\\bar{u}$",
        f"*{NOT_DRAWN}*",
    ):
        assert expected in text, expected


def test_markdown_with_figures_links_a_picture_that_exists(tmp_path: Path) -> None:
    text = render_markdown(EVERY_BLOCK, figures=tmp_path / "out-figures")
    (link,) = re.findall(r"!\[A tiny plot\]\(([^)]+)\)", text)
    assert link == "out-figures/tiny.png"
    assert (tmp_path / link).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("render", [render_latex, render_markdown], ids=["latex", "markdown"])
def test_figures_folder_is_made_only_for_a_document_with_figures(
    render: typing.Callable[..., str], tmp_path: Path
) -> None:
    plain = Document((Heading(1, "No pictures"),))
    options = {"fragment": False} if render is render_latex else {}
    render(plain, figures=tmp_path / "out-figures", **options)
    assert not (tmp_path / "out-figures").exists()


def test_labelled_code_of_several_lines_keeps_its_columns() -> None:
    document = Document((Code("a: 1\n  b: 2", label="Input"),))
    assert render_terminal(document, color=False) == "Input:\n  a: 1\n    b: 2\n"
    assert render_latex(document, fragment=True).endswith(
        "\\textbf{Input:} \\\\\n\\texttt{\\mbox{}a:~1} \\\\\n\\texttt{\\mbox{}~~b:~2}\\par\n"
    )
    assert render_markdown(document) == "**Input:**\n\n```text\na: 1\n  b: 2\n```\n"
