"""Chinese script: detect Hans/Hant and derive a simplified view with the same length as its input.

OpenCC does the conversion. The simplified view must stay aligned with the text it came from, so a
phrase-level conversion that changes the length falls back to character-by-character conversion.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import opencc

TO_SIMPLIFIED = "hk2s"  # HK variant forms -> OpenCC standard -> simplified; also correct for Taiwan/standard forms
TO_TRADITIONAL = "s2hk"


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Simplified-script form of `text`, guaranteed to have the same length."""
    conv = _converter(TO_SIMPLIFIED)
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    chars = []
    for ch in text:
        c = conv.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


def search_forms(text: str) -> list[str]:
    """`text` as printed, in simplified script, and in the traditional forms of Hong Kong, of Taiwan and of
    OpenCC's standard, each once: what a search index holds so that a query in either script finds it."""
    forms = [text, to_simplified(text)] + [_converter(c).convert(text) for c in ("s2hk", "s2tw", "s2t")]
    return list(dict.fromkeys(forms))


def detect_script(text: str) -> str:
    """'Hant' when more characters change under traditional->simplified than the reverse, else 'Hans'."""
    counts = Counter(ch for ch in text if "\u3400" <= ch <= "\u9fff")
    t2s, s2t = _converter(TO_SIMPLIFIED), _converter(TO_TRADITIONAL)
    traditional = sum(n for ch, n in counts.items() if t2s.convert(ch) != ch)
    simplified = sum(n for ch, n in counts.items() if s2t.convert(ch) != ch)
    return "Hant" if traditional > simplified else "Hans"
