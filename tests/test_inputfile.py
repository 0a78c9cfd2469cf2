"""Untrusted files are read within a limit, and every failure is located at the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from symderive.errors import InputError, ProblemFileError
from symderive.inputfile import read_limited


def test_reads_a_file_within_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 10)
    assert read_limited(path, 10, InputError) == b"x" * 10


def test_one_byte_too_many_is_located_at_that_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"ab\ncdef")
    with pytest.raises(ProblemFileError, match="larger than 4 bytes") as raised:
        read_limited(path, 4, ProblemFileError)
    location = raised.value.location
    assert location is not None
    assert (location.file, location.line, location.column) == (str(path), 2, 2)


def test_an_unreadable_file_is_the_callers_error_at_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the file") as raised:
        read_limited(tmp_path, 10, InputError)  # a folder
    assert raised.type is InputError
    location = raised.value.location
    assert location is not None and location.file == str(tmp_path)
