"""Output files are written atomically: complete or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from symderive.errors import UsageError
from symderive.output import write_atomically


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "new ∂z/∂x")
    assert target.read_text(encoding="utf-8") == "new ∂z/∂x"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        write_atomically(tmp_path / "missing" / "out.md", "x")


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def fail(*arguments: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_writes_bytes_as_they_are(tmp_path: Path) -> None:
    target = tmp_path / "feedback.pdf"
    data = b"%PDF-1.5\r\n\x00\xff"
    write_atomically(target, data)
    assert target.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["feedback.pdf"]


def test_text_is_utf8_with_newlines_as_written(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomically(target, "σ'\n")
    assert target.read_bytes() == "σ'\n".encode()
