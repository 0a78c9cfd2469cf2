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


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    arguments = materialise(case, tmp_path)
    outcome = run_in_process(arguments)
    assert_outcome(case, outcome, tmp_path)


def test_no_injection_payload_creates_its_marker(tmp_path: Path) -> None:
    """All injection cases in one folder, one after the other: the marker never appears."""
    injections = [case for case in CASES if "{marker}" in repr(case.files) + repr(case.arguments)]
    assert len(injections) >= 40
    for case in injections:
        folder = tmp_path / case.id
        folder.mkdir()
        run_in_process(materialise(case, folder))
        assert not marker_path(folder).exists(), case.id
