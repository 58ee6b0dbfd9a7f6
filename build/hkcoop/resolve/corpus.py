"""The documents being built, the evidence collected, and results shared by several tables.

Extraction runs article by article (`Corpus.scan`): an exception inside one article's extraction is
raised as `ExtractionFailed`, naming the file, the article and the stage; the pipeline then puts that
article in quarantine and builds again without it (hkcoop.pipeline), so one bad article never stops the
others, and a quarantined article contributes no row to any table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from hkcoop.errors import ArticleFailure, ExtractionFailed, describe_exception
from hkcoop.ingest.document import Document
from hkcoop.resolve.evidence import Evidence


@dataclass
class Corpus:
    docs: list[Document]
    quarantine: frozenset = frozenset()  # (doc_id, ordinal) of articles left out after a failed extraction
    failures: tuple[ArticleFailure, ...] = ()  # why each of them is left out
    evidence: Evidence = field(default_factory=Evidence)
    count: Callable[[str, int, int], None] = lambda _stage, _done, _total: None  # (stage, documents done, total)
    # the results of the resolve stage, set by `resolve` in its order
    conferences: dict = field(default_factory=dict)  # (mechanism, number) -> Conference
    meetings: dict = field(default_factory=dict)  # doc_id -> [(ConferenceMention, Conference)]: conference_near's
    stated_totals: list = field(default_factory=list)  # StatedTotal
    structured_lists: list = field(default_factory=list)  # AreaList: headings and numbered lines
    people: dict = field(default_factory=dict)  # person_id -> Person
    people_mentions: dict = field(default_factory=dict)  # doc_id -> mentions of people who are not reporters
    signings: list = field(default_factory=list)  # Signing
    events: dict = field(default_factory=dict)  # event_id -> Event (other than conference meetings)
    frameworks: list = field(default_factory=list)  # AreaList: structured, then inline
    figures: list = field(default_factory=list)  # Figure
    areas: list = field(default_factory=list)  # (sector row, AreaList, AreaItem), one list per framework
    area_evidence: list = field(default_factory=list)  # (sector_id, AreaList, AreaItem): other reports' mentions

    def articles(self, doc: Document) -> list:
        """The articles of `doc` that are extracted (all but those in quarantine)."""
        if (doc.doc_id, None) in self.quarantine:
            return []
        return [a for a in doc.articles if (doc.doc_id, a.ordinal) not in self.quarantine]

    def scan(self, stage: str, extract: Callable[[Document, object, int, int], Iterable]) -> list:
        """Run `extract(doc, article, start, end)` on every article (normalized span [start, end)) and
        concatenate what it returns; an exception names the article and the stage (ExtractionFailed)."""
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

    def facts(self, doc: Document, article):
        """What the extract stage found in `article` on its own (hkcoop.extract.stage.ArticleFacts)."""
        return doc.extracted.facts[article.ordinal]

    def found(self, kind: str) -> list:
        """One kind of the extract stage's facts ("conferences", "figures" …) of every article, in order."""
        return [x for doc in self.docs for a in self.articles(doc) for x in getattr(self.facts(doc, a), kind)]


def resolve(corpus: Corpus) -> Corpus:
    """Stage 3: what needs more than one article, step by step on the extract stage's records (a document
    that has none, as a corpus made by hand in a test, is extracted first). Each step reads only the
    steps before it; a step that re-reads articles does so through `Corpus.scan`, so that a fault is
    charged to its article."""
    from hkcoop.extract import stage
    from hkcoop.resolve.events import resolve_events
    from hkcoop.resolve.frameworks import inline_lists, structured_lists
    from hkcoop.resolve.signings import resolve_signings
    from hkcoop.tables.sectors import area_rows

    for doc in corpus.docs:
        if doc.extracted is None and not doc.ingest_error:
            stage.attach(doc, stage.extract_document(doc))
    _meetings_lists_and_people(corpus, structured_lists)  # the lists with their meeting's framework
    corpus.signings = resolve_signings(corpus)  # with their parties, among the people resolved, and meeting
    corpus.events = resolve_events(corpus)  # one event across reports, with its parent and dates
    corpus.frameworks = corpus.structured_lists + inline_lists(corpus)  # every list of areas, with its framework
    corpus.figures = corpus.found("figures")
    corpus.areas, corpus.area_evidence = area_rows(corpus)  # one list per framework (tables/sectors.py)
    return corpus


def resolve_local(corpus: Corpus) -> Corpus:
    """`corpus` (one document) resolved on its own as far as its signings, area lists and events read
    (the extract stage's `_resolved_facts`): its meetings, stated totals, structured lists (as the extract
    stage records them, without their framework) and people."""
    from hkcoop.resolve.frameworks import find_structured_lists

    _meetings_lists_and_people(corpus, find_structured_lists)
    return corpus


def _meetings_lists_and_people(corpus: Corpus, lists: Callable[[Corpus], list]) -> None:
    """The steps that an article's signings, lists and events read, the first of `resolve` (and all of
    `resolve_local`); `lists` gives the structured lists."""
    from hkcoop.resolve.conferences import meetings_by_doc, resolve_conferences
    from hkcoop.resolve.people import people_mentions, resolve_people
    from hkcoop.resolve.stated_totals import resolve_stated_totals

    corpus.conferences = resolve_conferences(corpus)  # one meeting across reports
    corpus.meetings = meetings_by_doc(corpus.conferences)
    corpus.stated_totals = resolve_stated_totals(corpus)  # each with its meeting, once per document
    corpus.structured_lists = lists(corpus)  # area lists under headings, with their meeting
    corpus.people = resolve_people(corpus)  # one person across articles and scripts
    corpus.people_mentions = people_mentions(corpus.people)
