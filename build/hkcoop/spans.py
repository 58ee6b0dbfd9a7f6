"""Looking up what lies inside a span of a document's text by bisection, not by a scan of everything the
document holds: a document may be one line of megabytes, with thousands of mentions; and a document's
facts by its id, not by a scan of the corpus's (which makes a per-document step quadratic)."""

from __future__ import annotations

import bisect
from operator import attrgetter
from typing import Callable, Iterable, Sequence, TypeVar

T = TypeVar("T")
_START = attrgetter("start")
_DOC = attrgetter("doc")


def by_doc(items: Iterable[T], doc_of: Callable[[T], object] = _DOC) -> dict[str, list[T]]:
    """doc_id -> the items of that document (by default `.doc`), in their order."""
    out: dict[str, list[T]] = {}
    for item in items:
        out.setdefault(doc_of(item).doc_id, []).append(item)
    return out


def pairs_by_doc(pairs: Iterable[tuple]) -> dict[str, list[tuple]]:
    """doc_id -> the (mention, what it is a mention of) pairs whose mention is in that document, in order."""
    return by_doc(pairs, doc_of=_first_doc)


def _first_doc(pair: tuple):
    return pair[0].doc


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
