"""Imports point downward only: parse → problem → derive → check → render → grade → cli.

Data moves one way through symderive, and so may its imports: a module imports from its own
layer or the layers before it, never after. So loading a problem file never loads the solvers
(or NumPy), and the checker never reaches into a renderer. Grade comes after render because a
student's feedback is a rendered check report (``grade/feedback.py`` builds document blocks,
``grade/classroom.py`` typesets them). Every import counts, also one inside a function (a lazy
import is still a dependency) and one under ``TYPE_CHECKING``. Every module must be given a
layer here, so a new module is placed on purpose.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "symderive"
ROOT = PACKAGE.parent

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundation",
        (
            "symderive",  # the package itself: __version__
            "symderive.errors",
            "symderive.budget",
            "symderive.functions",  # the function whitelist the parsers read
            "symderive.output",  # writing files atomically
            "symderive.inputfile",  # reading untrusted files within a size limit
        ),
    ),
    ("parse", ("symderive.parsing",)),
    (
        "problem",
        (
            "symderive.kinds",
            "symderive.problem",
            "symderive.problemfile",
            "symderive.inline_problem",
            "symderive.fields",
            "symderive.schema",
            "symderive.yamlnode",
            "symderive.yamlsource",
            "symderive.activation_names",
            "symderive.datafiles",
        ),
    ),
    ("derive", ("symderive.derive", "symderive.solve")),
    ("check", ("symderive.check",)),
    ("render", ("symderive.render",)),
    ("grade", ("symderive.grade",)),
    ("cli", ("symderive.cli", "symderive.__main__")),
)


@dataclass(frozen=True)
class Import:
    """One ``import`` or ``from … import`` of a symderive module, and where it is written."""

    importer: str
    line: int
    target: str
    text: str


def module_name(path: Path) -> str:
    """``symderive/check/claim.py`` → ``symderive.check.claim`` (a package: its own name)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    """The index of the layer holding ``module``: the longest matching prefix wins."""
    best: tuple[int, int] | None = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module == prefix or module.startswith(prefix + ".")
            if inside and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return None if best is None else best[1]


def imports_of(importer: str, source: str, *, is_package: bool = False) -> list[Import]:
    """Every symderive import in a module's source, at any depth (in functions, in
    ``TYPE_CHECKING`` blocks)."""
    package = importer if is_package else importer.rpartition(".")[0]
    found = []
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source, importer)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            targets = [f"{module}.{alias.name}" for alias in node.names]
            # ``from symderive.check import claim`` imports the module ``claim``; a name that is
            # not a module (``from symderive.check.claim import Claim``) falls back to ``module``.
            targets = [t if _is_module(t) else module for t in targets]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        text = lines[node.lineno - 1][node.col_offset :]  # get_source_segment re-splits each time
        found += [
            Import(importer, node.lineno, target, text)
            for target in dict.fromkeys(targets)
            if target == "symderive" or target.startswith("symderive.")
        ]
    return found


def _is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (ROOT / relative.with_suffix(".py")).is_file() or (ROOT / relative).is_dir()


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def upward_imports(importer: str, source: str, *, is_package: bool = False) -> list[str]:
    """One line per import from a later layer: module, line, the import as written."""
    own = layer_of(importer)
    assert own is not None, f"{importer} has no layer"
    found = []
    for item in imports_of(importer, source, is_package=is_package):
        target = layer_of(item.target)
        assert target is not None, f"{item.target} ({item.importer}) has no layer"
        if target > own:
            found.append(
                f"{item.importer}:{item.line} ({LAYERS[own][0]}) imports {item.target} "
                f"({LAYERS[target][0]}): {item.text}"
            )
    return found


def test_every_module_has_a_layer() -> None:
    unplaced = [module_name(path) for path in modules() if layer_of(module_name(path)) is None]
    assert unplaced == [], f"give these modules a layer in LAYERS: {unplaced}"


def test_imports_point_downward_only() -> None:
    found = [
        line
        for path in modules()
        for line in upward_imports(
            module_name(path),
            path.read_text(encoding="utf-8"),
            is_package=path.name == "__init__.py",
        )
    ]
    assert found == [], "imports from a later layer:\n" + "\n".join(found)


def test_an_upward_import_is_found() -> None:
    """The scan itself: a lazy import of a renderer from a kind module is named with its line."""
    source = "import sympy\n\ndef f() -> None:\n    from ..render.document import Block\n"
    assert upward_imports("symderive.kinds.planted", source) == [
        "symderive.kinds.planted:4 (problem) imports symderive.render.document (render): "
        "from ..render.document import Block"
    ]


def test_imports_under_type_checking_count() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import symderive.grade\n"
    assert upward_imports("symderive.check.planted", source) == [
        "symderive.check.planted:3 (check) imports symderive.grade (grade): import symderive.grade"
    ]


def test_imports_from_earlier_layers_pass() -> None:
    source = "from symderive.parsing import names\nfrom symderive import errors, __version__\n"
    assert upward_imports("symderive.check.planted", source) == []


def test_relative_and_package_imports_resolve() -> None:
    """``from symderive.derive import collapse`` names the module, not the package."""
    assert layer_of("symderive.derive.collapse") == layer_of("symderive.solve")
    assert layer_of("symderive.kinds.activation") == layer_of("symderive.problemfile")
    assert layer_of("symderive") == 0
    assert layer_of("symderive_other") is None


NO_NUMPY = """
import json, sys
from symderive.errors import SymderiveError
from symderive.problemfile import load_problem_file
loaded = ("numpy", "symderive.derive", "symderive.solve")
found = {}
for path in sys.argv[1:]:
    try:
        load_problem_file(path)
    except SymderiveError:
        pass
    found[path] = sorted(name for name in loaded if name in sys.modules)
print(json.dumps(found))
"""
LOADED = [
    "problems/q4.yaml",
    "problems/q1.yaml",
    "problems/q2.yaml",
    "tests/data/broken/unknown_key.yaml",
    "tests/data/broken/invalid_utf8.yaml",
]


@pytest.fixture(scope="module")
def loaded_after() -> dict[str, list[str]]:
    """What one fresh interpreter has imported after loading each file in turn (one child for
    all: what loading any file imports stays imported, so the list only grows)."""
    result = subprocess.run(
        [sys.executable, "-c", NO_NUMPY, *LOADED],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return dict(json.loads(result.stdout))


@pytest.mark.parametrize("problem_file", LOADED)
def test_loading_a_problem_file_does_not_load_numpy_or_the_solvers(
    problem_file: str, loaded_after: dict[str, list[str]]
) -> None:
    assert loaded_after[problem_file] == []


def test_no_two_classes_share_a_name() -> None:
    """One name, one concept: a reader (and a grep) never has to ask which ``Proof`` is meant."""
    places: dict[str, list[str]] = {}
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ClassDef):
                places.setdefault(node.name, []).append(f"{module_name(path)}:{node.lineno}")
    shared = {name: where for name, where in places.items() if len(where) > 1}
    assert shared == {}, f"classes defined more than once: {shared}"
