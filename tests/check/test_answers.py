"""The dispatcher: a reader per suffix, refusals located, sizes and formula counts bounded."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symderive.check import collector, source
from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.errors import InputError
from symderive.problem import ProblemSet


@pytest.mark.parametrize(
    ("name", "answer_format", "claims"),
    [
        pytest.param("answers.yaml", "yaml", 10, id="yaml"),
        pytest.param("homework.md", "markdown", 11, id="markdown"),
        pytest.param("homework.ipynb", "notebook", 5, id="notebook"),
        pytest.param("homework.tex", "tex", 8, id="tex"),
    ],
)
def test_each_suffix_has_its_reader(
    answers_dir: Path, name: str, answer_format: str, claims: int
) -> None:
    answers = read_answers(answers_dir / name)
    assert answers.format == answer_format
    assert len(answers.claims) == claims
    assert answers.path == str(answers_dir / name)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        pytest.param("answers.txt", "'.txt'", id="txt"),
        pytest.param("answers.pdf", "'.pdf'", id="pdf"),
        pytest.param("answers", "without a suffix", id="no-suffix"),
    ],
)
def test_an_unknown_suffix_is_an_input_error(tmp_path: Path, name: str, shown: str) -> None:
    path = tmp_path / name
    path.write_text("dz/dx1 = 1", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_answers(path)
    assert shown in raised.value.message and ".ipynb" in raised.value.message
    assert raised.value.exit_code == 2
    assert raised.value.location is not None and raised.value.location.file == str(path)


@pytest.mark.parametrize("suffix", [".md", ".tex", ".ipynb", ".yaml"])
def test_a_missing_file_is_an_input_error(tmp_path: Path, suffix: str) -> None:
    with pytest.raises(InputError, match="cannot read the file"):
        read_answers(tmp_path / f"missing{suffix}")


def test_a_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.md"
    path.write_text("$x$ " * 50, encoding="utf-8")
    with pytest.raises(InputError, match="larger than 100 bytes"):
        read_answers(path)


def test_too_many_formulas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collector, "MAX_FORMULAS", 3)
    path = tmp_path / "many.md"
    path.write_text("$a$ $b$ $c$\n\n$d$ $e$\n", encoding="utf-8")
    with pytest.raises(InputError, match="more than 3 formulas") as raised:
        read_answers(path)
    location = raised.value.location
    assert location is not None and (location.line, location.column) == (3, 2)


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes(b"# Q3\n\ncaf\xe9 $x$\n")
    with pytest.raises(InputError, match="not valid UTF-8") as raised:
        read_answers(path)
    location = raised.value.location
    assert location is not None and (location.line, location.column) == (3, 4)


_PIECES = [
    "$", "$$", "\\[", "\\]", "\\(", "\\)", "\\frac{dz}{dx_1}", "=", "&=", "\\\\", "{", "}",
    "(", ")", "x_1", "\n", " ", "## Q3 (a)\n", "```\n", "> ", "- ", "\\begin{align}",
    "\\end{align}", "\\begin{cases}", "\\end{cases}", "%", "∂z/∂x₃", "−", "²", "e^{", "^",
    "_", "dz/dx2", "f'(x)", "\\section{Q3}", "\\", "z = x1 + 5*x2", "\t", ":", "`", "q3b: ",
]  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=40),
    suffix=st.sampled_from([".md", ".tex", ".yaml"]),
)
def test_readers_never_crash(
    tmp_path: Path, q3: ProblemSet, pieces: list[str], suffix: str
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_text("".join(pieces), encoding="utf-8")
    try:
        answers = read_answers(path)
    except InputError as error:
        assert error.location is not None and error.location.file is not None
        return
    attributed = attribute(answers, q3)
    assert len(attributed.claims) == len(answers.claims)
    for claim in attributed.claims:
        assert claim.location.line is not None and claim.location.column is not None
        if claim.error is not None:
            assert claim.error.location is not None and claim.error.location.line is not None
