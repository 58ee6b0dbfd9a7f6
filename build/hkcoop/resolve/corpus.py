"""The documents being built, the evidence collected, and results shared by several tables.

Extraction runs article by article (`Corpus.scan`): an exception inside one article's extraction is
raised as `ExtractionFailed`, naming the file, the article and the stage; the pipeline then puts that
article in quarantine and builds again without it (hkcoop.pipeline), so one bad article never stops the
others, and a quarantined article contributes no row to any table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable

from hkcoop.ingest.document import Document
from hkcoop.errors import ArticleFailure, ExtractionFailed, describe_exception
from hkcoop.resolve.evidence import Evidence


@dataclass
class Corpus:
    docs: list[Document]
    quarantine: frozenset = frozenset()  # (doc_id, ordinal) of articles left out after a failed extraction
    failures: tuple[ArticleFailure, ...] = ()  # why each of them is left out
    evidence: Evidence = field(default_factory=Evidence)
    count: Callable[[str, int, int], None] = lambda _stage, _done, _total: None  # (stage, documents done, total)

    def articles(self, doc: Document) -> list:
        """The articles of `doc` that are extracted (all but those in quarantine)."""
        if (doc.doc_id, None) in self.quarantine:
            return []
        return [a for a in doc.articles if (doc.doc_id, a.ordinal) not in self.quarantine]

    def scan(self, stage: str, extract: Callable[[Document, object, int, int], Iterable], needs: tuple = ()) -> list:
        """Run `extract(doc, article, start, end)` on every article (normalized span [start, end)) and
        concatenate what it returns; an exception names the article and the stage (ExtractionFailed).
        `needs` names the results across articles that `extract` reads (conferences, people …): they are
        resolved first, so that a fault in them is not charged to the article being scanned."""
        for name in needs:
            getattr(self, name)
        out: list = []
        for done, doc in enumerate(self.docs, 1):
            if done % 64 == 0 or done == len(self.docs):
                self.count(stage, done, len(self.docs))
            for article in self.articles(doc):
                start, end = doc.article_span(article)
                try:
                    out.extend(extract(doc, article, start, end))
                except ExtractionFailed:
                    raise
                except Exception as exc:  # noqa: BLE001 - isolated at the article's boundary, see module doc
                    raise ExtractionFailed(ArticleFailure(doc.doc_id, doc.entry.file, article.ordinal, stage,
                                                          describe_exception(exc))) from exc
        return out

    def candidates(self, doc: Document, article):
        """What the extract stage found in `article` on its own (hkcoop.extract.stage), found now if the document
        was not extracted there (a corpus made by hand, as tests do)."""
        record = doc.extracted
        if record is not None and article.ordinal in record.candidates:
            return record.candidates[article.ordinal]
        from hkcoop.extract.stage import article_candidates

        return article_candidates(doc, article)

    @cached_property
    def conferences(self):
        from hkcoop.extract.conferences import resolve_conferences

        return resolve_conferences(self)

    @cached_property
    def stated_totals(self):
        from hkcoop.extract.stated_totals import find_stated_totals

        return find_stated_totals(self)

    @cached_property
    def frameworks(self):
        """Every list of cooperation areas: headings and numbered lines, then inline lists."""
        from hkcoop.extract.frameworks import find_inline_lists

        return self.structured_lists + find_inline_lists(self)

    @cached_property
    def structured_lists(self):
        """The area lists printed as headings or numbered lines (with their measures)."""
        from hkcoop.extract.frameworks import find_structured_lists

        return find_structured_lists(self)

    @cached_property
    def signings(self):
        from hkcoop.extract.signings import find_signings

        return find_signings(self)

    @cached_property
    def reconciled_areas(self):
        """(rows, other reports' mentions): see tables/sectors.py."""
        from hkcoop.tables.sectors import area_rows

        return area_rows(self)

    @property
    def areas(self):
        """(sector row, AreaList, AreaItem) for every cooperation area, one list per framework."""
        return self.reconciled_areas[0]

    @property
    def area_evidence(self):
        """(sector_id, AreaList, AreaItem): another report's mention of an area that has its row."""
        return self.reconciled_areas[1]

    @cached_property
    def figures(self):
        from hkcoop.extract.figures import find_figures

        return find_figures(self)

    @cached_property
    def people(self):
        from hkcoop.extract.people import resolve_people

        return resolve_people(self)

    @cached_property
    def people_mentions(self) -> dict[str, list]:
        """doc_id -> the mentions of people who are not reporters, in text order."""
        out: dict[str, list] = {}
        for person in self.people.values():
            if not person.is_reporter:
                for m in person.mentions:
                    out.setdefault(m.doc.doc_id, []).append(m)
        return {k: sorted(v, key=lambda m: m.start) for k, v in out.items()}

    @cached_property
    def events(self):
        """Events other than conference meetings (see hkcoop.extract.events), by event_id."""
        from hkcoop.extract.events import resolve_events

        return resolve_events(self)
