"""Coverage-guided fuzzing with atheris (libFuzzer): not part of the test run, run by hand.

    pip install atheris
    python tests/fuzz/atheris_parsers.py -max_total_time=300 -rss_limit_mb=2048 [CORPUS_DIR]

Each input's first byte picks a target (plain parser, LaTeX parser, problem-file loader,
notebook, Markdown or LaTeX answer reader); the rest is the text. Any exception other than a
SymderiveError is a crash: libFuzzer saves the input as ``crash-…`` to become a regression test.
Inputs that take more than ``-timeout`` seconds (default 1200; pass ``-timeout=5``) are hangs.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris
import lark  # noqa: F401 - imported before instrumenting, so that only symderive is instrumented
import markdown_it  # noqa: F401
import nbformat  # noqa: F401
import sympy  # noqa: F401
import yaml  # noqa: F401

with atheris.instrument_imports(include=["symderive"]):
    from symderive.check.collector import Collector
    from symderive.check.markdown_answers import read_markdown_text
    from symderive.check.notebook_answers import load_notebook
    from symderive.check.tex_answers import read_tex_text
    from symderive.errors import SymderiveError
    from symderive.parsing.expression import parse_expression
    from symderive.parsing.latex import parse_latex
    from symderive.problemfile import problem_set_from_yaml
    from symderive.yamlsource import load_yaml_bytes

FOLDER = Path(tempfile.mkdtemp(prefix="symderive-atheris-"))


def _problem_file(data: bytes) -> None:
    problem_set_from_yaml(load_yaml_bytes(data, "fuzz.yaml"), str(FOLDER / "fuzz.yaml"))


def _markdown(text: str) -> None:
    collector = Collector("fuzz.md", "markdown")
    read_markdown_text(text, "fuzz.md", collector)
    collector.finish()


def _tex(text: str) -> None:
    collector = Collector("fuzz.tex", "tex")
    read_tex_text(text, "fuzz.tex", collector)
    collector.finish()


TEXT_TARGETS: list[Callable[[str], object]] = [
    parse_expression,
    parse_latex,
    lambda text: load_notebook(text, "fuzz.ipynb"),
    _markdown,
    _tex,
]


def test_one_input(data: bytes) -> None:
    """One input: a result or a SymderiveError; anything else propagates as a crash."""
    if not data:
        return
    target, rest = data[0], data[1:]
    try:
        if target % (len(TEXT_TARGETS) + 1) == len(TEXT_TARGETS):
            _problem_file(rest)
        else:
            provider = atheris.FuzzedDataProvider(rest)
            text = provider.ConsumeUnicodeNoSurrogates(len(rest))
            TEXT_TARGETS[target % (len(TEXT_TARGETS) + 1)](text)
    except SymderiveError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
