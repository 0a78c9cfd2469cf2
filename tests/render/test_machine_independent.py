"""Nothing printed depends on the last bits of a float: not on the BLAS kernel, the thread count,
nor the platform's exp, log or FFT.

Two ways. Perturbed round-off, in process: the float parts of Q1 (the collapse instance's
weights), Q4 (NumPy's and libm's log and exp) and Q5 (NumPy's FFT) are moved by one ulp,
and every format must still print exactly the golden files. And two real BLAS kernels: the
bundled files NumPy computes for (q1, q4, q5) and a check report are printed in a subprocess
under the CPU's own OpenBLAS kernel with two threads and under the generic Nehalem kernel with
one, and the outputs must be equal byte for byte; the test is skipped where the two kernels
give the same round-off, since there it could not fail.
"""

from __future__ import annotations

import difflib
import math
import os
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy
import pytest
from golden import GOLDEN
from machine_outputs import BLAS, FORMATS, ROOT, problem_texts

from symderive.derive import ambiguity_check, ambiguity_facts, collapse_numeric

KERNELS = (
    {"OPENBLAS_NUM_THREADS": "2"},
    {"OPENBLAS_CORETYPE": "Nehalem", "OPENBLAS_NUM_THREADS": "1"},
)
"""The CPU's own kernel, and the generic one every x86-64 OpenBLAS build has."""


def _differences(expected: dict[str, str], actual: dict[str, str], label: str) -> str:
    """A unified diff of every text that differs (empty when none does)."""
    lines: list[str] = []
    for name in sorted(expected.keys() | actual.keys()):
        before, after = expected.get(name, ""), actual.get(name, "")
        if before != after:
            lines += difflib.unified_diff(
                before.splitlines(keepends=True),
                after.splitlines(keepends=True),
                fromfile=name,
                tofile=f"{name} ({label})",
            )
    return "".join(lines)


def _goldens(stem: str) -> dict[str, str]:
    return {
        f"{stem}.{suffix}": (GOLDEN / f"{stem}.{suffix}").read_text(encoding="utf-8")
        for suffix in FORMATS
    }


def _moved(function: Callable[..., Any], towards: float) -> Callable[..., Any]:
    """``function`` with every float result moved one ulp ``towards`` ±inf (in place for
    ``out=``): by a relative amount that varies from value to value, as a platform's differs."""

    def moved(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        if isinstance(result, numpy.ndarray) and result.dtype.kind in "fc":
            parts = (result.real, result.imag) if result.dtype.kind == "c" else (result,)
            for part in parts:
                part[...] = numpy.nextafter(part, towards)
            return result
        return math.nextafter(result, towards) if isinstance(result, float) else result

    return moved


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The repository root as the current folder, and no facts cached from another run."""
    monkeypatch.chdir(ROOT)
    ambiguity_facts.ambiguity_facts.cache_clear()
    yield
    ambiguity_facts.ambiguity_facts.cache_clear()  # computed with perturbed logarithms


def test_perturbed_weights_print_the_q1_goldens(
    at_root: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Weights one ulp larger change every residual of the float64 instance, not the output."""
    monkeypatch.setattr(
        collapse_numeric, "semi_orthogonal", _moved(collapse_numeric.semi_orthogonal, math.inf)
    )
    assert _differences(_goldens("q1"), problem_texts("q1"), "perturbed") == ""


@pytest.mark.parametrize("towards", [math.inf, -math.inf], ids=["up", "down"])
def test_perturbed_logarithms_print_the_q4_goldens(
    towards: float, at_root: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NumPy's and libm's log and exp differ by an ulp or two from CPU to CPU."""
    for name in ("log", "exp"):
        monkeypatch.setattr(numpy, name, _moved(getattr(numpy, name), towards))
    shim = types.SimpleNamespace(
        **{name: getattr(math, name) for name in dir(math) if not name.startswith("_")}
    )
    shim.log, shim.exp = _moved(math.log, towards), _moved(math.exp, towards)
    monkeypatch.setattr(ambiguity_check, "math", shim)
    assert _differences(_goldens("q4"), problem_texts("q4"), "perturbed") == ""


def test_perturbed_fft_prints_the_q5_goldens(
    at_root: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("fft2", "ifft2"):
        monkeypatch.setattr(numpy.fft, name, _moved(getattr(numpy.fft, name), math.inf))
    assert _differences(_goldens("q5"), problem_texts("q5"), "perturbed") == ""


def _start_printing(folder: Path, kernel: dict[str, str]) -> subprocess.Popen[str]:
    """A subprocess that prints every output under ``kernel``'s OpenBLAS settings."""
    here = Path(__file__).parent
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("OPENBLAS")},
        **kernel,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(here)]),
    }
    return subprocess.Popen(
        [sys.executable, str(here / "machine_outputs.py"), str(folder)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _printed(folder: Path, process: subprocess.Popen[str]) -> dict[str, str]:
    _, stderr = process.communicate(timeout=900)
    assert process.returncode == 0, stderr
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())}


@pytest.mark.slow
def test_two_blas_kernels_print_the_same(tmp_path: Path) -> None:
    """Both kernels run at once, in two processes (the machine has two cores or more)."""
    folders = [tmp_path / str(index) for index in range(len(KERNELS))]
    processes = [_start_printing(f, kernel) for f, kernel in zip(folders, KERNELS, strict=True)]
    native, generic = (_printed(f, p) for f, p in zip(folders, processes, strict=True))
    if native.pop("fingerprint.txt") == generic.pop("fingerprint.txt"):
        pytest.skip("both OpenBLAS kernels give the same round-off on this machine")
    assert len(native) == 4 * len(BLAS)
    assert _differences(native, generic, "Nehalem kernel, one thread") == ""
