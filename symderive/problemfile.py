"""Problem files: YAML → typed, validated problems, every complaint placed at file:line:col.

One table of key specifications (``schema.TOP_LEVEL_KEYS``, ``schema.PROBLEM_KEYS`` and each
kind's keys in ``KINDS``) drives both the checks here and the JSON Schema in ``schema.py``, so the
editor's validation and the tool's cannot disagree. A new kind plugs in with one ``KindSpec``:
its keys and a builder that turns the checked fields into a problem object.
"""

from __future__ import annotations

import re
from pathlib import Path

from symderive.errors import ProblemFileError
from symderive.fields import check_keys, did_you_mean, located_error, problem_points
from symderive.kinds import KINDS
from symderive.problem import Problem, ProblemSet
from symderive.schema import ID_PATTERN, PROBLEM_KEYS, TOP_LEVEL_KEYS
from symderive.yamlnode import YamlMapping, YamlNode, YamlScalar, YamlSequence, describe
from symderive.yamlsource import load_yaml_file, load_yaml_text

PLANNED_KINDS: tuple[str, ...] = ()


# --- loading ------------------------------------------------------------------------------------


def _problem(node: YamlNode, index: int) -> Problem:
    if not isinstance(node, YamlMapping):
        raise located_error(
            f"each problem must be a mapping (id: …, kind: …), not {describe(node)}", node
        )
    kind_node = node.get("kind")
    if kind_node is None:  # unknown keys first (a misspelt 'kind' gets its did-you-mean)
        every_key = PROBLEM_KEYS + tuple(key for kind in KINDS.values() for key in kind.keys)
        check_keys(node, tuple({key.name: key for key in every_key}.values()), f"problem {index}")
    assert kind_node is not None  # check_keys refuses a problem without one
    if not isinstance(kind_node, YamlScalar) or not isinstance(kind_node.value, str):
        raise located_error(f"'kind' must be a string, not {describe(kind_node)}", kind_node)
    kind = kind_node.value
    if kind in PLANNED_KINDS:
        supported = ", ".join(KINDS)
        raise located_error(
            f"kind {kind!r} is not supported yet (supported: {supported})", kind_node
        )
    if kind not in KINDS:
        hint = did_you_mean(kind, [*KINDS, *PLANNED_KINDS]) or f" (known: {', '.join(KINDS)})"
        raise located_error(f"unknown kind {kind!r}{hint}", kind_node)
    id_node = node.get("id")
    what = f"problem {id_node.text!r}" if isinstance(id_node, YamlScalar) else f"problem {index}"
    fields = check_keys(node, PROBLEM_KEYS + KINDS[kind].keys, what)
    problem_id = fields.text("id") or ""
    if not re.fullmatch(ID_PATTERN, problem_id):
        raise located_error(
            f"the id {problem_id!r} may hold only letters, digits, - and _", fields.values["id"]
        )
    return KINDS[kind].build(fields, problem_id, node.location)


MAX_PROBLEMS = 200
"""Problems in one file: a course file has a handful; each problem costs derivation time."""


def problem_set_from_yaml(root: YamlNode, path: str) -> ProblemSet:
    """Check a loaded YAML tree and build the problem set it describes."""
    if not isinstance(root, YamlMapping):
        raise located_error(
            f"a problem file must be a mapping (title:, problems: …), not {describe(root)}", root
        )
    fields = check_keys(root, TOP_LEVEL_KEYS, "the problem file")
    items = fields.values["problems"]
    assert isinstance(items, YamlSequence)
    if not items.items:
        raise located_error("'problems' is empty; a problem file holds at least one problem", items)
    if len(items.items) > MAX_PROBLEMS:
        raise located_error(
            f"'problems' lists {len(items.items):,} problems; at most {MAX_PROBLEMS} are allowed "
            "in one file",
            items.items[MAX_PROBLEMS],
        )
    problems: list[Problem] = []
    seen: dict[str, YamlNode] = {}
    for index, item in enumerate(items.items, start=1):
        problem = _problem(item, index)
        assert isinstance(item, YamlMapping)
        id_node = item.get("id")
        assert id_node is not None
        if problem.id in seen:
            first = seen[problem.id].location.line
            raise located_error(
                f"duplicate problem id {problem.id!r} (first on line {first})", id_node
            )
        seen[problem.id] = id_node
        problems.append(problem)
    return ProblemSet(
        path=path,
        title=fields.text("title"),
        points=problem_points(fields),
        statement=fields.text("statement"),
        problems=tuple(problems),
    )


def load_problem_text(text: str, filename: str) -> ProblemSet:
    """Load a problem file from text; ``filename`` is what error messages call it."""
    return problem_set_from_yaml(load_yaml_text(text, filename), filename)


def load_problem_file(path: str | Path) -> ProblemSet:
    """Load a problem file from disk; every failure is a located ``InputError``."""
    return problem_set_from_yaml(load_yaml_file(path), str(path))


def load_problem_files(paths: list[Path]) -> ProblemSet:
    """Several problem files as one set (a homework answering Q1 to Q3 is checked at once).

    Problem ids must be unique across the files: a repeated id is an error at its second place.
    """
    sets = [load_problem_file(path) for path in paths]
    if len(sets) == 1:
        return sets[0]
    seen: dict[str, str] = {}
    for problem_set in sets:
        for problem in problem_set.problems:
            if problem.id in seen:
                raise ProblemFileError(
                    f"problem id {problem.id!r} is also used in {seen[problem.id]}; ids must be "
                    "unique across the problem files checked together",
                    problem.location,
                )
            seen[problem.id] = problem_set.path
    every_points = [problem_set.points for problem_set in sets]
    return ProblemSet(
        path=" + ".join(problem_set.path for problem_set in sets),
        title="; ".join(problem_set.title or problem_set.path for problem_set in sets),
        points=sum(every_points) if all(p is not None for p in every_points) else None,  # type: ignore[arg-type]
        statement=None,
        problems=tuple(problem for problem_set in sets for problem in problem_set.problems),
    )
