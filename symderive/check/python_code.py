"""Python and NumPy answers in code: ``dz_dx3 = -6*x3`` and ``def sigmoid_prime(x): return …``.

Read with string handling and the plain grammar only (never ``eval``, ``exec`` or ``ast``):

* ``numpy_names`` blanks module prefixes the plain grammar does not know (``np.exp`` →
  ``   exp``, ``np.maximum`` → ``       max``), keeping every column where it was;
* an assignment to ``d<f>_d<x>`` or ``d<f>d<x>`` is an ordinary name here; it becomes the claim
  ∂f/∂x later, in ``subscript_names``, only when f is a problem's result and x its variable;
* ``def NAME(ARG):`` with a body of one ``return EXPR`` line is the claim ``NAME'(ARG) = EXPR``
  when NAME names a derivative (``sigmoid_prime``, ``d_relu``, ``dsigmoid``, ``tanh_grad``).
  Any other body of such a function is reported as not read, with the reason.

Bounded regular expressions anchored at the line's start, and linear scans: safe on untrusted
text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from symderive.activation_names import ALIASES, SCALAR_FUNCTIONS, VECTOR_FUNCTIONS

_MODULE = re.compile(
    r"(?<![\w.])(?:np|numpy|math|scipy\.special|special|torch)\.([A-Za-z_]\w{0,20})(?![\w.])"
)
_NUMPY = {
    "exp": "exp",
    "log": "log",
    "sqrt": "sqrt",
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
    "asin": "asin",
    "acos": "acos",
    "atan": "atan",
    "sinh": "sinh",
    "cosh": "cosh",
    "tanh": "tanh",
    "abs": "abs",
    "absolute": "abs",
    "fabs": "abs",
    "erf": "erf",
    "expit": "sigmoid",
    "sigmoid": "sigmoid",
    "maximum": "max",
    "minimum": "min",
    "pi": "pi",
    "e": "e",
}
"""NumPy (and ``math``, ``scipy.special``) names and the plain grammar's name for each."""


def numpy_names(text: str) -> str:
    """``text`` with ``np.exp`` and friends rewritten to the grammar's names, same length.

    The new name is padded with spaces on its left (``2*np.exp(x)`` → ``2*   exp(x)``), so
    offsets, and the columns of errors, stay those of the file. Names with no plain meaning
    (``np.where``) are left as they are: the line does not parse and is reported.
    """

    def replace(match: re.Match[str]) -> str:
        name = _NUMPY.get(match.group(1))
        return match.group() if name is None else name.rjust(len(match.group()))

    return _MODULE.sub(replace, text)


def unknown_module_name(text: str) -> str | None:
    """The first ``np.NAME`` (or ``math.``…) with no plain meaning (``np.where``), if any."""
    return next(
        (match.group() for match in _MODULE.finditer(text) if match.group(1) not in _NUMPY), None
    )


_ASSIGNED = re.compile(r"[ \t]{0,40}(d[A-Za-z]\w{0,20}?_?d[A-Za-z]\w{0,20})[ \t]{0,20}=(?!=)")
"""``dz_dx3 =``, ``dLdw =``: an assignment whose name reads as a derivative."""


def derivative_assignment(text: str) -> re.Match[str] | None:
    """The name of a derivative-like assignment at the start of ``text`` (None if not one)."""
    return _ASSIGNED.match(text)


_DEF = re.compile(
    r"([ \t]{0,40})def[ \t]{1,20}([A-Za-z_]\w{0,40})[ \t]{0,20}\([ \t]{0,20}([A-Za-z]\w{0,20})"
    r"(?:[ \t]{0,20}:[ \t]{0,20}[\w.\[\] ]{1,40})?[ \t]{0,20}\)"
    r"(?:[ \t]{0,20}->[ \t]{0,20}[\w.\[\] ]{1,40})?[ \t]{0,20}:[ \t]{0,20}"
)
_RETURN = re.compile(r"[ \t]{0,40}return[ \t]{1,20}(?=\S)")
_SUFFIX = re.compile(
    r"(.{1,40}?)(?:_?prime|_(?:derivative|deriv|grad|gradient|diff|der|dash))", re.IGNORECASE
)
_PREFIX = re.compile(r"(?:d|grad|derivative|deriv|diff)_(.{1,40})", re.IGNORECASE)
_KNOWN = frozenset(
    (*SCALAR_FUNCTIONS, *VECTOR_FUNCTIONS, *ALIASES, "gelu", "gelu_tanh", "silu", "swish")
)


@dataclass(frozen=True)
class FunctionDefinition:
    """``def NAME(ARG):`` on one line: where NAME starts, the function it differentiates."""

    indent: int
    name: str
    name_start: int
    function: str | None
    argument: str
    body: int
    """Where the text after ``:`` starts (a ``return`` on the same line)."""


def definition(text: str) -> FunctionDefinition | None:
    """The ``def`` line of a one-argument function, with the function its name derives."""
    match = _DEF.match(text)
    if match is None:
        return None
    name = match.group(2)
    return FunctionDefinition(
        len(match.group(1)),
        name,
        match.start(2),
        derived_function(name),
        match.group(3),
        match.end(),
    )


def derived_function(name: str) -> str | None:
    """The function a Python name differentiates: ``sigmoid_prime`` → ``sigmoid``, ``d_relu``
    and ``drelu`` → ``relu``, ``f_prime`` → ``f``; None for names that state no derivative.

    ``d`` glued to a name (``dsigmoid``) counts only for a catalogue function: ``dot`` and
    ``data`` are no derivatives.
    """
    for pattern in (_SUFFIX, _PREFIX):
        match = pattern.fullmatch(name)
        if match is not None:
            return match.group(1).strip("_") or None
    if name[:1] == "d" and name[1:].lower() in _KNOWN:
        return name[1:]
    return None


def return_expression(text: str) -> int | None:
    """Where the expression of a ``return EXPR`` line starts (None if it is no such line)."""
    match = _RETURN.match(text)
    return None if match is None else match.end()
