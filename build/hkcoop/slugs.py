"""Readable, stable ids from Chinese text: pinyin slugs."""

from __future__ import annotations

import hashlib
import re

from pypinyin import lazy_pinyin


def slug(text_zh: str, max_parts: int | None = None) -> str:
    parts = []
    for token in lazy_pinyin(text_zh, errors=lambda chars: [chars]):  # keep runs of digits and latin whole
        token = re.sub(r"[^a-z0-9]+", "-", token.lower()).strip("-")
        if token:
            parts.extend(token.split("-"))
    if max_parts:
        parts = parts[:max_parts]
    return "-".join(parts) or "x"


def short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]
