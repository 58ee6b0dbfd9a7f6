"""Ingest: one raw file with its manifest entry, decoded text, normalized view and articles."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from hkcoop.errors import describe_exception
from hkcoop.ingest.manifest import SourceEntry
from hkcoop.ingest.pages import Article, heading_span, split_articles
from hkcoop.ingest.rawtext import RawText, read_raw
from hkcoop.ingest.script import detect_script
from hkcoop.ingest.textview import TextView, build_view


@dataclass
class Document:
    entry: SourceEntry
    raw: RawText
    ingest_error: str | None = None  # the file could not be normalized or split: built without articles
    extracted: object | None = field(default=None, repr=False)  # its hkcoop.extract.stage.DocExtract, once attached

    @property
    def doc_id(self) -> str:
        return self.entry.doc_id

    @cached_property
    def view(self) -> TextView:
        try:
            return build_view(self.raw.text)
        except Exception as exc:  # noqa: BLE001 - a file that cannot be normalized builds without articles
            self.ingest_error = f"normalizing the text: {describe_exception(exc)}"
            return TextView(raw=self.raw.text, blocks=[])

    @cached_property
    def script_detected(self) -> str:
        return detect_script(self.raw.text)

    @property
    def script(self) -> str:
        return self.entry.script or self.script_detected

    @cached_property
    def articles(self) -> list[Article]:
        view = self.view
        if self.ingest_error:
            return []
        try:
            return split_articles(view)
        except Exception as exc:  # noqa: BLE001 - a page that cannot be split builds without articles
            self.ingest_error = f"splitting the page into articles: {describe_exception(exc)}"
            return []

    def article_id(self, article: Article) -> str:
        return f"{self.doc_id}-{article.ordinal:02d}"

    def headline_zh(self, article: Article | None) -> str | None:
        """The article's headline in simplified script (the fallback subject of a figure)."""
        if article is None or article.headline is None:
            return None
        return self.view.simplified[slice(*heading_span(self.view, article.headline))]

    @cached_property
    def reference_date(self) -> tuple[dt.date | None, str]:
        try:
            return self._reference_date()
        except Exception as exc:  # noqa: BLE001 - relative dates then stay unresolved
            return None, f"none (reading it failed: {describe_exception(exc)})"

    def _reference_date(self) -> tuple[dt.date | None, str]:
        """The date relative expressions (昨, 今日) and year-less dates resolve against, and what it is:
        the manifest's publication date; else the dateline (新华社成都6月29日电), its year from the
        manifest, a page stamp or the latest year the text names; else the manifest's earliest possible
        date; else a page stamp; else the latest year the text names (year only). A page stamp that
        contradicts the dateline loses (re-posted copies)."""
        if self.entry.published:
            return self.entry.published, "publication date"
        head = "\n".join(b.text for b in self.view.blocks[:6])
        stamp = STAMP.search(head)
        stamp_date = _date(int(stamp["y"]), int(stamp["m"]), int(stamp["d"])) if stamp else None
        line = DATELINE.search(head)
        if line:
            year = (self.entry.not_before.year if self.entry.not_before else stamp_date.year if stamp_date
                    else max((int(y) for y in YEAR_IN_TEXT.findall(self.view.text)), default=None))
            date = _date(year, int(line["m"]), int(line["d"])) if year else None
            if date:
                return date, f"dateline ({line.group(0)}); year from the " + (
                    "manifest" if self.entry.not_before else "page stamp" if stamp_date else "text")
        for block in reversed(self.view.blocks):  # a press release's footer: 2025年4月24日(星期四)
            m = DATE_LINE.match(block.text)
            if m and _date(int(m["y"]), int(m["m"]), int(m["d"])):
                return _date(int(m["y"]), int(m["m"]), int(m["d"])), f"date line printed in the text ({block.text})"
        if self.entry.not_before:
            return self.entry.not_before, "earliest possible publication date"
        if stamp_date:
            return stamp_date, "page stamp (unverified)"
        years = [int(y) for y in YEAR_IN_TEXT.findall(self.view.text)]
        if years:  # only the year is known: dates without a year take it; 昨 and 26日 stay unresolved
            return dt.date(max(years), 12, 31), "year named in the text (the latest)"
        return None, "none"

    def article_span(self, article: Article) -> tuple[int, int]:
        """Normalized span [start, end) of an article's lines."""
        return self.view.block_span(article.first)[0], self.view.block_span(article.last)[1]

    def block_at(self, pos: int) -> int:
        """Index of the block holding normalized offset `pos`."""
        return max(0, bisect.bisect_right(self.view.block_starts, pos) - 1)

    def article_at(self, pos: int) -> Article | None:
        block = self.block_at(pos)
        return next((a for a in self.articles if a.first <= block <= a.last), None)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """Normalized span of the sentence holding `pos` (within its block)."""
        start, end = self.view.block_span(self.block_at(pos))
        marks = self._sentence_marks  # looked up, not scanned: a one-line article is one long block
        i = bisect.bisect_left(marks, pos)
        s = marks[i - 1] + 1 if i and marks[i - 1] >= start else start
        e = marks[i] + 1 if i < len(marks) and marks[i] < end else end
        return s, e

    @cached_property
    def _sentence_marks(self) -> list[int]:
        """Offsets of the sentence-ending punctuation of the normalized text, in order."""
        return [m.start() for m in SENTENCE_END.finditer(self.view.text)]


SENTENCE_END = re.compile(r"[。！？!?;；]")
DATELINE = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:社|报|報|网|網|台)[\u4e00-\u9fff]{0,8}?(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:电|電|讯|訊)")
STAMP = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?")
DATE_LINE = re.compile(r"^(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*(?:\(星期.\)|（星期.）)?$")
# a year the text names, but not one that opens a statistic (2024年,贸易额… / 截至2023年底): those look back
YEAR_IN_TEXT = re.compile(r"(?<![\d截至止])((?:19|20)\d{2})(?!\d)(?!年[,，、底末以上前中]|年全年|年度)")


def _date(y, m, d):
    try:
        return dt.date(y, m, d)
    except (TypeError, ValueError):
        return None


def load_document(raw_dir: Path, entry: SourceEntry) -> Document:
    folder = raw_dir if isinstance(raw_dir, Path) else Path(raw_dir)  # Path(a Path) is not free, 10 000 times over
    return Document(entry=entry, raw=read_raw(folder / entry.file))
