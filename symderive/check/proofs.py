"""Symbolic proofs that a difference is zero, beyond expanding it: cheap ones in this process,
``simplify`` in a forked worker that is killed when its time runs out."""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import resource

import sympy

from symderive.budget import remaining_budget, within_budget
from symderive.functions import to_native

EXPONENTIAL_BUDGET_SECONDS = 0.5
PROOF_BUDGET_SECONDS = 3.0

_EXPONENTIAL_KINDS = (
    sympy.sin,
    sympy.cos,
    sympy.tan,
    sympy.cot,
    sympy.sec,
    sympy.csc,
    sympy.sinh,
    sympy.cosh,
    sympy.tanh,
    sympy.coth,
    sympy.sech,
    sympy.csch,
)


def zero_in_exponentials(difference: sympy.Expr) -> bool:
    """sin² + cos² − 1, σ' = (1 − tanh²(x/2))/4: identities that ``cancel`` proves once every
    trigonometric and hyperbolic function is written with exponentials (a cheap proof, in this
    process, before a ``simplify`` in a worker)."""
    if not difference.has(*_EXPONENTIAL_KINDS):
        return False

    def decide() -> bool:
        rewritten = to_native(difference).rewrite(sympy.exp)
        return bool(sympy.cancel(sympy.expand(rewritten)) == 0)

    try:
        zero, finished = within_budget(decide, EXPONENTIAL_BUDGET_SECONDS, False)
    except (NotImplementedError, TypeError, ValueError, AttributeError):
        return False
    return finished and zero


PROOF_MEMORY_BYTES = 2 * 1024**3
"""Memory a proof worker may add to what it inherits: ``simplify`` of a resonant term
(cos(2·10⁶·π·z)) grows by about 130 MB a second, faster than its time budget stops it on a
loaded machine."""


def _bound_memory(extra: int) -> None:
    """Limit this process's address space to what it uses now plus ``extra`` bytes."""
    with contextlib.suppress(ValueError, OSError):  # no /proc here: the time budget bounds it
        with open("/proc/self/statm", encoding="ascii") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (used + extra, resource.RLIM_INFINITY))


def _simplifies_to_zero(
    difference: sympy.Expr, connection: multiprocessing.connection.Connection
) -> None:
    try:
        _bound_memory(PROOF_MEMORY_BYTES)
        connection.send(bool(sympy.simplify(difference) == 0))
    except Exception:  # a failed proof attempt (MemoryError too) is just "no proof"
        connection.send(False)
    finally:
        connection.close()


def prove_in_worker(difference: sympy.Expr, seconds: float = PROOF_BUDGET_SECONDS) -> bool | None:
    """``simplify(difference) == 0`` in a forked process: True, False, or None when it ran out.

    Inside a shared budget (a whole answer file) it gets at most what is left, and no worker
    at all once that is spent."""
    left = remaining_budget()
    if left is not None:
        if left <= 0:
            return None
        seconds = min(seconds, left)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_simplifies_to_zero, args=(difference, sender), daemon=True)
    worker.start()
    sender.close()
    try:
        if receiver.poll(seconds):
            return bool(receiver.recv())
        return None
    except EOFError:
        return False
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join(1)
        receiver.close()
