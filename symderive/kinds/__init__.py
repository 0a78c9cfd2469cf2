"""Problem kinds: each module declares its keys and builder as ``KIND``; this is the registry."""

from __future__ import annotations

from symderive.fields import KindSpec
from symderive.kinds import activation, ambiguity, convolution, linear_collapse, partials

KINDS: dict[str, KindSpec] = {
    kind.name: kind
    for kind in (
        partials.KIND,
        activation.KIND,
        linear_collapse.KIND,
        convolution.KIND,
        ambiguity.KIND,
    )
}
