"""Problem files: q3.yaml loads, and every mistake is reported at the file's line and column."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from symderive.errors import ExpressionError, ProblemFileError, SymderiveError
from symderive.kinds import KINDS
from symderive.parsing.names import make_symbol
from symderive.problem import PartialsProblem
from symderive.problemfile import load_problem_file, load_problem_text

ROOT = Path(__file__).parent.parent
Q3 = ROOT / "problems" / "q3.yaml"
BROKEN = Path(__file__).parent / "data" / "broken"
HEAD = "title: T\nproblems:\n  - id: a\n    kind: partials\n"

x1, x2, x3, x4 = (make_symbol(f"x{i}") for i in range(1, 5))


def load(text: str) -> PartialsProblem:
    return load_problem_text(text, "f.yaml").problems[0]


def test_q3_loads_with_three_problems() -> None:
    problems = load_problem_file(Q3)
    assert problems.title == "Q3: Back propagation"
    assert problems.points == 30
    assert problems.statement is not None and "generalized delta rule" in problems.statement
    assert [p.id for p in problems.problems] == ["q3a", "q3b", "q3c"]
    assert all(p.kind == "partials" and p.points == 10 for p in problems.problems)
    q3a, q3b, q3c = problems.problems
    assert q3a.expression.text == "z = x1 + 5*x2 - 3*x3^2"
    assert q3b.expression.text == "z = x1*(x2-4) + exp(x3^2) / 5*x4^2"
    assert q3c.expression.text == "z = 1/x3 + exp( (x1+5*(x2+3)) ^2 )"
    assert q3a.wrt == (x1, x2, x3)
    assert q3b.wrt == (x1, x2, x3, x4)
    assert q3a.at == {x1: 1, x2: 2, x3: sympy.Rational(1, 2)}
    assert q3c.at is not None and q3c.at[x1] == sympy.Rational(1, 2) and q3c.at[x2] == -3
    assert q3c.expression.expression.xreplace(dict(q3c.at)) == sympy.Rational(1, 2) + sympy.exp(
        sympy.Rational(1, 4)
    )
    assert len({hash(p) for p in problems.problems}) == 3  # problems can be cache keys


def test_q3b_warning_points_at_the_slash_in_the_file() -> None:
    q3b = load_problem_file(Q3).problems[1]
    assert [w.code for w in q3b.warnings] == ["division-then-product"]
    location = q3b.warnings[0].location
    lines = Q3.read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if 'expression: "z = x1*(x2-4)' in text)
    assert (location.file, location.line, location.column) == (
        str(Q3),
        line,
        lines[line - 1].index(" / ") + 2,
    )
    assert location.line_text is not None and location.line_text[location.column - 1] == "/"
    assert q3b.warnings[0].render().startswith(f"warning: {Q3}:{line}:{location.column}: ")


def test_wrt_defaults_to_natural_order() -> None:
    problem = load(HEAD + '    expression: "z = x10 + x2 * x_1"\n')
    assert [s.name for s in problem.wrt] == ["x1", "x2", "x10"]
    assert problem.at is None and problem.points is None and problem.statement is None


def test_names_are_normalised_and_symbols_equal_the_parsers() -> None:
    problem = load(
        HEAD + '    expression: "z = x_1 * x_{2}"\n    wrt: [x_2, x1]\n    at: {x_1: 1, x2: 2}\n'
    )
    assert problem.wrt == (x2, x1)
    assert problem.at == {x1: 1, x2: 2}
    assert all(s.is_real for s in problem.wrt)


def test_a_single_name_is_a_wrt_list() -> None:
    assert load(HEAD + '    expression: "x1 + x2"\n    wrt: x2\n').wrt == (x2,)


def test_declared_symbols_make_e_a_variable() -> None:
    problem = load(HEAD + '    expression: "z = e*x"\n    symbols: [e]\n    wrt: [e]\n')
    assert problem.wrt == (make_symbol("e"),)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        pytest.param("0.1", sympy.Rational(1, 10), id="decimal-is-exact"),
        pytest.param('"1/2"', sympy.Rational(1, 2), id="fraction-string"),
        pytest.param('"-0.25"', sympy.Rational(-1, 4), id="negative-decimal-string"),
        pytest.param("-3", sympy.Integer(-3), id="negative-int"),
        pytest.param("1e3", sympy.Integer(1000), id="exponent"),
        pytest.param("0.30000000000000004", sympy.Rational(30000000000000004, 10**17),
                     id="no-float-rounding"),
    ],
)  # fmt: skip
def test_at_values_are_exact_rationals_from_the_text(written: str, value: sympy.Rational) -> None:
    problem = load(HEAD + f"    expression: x1\n    at: {{x1: {written}}}\n")
    assert problem.at is not None
    assert problem.at[x1] == value and isinstance(problem.at[x1], sympy.Rational)


def case(body: str, message: str, line: int, column: int, error: type = ProblemFileError) -> tuple:
    return (HEAD + body, message, line, column, error)


@pytest.mark.parametrize(
    ("source", "message", "line", "column", "error_type"),
    [
        pytest.param(*case('    expresion: "z = x1"\n', "did you mean 'expression'?", 5, 5),
                     id="unknown-key"),
        pytest.param(*case('    expression: x1\n    points: [1, 2]\n',
                           "'points' must be a number, not a list", 6, 13), id="wrong-type"),
        pytest.param(*case('    expression: [x1]\n', "'expression' must be a string, not a list",
                           5, 17), id="wrong-type-expression"),
        pytest.param(*case('    expression: x1\n    expression: x2\n',
                           "duplicate key 'expression' (first defined on line 5)", 6, 5),
                     id="duplicate-key"),
        pytest.param(*case('    expression: "z = x1 + * x2"\n', "unexpected '*'", 5, 27,
                           ExpressionError), id="bad-expression-quoted"),
        pytest.param(*case("    expression: z = x1 + * x2\n", "unexpected '*'", 5, 26,
                           ExpressionError), id="bad-expression-plain"),
        pytest.param(*case("    expression: 'z = ''x1'' + 1'\n", "strings are not", 5, 22,
                           ExpressionError), id="bad-expression-single-quoted"),
        pytest.param(*case("    expression: >\n      z = x1 +\n      x2 + * 3\n", "unexpected '*'",
                           7, 12, ExpressionError), id="bad-expression-folded-block"),
        pytest.param(*case('    expression: "x1 + x2"\n    wrt: [x1, x3]\n',
                           "'wrt' names 'x3', which is not a variable", 6, 15),
                     id="unknown-wrt-name"),
        pytest.param(*case('    expression: "x1 + x2"\n    wrt: [x1, x_1]\n',
                           "'wrt' lists 'x1' twice", 6, 15), id="duplicate-wrt-name"),
        pytest.param(*case('    expression: "x1 + x2"\n    wrt: [x1, 2]\n',
                           "'wrt' must list names, not a number", 6, 15), id="wrt-number"),
        pytest.param(*case('    expression: "x1 + x2*x3"\n    at: {x1: 1}\n',
                           "'at' gives no value for x2, x3", 6, 5), id="missing-at-variable"),
        pytest.param(*case('    expression: "x1 + x2"\n    at: {x1: 1, x2: 2, xx1: 3}\n',
                           "'at' names 'xx1'", 6, 24), id="unknown-at-name"),
        pytest.param(*case('    expression: "x1"\n    at: {x1: abc}\n',
                           "the value of 'x1' must be a finite number", 6, 14),
                     id="at-not-a-number"),
        pytest.param(*case('    expression: "x1"\n    at: {x1: .inf}\n',
                           "must be a finite number", 6, 14), id="at-infinite"),
        pytest.param(*case('    expression: "x1"\n    at: {x1: "1/0"}\n', "divides by zero", 6, 14),
                     id="at-divides-by-zero"),
        pytest.param(*case('    expression: "x1"\n    at: {x1: 1e999}\n', "exponent", 6, 14),
                     id="at-huge-exponent"),
        pytest.param(*case('    expression: "1/x1"\n    at: {x1: 0}\n', "not defined", 6, 5),
                     id="at-undefined-point"),
        pytest.param(*case("    expression: 5\n", "no variables", 5, 17),
                     id="number-expression-is-read-as-text"),
        pytest.param(*case("    expression: x1\n    points: -1\n", "0 or more", 6, 13),
                     id="negative-points"),
        pytest.param(*case("    expression: x*e\n    wrt: e\n", "list it under 'symbols'", 6, 10),
                     id="e-is-a-constant"),
        pytest.param("problems:\n  - id: a\n    kind: partial\n", "did you mean 'partials'?",
                     3, 11, ProblemFileError, id="unknown-kind"),
        pytest.param("problems:\n  - id: a\n    kind: convolution\n",
                     "problem 'a' has no 'kernels', which is required", 2, 5, ProblemFileError,
                     id="convolution-needs-kernels"),
        pytest.param("problems:\n  - id: a\n    expression: x\n", "has no 'kind'", 2, 5,
                     ProblemFileError, id="missing-kind"),
        pytest.param("problems:\n  - id: 3\n    kind: partials\n    expression: x\n",
                     "'id' must be a string, not a number (quote it", 2, 9, ProblemFileError,
                     id="numeric-id"),
        pytest.param("problems:\n  - id: a b\n    kind: partials\n    expression: x\n",
                     "may hold only letters", 2, 9, ProblemFileError, id="bad-id"),
        pytest.param("problems:\n  - {id: a, kind: partials, expression: x}\n"
                     "  - {id: a, kind: partials, expression: y}\n",
                     "duplicate problem id 'a' (first on line 2)", 3, 10, ProblemFileError,
                     id="duplicate-id"),
        pytest.param("titel: T\nproblems: []\n", "did you mean 'title'?", 1, 1,
                     ProblemFileError, id="unknown-top-level-key"),
        pytest.param("title: T\n", "has no 'problems'", 1, 1, ProblemFileError,
                     id="missing-problems"),
        pytest.param("problems: []\n", "'problems' is empty", 1, 11, ProblemFileError,
                     id="empty-problems"),
        pytest.param("- a\n", "must be a mapping", 1, 1, ProblemFileError, id="top-level-list"),
        pytest.param("problems:\n  - q3a\n", "each problem must be a mapping", 2, 5,
                     ProblemFileError, id="problem-not-a-mapping"),
        pytest.param("", "the file is empty", 1, 1, ProblemFileError, id="empty-file"),
        pytest.param("title: Q3: Back\n", "must be quoted", 1, 10, ProblemFileError,
                     id="malformed-yaml"),
    ],
)  # fmt: skip
def test_errors_are_located(
    source: str, message: str, line: int, column: int, error_type: type
) -> None:
    with pytest.raises(error_type) as caught:
        load_problem_text(source, "f.yaml")
    error = caught.value
    assert message in error.message
    rendered = error.render().splitlines()
    assert rendered[0].startswith(f"error: f.yaml:{line}:{column}: ")
    source_lines = source.splitlines() or [""]
    if source_lines[0]:
        assert rendered[1] == "    " + source_lines[line - 1]
        assert rendered[2] == "    " + " " * (column - 1) + "^"


@pytest.mark.parametrize(
    ("name", "line", "column", "message"),
    [
        pytest.param("unknown_key.yaml", 5, 5, "did you mean 'expression'?", id="unknown-key"),
        pytest.param("bad_expression.yaml", 5, 27, "unexpected '*'", id="bad-expression"),
        pytest.param("missing_at.yaml", 6, 5, "no value for x3", id="missing-at"),
        pytest.param("alias_bomb.yaml", 6, 8, "10,000 values", id="alias-bomb"),
        pytest.param("invalid_utf8.yaml", 1, 12, "not valid UTF-8", id="invalid-utf8"),
        pytest.param("empty.yaml", 1, 1, "the file is empty", id="empty-file"),
    ],
)
def test_broken_files(name: str, line: int, column: int, message: str) -> None:
    path = BROKEN / name
    with pytest.raises(SymderiveError) as caught:
        load_problem_file(path)
    assert caught.value.exit_code == 2
    assert caught.value.render().startswith(f"error: {path}:{line}:{column}: ")
    assert message in caught.value.message


def test_a_missing_file_is_an_input_error() -> None:
    with pytest.raises(ProblemFileError, match="cannot read the file"):
        load_problem_file(BROKEN / "no-such-file.yaml")


def test_every_kind_in_the_registry_has_a_builder_and_keys() -> None:
    for name, kind in KINDS.items():
        assert kind.name == name and kind.keys and callable(kind.build)


@settings(max_examples=120, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_is_a_problem_set_or_a_symderive_error(text: str) -> None:
    try:
        load_problem_text(text, "random.yaml")
    except SymderiveError as error:
        assert error.render().startswith("error: random.yaml")


yaml_words = st.sampled_from(
    ["title", "problems", "id", "kind", "partials", "expression", "wrt", "at", "x1", "x2",
     ":", "-", " ", "\n", "  ", "[", "]", "{", "}", ",", "&a", "*a", "'", '"', "1/2", "0.5",
     "z = x1 + * x2", "exp(", "#", "!!str", "<<", "?", "|", ">"]
)  # fmt: skip


@settings(max_examples=120, deadline=None)
@given(st.lists(yaml_words, max_size=40).map("".join))
def test_yaml_like_text_is_a_problem_set_or_a_symderive_error(text: str) -> None:
    with contextlib.suppress(SymderiveError):
        load_problem_text(text, "random.yaml")
