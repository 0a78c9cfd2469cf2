"""The hostile-input corpus: what students (or anyone) might feed symderive, and what must happen.

Each ``Case`` is a command line plus the files it reads, and the one correct outcome: exit code 2
with ``error: FILE:LINE:COL:`` naming the offending file, or exit code 1 with the word the report
must contain (an answer that cannot be read is an ``unparsed`` claim, not a file error), or exit
code 0 where the input is harmless after all (``factorial(10^9)`` is the product of a name and a
number, with a warning). Every injection payload tries to create the file ``{marker}``; the tests
assert that it never exists. Large inputs are generated at test time (``Generated``), never stored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

MARKER = "{marker}"
"""Replaced by the path of a file in the case's folder that no case may ever create."""

PROBLEM_NAME = "problem.yaml"
PROBLEM = 'problems:\n  - id: q\n    kind: partials\n    expression: "z = x1*x2 + x3^2"\n'
"""The problem every answer case is checked against: three derivatives, x2, x1 and 2·x3."""

Generated = Callable[[Path], None]
"""Writes a (large) file at the given path; run at test time into tmp_path."""

Content = str | bytes | Generated


@dataclass(frozen=True)
class Case:
    """One hostile input and its one correct outcome."""

    id: str
    arguments: tuple[str, ...]
    """The command line; ``{dir}`` is the case's folder (files are written there first)."""
    files: dict[str, Content] = field(default_factory=dict)
    exit_code: int = 2
    located: str | None = None
    """For exit code 2: what ``FILE`` in ``error: FILE:LINE:COL:`` must be (``{dir}`` expanded);
    None for usage errors that Click reports (no file to point into)."""
    whole_file: bool = False
    """The error is about the file itself (missing, a folder, an unknown suffix): there is no
    line to point at, so the prefix is ``error: FILE: ``."""
    expect: str | None = None
    """Text that must appear in the output (stdout and stderr together)."""
    subprocess: bool = False
    """Also run in a real process with its peak memory measured."""


# --- payloads --------------------------------------------------------------------------------

INJECTIONS: dict[str, str] = {
    "import-os-system": "__import__('os').system('touch {marker}')",
    "import-double-quotes": '__import__("os").system("touch {marker}")',
    "open-write": "open('{marker}', 'w').write('pwned')",
    "exec-string": "exec(\"open('{marker}','w')\")",
    "eval-string": "eval(\"open('{marker}','w')\")",
    "class-bases": "().__class__.__bases__",
    "subclasses": "().__class__.__base__.__subclasses__()[0]",
    "mro-walk": "x.__class__.__mro__[1].__subclasses__()",
    "lambda-call": "(lambda: open('{marker}','w'))()",
    "lambda-plain": "lambda x: x",
    "f-string": 'f\'{{open("{marker}","w")}}\'',
    "globals-builtins": "globals()['__builtins__']",
    "sympify-call": "sympify(\"open('{marker}','w')\")",
    "attribute-access": "x1.__init__.__globals__",
    "import-statement": "import os; os.system('touch {marker}')",
    "statement-suffix": "x1; __import__('os').system('touch {marker}')",
    "comprehension": "[c for c in ().__class__.__bases__]",
    "getattr": "getattr(x1, '__class__')",
    "os-system": "os.system('touch {marker}')",
    "subprocess": "subprocess.call(['touch', '{marker}'])",
    "shell-substitution": "$(touch {marker})",
    "backticks": "`touch {marker}`",
    "shell-pipe": "x1 | touch {marker}",
    "builtins-open": "__builtins__.open('{marker}','w')",
    "walrus": "(y := open('{marker}','w'))",
    "dunder-name": "__x1__ + 1",
}

LATEX_INJECTIONS: dict[str, str] = {
    "input-file": "\\input{/etc/passwd}",
    "write18": "\\write18{touch {marker}}",
    "immediate-write18": "\\immediate\\write18{touch {marker}}",
    "recursive-def": "\\def\\x{\\x\\x}\\x",
    "newcommand-bomb": "\\newcommand{\\a}{\\a\\a}\\a",
    "csname": "\\csname open\\endcsname",
    "catcode": "\\catcode`\\$=11 x",
    "openout": "\\openout1={marker}",
}

