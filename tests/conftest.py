"""Shared test set-up: the tests folder is importable (for strategies.py and golden.py)."""

from __future__ import annotations

import compileall
import resource
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS))


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` (see golden.py); options must be registered at the tests' root."""
    import golden

    golden.add_option(parser)


def pytest_configure(config: pytest.Config) -> None:
    """Compile symderive to bytecode once, before any worker starts: the workers and the many
    ``python -m symderive`` children the tests start then load it instead of compiling every
    module again (with PYTHONDONTWRITEBYTECODE set, as on CI, nothing else would write it)."""
    if not hasattr(config, "workerinput"):  # the main process, before xdist starts workers
        compileall.compile_dir(TESTS.parent / "symderive", quiet=1)
    _bound_memory()


TEST_MEMORY_BYTES = 6 * 1024**3


def _bound_memory() -> None:
    """Each test process may map at most 6 GB: a runaway computation then fails its test with a
    MemoryError and a traceback, instead of the kernel killing a worker (or the machine's other
    work) with no word of where it was."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft > TEST_MEMORY_BYTES:
        resource.setrlimit(resource.RLIMIT_AS, (TEST_MEMORY_BYTES, hard))


@pytest.fixture(autouse=True)
def _forget_settled_comparisons() -> None:
    """Each test decides its comparisons afresh: a proof remembered from another test (in the
    same worker, in an order xdist chooses) must not answer for this one."""
    equivalence = sys.modules.get("symderive.check.equivalence")
    if equivalence is not None:
        equivalence.clear_settled()
