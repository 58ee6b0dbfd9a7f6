"""Evidence rows (table `mentions`): every fact points at an exact span of a raw file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

QUOTE_MAX = 400


@dataclass
class Evidence:
    rows: list[dict] = field(default_factory=list)

    def add_raw(self, doc, start: int, end: int, table: str, row_id: str, field_name: str,
                article_id: str | None = None) -> None:
        """Record raw span [start, end) of `doc` as evidence for `table`.`row_id`.`field_name`."""
        text = doc.raw.text
        if not 0 <= start < end <= len(text):
            raise ValueError(f"{doc.doc_id}: evidence span {start}:{end} outside the text")
        end = min(end, start + QUOTE_MAX)
        key = f"{table}|{row_id}|{field_name}|{doc.doc_id}|{start}|{end}"
        self.rows.append({
            "mention_id": "m-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
            "doc_id": doc.doc_id,
            "article_id": article_id,
            "char_start": start,
            "char_end": end,
            "quote": text[start:end],
            "table_name": table,
            "row_id": row_id,
            "field": field_name,
        })

    def add(self, doc, norm_start: int, norm_end: int, table: str, row_id: str, field_name: str,
            article_id: str | None = None) -> None:
        """Same, for a span of the document's normalized view; the article is the one the span lies in
        unless given (a headline printed away from its article). A span the raw file interrupts with
        something else (a caption across a page break) is quoted piece by piece, never across it."""
        if article_id is None:
            article = doc.article_at(norm_start)
            article_id = doc.article_id(article) if article else None
        for start, end in doc.view.raw_pieces(norm_start, norm_end):
            self.add_raw(doc, start, end, table, row_id, field_name, article_id)
