"""Every hostile case, in-process: the one correct outcome, no hang, nothing executed."""

from __future__ import annotations

from pathlib import Path

import pytest
from cases import Case, all_cases
from runner import assert_outcome, marker_path, materialise, run_in_process

CASES = all_cases()


def test_the_corpus_is_large_and_has_unique_ids() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) >= 200
    assert len(set(ids)) == len(ids)


INJECTIONS = [case for case in CASES if "{marker}" in repr(case.files) + repr(case.arguments)]
_INJECTION_IDS = {case.id for case in INJECTIONS}
_ran_in: dict[str, Path] = {}
"""The folder each injection case ran in, for the check after all of them."""


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    arguments = materialise(case, tmp_path)
    outcome = run_in_process(arguments)
    assert_outcome(case, outcome, tmp_path)
    if case.id in _INJECTION_IDS:
        _ran_in[case.id] = tmp_path


def test_no_injection_payload_creates_its_marker(tmp_path: Path) -> None:
    """Once every case has run (this test comes after them in the file), no marker exists, not
    even one a payload created late. Cases not run before (this test alone) run here."""
    assert len(INJECTIONS) >= 40
    for case in INJECTIONS:
        folder = _ran_in.get(case.id)
        if folder is None:
            folder = tmp_path / case.id
            folder.mkdir()
            run_in_process(materialise(case, folder))
        assert not marker_path(folder).exists(), case.id