BOMBS: dict[str, str] = {
    "power-tower": "9^9^9^9",
    "huge-exponent": "x1^(10^10)",
    "power-of-power": "2^(2^20)",
    "many-digit-power": "99999999999999999999^9999",
    "rational-power": "(2/3)^9999",
    "decimal-power": "2.5^9999",
    "coefficient-power": "(10 x1)^9999",
    "fraction-coefficient-power": "(2/3 x1)^9999",
    "big-constant": "x1 + 10^5000",
    "product-of-powers": "10^400*10^400*10^400*x1",
    "negative-power-tower": "10^-100000",
    "long-number": "x1 + " + "9" * 500,
    "symbolic-big-exponent": "x1^10001",
    "zero-division": "x1/(x2-x2)",
    "zero-negative-power": "0^-1",
    "log-of-zero": "log(0)",
    "superscript-tower": "x1^99999⁹",
    "expanded-big-sum": "(x1 + 10^990)^5*x2",
    "expanded-binomial": "(x1 + 2)^10000",
}

NESTING_DEPTH = 10_000
EXPRESSION_LENGTH = 1_000_000


def _deep(depth: int = NESTING_DEPTH) -> str:
    return "(" * depth + "x1" + ")" * depth


def _long(length: int = EXPRESSION_LENGTH) -> str:
    return ("x1+" * (length // 3))[: length - 2] + "x2"


GENERATED_EXPRESSIONS: dict[str, Callable[[], str]] = {
    "nested-10k": _deep,
    "brackets-10k": lambda: "[" * NESTING_DEPTH + "x1" + "]" * NESTING_DEPTH,
    "unary-minus-10k": lambda: "-" * NESTING_DEPTH + "x1",
    "function-nesting": lambda: "exp(" * 2000 + "x1" + ")" * 2000,
    "power-chain": lambda: "x1" + "^x1" * 3000,
    "length-1e6": _long,
    "length-10001": lambda: "x" * 10_001,
}


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _problem_with(expression: str) -> str:
    return f"problems:\n  - id: q\n    kind: partials\n    expression: {_quoted(expression)}\n"


def _solve(name: str = PROBLEM_NAME) -> tuple[str, ...]:
    return ("solve", f"{{dir}}/{name}", "--format", "json")


def _check(answers: str) -> tuple[str, ...]:
    return ("check", f"{{dir}}/{PROBLEM_NAME}", f"{{dir}}/{answers}")


# --- problem files ---------------------------------------------------------------------------


def _problem_expression_cases() -> Iterator[Case]:
    """Hostile text as a problem's expression: always a located error in the problem file."""
    where = f"{{dir}}/{PROBLEM_NAME}"
    for name, payload in {**INJECTIONS, **BOMBS}.items():
        yield Case(
            f"problem-expression-{name}",
            _solve(),
            {PROBLEM_NAME: _problem_with(payload)},
            located=where,
        )
    for name, make in GENERATED_EXPRESSIONS.items():
        text = make()
        yield Case(
            f"problem-expression-{name}",
            _solve(),
            {PROBLEM_NAME: _problem_with(text)},
            located=where,
            subprocess=name == "nested-10k",
        )
    for name, payload in LATEX_INJECTIONS.items():
        yield Case(
            f"problem-expression-latex-{name}",
            _solve(),
            {PROBLEM_NAME: _problem_with(payload)},
            located=where,
        )
    yield Case(
        "problem-expression-unknown-function",
        _solve(),
        {PROBLEM_NAME: _problem_with("factorial(10^9) + x1")},
        exit_code=0,
        expect="not a known function",
    )
    yield Case(
        "problem-expression-gamma-name",
        _solve(),
        {PROBLEM_NAME: _problem_with("gamma(10^9)*x1")},
        exit_code=0,
        expect="not a known function",
    )


def _problem_field(key_text: str) -> str:
    return "problems:\n  - id: q\n    kind: partials\n" + key_text


PROBLEM_FIELDS: dict[str, tuple[str, str | None]] = {
    # name: (YAML text, expected text in the output)
    "wrt-injection": (
        "    expression: \"z = x1*x2\"\n    wrt: [\"__import__('os').system('touch {marker}')\"]\n",
        None,
    ),
    "wrt-unknown": ('    expression: "z = x1*x2"\n    wrt: [x9]\n', "x9"),
    "at-injection": (
        '    expression: "z = x1*x2"\n    at: {x1: "__import__(\'os\')", x2: 1}\n',
        None,
    ),
    "at-huge-exponent": ('    expression: "z = x1*x2"\n    at: {x1: 1e999999, x2: 1}\n', None),
    "at-long-number": (
        '    expression: "z = x1*x2"\n    at: {x1: ' + "9" * 5000 + ", x2: 1}\n",
        None,
    ),
    "at-nan": ('    expression: "z = x1*x2"\n    at: {x1: .nan, x2: 1}\n', None),
    "at-infinity": ('    expression: "z = x1*x2"\n    at: {x1: .inf, x2: 1}\n', None),
    "at-missing-variable": ('    expression: "z = x1*x2"\n    at: {x1: 1}\n', None),
    "at-list": ('    expression: "z = x1*x2"\n    at: [1, 2]\n', None),
    "expression-list": ("    expression: [x1, x2]\n", None),
    "expression-mapping": ("    expression: {a: 1}\n", None),
    "expression-null": ("    expression:\n", None),
    "expression-empty": ('    expression: ""\n', None),
    "expression-bool": ("    expression: true\n", None),
    "unknown-key": ('    expression: "z = x1"\n    expresion: x\n', "did you mean"),
    "points-negative": ('    expression: "z = x1"\n    points: -5\n', None),
    "points-huge": ('    expression: "z = x1"\n    points: 1e400\n', None),
    "symbols-injection": ('    expression: "z = x1"\n    symbols: ["__class__"]\n', None),
    "output-clash": ('    expression: "z = z"\n', None),
}


def _problem_field_cases() -> Iterator[Case]:
    where = f"{{dir}}/{PROBLEM_NAME}"
    for name, (text, expect) in PROBLEM_FIELDS.items():
        yield Case(
            f"problem-field-{name}",
            _solve(),
            {PROBLEM_NAME: _problem_field(text)},
            located=where,
            expect=expect,
        )


def _write_large(size: int, line: bytes = b"title: a line of a far too large problem file\n"):
    def write(path: Path) -> None:
        with open(path, "wb") as stream:
            block = line * (1_048_576 // len(line))
            written = 0
            while written < size:
                stream.write(block)
                written += len(block)

    return write


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [" + ", ".join([previous] * 9) + "]")
    return "\n".join(lines) + "\n"


def _many_problems(count: int) -> str:
    item = "  - id: q{0}\n    kind: partials\n    expression: x{0}^2\n"
    return "problems:\n" + "".join(item.format(number) for number in range(count))


YAML_FILES: dict[str, Content] = {
    "empty": "",
    "only-comments": "# nothing here\n# at all\n",
    "only-whitespace": "   \n\n  \n",
    "null-document": "~\n",
    "scalar-document": "just a string\n",
    "list-document": "- 1\n- 2\n",
    "invalid-utf8": b"title: caf\xe9\nproblems: []\n",
    "invalid-utf8-late": b'problems:\n  - id: q\n    kind: partials\n    expression: "x1\xff"\n',
    "utf16-bom": "\ufefftitle: x\n".encode("utf-16"),
    "nul-byte": "title: a\x00b\nproblems: []\n",
    "control-character": "title: a\x07b\n",
    "tab-indentation": "problems:\n\t- id: q\n",
    "unclosed-quote": 'problems:\n  - id: q\n    expression: "x1 + \n',
    "unclosed-bracket": "problems: [\n  {id: q\n",
    "bad-indentation": "problems:\n  - id: q\n   kind: partials\n",
    "colon-in-value": "title: a: b\n",
    "two-documents": "title: a\n---\ntitle: b\n",
    "duplicate-top-key": "title: a\ntitle: b\nproblems: []\n",
    "duplicate-problem-key": (
        "problems:\n  - id: q\n    kind: partials\n    expression: x1\n    expression: x2\n"
    ),
    "duplicate-merge-keys": "a: &a {x: 1}\nb:\n  <<: *a\n  x: 2\n  x: 3\n",
    "unknown-kind": "problems:\n  - id: q\n    kind: telepathy\n",
    "kind-injection": "problems:\n  - id: q\n    kind: \"__import__('os')\"\n",
    "kind-missing": "problems:\n  - id: q\n    expression: x1\n",
    "problems-missing": "title: nothing to solve\n",
    "problems-empty": "problems: []\n",
    "problems-scalar": "problems: 5\n",
    "problem-not-mapping": "problems:\n  - just text\n",
    "duplicate-ids": (
        "problems:\n  - id: q\n    kind: partials\n    expression: x1\n"
        "  - id: q\n    kind: partials\n    expression: x2\n"
    ),
    "id-injection": 'problems:\n  - id: "x; rm -rf /"\n    kind: partials\n    expression: x1\n',
    "python-object-apply": "problems: !!python/object/apply:os.system ['touch {marker}']\n",
    "python-name": "problems: !!python/name:os.system\n",
    "python-module": "problems: !!python/module:os\n",
    "python-object-new": "problems: !!python/object/new:subprocess.Popen [['touch', '{marker}']]\n",
    "custom-tag": "problems: !pwn {a: 1}\n",
    "binary-tag": "title: !!binary aGVsbG8=\n",
    "recursive-alias": "a: &a [*a]\n",
    "alias-bomb": _alias_bomb(),
    "alias-bomb-mapping": "a: &a {x: 1, y: 1}\n"
    + "".join(
        f"b{i}: &b{i} {{p: *{name}, q: *{name}}}\n"
        for i, name in enumerate(["a"] + [f"b{i}" for i in range(29)])
    ),
    "deep-flow-nesting": "a: " + "[" * NESTING_DEPTH + "]" * NESTING_DEPTH + "\n",
    "deep-block-nesting": "".join("  " * level + f"k{level}:\n" for level in range(200)),
    "huge-int-key": "problems:\n  - id: q\n    kind: partials\n    expression: x1\n    points: "
    + "9" * 5000
    + "\n",
    "long-line": "title: " + "a" * 900_000 + "\n",
    "many-keys": "".join(f"k{i}: 1\n" for i in range(120_000)),
    "file-1-1mb": _write_large(1_100_000),
    "many-problems": _many_problems(250),
    "file-100mb": _write_large(100 * 1_048_576),
}

SUBPROCESS_YAML = {"alias-bomb", "file-100mb", "python-object-apply"}
"""The YAML cases whose memory or start-up matters; the rest run in-process only (a child costs
a second of start-up each)."""


def _yaml_file_cases() -> Iterator[Case]:
    where = f"{{dir}}/{PROBLEM_NAME}"
    for name, content in YAML_FILES.items():
        yield Case(
            f"problem-file-{name}",
            _solve(),
            {PROBLEM_NAME: content},
            located=where,
            subprocess=name in SUBPROCESS_YAML,
        )


DIMENSIONS: dict[str, str] = {
    "collapse-dims-mismatch": "    kind: linear-collapse\n    layers: 3\n    dims: [4, 8]\n",
    "collapse-dims-huge": (
        "    kind: linear-collapse\n    layers: 2\n    dims: [100000, 100000, 100000]\n"
    ),
    "collapse-layers-huge": "    kind: linear-collapse\n    layers: 1000000000\n",
    "collapse-layers-negative": "    kind: linear-collapse\n    layers: -1\n",
    "collapse-dims-text": "    kind: linear-collapse\n    layers: 2\n    dims: [a, b, c]\n",
    "activation-size-huge": "    kind: activation\n    function: softmax\n    size: 100000\n",
    "activation-unknown": "    kind: activation\n    function: \"__import__('os')\"\n",
    "activation-plot-huge": "    kind: activation\n    function: tanh\n    plot: [-1e300, 1e300]\n",
    "convolution-ragged": "    kind: convolution\n    kernels:\n      k: [[1, 2, 3], [1, 2]]\n",
    "convolution-even": "    kind: convolution\n    kernels:\n      k: [[1, 2], [3, 4]]\n",
    "convolution-huge-kernel": "    kind: convolution\n    kernels:\n      k: ["
    + ", ".join(["[" + ", ".join(["1"] * 101) + "]"] * 101)
    + "]\n",
    "convolution-huge-entry": "    kind: convolution\n    kernels:\n      k: [[1e400]]\n",
    "convolution-image-ragged": (
        "    kind: convolution\n    kernels:\n      k: [[1]]\n    image: [[1, 2], [3]]\n"
    ),
    "convolution-image-huge": "    kind: convolution\n    kernels:\n      k: [[1]]\n    image: ["
    + ", ".join(["[" + ", ".join(["0"] * 200) + "]"] * 200)
    + "]\n",
}


def _dimension_cases() -> Iterator[Case]:
    where = f"{{dir}}/{PROBLEM_NAME}"
    for name, body in DIMENSIONS.items():
        yield Case(
            f"problem-{name}",
            _solve(),
            {PROBLEM_NAME: "problems:\n  - id: q\n" + body},
            located=where,
        )


# --- answer files ----------------------------------------------------------------------------


def _answer_yaml(formula: str) -> str:
    return f"q:\n  dz/dx1: {_quoted(formula)}\n"


def _markdown(formula: str) -> str:
    return f"# q\n\n$$\\frac{{\\partial z}}{{\\partial x_1}} = {formula}$$\n"


def _tex(formula: str) -> str:
    return (
        "\\documentclass{article}\n\\begin{document}\n\\section{q}\n"
        f"\\[ \\frac{{\\partial z}}{{\\partial x_1}} = {formula} \\]\n\\end{{document}}\n"
    )


def _notebook(cells: list[dict[str, object]]) -> str:
    return json.dumps(
        {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1
    )


def _markdown_cell(source: str) -> dict[str, object]:
    return {"cell_type": "markdown", "id": "a1", "metadata": {}, "source": source}


def _code_cell(source: str) -> dict[str, object]:
    return {
        "cell_type": "code",
        "id": "c1",
        "metadata": {},
        "source": source,
        "execution_count": None,
        "outputs": [],
    }


ANSWER_FORMATS: dict[str, tuple[str, Callable[[str], str]]] = {
    "yaml": ("answers.yaml", _answer_yaml),
    "markdown": ("answers.md", _markdown),
    "tex": ("answers.tex", _tex),
    "notebook": ("answers.ipynb", lambda formula: _notebook([_markdown_cell(_markdown(formula))])),
}

LATEX_BOMBS: dict[str, str] = {
    "power-tower": "9^{9^{9^{9}}}",
    "huge-exponent": "x_1^{10^{10}}",
    "rational-power": "\\left(\\frac{2}{3}\\right)^{9999}",
    "coefficient-power": "(10 x_1)^{9999}",
    "big-constant": "x_2 + 10^{5000}",
    "product-of-powers": "10^{400} \\cdot 10^{400} \\cdot 10^{400} x_2",
    "long-number": "x_2 + " + "9" * 500,
}


def _answer_formula_cases() -> Iterator[Case]:
    """A hostile formula where an answer is expected: an ``unparsed`` claim, exit code 1."""
    for format_name, (file_name, wrap) in ANSWER_FORMATS.items():
        for name, payload in INJECTIONS.items():
            if format_name in {"markdown", "tex", "notebook"} and "$" in payload:
                continue  # a dollar ends the math span: the payload is then prose, not math
            # in Markdown, LaTeX and notebooks two quotes make a formula look like a rule
            # (f'(u) u'(x)): it is skipped and counted, and the answer is missing
            quoted = format_name != "yaml" and payload.count("'") >= 2
            yield Case(
                f"answer-{format_name}-{name}",
                _check(file_name),
                {PROBLEM_NAME: PROBLEM, file_name: wrap(payload)},
                exit_code=1,
                expect="were skipped" if quoted else "unparsed",
            )
        for name, payload in LATEX_BOMBS.items():
            yield Case(
                f"answer-{format_name}-{name}",
                _check(file_name),
                {PROBLEM_NAME: PROBLEM, file_name: wrap(payload)},
                exit_code=1,
                expect="unparsed",
            )
        # under the bound (601 and 592 digits): read, checked and refuted, in bounded time
        yield Case(
            f"answer-{format_name}-fraction-of-powers",
            _check(file_name),
            {PROBLEM_NAME: PROBLEM, file_name: wrap("\\frac{10^{600}}{7^{700}} x_2")},
            exit_code=1,
            expect="refuted",
        )
    for name, payload in LATEX_INJECTIONS.items():
        for format_name in ("markdown", "tex"):
            file_name, wrap = ANSWER_FORMATS[format_name]
            yield Case(
                f"answer-{format_name}-latex-{name}",
                _check(file_name),
                {PROBLEM_NAME: PROBLEM, file_name: wrap(payload)},
                exit_code=1,
                expect="unparsed",
            )
    for name in ("nested-10k", "length-1e6", "brackets-10k", "unary-minus-10k"):
        text = GENERATED_EXPRESSIONS[name]()
        yield Case(
            f"answer-yaml-{name}",
            _check("answers.yaml"),
            {PROBLEM_NAME: PROBLEM, "answers.yaml": _answer_yaml(text)},
            located="{dir}/answers.yaml" if len(text) > 900_000 else None,
            exit_code=2 if len(text) > 900_000 else 1,
            expect=None if len(text) > 900_000 else "unparsed",
        )
        braced = "{" * NESTING_DEPTH + "x_1" + "}" * NESTING_DEPTH if name == "nested-10k" else text
        yield Case(
            f"answer-markdown-{name}",
            _check("answers.md"),
            {PROBLEM_NAME: PROBLEM, "answers.md": _markdown(braced)},
            exit_code=1,
            expect="unparsed",
            subprocess=name == "nested-10k",
        )


def _notebook_code_cases() -> Iterator[Case]:
    """Code cells are read as restatements, never run: an injection there is only skipped."""
    for name in ("import-os-system", "open-write", "exec-string", "lambda-call", "subprocess"):
        payload = INJECTIONS[name].replace("{marker}", MARKER)
        yield Case(
            f"answer-notebook-code-{name}",
            _check("answers.ipynb"),
            {PROBLEM_NAME: PROBLEM, "answers.ipynb": _notebook([_code_cell(payload)])},
            exit_code=1,
            expect="missing",
        )


def _write_notebook_of_size(size: int) -> Generated:
    def write(path: Path) -> None:
        cell = _markdown_cell("a" * 1000)
        count = size // 1100 + 1
        path.write_text(_notebook([cell] * count), encoding="utf-8")

    return write


ANSWER_FILES: dict[str, tuple[str, Content, int, str | None]] = {
    # name: (file name, content, exit code, expected text for exit code 1)
    "yaml-empty": ("answers.yaml", "", 2, None),
    "yaml-invalid-utf8": ("answers.yaml", b"q:\n  dz/dx1: x\xe92\n", 2, None),
    "yaml-malformed": ("answers.yaml", "q:\n  dz/dx1: [x2\n", 2, None),
    "yaml-duplicate-keys": ("answers.yaml", "q:\n  dz/dx1: x2\n  dz/dx1: x2\n", 2, None),
    "yaml-alias-bomb": ("answers.yaml", _alias_bomb(), 2, None),
    "yaml-python-tag": (
        "answers.yaml",
        "q: !!python/object/apply:os.system ['touch {marker}']\n",
        2,
        None,
    ),
    "yaml-list-document": ("answers.yaml", "- x2\n- x1\n", 2, None),
    "yaml-answer-mapping": ("answers.yaml", "q:\n  dz/dx1: {a: 1}\n", 2, None),
    "yaml-steps-scalar": ("answers.yaml", "q:\n  steps: x2\n", 2, None),
    "yaml-key-injection": ("answers.yaml", "q:\n  \"__import__('os')\": x2\n", 1, "unparsed"),
    "yaml-unknown-problem": ("answers.yaml", "nope:\n  dz/dx1: x2\n", 1, "unattributed"),
    "yaml-100mb": ("answers.yaml", _write_large(100 * 1_048_576, b"q:  # padding\n"), 2, None),
    "markdown-empty": ("answers.md", "", 1, "missing"),
    "markdown-invalid-utf8": ("answers.md", b"# q\n$x\xff$\n", 2, None),
    "markdown-unclosed-math": ("answers.md", "# q\n$$\\frac{dz}{dx_1} = x_2\n", 1, "missing"),
    "markdown-many-formulas": ("answers.md", "$x_1$ " * 6000, 2, None),
    "markdown-deep-list": (
        "answers.md",
        "".join("  " * i + "- a\n" for i in range(2000)),
        1,
        "missing",
    ),
    "markdown-deep-quote": ("answers.md", ">" * 5000 + " $x$\n", 1, "missing"),
    "markdown-100mb": ("answers.md", _write_large(100 * 1_048_576, b"$x_1$ padding\n"), 2, None),
    "markdown-6mb": ("answers.md", _write_large(6 * 1_048_576, b"$x_1$ padding\n"), 2, None),
    "tex-unclosed-environment": (
        "answers.tex",
        "\\begin{align}\n\\frac{dz}{dx_1} = x_2\n",
        1,
        "missing",
    ),
    "tex-invalid-utf8": ("answers.tex", b"\\section{q}\n$\xc3\x28$\n", 2, None),
    "tex-comment-hides-math": ("answers.tex", "% $\\frac{dz}{dx_1} = x_2$\n", 1, "missing"),
    "tex-empty": ("answers.tex", "", 1, "missing"),
    "notebook-not-json": ("answers.ipynb", "{ this is not json", 2, None),
    "notebook-empty": ("answers.ipynb", "", 2, None),
    "notebook-truncated": ("answers.ipynb", _notebook([_markdown_cell("$x$")])[:-20], 2, None),
    "notebook-not-notebook": ("answers.ipynb", '{"a": 1}', 2, None),
    "notebook-list": ("answers.ipynb", "[1, 2, 3]", 2, None),
    "notebook-cells-not-list": (
        "answers.ipynb",
        '{"cells": 5, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
        2,
        None,
    ),
    "notebook-cell-bad-type": (
        "answers.ipynb",
        _notebook([{"cell_type": "evil", "source": "x"}]),
        2,
        None,
    ),
    "notebook-nbformat-3": (
        "answers.ipynb",
        '{"cells": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0}',
        2,
        None,
    ),
    "notebook-nbformat-huge": (
        "answers.ipynb",
        '{"cells": [], "metadata": {}, "nbformat": ' + "9" * 5000 + ', "nbformat_minor": 0}',
        2,
        None,
    ),
    "notebook-deep-json": ("answers.ipynb", "[" * 100_000 + "]" * 100_000, 2, None),
    "notebook-deep-metadata": (
        "answers.ipynb",
        '{"cells": [], "metadata": '
        + '{"a":' * 5000
        + "1"
        + "}" * 5000
        + ', "nbformat": 4, "nbformat_minor": 5}',
        2,
        None,
    ),
    "notebook-invalid-utf8": ("answers.ipynb", b'{"cells": ["\xff"]}', 2, None),
    "notebook-duplicate-keys": (
        "answers.ipynb",
        '{"cells": [], "cells": 5, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
        2,
        None,
    ),
    "notebook-nan": (
        "answers.ipynb",
        '{"cells": [], "metadata": {"x": NaN}, "nbformat": 4, "nbformat_minor": 5}',
        1,
        "missing",
    ),
    "notebook-100mb": ("answers.ipynb", _write_notebook_of_size(100 * 1_048_576), 2, None),
    "suffix-unknown": ("answers.txt", "dz/dx1 = x2\n", 2, None),
    "suffix-none": ("answers", "dz/dx1 = x2\n", 2, None),
}

SUBPROCESS_ANSWERS = {
    "yaml-100mb",
    "markdown-100mb",
    "notebook-100mb",
    "notebook-deep-json",
    "yaml-alias-bomb",
}


def _answer_file_cases() -> Iterator[Case]:
    for name, (file_name, content, code, expect) in ANSWER_FILES.items():
        yield Case(
            f"answer-file-{name}",
            _check(file_name),
            {PROBLEM_NAME: PROBLEM, file_name: content},
            exit_code=code,
            located=f"{{dir}}/{file_name}" if code == 2 else None,
            expect=expect,
            whole_file=name.startswith("suffix-"),
            subprocess=name in SUBPROCESS_ANSWERS,
        )


# --- the command line ------------------------------------------------------------------------


def _command_line_cases() -> Iterator[Case]:
    for name, payload in {**INJECTIONS, **BOMBS}.items():
        if payload.startswith("-"):
            continue
        yield Case(
            f"diff-{name}",
            ("diff", payload),
            located="<command line>",
            subprocess=name == "power-tower",
        )
    for name in ("nested-10k", "length-1e6", "brackets-10k"):
        yield Case(
            f"diff-{name}",
            ("diff", GENERATED_EXPRESSIONS[name]()),
            located="<command line>",
            subprocess=name == "nested-10k",
        )
    yield Case("diff-unary-minus-looks-like-option", ("diff", "-" * 100 + "x1"), located=None)
    yield Case(
        "diff-after-double-dash",
        ("diff", "--", "-" * NESTING_DEPTH + "x1"),
        located="<command line>",
    )
    for name in ("import-os-system", "open-write", "class-bases", "lambda-plain"):
        yield Case(f"diff-wrt-{name}", ("diff", "x1*x2", "--wrt", INJECTIONS[name]))
        yield Case(
            f"diff-at-{name}",
            ("diff", "x1*x2", "--at", f"x1={INJECTIONS[name]},x2=1"),
            located="--at",
        )
    at_values = {
        "huge-number": "x1=" + "9" * 5000 + ",x2=1",
        "power-tower": "x1=9^9^9^9,x2=1",
        "exponent": "x1=1e999999,x2=1",
        "no-equals": "x1,x2",
        "repeated": "x1=1,x1=2,x2=1",
        "unknown-name": "x9=1,x1=1,x2=1",
        "nan": "x1=nan,x2=1",
        "empty": "",
    }
    for name, value in at_values.items():
        yield Case(f"diff-at-{name}", ("diff", "x1*x2", "--at", value))
    # exp(x1) at 10^6 made the finite-difference check ask mpmath for 434,324 digits (a hang);
    # in a problem file the error points at 'at'
    yield Case(
        "diff-at-overflowing-exp",
        ("diff", "exp(x1)*x2", "--at", "x1=1000000,x2=1"),
        expect="too large to check",
        subprocess=True,
    )
    yield Case(
        "problem-at-overflowing-exp",
        _solve(),
        {
            PROBLEM_NAME: _problem_field(
                '    expression: "z = exp(exp(x1))*x2"\n    at: {x1: 20, x2: 1}\n'
            )
        },
        located=f"{{dir}}/{PROBLEM_NAME}",
        expect="too large to check",
    )
    usage = {
        "no-arguments-solve": ("solve",),
        "unknown-command": ("__import__('os')",),
        "unknown-format": ("solve", "{dir}/" + PROBLEM_NAME, "--format", "pickle"),
        "unknown-option": ("solve", "{dir}/" + PROBLEM_NAME, "--exec", "ls"),
        "check-one-file": ("check", "{dir}/" + PROBLEM_NAME),
    }
    for name, arguments in usage.items():
        yield Case(f"usage-{name}", arguments, {PROBLEM_NAME: PROBLEM}, located=None)
    paths = {
        "missing-file": (("solve", "{dir}/nope.yaml"), "{dir}/nope.yaml"),
        "directory": (("solve", "{dir}"), "{dir}"),
        "dev-zero": (("solve", "/dev/zero"), "/dev/zero"),
        "dev-null": (("solve", "/dev/null"), "/dev/null"),
        "answers-missing": (("check", "{dir}/" + PROBLEM_NAME, "{dir}/nope.md"), "{dir}/nope.md"),
        "answers-directory": (("check", "{dir}/" + PROBLEM_NAME, "{dir}/sub.md"), "{dir}/sub.md"),
        "output-into-missing-folder": (
            ("solve", "{dir}/" + PROBLEM_NAME, "-o", "{dir}/no/such/out.tex"),
            None,
        ),
    }
    for name, (arguments, where) in paths.items():
        yield Case(
            f"path-{name}",
            arguments,
            {PROBLEM_NAME: PROBLEM, "sub.md/.keep": ""},
            located=where,
            whole_file="missing" in name or "directory" in name,
            subprocess=name == "dev-zero",
        )


def all_cases() -> list[Case]:
    """The whole corpus, in a stable order."""
    return [
        *_problem_expression_cases(),
        *_problem_field_cases(),
        *_yaml_file_cases(),
        *_dimension_cases(),
        *_answer_formula_cases(),
        *_notebook_code_cases(),
        *_answer_file_cases(),
        *_command_line_cases(),
    ]
