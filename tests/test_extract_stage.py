"""The extract stage's record of a document: what each article yields on its own, as data, and where the
resolve stage finds an article's events again (its people resolved across articles differ)."""

from __future__ import annotations

import datetime as dt

from conftest import make_corpus

from hkcoop.extract import records, stage
from hkcoop.extract.events import event_inputs
from hkcoop.resolve.events import excluded_spans

TRIP = ("某省代表团访港\n\n"
        "本报讯 某省省长王建国昨日(9日)率某省代表团抵达香港，开始为期三天的访问。代表团出席第三次赣港合作会议，"
        "会上双方签署了12份合作文件，涉及投资额50亿元。\n")
LATER = ("某港合作再出发\n\n"
         "本报讯 王建国昨日会见香港某商会代表，双方就深化经贸合作交换意见。\n")


def test_a_documents_record_holds_each_articles_facts_as_data(tmp_path):
    corpus = make_corpus(tmp_path, {"a.txt": TRIP}, published="2025-03-10")
    (doc,) = corpus.docs
    record = doc.extracted
    (facts,) = record.facts.values()
    assert [cm.name_zh for cm in facts.conferences] == ["第三次赣港合作会议"]
    assert [(t.indicator, t.amount.value) for t in facts.stated] == [("documents_signed", 12.0)]
    assert [f.amount.value for f in facts.figures] == [5_000_000_000.0]  # not the 12 documents: a stated total
    visit = next(e for e in facts.events if e.event_type == "visit")
    assert visit.date == (dt.date(2025, 3, 9), dt.date(2025, 3, 11))  # arrived on the 9th for three days
    # data, not objects: through the cache's encoding and back, equal but for the document it names
    data = records.dumps({"key": "k", "doc_id": doc.doc_id, "sha256": doc.raw.sha256, "record": record})
    again = records.loads(data, stage.DocExtract)["record"]
    (back,) = again.facts.values()
    assert [(e.name_zh, e.date, e.lead_span) for e in back.events] == [(e.name_zh, e.date, e.lead_span) for e in facts.events]
    assert all(m.doc is None for m in back.events + back.figures + back.stated + back.conferences)
    assert again.event_inputs == record.event_inputs


def test_an_articles_events_are_found_again_only_where_other_articles_name_its_people(tmp_path):
    alone = make_corpus(tmp_path / "alone", {"b.txt": LATER}, published="2025-03-12")
    both = make_corpus(tmp_path / "both", {"a.txt": TRIP, "b.txt": LATER}, published="2025-03-12")

    def resolved_inputs(corpus, doc):
        return event_inputs(excluded_spans(corpus).get(doc.doc_id, []), corpus.people_mentions.get(doc.doc_id, []))

    (b_alone,) = alone.docs
    assert b_alone.extracted.event_inputs == resolved_inputs(alone, b_alone)  # its own people: kept
    a, b = both.docs
    assert a.extracted.event_inputs == resolved_inputs(both, a)
    # 王建国 untitled in b is the governor titled in a: b's people differ once resolved, so its events are
    # found again, with him as the lead
    assert b.extracted.event_inputs != resolved_inputs(both, b)
    meeting = next(e for e in both.events.values() if any(m.doc is b for m in e.mentions) and "会见" in e.name_zh)
    m = next(m for m in meeting.mentions if m.doc is b)
    assert b.view.simplified[slice(*m.lead_span)] == "王建国"
