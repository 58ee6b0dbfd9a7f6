"""Ingest: one raw file with its manifest entry, decoded text, normalized view and articles."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from hkcoop.manifest import SourceEntry
from hkcoop.pages import Article, split_articles
from hkcoop.rawtext import RawText, read_raw
from hkcoop.script import detect_script
from hkcoop.textview import TextView, build_view


@dataclass
class Document:
    entry: SourceEntry
    raw: RawText

    @property
    def doc_id(self) -> str:
        return self.entry.doc_id

    @cached_property
    def view(self) -> TextView:
        return build_view(self.raw.text)

    @cached_property
    def script_detected(self) -> str:
        return detect_script(self.raw.text)

    @property
    def script(self) -> str:
        return self.entry.script or self.script_detected

    @cached_property
    def articles(self) -> list[Article]:
        return split_articles(self.view)

    def article_id(self, article: Article) -> str:
        return f"{self.doc_id}-{article.ordinal:02d}"

    @property
    def reference_date(self) -> tuple[dt.date | None, str]:
        """The date relative expressions and year-less dates resolve against, and what it is."""
        if self.entry.published:
            return self.entry.published, "publication date"
        if self.entry.not_before:
            return self.entry.not_before, "earliest possible publication date"
        return None, "none"

    def block_at(self, pos: int) -> int:
        """Index of the block holding normalized offset `pos`."""
        return max(0, bisect.bisect_right(self.view.block_starts, pos) - 1)

    def article_at(self, pos: int) -> Article | None:
        block = self.block_at(pos)
        return next((a for a in self.articles if a.first <= block <= a.last), None)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """Normalized span of the sentence holding `pos` (within its block)."""
        start, end = self.view.block_span(self.block_at(pos))
        text = self.view.text
        s = max((m.end() for m in SENTENCE_END.finditer(text, start, pos)), default=start)
        m = SENTENCE_END.search(text, pos, end)
        return s, m.end() if m else end


SENTENCE_END = re.compile(r"[。！？!?;；]")


def load_document(raw_dir: Path, entry: SourceEntry) -> Document:
    return Document(entry=entry, raw=read_raw(Path(raw_dir) / entry.file))
