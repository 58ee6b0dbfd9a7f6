"""Ingest: one raw file with its manifest entry, decoded text, normalized view and articles."""

from __future__ import annotations

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


def load_document(raw_dir: Path, entry: SourceEntry) -> Document:
    return Document(entry=entry, raw=read_raw(Path(raw_dir) / entry.file))
