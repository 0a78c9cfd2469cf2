"""What the notes of a linear-collapse solution say, in words, for every format and the JSON.

The solver records ``CollapseNote`` codes (``derive/collapse``) and the numbers they refer to
(the default width, the numeric slope, the counterexample's widths); the sentences are here.
"""

from __future__ import annotations

from symderive.derive.collapse import (
    DEFAULT_WIDTH,
    NUMERIC_SLOPE,
    CollapseNote,
    LinearCollapseSolution,
)
from symderive.derive.counterexample import CollapseCounterexample

FIXED_NOTES: dict[CollapseNote, str] = {
    CollapseNote.LEAKY_IDENTITY: (
        "leaky_relu with slope 1 is the identity, so the network is linear."
    ),
    CollapseNote.DEFAULT_WIDTHS: (
        f"No dims given: the numeric check uses random {DEFAULT_WIDTH}×{DEFAULT_WIDTH} layers."
    ),
    CollapseNote.SCALAR_NUMBERS: "Scalar mode: the numeric check uses random numbers as weights.",
    CollapseNote.NUMERIC_SLOPE: f"The numeric check takes the slope a = {NUMERIC_SLOPE}.",
}


def collapse_note(note: CollapseNote, solution: LinearCollapseSolution) -> str:
    """One note in words; the counterexample's widths come from the solution."""
    if note is CollapseNote.OWN_WIDTHS:
        assert solution.counterexample is not None
        return (
            f"The counterexample has its own widths {list(solution.counterexample.dims)}: one "
            "network that is not affine refutes the claim."
        )
    return FIXED_NOTES[note]


def collapse_notes(solution: LinearCollapseSolution) -> tuple[str, ...]:
    """Every note of the solution, in words, in order."""
    return tuple(collapse_note(note, solution) for note in solution.notes)


def counterexample_note(example: CollapseCounterexample) -> str | None:
    """Why an odd activation's counterexample avoids symmetric points; None for the others."""
    if not example.odd:
        return None
    return (
        f"{example.activation} is odd, so this network is odd too: at the symmetric points "
        "−1, 0, 1 the midpoint test passes (0 = (f(−1) + f(1))/2) and proves nothing; 0, 1, 2 "
        "break it."
    )
