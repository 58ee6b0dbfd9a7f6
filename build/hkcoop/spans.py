"""Looking up what lies inside a span of a document's text by bisection, not by a scan of everything the
document holds: a document may be one line of megabytes, with thousands of mentions."""

from __future__ import annotations

import bisect
from operator import attrgetter
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
_START = attrgetter("start")


def within(items: Sequence[T], start: int, end: int, key: Callable[[T], int] = _START) -> Sequence[T]:
    """The items whose key (by default `.start`) is in [start, end); `items` sorted by that key."""
    return items[bisect.bisect_left(items, start, key=key):bisect.bisect_left(items, end, key=key)]


def covers(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` lies in one of `spans`: sorted, non-overlapping (start, end) pairs."""
    i = bisect.bisect_right(spans, pos, key=lambda s: s[0]) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def last_end_before(ends: Sequence[int], pos: int, default: int) -> int:
    """The largest of the sorted `ends` that is at most `pos`, else `default`."""
    i = bisect.bisect_right(ends, pos)
    return ends[i - 1] if i else default
