"""Built parsers are stored in the user's cache folder, and a damaged or missing one is rebuilt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from symderive.parsing import grammars


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    grammars.parser.cache_clear()
    yield tmp_path / "symderive"
    grammars.parser.cache_clear()


def test_a_built_parser_is_stored_in_the_user_cache(fresh_cache: Path) -> None:
    grammars.parser("latex").parse("x^2")
    stored = fresh_cache / "latex.lark-parser"
    assert stored.is_file()
    assert stored.read_bytes().split(b"\n", 1)[0]  # Lark's stamp of grammar and options


@pytest.mark.parametrize("damage", [b"", b"garbage\n\x80\x04not a pickle"], ids=["empty", "junk"])
def test_a_damaged_store_is_rebuilt(fresh_cache: Path, damage: bytes) -> None:
    grammars.parser("expression")
    stored = fresh_cache / "expression.lark-parser"
    stored.write_bytes(damage)
    grammars.parser.cache_clear()
    assert grammars.parser("expression").parse("x + 1") is not None
    assert stored.read_bytes() != damage


def test_an_unwritable_cache_folder_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert grammars.cache_folder() is None
    grammars.parser.cache_clear()
    try:
        assert grammars.parser("expression").parse("x") is not None
    finally:
        grammars.parser.cache_clear()
