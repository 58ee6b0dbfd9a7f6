"""Read one article file: bytes, checksum and strictly decoded UTF-8 text.

Offsets everywhere in the package are 0-based code-point offsets into the text returned here, which is
the file's bytes decoded as UTF-8 with nothing else changed (no newline translation, no BOM removal).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from hkcoop.errors import InputError

# control characters other than \t \n \v \f \r (counted by a regex: a loop over characters is the no-op
# build's largest cost)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# the largest article file read: a news page is tens of kilobytes; past this it is not one (a dump, a
# concatenated corpus) and would hold the build for minutes
MAX_BYTES = 8 * 2**20


@dataclass(frozen=True)
class RawText:
    path: Path
    data: bytes
    text: str

    @cached_property  # read by the fingerprint, the cache key and the tables: hashed once
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_raw(path: Path) -> RawText:
    path = path if isinstance(path, Path) else Path(path)
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                raise InputError(path, f"{size:,} bytes: expected an article of at most {MAX_BYTES:,} bytes "
                                       f"({MAX_BYTES // 2**20} MiB); split it into its articles")
            data = fh.read(MAX_BYTES + 1)  # a file that grew since: still bounded
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise InputError(path, f"more than {MAX_BYTES:,} bytes: expected an article of at most that size")
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
    controls = len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 100):
        raise InputError(path, f"binary file ({controls} control characters), not article text")
    return RawText(path=path, data=data, text=text)
