"""The extract stage's record of a document: what each article yields on its own, as data, and where the
resolve stage finds an article's signings and events again (its people resolved across articles differ),
or completes them from what other articles say (a meeting's date)."""

from __future__ import annotations

import datetime as dt

from conftest import make_corpus

from hkcoop.extract import records, stage
from hkcoop.extract import inputs
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
    assert again.inputs == record.inputs and sorted(record.inputs) == ["area_lists", "events", "signings"]


def test_an_articles_events_are_found_again_only_where_other_articles_name_its_people(tmp_path):
    alone = make_corpus(tmp_path / "alone", {"b.txt": LATER}, published="2025-03-12")
    both = make_corpus(tmp_path / "both", {"a.txt": TRIP, "b.txt": LATER}, published="2025-03-12")

    def resolved_inputs(corpus, doc):
        return inputs.events(excluded_spans(corpus).get(doc.doc_id, []), corpus.people_mentions.get(doc.doc_id, []))

    (b_alone,) = alone.docs
    assert b_alone.extracted.inputs["events"] == resolved_inputs(alone, b_alone)  # its own people: kept
    a, b = both.docs
    assert a.extracted.inputs["events"] == resolved_inputs(both, a)
    # 王建国 untitled in b is the governor titled in a: b's people differ once resolved, so its events are
    # found again, with him as the lead
    assert b.extracted.inputs["events"] != resolved_inputs(both, b)
    meeting = next(e for e in both.events.values() if any(m.doc is b for m in e.mentions) and "会见" in e.name_zh)
    m = next(m for m in meeting.mentions if m.doc is b)
    assert b.view.simplified[slice(*m.lead_span)] == "王建国"


MEETING = ("第三次赣港合作会议在南昌举行\n\n"
           "本报讯 第三次赣港合作会议昨日(3月9日)在南昌举行。某省省长王建国与香港特区政务司司长李明出席会议。\n\n"
           "双方将在金融、科技创新、文化旅游等领域深化合作。\n")
SIGNED = ("赣港合作再上新台阶\n\n"
          "本报讯 在第三次赣港合作会议上,双方签署了《赣港科技创新合作协议》。\n\n"
          "会议期间,王建国与香港某商会会长陈大文签署《赣港商贸合作备忘录》。\n")


def test_signings_and_area_lists_are_recorded_without_their_meeting_and_given_it_in_the_resolve_stage(tmp_path):
    corpus = make_corpus(tmp_path, {"a.txt": MEETING}, published="2025-03-10")
    (doc,) = corpus.docs
    (facts,) = doc.extracted.facts.values()
    (inline,) = facts.inline
    assert inline.framework is None and inline.doc is doc  # the record's: no framework yet
    (lst,) = corpus.frameworks
    assert lst is not inline and lst.framework.framework_type == "conference_meeting"
    assert lst.framework.event_id == "2025-di-san-ci-gan-gang-he-zuo-hui-yi"
    assert [doc.view.simplified[i.name_start:i.name_end] for i in lst.items] == ["金融", "科技创新", "文化旅游"]

    alone = make_corpus(tmp_path / "alone", {"b.txt": SIGNED}, published="2025-03-10")
    (b,) = alone.docs
    (facts,) = b.extracted.facts.values()
    assert [(s.title_zh, s.meeting, s.conference, s.parties) for s in facts.signings] == [
        ("赣港科技创新合作协议", 0, None, ["双方"]), ("赣港商贸合作备忘录", 0, None, ["王建国", "香港某商会"])]
    data = records.dumps({"key": "k", "doc_id": b.doc_id, "sha256": b.raw.sha256, "record": b.extracted})
    (back,) = records.loads(data, stage.DocExtract)["record"].facts.values()
    assert [(s.title_zh, s.meeting, s.doc) for s in back.signings] == [("赣港科技创新合作协议", 0, None),
                                                                         ("赣港商贸合作备忘录", 0, None)]
    first, _ = alone.signings
    # signed "by both sides" at a 赣港 meeting: the mechanism's two jurisdictions; its meeting has no date here
    assert first.parties == ["江西", "香港"] and first.conference.name_zh == "第三次赣港合作会议"
    assert first.signed_date is None


def test_a_signing_takes_its_meetings_date_from_another_report_and_is_found_again_where_people_differ(tmp_path):
    both = make_corpus(tmp_path, {"a.txt": MEETING, "b.txt": SIGNED}, published="2025-03-10")
    _, b = both.docs
    got = inputs.resolved_by_doc(both)[b.doc_id]
    assert b.extracted.inputs["area_lists"] == inputs.area_lists(got)
    # 王建国, untitled in b, is the governor titled in a: b's signings are found again with him as a signatory
    assert b.extracted.inputs["signings"] != inputs.signings(got)
    by_title = {s.title_zh: s for s in both.signings}
    assert (by_title["赣港商贸合作备忘录"].parties, by_title["赣港商贸合作备忘录"].signatories) == (
        ["香港某商会"], ["王建国", "陈大文"])
    # undated in b, signed at a meeting that a dates to one day
    sig = by_title["赣港科技创新合作协议"]
    assert (sig.signed_date, sig.date_basis) == (dt.date(2025, 3, 9), "date of the event it was signed at")
    (facts,) = b.extracted.facts.values()
    assert [s.signed_date for s in facts.signings] == [None, None]  # the record is not altered by resolving
