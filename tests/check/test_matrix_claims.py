"""A Jacobian claimed as one matrix form, checked against the problem's whole Jacobian.

Right forms are accepted with every entry stated; wrong ones are refuted with the likely mistake
(sign, diag(s) alone, I for diag(s), the other function's Jacobian); a form of the wrong shape
is refuted with that reason; a form right only with s a row vector, or only transposed (the
denominator layout), is undecided; a form whose left side does not name this problem's Jacobian
is not compared.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from symderive.check.answers import read_answers
from symderive.check.attribution import attribute
from symderive.check.checker import check_answers
from symderive.check.equivalence import Verdict
from symderive.check.report import ACCEPTED, ClaimResult
from symderive.problemfile import load_problem_file
from symderive.solve import SolutionSet, solve_problem_set

ROOT = Path(__file__).resolve().parents[2]
Q2 = ROOT / "problems" / "q2.yaml"
ACTIVATIONS = ROOT / "problems" / "activations.yaml"
EVERY_ENTRY = tuple((row, column) for row in range(1, 4) for column in range(1, 4))


@cache
def _solved(problems: Path) -> SolutionSet:
    return solve_problem_set(load_problem_file(problems))


def _results(tmp_path: Path, problems: Path, text: str) -> tuple[ClaimResult, ...]:
    solutions = _solved(problems)
    path = tmp_path / "answers.md"
    path.write_text(text, encoding="utf-8")
    return check_answers(solutions, attribute(read_answers(path), solutions.problem_set)).results


def _result(tmp_path: Path, problems: Path, text: str) -> ClaimResult:
    results = _results(tmp_path, problems, text)
    assert len(results) == 1, results
    return results[0]


def _softmax(tmp_path: Path, form: str, name: str = "J") -> ClaimResult:
    return _result(tmp_path, Q2, f"## Q2 (c)\n\n$${name} = {form}$$\n")


@pytest.mark.parametrize(
    "form",
    [
        pytest.param(r"\operatorname{diag}(s) - s s^T", id="diag-minus-outer"),
        pytest.param(r"\operatorname{diag}(\mathbf{s}) - \mathbf{s}\mathbf{s}^\top", id="bold"),
        pytest.param(r"\operatorname{diag}(s)(I - \mathbf{1} s^T)", id="diag-times-I-minus-1sT"),
        pytest.param(r"\operatorname{diag}(s)(I - 1 s^\top)", id="digit-one-vector"),
        pytest.param(r"-s s^T + \operatorname{diag}(s)", id="reordered"),
        pytest.param(r"\operatorname{diag}(s) \odot I - s s^T", id="entrywise-with-I"),
        pytest.param(r"\operatorname{diag}(s) - s s^T + s s^T - s s^T", id="terms-cancelling"),
        pytest.param(r"np.diag(s) - np.outer(s, s)", id="numpy-in-math"),
    ],
)
def test_right_forms_state_the_whole_jacobian(tmp_path: Path, form: str) -> None:
    result = _softmax(tmp_path, form)
    assert result.verdict in ACCEPTED, result.notes
    assert result.entries == EVERY_ENTRY
    assert result.claim.problem_id == "q2c"


@pytest.mark.parametrize(
    ("form", "code"),
    [
        pytest.param(r"s s^T - \operatorname{diag}(s)", "sign", id="sign"),
        pytest.param(r"\operatorname{diag}(s)", "diagonal-only", id="diag-alone"),
        pytest.param(r"I - s s^T", "identity-for-diag", id="identity-for-diag"),
        pytest.param(r"I - \mathbf{1} s^T", "other-jacobian", id="log-softmax-jacobian"),
        pytest.param(r"-s s^T", None, id="outer-alone"),
        pytest.param(r"\operatorname{diag}(s)(I - s \mathbf{1}^T)", None, id="ones-on-wrong-side"),
        pytest.param(r"\operatorname{diag}(s) - 2 s s^T", None, id="twice-the-outer"),
    ],
)
def test_wrong_forms_are_refuted_with_the_mistake(
    tmp_path: Path, form: str, code: str | None
) -> None:
    result = _softmax(tmp_path, form)
    assert result.verdict is Verdict.REFUTED
    assert (result.diagnosis.code if result.diagnosis else None) == code


@pytest.mark.parametrize(
    ("form", "reason"),
    [
        pytest.param("s^T s", "is a scalar (1×1), not a 3×3 matrix", id="a-scalar"),
        pytest.param("s", "is a 3×1 column vector, not a 3×3 matrix", id="a-vector"),
        pytest.param("I_4 - s s^T", "has I_4, which is 4×4, not 3×3", id="another-size"),
        pytest.param(r"s \odot I - s s^T", "entry by entry", id="entrywise-shapes"),
    ],
)
def test_a_form_of_the_wrong_shape_is_refuted_with_the_reason(
    tmp_path: Path, form: str, reason: str
) -> None:
    result = _softmax(tmp_path, form)
    assert result.verdict is Verdict.REFUTED
    assert reason in result.notes[0]


def test_a_form_right_only_for_a_row_vector_is_undecided(tmp_path: Path) -> None:
    """diag(s) − sᵀ s: with the usual column s the shapes do not fit; with a row s it is the
    Jacobian. Neither accepted nor called wrong."""
    result = _softmax(tmp_path, r"\operatorname{diag}(s) - s^T s")
    assert result.verdict is Verdict.UNDECIDED
    assert "right only if s is a row vector" in result.notes[0]
    assert "adds a 3×3 matrix and a scalar (1×1)" in result.notes[0]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(r"\frac{\partial \mathbf{s}}{\partial \mathbf{z}}", id="bold-partial"),
        pytest.param(r"J_{\mathrm{softmax}}(z)", id="J-softmax"),
        pytest.param(r"\nabla_z s", id="nabla"),
        pytest.param("Ds", id="D"),
        pytest.param(r"\frac{\partial \operatorname{softmax}(z)}{\partial z}", id="softmax-of-z"),
    ],
)
def test_a_named_jacobian_needs_no_heading(tmp_path: Path, name: str) -> None:
    """Named, it answers the only problem with softmax's Jacobian, not the sigmoid's q2a
    (whose derivative people also call s')."""
    text = f"# My answers\n\n$${name} = \\operatorname{{diag}}(s) - s s^T$$\n"
    result = _result(tmp_path, Q2, text)
    assert result.claim.problem_id == "q2c"
    assert result.verdict in ACCEPTED


def test_a_bare_J_without_the_parts_heading_is_not_compared(tmp_path: Path) -> None:
    text = "# My answers\n\n$$J = s s^T - \\operatorname{diag}(s)$$\n"
    result = _result(tmp_path, Q2, text)
    assert result.verdict is Verdict.UNATTRIBUTED


def test_a_bare_J_under_another_part_is_not_compared(tmp_path: Path) -> None:
    """Under the sigmoid's heading, J is not softmax's Jacobian: not compared, not wrong."""
    result = _result(tmp_path, Q2, "## Q2 (a)\n\n$$J = \\operatorname{diag}(s) - s s^T$$\n")
    assert result.verdict is Verdict.UNATTRIBUTED
    assert "asks for no Jacobian" in result.notes[0]


def _log_softmax(tmp_path: Path, form: str, name: str = "J") -> ClaimResult:
    return _result(tmp_path, ACTIVATIONS, f"## log-softmax\n\n$${name} = {form}$$\n")


def test_the_log_softmax_jacobian(tmp_path: Path) -> None:
    result = _log_softmax(tmp_path, r"I - \mathbf{1} s^T")
    assert result.verdict in ACCEPTED
    assert len(result.entries) == 16


@pytest.mark.parametrize(
    ("form", "code"),
    [
        pytest.param(r"\operatorname{diag}(s) - s s^T", "other-jacobian", id="softmax-jacobian"),
        pytest.param(r"\mathbf{1} s^T - I", "sign", id="sign"),
        pytest.param("I", "diagonal-only", id="identity-alone"),
    ],
)
def test_wrong_log_softmax_forms(tmp_path: Path, form: str, code: str) -> None:
    result = _log_softmax(tmp_path, form)
    assert result.verdict is Verdict.REFUTED
    assert result.diagnosis is not None and result.diagnosis.code == code


def test_softmax_named_is_not_compared_with_log_softmax(tmp_path: Path) -> None:
    result = _log_softmax(tmp_path, r"I - \mathbf{1} s^T", r"\frac{\partial s}{\partial z}")
    assert result.verdict is Verdict.UNATTRIBUTED
    assert "names the Jacobian of softmax" in result.notes[0]


def test_log_softmax_named(tmp_path: Path) -> None:
    name = r"\frac{\partial \log \mathbf{s}}{\partial \mathbf{z}}"
    result = _log_softmax(tmp_path, r"I - \mathbf{1}\mathbf{s}^\top", name)
    assert result.verdict in ACCEPTED


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("```python\nJ = np.diag(s) - np.outer(s, s)\n```", id="code-fence"),
        pytest.param("```python\nds_dz = np.diag(s) - np.outer(s, s)\n```", id="code-ds-dz"),
        pytest.param("`J = diag(s) - s s^T`", id="inline-code"),
        pytest.param("J = diag(s) - s s^T", id="plain-line"),
        pytest.param("- ds/dz = diag(s) - s s^T", id="plain-list-item"),
    ],
)
def test_plain_text_and_code(tmp_path: Path, body: str) -> None:
    result = _result(tmp_path, Q2, f"## Q2 (c)\n\n{body}\n")
    assert result.verdict in ACCEPTED
    assert result.entries == EVERY_ENTRY


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("```python\nJ = np.outer(s, s) - np.diag(s)\n```", id="code-sign"),
        pytest.param("J = diag(s)", id="plain-diag-alone"),
    ],
)
def test_wrong_plain_text_and_code(tmp_path: Path, body: str) -> None:
    assert _result(tmp_path, Q2, f"## Q2 (c)\n\n{body}\n").verdict is Verdict.REFUTED


