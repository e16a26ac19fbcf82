"""How many cases a property test tries: all of them in `make test`, a quarter in `make test-fast`.

`make test-fast` sets RPDC_FAST_TESTS=1 so that the loop while coding stays near a minute: the
same properties and strategies, fewer generated cases. CI runs `make test`, with the full counts.
Use it as ``@settings(max_examples=examples(200), ...)``.
"""

from __future__ import annotations

import os


def examples(n: int) -> int:
    return max(10, n // 4) if os.environ.get("RPDC_FAST_TESTS") == "1" else n
