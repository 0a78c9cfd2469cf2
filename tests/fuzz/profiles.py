"""How hard the fuzz tests try: modest in CI, much harder with ``HYPOTHESIS_PROFILE=fuzz``.

    HYPOTHESIS_PROFILE=fuzz python -m pytest tests/fuzz --hypothesis-show-statistics

runs every fuzz test ``FUZZ_FACTOR`` times longer (and prints how many examples ran), with a
per-test timeout ``FUZZ_FACTOR`` times as long (tests/fuzz/conftest.py). Deadlines are off and no
example's duration is asserted (a loaded CI machine makes both fail at random); ``hang_alarm``
stops an example that hangs, each example afresh.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from hangs import cpu_alarm
from hypothesis import HealthCheck, settings

FUZZ_FACTOR = 50
HANG_CPU_SECONDS = 30.0
"""Far above what any example needs (the slowest take well under a second)."""
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


def hang_alarm() -> AbstractContextManager[None]:
    """Stop an example that spins for ``HANG_CPU_SECONDS`` of CPU time: a hang, not slowness."""
    return cpu_alarm(HANG_CPU_SECONDS, "the example")
