"""Fuzzing the problem-file loader: a problem set or a located SymderiveError, nothing else.

Text goes through a real file (``load_problem_file``), as the CLI reads it: random text, random
bytes, and structured files of real keys with random values.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st
from profiles import fuzz_settings, hang_alarm
from vocabulary import formula_text

from symderive.errors import SymderiveError
from symderive.problem import ProblemSet
from symderive.problemfile import load_problem_file

KINDS = ["partials", "activation", "linear-collapse", "convolution", "telepathy", ""]
KEYS = [
    "id", "kind", "expression", "wrt", "at", "points", "statement", "symbols", "function",
    "parameters", "layers", "dims", "activation", "kernels", "image", "size", "plot", "expresion",
]  # fmt: skip

scalars = st.one_of(
    formula_text,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "~", "true", "1e999", ".nan", "-.inf", "0x1F", "'quoted'", "[]", "{}"]),
)
values: st.SearchStrategy[object] = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from([*KEYS, "x1", "x2"]), children, max_size=4),
    ),
    max_leaves=12,
)
problems = st.fixed_dictionaries(
    {"id": st.text(max_size=8), "kind": st.sampled_from(KINDS)},
    optional={key: values for key in KEYS if key not in ("id", "kind")},
)
problem_files = st.fixed_dictionaries(
    {"problems": st.lists(problems, max_size=3)},
    optional={"title": scalars, "points": scalars, "statement": scalars},
)


def _loads_or_is_located(path: Path) -> None:
    with hang_alarm():
        try:
            result = load_problem_file(path)
        except SymderiveError as error:
            assert error.exit_code == 2
            assert error.location is not None and error.location.file is not None
            return
    assert isinstance(result, ProblemSet)


@fuzz_settings(200)
@given(text=st.text(max_size=400))
@example(text="problems: [" * 100)
@example(text="a: " + "[" * 10_000)
def test_random_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _loads_or_is_located(path)


@fuzz_settings(200)
@given(data=st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    _loads_or_is_located(path)


@fuzz_settings(50)
@given(document=problem_files, flow=st.booleans())
def test_structured_problem_files(tmp_path: Path, document: dict[str, object], flow: bool) -> None:
    """Real keys with random values, written as JSON (valid YAML) or as block YAML."""
    text = json.dumps(document, ensure_ascii=False) if flow else _block(document, 0)
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _loads_or_is_located(path)


def _block(value: object, indent: int) -> str:
    """Block-style YAML for nested dicts and lists, with every scalar JSON-quoted."""
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}\n"
        return "".join(
            f"{pad}{json.dumps(key)}:\n{_block(item, indent + 1)}" for key, item in value.items()
        )
    if isinstance(value, list):
        if not value:
            return f"{pad}[]\n"
        return "".join(f"{pad}-\n{_block(item, indent + 1)}" for item in value)
    return f"{pad}{json.dumps(value, ensure_ascii=False)}\n"


BUNDLED = Path(__file__).resolve().parents[2] / "problems"
SOURCES = {
    name: (BUNDLED / name).read_text(encoding="utf-8")
    for name in ("q1.yaml", "q2.yaml", "q3.yaml", "activations.yaml")
}
PIECES = [
    "",
    " ",
    "\n",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "&a ",
    "*a",
    "<<: ",
    "#",
    "\t",
    "x1",
    "^",
    "9^9^9",
    "__import__",
    "\\frac{",
    "---\n",
    "!!python/name:os.system",
]


@fuzz_settings(150)
@given(
    name=st.sampled_from(sorted(SOURCES)),
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 40), st.sampled_from(PIECES)), max_size=4
    ),
)
def test_mutated_bundled_problems(
    tmp_path: Path, name: str, edits: list[tuple[float, int, str]]
) -> None:
    """The course's own files with a few characters cut or inserted: deep into every kind."""
    text = SOURCES[name]
    for where, cut, piece in edits:
        start = int(where * len(text))
        text = text[:start] + piece + text[start + cut :]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    _loads_or_is_located(path)
