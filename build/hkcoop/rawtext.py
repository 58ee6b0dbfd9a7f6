"""Read one article file: bytes, checksum and strictly decoded UTF-8 text.

Offsets everywhere in the package are 0-based code-point offsets into the text returned here, which is
the file's bytes decoded as UTF-8 with nothing else changed (no newline translation, no BOM removal).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from hkcoop.errors import InputError

_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class RawText:
    path: Path
    data: bytes
    text: str

    @cached_property  # read by the fingerprint, the cache key and the tables: hashed once
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_raw(path: Path) -> RawText:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if not data.strip():
        raise InputError(path, "empty file" if not data else "file holds only whitespace")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"binary file (NUL byte at byte offset {nul}), not UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 4].hex(" ")
        raise InputError(path, f"not valid UTF-8: {exc.reason} at byte offset {exc.start} (bytes {bad})") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    if controls > max(3, len(text) // 100):
        raise InputError(path, f"binary file ({controls} control characters), not article text")
    return RawText(path=path, data=data, text=text)
