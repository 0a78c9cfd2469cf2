"""How hard the fuzz tests try: modest in CI, much harder with ``HYPOTHESIS_PROFILE=fuzz``.

    HYPOTHESIS_PROFILE=fuzz python -m pytest tests/fuzz --hypothesis-show-statistics

runs every fuzz test ``FUZZ_FACTOR`` times longer (and prints how many examples ran). Deadlines
are off (a loaded CI machine makes them flaky); each test asserts its own time bound instead.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import HealthCheck, settings

FUZZ_FACTOR = 50
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")


def fuzz_settings(examples: int) -> Callable[[Any], Any]:
    """``examples`` in CI; ``FUZZ_FACTOR`` times as many under the fuzz profile."""
    return settings(
        max_examples=examples * FUZZ_FACTOR if PROFILE == "fuzz" else examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )


@contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Fail if the body takes longer than ``seconds`` of wall time."""
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    assert elapsed < seconds, f"took {elapsed:.2f} s (bound {seconds} s)"
