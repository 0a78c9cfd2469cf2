"""The derivation core returns data, and the printers choose the words (issue 11, item 6).

The results below once carried English sentences (a kernel's summary and evidence, the facts
behind the ambiguity scores, the collapse notes, the remarks below idiomatic forms…); now they
carry codes, numbers and SymPy expressions, and ``symderive/render`` writes the sentences. A
``str`` field on one of them, or a code whose value reads like prose, is a sentence creeping back.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from enum import StrEnum

import pytest

from symderive.derive.activation_catalogue import Idiomatic, Remark
from symderive.derive.activation_kinks import Convention, Kink
from symderive.derive.activations import IdiomaticForm
from symderive.derive.ambiguity import AmbiguitySolution, Recheck, SecondPass
from symderive.derive.ambiguity_facts import DivergenceSample, EntropySample, Fact, FactKey
from symderive.derive.collapse import CollapseNote, LinearCollapseSolution
from symderive.derive.counterexample import CollapseCounterexample
from symderive.derive.kernel_identity import GradientFactors, Identification, Movement
from symderive.derive.kernel_response import Passband, Response, ResponseForm, ResponseNote

RESULTS = (
    Identification,
    Movement,
    GradientFactors,
    Response,
    Fact,
    EntropySample,
    DivergenceSample,
    Recheck,
    SecondPass,
    AmbiguitySolution,
    LinearCollapseSolution,
    CollapseCounterexample,
    Idiomatic,
    IdiomaticForm,
    Kink,
)
NAMES = {
    (CollapseCounterexample, "activation"),  # the activation's identifier: "tanh"
    (IdiomaticForm, "recognised_as"),  # the catalogue's title of a recognised function
}
"""String fields that hold an identifier or a title, not a sentence."""
CODES = (FactKey, CollapseNote, ResponseNote, ResponseForm, Passband, Remark, Convention)
CODE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _mentions_str(annotation: object) -> bool:
    return annotation is str or any(_mentions_str(part) for part in typing.get_args(annotation))


@pytest.mark.parametrize("result", RESULTS, ids=lambda result: result.__name__)
def test_results_hold_no_text(result: type) -> None:
    hints = typing.get_type_hints(result)
    text = [
        field.name
        for field in dataclasses.fields(result)
        if _mentions_str(hints[field.name]) and (result, field.name) not in NAMES
    ]
    assert text == [], f"{result.__name__} holds text in {text}: return a code or numbers"


@pytest.mark.parametrize("codes", CODES, ids=lambda codes: codes.__name__)
def test_codes_are_codes_not_sentences(codes: type[StrEnum]) -> None:
    assert [code.value for code in codes if not CODE.fullmatch(code.value)] == []
