"""How an ambiguity solution was verified, in words: the recheck in plain Python, the proved
ranges, and the second pass in other chunks (``derive/ambiguity`` records the numbers).

Written once here for every format and for the JSON.
"""

from __future__ import annotations

from symderive.derive.ambiguity import AmbiguitySolution, Recheck, SecondPass


def _chunks(count: int) -> str:
    return f"{count} chunk{'s' if count != 1 else ''}"


def recheck_text(recheck: Recheck) -> str:
    return (
        f"Every kept image ({recheck.images}) was scored again in plain Python, with the "
        "divergence as a mean of Kullback–Leibler divergences to the mixture and the softmax or "
        f"normalisation redone: largest difference below 1e{recheck.below}."
    )


def second_pass_text(second: SecondPass) -> str:
    return (
        "The same rankings, keys equal to the last bit, came out of a second pass in "
        f"{_chunks(second.chunks)} of up to {second.rows:,} rows (the first read "
        f"{_chunks(second.first_chunks)} of up to {second.first_rows:,})."
    )


def verification_checks(solution: AmbiguitySolution) -> tuple[str, ...]:
    """Every check of the solution, one sentence each, in the order they are shown."""
    checks = [
        recheck_text(solution.recheck),
        f"Every score of all {solution.rows:,} images lies in its proved range (table above).",
    ]
    if solution.second_pass is not None:
        checks.append(second_pass_text(solution.second_pass))
    return tuple(checks)
