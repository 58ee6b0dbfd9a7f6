"""Stage 2, extract: the per-article work, a pure function of (article file, manifest entry, code and
reference data), run in parallel and cached.

For each document it normalizes the text (hkcoop.ingest.textview), splits the page into articles
(hkcoop.ingest.pages) and, per article, finds what does not depend on any other article (`ArticleFacts`):
people named with a title, in a byline or a credit, the names the NER model tags as a person's (the
slowest step of the build), the meetings named, the totals stated, the figures, and then the signings,
the lists of areas and the events, found with the people, meetings and stated totals the document yields
alone (a one-document Corpus resolved here, hkcoop.extract.inputs). The result is a plain `DocExtract` of
data; the resolve stage (hkcoop.resolve) works across articles on those records, and finds a document's
signings, lists or events again only where what it resolved for the document differs.
Executors: in this process (`workers=1`), a process pool
(`workers=N`, the default is every core) or a Dask cluster (`executor="dask"`, a `LocalCluster` or the
scheduler at `scheduler`). They give the same records in the same order, so the outputs are byte for
byte the same whichever runs.

Cache: OUT/.cache/extract/<key[:2]>/<key>.json, the key a hash of the raw file's sha256, its manifest
entry and a fingerprint of the extractor's code, reference data and pinned requirements. Safe to
delete; a record written by other code is never read, because its key differs. Records are data
(hkcoop.extract.records: JSON, never pickle), and each is checked against the document it claims (key, doc_id,
sha256) before use: a damaged, foreign or relabelled one is extracted again and overwritten.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from hkcoop.errors import describe_exception
from hkcoop.extract import records
from hkcoop.ingest.document import Document

PACKAGE_DIR = Path(__file__).resolve().parents[1]
REPO = PACKAGE_DIR.parents[1]
CACHE = Path(".cache") / "extract"
CHUNK = 16  # documents per task sent to a worker: large enough to amortize the round trip


@dataclass
class ArticleFacts:
    """What one article yields on its own (see module doc); every mention carries doc=None until attached."""
    people: list = field(default_factory=list)  # PersonMention: titled, bylines, credits
    names: list = field(default_factory=list)  # NameCandidate: the NER model's person-tagged names
    conferences: list = field(default_factory=list)  # ConferenceMention: meetings named, dated, placed
    stated: list = field(default_factory=list)  # StatedTotal: N areas, M documents …, its meeting not yet known
    figures: list = field(default_factory=list)  # Figure: money, percentages, counts (not the stated totals)
    # found with the document's resolved people, meetings and stated totals (`DocExtract.inputs`)
    signings: list = field(default_factory=list)  # Signing: its meeting and total by position, not yet attached
    structured: list = field(default_factory=list)  # AreaList under headings or numbered lines, no framework yet
    inline: list = field(default_factory=list)  # AreaList in a sentence, no framework yet
    events: list = field(default_factory=list)  # EventMention


@dataclass
class DocExtract:
    doc_id: str
    view: object  # TextView
    articles: list
    script_detected: str
    ingest_error: str | None
    facts: dict[int, ArticleFacts]  # article ordinal ->
    failures: list[tuple[int, str, str]] = field(default_factory=list)  # (ordinal, stage, why) left out
    # finder ("signings", "area_lists", "events") -> the digest of what it read of the document resolved on
    # its own (hkcoop.extract.inputs); the resolve stage finds again where the corpus's digest differs
    inputs: dict[str, str] = field(default_factory=dict)


class FinderFailed(Exception):
    """A finder raised on an article: which (the stage named in the article's extraction_error), and why."""

    def __init__(self, stage: str, cause: Exception):
        super().__init__(stage)
        self.stage, self.cause = stage, cause


def article_facts(doc: Document, article) -> ArticleFacts:
    """What `article` yields on its own, but what needs the document's people and meetings resolved
    (`_resolved_facts`).
    A finder that raises is named (FinderFailed)."""
    from hkcoop.extract.conferences import find_mentions
    from hkcoop.extract.figures import find_figures
    from hkcoop.extract.people import name_candidates, titled_mentions
    from hkcoop.extract.stated_totals import find_stated

    start, end = doc.article_span(article)
    facts = ArticleFacts()
    step = "people"
    try:
        facts.people, facts.names = titled_mentions(doc, article, start, end), name_candidates(doc, start, end)
        step = "conferences"
        facts.conferences = find_mentions(doc, start, end)
        step = "stated_totals"
        facts.stated = find_stated(doc, start, end)
        step = "figures"
        facts.figures = find_figures(doc, start, end, facts.stated)
    except Exception as exc:  # noqa: BLE001 - isolated at the article's boundary
        raise FinderFailed(step, exc) from exc
    return facts


def extract_document(doc: Document) -> DocExtract:
    """The per-article stage for one document. An exception in one article is recorded against that
    article (the pipeline puts it in quarantine); the document's other articles are still extracted.
    Signings, area lists and events come last (`_resolved_facts`)."""
    articles = doc.articles  # normalizes the view first; a page that cannot be is recorded in ingest_error
    facts: dict[int, ArticleFacts] = {}
    failures: list[tuple[int, str, str]] = []
    for article in articles:
        try:
            facts[article.ordinal] = article_facts(doc, article)
        except FinderFailed as exc:
            failures.append((article.ordinal, exc.stage, describe_exception(exc.cause)))
    record = DocExtract(doc.doc_id, doc.view, articles, doc.script_detected, doc.ingest_error, facts, failures)
    doc.extracted = record
    _resolved_facts(doc, record)
    for m in _mentions(record):
        m.doc = None  # re-attached on the resolving side: a record never carries its document
    return record


def _resolved_facts(doc: Document, record: DocExtract) -> None:
    """Each article's signings, area lists and events, found with the people, meetings and stated totals the
    document yields resolved on its own (a one-document Corpus), and the digests of what each finder read.
    Where that resolution fails, nothing is recorded: the resolve stage finds them, where a fault is
    charged to its article."""
    from hkcoop.extract import inputs
    from hkcoop.extract.area_lists import inline_in_article
    from hkcoop.extract.events import find_event_mentions
    from hkcoop.extract.signings import in_article as signings_in
    from hkcoop.resolve.corpus import Corpus, resolve_local
    from hkcoop.resolve.events import excluded_spans

    quarantine = frozenset((doc.doc_id, ordinal) for ordinal, _, _ in record.failures)
    try:
        local = resolve_local(Corpus([doc], quarantine))
    except Exception:  # noqa: BLE001 - see the docstring
        return
    got = inputs.resolved_by_doc(local)[doc.doc_id]
    excluded = excluded_spans(local).get(doc.doc_id, [])
    for lst in local.structured_lists:
        record.facts[doc.article_at(lst.items[0].name_start).ordinal].structured.append(lst)
    for article in doc.articles:
        if article.ordinal not in record.facts:
            continue
        facts, step = record.facts[article.ordinal], "signings"
        try:
            facts.signings = signings_in(doc, article, got)
            step = "events"
            facts.events = find_event_mentions(doc, article, excluded, got.people)
            step = "inline areas"
            facts.inline = inline_in_article(doc, *doc.article_span(article), got, local.structured_lists)
        except Exception as exc:  # noqa: BLE001 - isolated at the article's boundary
            del record.facts[article.ordinal]
            record.failures.append((article.ordinal, step, describe_exception(exc)))
    record.inputs = {"signings": inputs.signings(got), "area_lists": inputs.area_lists(got),
                     "events": inputs.events(excluded, got.people)}


def attach(doc: Document, record: DocExtract) -> None:
    """Install a record into its document, as if the document had been extracted here."""
    doc.__dict__.update(view=record.view, articles=record.articles, script_detected=record.script_detected)
    doc.ingest_error = record.ingest_error
    for m in _mentions(record):
        m.doc = doc
    doc.extracted = record


def _mentions(record: DocExtract) -> Iterator:
    """Every fact of the record that names its document (`doc`)."""
    for found in record.facts.values():
        yield from (*found.people, *found.conferences, *found.stated, *found.figures, *found.signings,
                    *found.structured, *found.inline, *found.events)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What the records depend on besides the article: the package's code, reference data, requirements."""
    h = hashlib.sha256()
    inputs = sorted(PACKAGE_DIR.rglob("*.py")) + sorted((REPO / "reference").glob("*")) + [REPO / "requirements.txt"]
    for p in inputs:
        if p.is_file():
            h.update(p.relative_to(REPO).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def cache_key(doc: Document) -> str:
    return hashlib.sha256(f"{code_fingerprint()}\0{doc.raw.sha256}\0{doc.entry!r}".encode()).hexdigest()


class Cache:
    def __init__(self, root: Path | None):
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, doc: Document) -> DocExtract | None:
        """The record stored for `doc` under `key`, if it is one and is `doc`'s; else None."""
        if self.root is None:
            return None
        try:
            envelope = records.loads(self._path(key).read_bytes(), DocExtract)
        except (OSError, records.RecordError):  # absent, or damaged: extracted again and overwritten
            return None
        record = envelope["record"]
        claims = (envelope["key"], envelope["doc_id"], envelope["sha256"], record.doc_id, record.view.raw)
        if claims != (key, doc.doc_id, doc.raw.sha256, doc.doc_id, doc.raw.text):
            return None  # another document's record, or one relabelled: never trusted
        return record

    def put(self, key: str, doc: Document, record: DocExtract) -> None:
        if self.root is None:
            return
        path = self._path(key)
        data = records.dumps({"key": key, "doc_id": doc.doc_id, "sha256": doc.raw.sha256, "record": record})
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)  # atomic: a reader sees the whole record or none
        except BaseException:
            Path(tmp).unlink(missing_ok=True)  # a full disk leaves no partial record behind
            raise

    def remove_stale(self) -> None:
        """Temporary files of a build that was killed while writing."""
        if self.root is not None and self.root.is_dir():
            for tmp in sorted(self.root.glob("*/.tmp-*")):
                tmp.unlink(missing_ok=True)


