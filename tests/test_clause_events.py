"""Events from the clause (hkcoop.clause_events), on invented texts in the genre's shapes: a trip and what
happens inside it, named from lead + verb + object."""

from conftest import make_corpus
from hkcoop.clause_events import find


def names(text, carried=None, people=()):
    found, subject = find(text, 0, len(text), list(people), [], carried)
    return [e.name_zh for e in found], subject


def test_a_delegation_and_what_it_does_in_one_sentence():
    got, subject = names("某省经贸代表团昨日抵达香港，先后拜会了香港某商会，并参观了某科技园。")
    assert got == ["某省经贸代表团抵达香港", "某省经贸代表团拜会香港某商会", "某省经贸代表团参观某科技园"]
    assert subject[0] == "某省经贸代表团"


def test_a_sentence_that_opens_with_suiho_takes_the_article_subject():
    _, subject = names("某市考察团一行昨日来港考察。")
    got, _ = names("随后，走访了两家物流企业。", carried=subject)
    assert got == ["某市考察团一行走访两家物流企业"]
    got, _ = names("会议期间，双方交流意见。", carried=subject)  # no trigger verb: nothing
    assert got == []


def test_the_other_side_stands_between_lead_and_verb():
    got, _ = names("访问团与某市副市长会面。")
    assert got == ["访问团与某市副市长会面"]


def test_verbs_used_as_nouns_hoped_for_or_without_anyone_give_nothing():
    assert names("考察团成员均为青年企业家。")[0] == []
    assert names("双方同意加强互访。")[0] == []
    assert names("欢迎代表团今后再到访某市。")[0] == []
    assert names("代表团表示访问非常充实。")[0] == []
    assert names("区领导通过座谈交流等方式了解情况。")[0] == []
    assert names("区领导赴做好收尾各项工作。")[0] == []


def test_a_compound_verb_and_a_duration_are_one_deed():
    got, _ = names("某市代表团前往某地考察三天，并参观考察了某港口。")
    assert got == ["某市代表团前往某地考察三天", "某市代表团参观考察某港口"]


def test_inside_a_trip_the_events_have_the_trip_as_parent_and_their_days(tmp_path):
    text = ("某省代表团访港推进合作\n\n"
            "本报讯 某省委书记张明率某省代表团于5月15日至17日访问香港。\n\n"
            "16日上午，代表团拜会了香港某商会，并参观了某科学园。\n\n"
            "17日，代表团与香港某大学签署合作协议。\n")
    corpus = make_corpus(tmp_path, {"a.txt": text}, published="2025-05-18")
    events = {e.name_zh: e for e in corpus.events.values()}
    trip = next(e for e in events.values() if e.event_type == "visit" and "访问香港" in e.name_zh)
    meeting = next(e for n, e in events.items() if "拜会香港某商会" in n)
    assert meeting.event_type == "meeting" and str(meeting.start_date) == "2025-05-16"
    visit = next(e for n, e in events.items() if "参观某科学园" in n)
    assert visit.event_type == "inspection" and str(visit.start_date) == "2025-05-16"
    assert trip.start_date.isoformat() == "2025-05-15" and trip.end_date.isoformat() == "2025-05-17"
    assert meeting.parent is trip and visit.parent is trip


def test_an_undated_event_takes_the_day_its_paragraph_gave_before_it(tmp_path):
    text = ("某市代表团访港\n\n"
            "本报讯 某市代表团6月3日抵达香港。代表团走访了某物流公司，并与某商会负责人座谈。\n")
    corpus = make_corpus(tmp_path, {"a.txt": text}, published="2025-06-05")
    dated = {e.name_zh: str(e.start_date) for e in corpus.events.values()}
    assert dated["某市代表团抵达香港"] == "2025-06-03"
    walk = next(n for n in dated if "走访某物流公司" in n)
    assert dated[walk] == "2025-06-03"


def test_two_verbs_joined_by_ji_are_one_deed():
    got, _ = names("某市领导会见及宴请了某商会访问团。")
    assert got == ["某市领导会见及宴请某商会访问团"]


def test_an_inspection_trip_is_named_by_who_made_it(tmp_path):
    text = "基层动态\n\n本报讯 区长李明昨日赴某镇调研。\n"
    corpus = make_corpus(tmp_path, {"a.txt": text}, published="2025-06-05")
    (event,) = [e for e in corpus.events.values() if e.event_type == "inspection"]
    assert event.name_zh == "区长李明赴某镇调研" and str(event.start_date) == "2025-06-04"
