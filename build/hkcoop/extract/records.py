"""The extract stage's records as plain JSON: what the per-article cache stores.

Data only: decoding builds nothing but the record classes named in `_kinds` (dataclasses of this package),
lists, tuples, dicts, dates, machine-int arrays and scalars, so a crafted cache file can at worst be
rejected, never run code (pickle could). Any other class is refused on both sides. A field named `doc`
(the document a mention belongs to) is never stored: the resolving side attaches the document again.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import sys
from array import array
from functools import lru_cache


class RecordError(ValueError):
    """A cache file that is not a record this code wrote."""


@lru_cache(maxsize=1)
def _kinds() -> dict[str, type]:
    from hkcoop.extract.area_lists import AreaItem, AreaList
    from hkcoop.extract.conferences import ConferenceMention
    from hkcoop.extract.dates import DateMention
    from hkcoop.extract.events import EventMention
    from hkcoop.extract.figures import Figure
    from hkcoop.extract.numerals import Amount
    from hkcoop.extract.people import NameCandidate, PersonMention, Role
    from hkcoop.extract.signings import Signing
    from hkcoop.extract.stage import ArticleFacts, DocExtract
    from hkcoop.extract.stated_totals import StatedTotal
    from hkcoop.ingest.pages import Article
    from hkcoop.ingest.textview import Block, Repair, TextView

    return {k.__name__: k for k in (DocExtract, ArticleFacts, Article, PersonMention, Role, NameCandidate,
                                    TextView, Block, Repair, ConferenceMention, DateMention, StatedTotal, Amount,
                                    Figure, EventMention, Signing, AreaList, AreaItem)}


def _encode(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, dict):
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"date": value.isoformat()}
    if isinstance(value, array) and value.typecode == "i":
        data = value if sys.byteorder == "little" else array("i", value)
        if sys.byteorder != "little":
            data.byteswap()
        return {"a": base64.b64encode(data.tobytes()).decode("ascii")}
    name = type(value).__name__
    if dataclasses.is_dataclass(value) and _kinds().get(name) is type(value):
        return {"c": name, "f": {f.name: None if f.name == "doc" else _encode(getattr(value, f.name))
                                 for f in dataclasses.fields(value)}}
    raise TypeError(f"a record cannot hold a {type(value).__module__}.{name}")


def _decode(value, kinds: dict[str, type]):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_decode(v, kinds) for v in value]
    if isinstance(value, dict) and len(value) == 1:
        (tag, body), = value.items()
        if tag == "t" and isinstance(body, list):
            return tuple(_decode(v, kinds) for v in body)
        if tag == "d" and isinstance(body, list) and all(isinstance(p, list) and len(p) == 2 for p in body):
            return {_decode(k, kinds): _decode(v, kinds) for k, v in body}
        if tag == "date" and isinstance(body, str):
            return dt.date.fromisoformat(body)
        if tag == "a" and isinstance(body, str):
            out = array("i")
            out.frombytes(base64.b64decode(body, validate=True))
            if sys.byteorder != "little":
                out.byteswap()
            return out
    if isinstance(value, dict) and set(value) == {"c", "f"} and value["c"] in kinds and isinstance(value["f"], dict):
        cls = kinds[value["c"]]
        names = {f.name for f in dataclasses.fields(cls)}
        if set(value["f"]) != names:
            raise RecordError(f"{value['c']} with fields {sorted(value['f'])}, expected {sorted(names)}")
        return cls(**{k: _decode(v, kinds) for k, v in value["f"].items()})
    raise RecordError(f"unexpected value {str(value)[:60]!r}")


def dumps(envelope: dict) -> bytes:
    """The JSON bytes of an envelope {key, doc_id, sha256, record}."""
    return json.dumps({k: _encode(v) for k, v in envelope.items()}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def loads(data: bytes, expected_type: type) -> dict:
    """An envelope back from `dumps`; RecordError if it is anything else or its record is not an
    `expected_type`."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RecordError(f"not JSON: {exc}") from None
    if not isinstance(raw, dict) or set(raw) != {"key", "doc_id", "sha256", "record"}:
        raise RecordError("not a record envelope")
    try:
        out = {k: _decode(v, _kinds()) for k, v in raw.items()}
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        raise RecordError(f"a damaged record: {exc}") from None
    if not isinstance(out["record"], expected_type):
        raise RecordError(f"a record of type {type(out['record']).__name__}, expected {expected_type.__name__}")
    return out