def _extract_chunk(docs: list[Document]) -> list[DocExtract]:
    return [extract_document(d) for d in docs]


def _chunks(items: list, n: int) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _serial(chunks: list[list[Document]]) -> Iterable[list[DocExtract]]:
    return map(_extract_chunk, chunks)


def _process_pool(chunks: list[list[Document]], workers: int) -> Iterable[list[DocExtract]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the loaded reference data and jieba's dictionary with the workers at no cost
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm,
                             initargs=(os.getpid(),)) as pool:
        yield from pool.map(_extract_chunk, chunks)  # in submission order: the records' order never varies


def _dask(chunks: list[list[Document]], workers: int, scheduler: str | None) -> Iterable[list[DocExtract]]:
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(_extract_chunk, chunks, pure=False)
        for fut in futures:  # in submission order
            yield fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _warm(parent: int | None = None) -> None:
    """Tie the worker's life to its build's (a build killed with -9 leaves no worker behind), then load
    jieba's dictionary and the NER model once per worker, before the first document."""
    _die_with_parent(parent)
    from hkcoop.extract.ner import model
    from hkcoop.ingest.textview import jieba_module

    jieba_module()
    model()


def _die_with_parent(parent: int | None) -> None:
    """Linux: ask the kernel to kill this process when its parent ends (prctl PR_SET_PDEATHSIG); the parent
    may have ended already, before the request."""
    if parent is None or not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def run(docs: list[Document], *, workers: int | None = None, executor: str = "local", scheduler: str | None = None,
        cache_dir: Path | None = None, progress: Callable[[int, int], None] = lambda _done, _total: None) -> dict:
    """Extract every document (from the cache where it can) and attach the records. Returns counts:
    {'documents', 'from_cache', 'extracted'}."""
    workers = workers or os.cpu_count() or 1
    cache = Cache(cache_dir)
    cache.remove_stale()
    todo: list[Document] = []
    keys: dict[str, str] = {}
    done = 0
    for doc in docs:
        keys[doc.doc_id] = key = cache_key(doc)
        record = cache.get(key, doc) if not doc.ingest_error else None
        if record is not None:
            attach(doc, record)
            done += 1
        else:
            todo.append(doc)
    progress(done, len(docs))
    if todo:
        chunk = max(1, min(CHUNK, len(todo) // (workers * 4) or 1))
        chunks = list(_chunks(todo, chunk))
        if executor == "dask":
            results = _dask(chunks, workers, scheduler)
        elif workers > 1 and len(chunks) > 1:
            results = _process_pool(chunks, workers)
        else:
            results = _serial(chunks)
        for part, records in zip(chunks, results):
            for doc, record in zip(part, records):
                cache.put(keys[doc.doc_id], doc, record)
                attach(doc, record)
            done += len(part)
            progress(done, len(docs))
    return {"documents": len(docs), "from_cache": len(docs) - len(todo), "extracted": len(todo)}
