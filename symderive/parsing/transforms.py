"""Running a Lark transformer so that our own errors surface as they were raised.

Lark wraps every exception a transformer method raises in a ``VisitError``. An
``ExpressionError`` raised on purpose (with its caret) is unwrapped and raised as it is; anything
else is a part of the input that makes no sense, located at the node where it happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lark import Transformer, Tree
from lark.exceptions import VisitError
from lark.tree import Meta

from symderive.errors import ExpressionError


def transform(
    transformer: Transformer,
    tree: Tree,
    nonsense: Callable[[Meta | None], ExpressionError],
) -> Any:
    """``transformer.transform(tree)``; a failure other than ours is ``nonsense(meta)``, the
    failing node's position (None when Lark gives none)."""
    try:
        return transformer.transform(tree)
    except VisitError as error:
        if isinstance(error.orig_exc, ExpressionError):
            raise error.orig_exc from None
        raise nonsense(getattr(error.obj, "meta", None)) from None
