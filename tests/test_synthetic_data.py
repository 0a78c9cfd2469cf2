"""The synthetic data of problems/q4.yaml: rerunning its script rewrites byte-identical files,
and every file says it is synthetic."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "problems" / "data"
FILES = sorted(path.name for path in DATA.iterdir() if path.suffix in (".csv", ".txt"))


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_synthetic", DATA / "make_synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_data_set_is_complete() -> None:
    assert len(FILES) == 8 and "classes.txt" in FILES and "labels.txt" in FILES


def test_rerunning_the_script_gives_identical_bytes(tmp_path: Path) -> None:
    _script().main(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == FILES
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


@pytest.mark.parametrize("name", FILES)
def test_every_file_says_it_is_synthetic(name: str) -> None:
    first = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# SYNTHETIC")
    assert "SYNTHETIC" in (DATA / "README.md").read_text(encoding="utf-8")