def test_numpy_matmul_is_not_read_as_the_outer_product(tmp_path: Path) -> None:
    """``s @ s.T`` on NumPy's usual 1-D s is the inner product: never accepted."""
    text = "## Q2 (c)\n\n```python\nJ = np.diag(s) - s @ s.T\n```\n"
    assert not any(r.verdict in ACCEPTED for r in _results(tmp_path, Q2, text))


def test_the_transposed_log_softmax_jacobian_is_undecided(tmp_path: Path) -> None:
    """I − s 1ᵀ is the Jacobian in the denominator layout: a convention, not a mistake; but
    not the problem's layout either. Neither accepted nor called wrong."""
    result = _log_softmax(tmp_path, r"I - s \mathbf{1}^T")
    assert result.verdict is Verdict.UNDECIDED
    assert "denominator layout" in result.notes[0]


def test_a_form_not_compared_leaves_the_jacobian_missing(tmp_path: Path) -> None:
    """A bare J outside the part's heading answers nothing: the Jacobian is still missing."""
    solutions = _solved(Q2)
    path = tmp_path / "answers.md"
    path.write_text("# My answers\n\n$$J = \\operatorname{diag}(s) - s s^T$$\n", encoding="utf-8")
    report = check_answers(solutions, attribute(read_answers(path), solutions.problem_set))
    assert "q2c" in {missing.problem_id for missing in report.missing}
