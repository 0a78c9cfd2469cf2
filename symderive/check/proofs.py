"""Symbolic proofs that a difference is zero, beyond expanding it: cheap ones in this process,
``simplify`` in a forked worker that is killed when its time runs out."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection

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
    sympy.sinh,
    sympy.cosh,
    sympy.tanh,
    sympy.coth,
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


def _simplifies_to_zero(
    difference: sympy.Expr, connection: multiprocessing.connection.Connection
) -> None:
    try:
        connection.send(bool(sympy.simplify(difference) == 0))
    except Exception:  # a failed proof attempt is just "no proof"
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
