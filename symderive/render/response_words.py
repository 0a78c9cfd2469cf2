"""A kernel's frequency response in words: the name of the form H is written in, the definition
of its pass band, and what a time budget cut short (``derive/kernel_response`` records codes).

Written once here for every format and for the JSON.
"""

from __future__ import annotations

from symderive.derive.kernel_response import Passband, Response, ResponseForm, ResponseNote

FORM_NAMES: dict[ResponseForm, str] = {
    ResponseForm.PRODUCT: "product of the column and row responses",
    ResponseForm.COSINE_SUM: "real cosine sum (point-symmetric kernel)",
    ResponseForm.SINE_SUM: "−i times a real sine sum (point-antisymmetric kernel)",
    ResponseForm.EVEN_AND_ODD: (
        "cosine sum of the even part − i times sine sum of the odd part (no symmetry)"
    ),
    ResponseForm.DEFINING_SUM: "defining sum",
}
PASSBAND_REASONS: dict[Passband, str] = {
    Passband.ALL_PASS: "|H| is the same at every frequency",
    Passband.LOW_PASS: "|H| is largest at (0, 0) and smaller at every highest frequency",
    Passband.HIGH_PASS: "|H| is smallest at (0, 0) and largest at a highest frequency",
    Passband.BAND_PASS: (
        "|H| is largest strictly between (0, 0) and the highest frequencies, lower at both"
    ),
    Passband.BAND_STOP: (
        "|H| is largest both at (0, 0) and at a highest frequency, smaller in between"
    ),
    Passband.MIXED: (
        "none of the above: neither (0, 0) nor the highest frequencies alone hold the largest "
        "and smallest |H|"
    ),
}
"""Each pass band's definition. The highest frequencies are ω = π along every axis on which |H|
varies (axes where |H| is constant, as for a single-row kernel, stay at 0)."""
RESPONSE_NOTES: dict[ResponseNote, str] = {
    ResponseNote.FORM_NOT_EVALUATED: (
        "the trigonometric form could not be evaluated on the grid within the time budget; "
        "the defining sum is shown"
    ),
    ResponseNote.FORM_NOT_SIMPLIFIED: (
        "the trigonometric form was not simplified within the time budget; the defining sum is "
        "shown"
    ),
    ResponseNote.PROOF_UNFINISHED: (
        "the proof that the form equals the defining sum did not finish within the time budget; "
        "the FFT comparison below still checks it"
    ),
}


def form_name(response: Response) -> str:
    """The form H is written in: ``product of the column and row responses``."""
    return FORM_NAMES[response.form]


def passband_reason(response: Response) -> str:
    """Why the response has its pass band: the band's definition."""
    return PASSBAND_REASONS[response.passband]


def response_notes(response: Response) -> tuple[str, ...]:
    """What a time budget cut short in the frequency response, in words."""
    return tuple(RESPONSE_NOTES[note] for note in response.notes)
