"""Points and mistake credit, read from the problem files: per file, per problem, per part.

A *question* is one problem file (the course's Q1 … Q5); its problems share the file's
``points`` (problems without ``points`` split what the others leave, evenly); a problem's
*parts* are the derivatives it asks for (``targets_of``), which share the problem's points the
same way, with ``part_points: {x1: 2}`` fixing some of them. A problem that asks for no
derivative (a proof, such as ``linear-collapse``) is one part, earned by its step chains and
statements. ``credit: {sign: 0.5}`` (file or problem level; the problem's entries win) gives
that fraction of a part's points to an answer refuted with that diagnosis; none by default.

Points are exact ``Fraction`` values, so 10/3 + 10/3 + 10/3 is 10 and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from symderive.check.kinds import targets_of
from symderive.check.mistakes import DiagnosisCode
from symderive.fields import did_you_mean, exact_number, located_error
from symderive.parsing.names import normalise_name
from symderive.problem import ProblemSet
from symderive.schema import is_string
from symderive.solve import SolutionSet
from symderive.yamlnode import YamlMapping, YamlNode, YamlScalar, YamlSequence
from symderive.yamlsource import load_yaml_file

WHOLE_PROBLEM = "all"
"""The one part of a problem that asks for no derivative."""
DEFAULT_PROBLEM_POINTS = Fraction(1)
"""What a problem is worth when neither it nor its file gives points."""


@dataclass(frozen=True)
class Part:
    """One derivative a problem asks for (``key`` as the checker's targets name it)."""

    key: str
    name: str
    points: Fraction
    by_entries: bool = False
    """A matrix (softmax's Jacobian) whose entries are answered one claim each: one wrong entry
    beside right ones is an incomplete answer, not two answers that contradict each other."""
    entries: int = 0
    """How many entries the matrix has: the part is complete only when claims state them all."""


@dataclass(frozen=True)
class ProblemPoints:
    """A problem's points, its parts and the credit its diagnosed mistakes earn."""

    problem_id: str
    points: Fraction
    parts: tuple[Part, ...]
    credit: Mapping[str, Fraction] = field(default_factory=dict)

    @property
    def whole(self) -> bool:
        """True for a problem without derivatives, scored on its chains and statements."""
        return len(self.parts) == 1 and self.parts[0].key == WHOLE_PROBLEM


@dataclass(frozen=True)
class Question:
    """One problem file: its column name in the CSV (the file's stem) and its problems."""

    name: str
    path: str
    title: str | None
    points: Fraction
    problems: tuple[ProblemPoints, ...]


@dataclass(frozen=True)
class Scheme:
    """How a whole class is scored: the questions in the order given."""

    questions: tuple[Question, ...]

    @property
    def points(self) -> Fraction:
        return sum((question.points for question in self.questions), Fraction(0))

    def problem(self, problem_id: str) -> ProblemPoints | None:
        for question in self.questions:
            for problem in question.problems:
                if problem.problem_id == problem_id:
                    return problem
        return None


def _fraction(node: YamlNode, what: str) -> Fraction:
    value = exact_number(node, what)
    if value < 0:
        raise located_error(f"{what} must be 0 or more", node)
    return Fraction(int(value.p), int(value.q))


def _split(
    total: Fraction, given: dict[str, Fraction], names: list[str], total_node: YamlNode | None
) -> dict[str, Fraction]:
    """``total`` over ``names``: the given ones as given, the rest evenly over the others."""
    fixed = sum(given.values(), Fraction(0))
    open_names = [name for name in names if name not in given]
    if fixed > total and total_node is not None:
        raise located_error(f"the parts' points add up to {fixed}, more than {total}", total_node)
    if not open_names and fixed != total and total_node is not None:
        raise located_error(f"the parts' points add up to {fixed}, not {total}", total_node)
    share = (total - fixed) / len(open_names) if open_names else Fraction(0)
    return {name: given.get(name, share) for name in names}


def credit_of(node: YamlNode | None, inherited: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """A ``credit:`` mapping over the inherited one; each code known, each value in [0, 1]."""
    credit = dict(inherited)
    if node is None:
        return credit
    assert isinstance(node, YamlMapping)  # check_keys checked the type when loading
    for key, value in node.items:
        code = key.value if isinstance(key, YamlScalar) and is_string(key) else None
        known = [mistake.value for mistake in DiagnosisCode]
        if code not in known:
            hint = did_you_mean(str(code or ""), known) or f" (known: {', '.join(known)})"
            shown = key.text if isinstance(key, YamlScalar) else "?"
            raise located_error(f"unknown mistake {shown!r} in 'credit'{hint}", key)
        amount = _fraction(value, f"the credit for {code!r}")
        if amount > 1:
            raise located_error(f"the credit for {code!r} is a fraction from 0 to 1", value)
        credit[code] = amount
    return credit


def _part_points(
    node: YamlNode | None, keys: list[str], problem_id: str
) -> tuple[dict[str, Fraction], YamlNode | None]:
    if node is None:
        return {}, None
    assert isinstance(node, YamlMapping)
    if keys == [WHOLE_PROBLEM]:
        raise located_error(
            f"problem {problem_id!r} asks for no derivative, so it has no parts to give points",
            node,
        )
    given: dict[str, Fraction] = {}
    for key, value in node.items:
        text = key.text if isinstance(key, YamlScalar) else ""
        name = normalise_name(text)
        if name not in keys:
            hint = did_you_mean(name, keys) or f" (its parts: {', '.join(keys)})"
            raise located_error(f"problem {problem_id!r} has no part {text!r}{hint}", key)
        given[name] = _fraction(value, f"the points of part {text!r}")
    return given, node


def _problem_nodes(root: YamlNode) -> dict[str, YamlMapping]:
    assert isinstance(root, YamlMapping)
    items = root.get("problems")
    found: dict[str, YamlMapping] = {}
    for item in items.items if isinstance(items, YamlSequence) else ():
        id_node = item.get("id") if isinstance(item, YamlMapping) else None
        if isinstance(item, YamlMapping) and isinstance(id_node, YamlScalar):
            found[id_node.text] = item
    return found


def question_of(path: Path, problem_set: ProblemSet, solutions: SolutionSet) -> Question:
    """The points of one problem file, already loaded and solved (its YAML is read again for
    the positions of ``points``, ``part_points`` and ``credit``)."""
    root = load_yaml_file(path)
    assert isinstance(root, YamlMapping)
    nodes = _problem_nodes(root)
    file_credit = credit_of(root.get("credit"), {})
    file_points_node = root.get("points")
    ids = [problem.id for problem in problem_set.problems]
    given = {
        problem.id: Fraction(int(problem.points.p), int(problem.points.q))
        for problem in problem_set.problems
        if problem.points is not None
    }
    if file_points_node is None:
        total = sum(given.values(), Fraction(0)) + DEFAULT_PROBLEM_POINTS * (len(ids) - len(given))
    else:
        total = _fraction(file_points_node, "'points'")
    problem_points = _split(total, given, ids, file_points_node)
    by_id = {solution.problem.id: solution for solution in solutions.solutions}
    problems = []
    for problem_id in ids:
        node = nodes[problem_id]
        targets = targets_of(by_id[problem_id])
        keys = [target.key for target in targets] or [WHOLE_PROBLEM]
        names = {target.key: target.name for target in targets} or {WHOLE_PROBLEM: "the whole"}
        matrices = {
            target.key: len(target.jacobian.logits) ** 2
            for target in targets
            if target.jacobian is not None
        }
        part_given, part_node = _part_points(node.get("part_points"), keys, problem_id)
        share = _split(problem_points[problem_id], part_given, keys, part_node)
        problems.append(
            ProblemPoints(
                problem_id,
                problem_points[problem_id],
                tuple(
                    Part(key, names[key], share[key], key in matrices, matrices.get(key, 0))
                    for key in keys
                ),
                credit_of(node.get("credit"), file_credit),
            )
        )
    return Question(path.stem, str(path), problem_set.title, total, tuple(problems))
