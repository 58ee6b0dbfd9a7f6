"""Events from the clause (hkcoop.extract.clause_events), on invented texts in the genre's shapes: a trip and what
happens inside it, named from lead + verb + object."""

from conftest import make_corpus
from hkcoop.extract.clause_events import find


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


def events_of(tmp_path, text, published="2025-06-05"):
    corpus = make_corpus(tmp_path, {"a.txt": text}, published=published)
    return {e.name_zh: e for e in corpus.events.values()}


def test_how_a_deed_is_carried_out_is_not_part_of_its_name():
    got, _ = names("某市青年交流团一行30人，日前赴某省某市进行为期5天的考察访问。")
    assert got == ["某市青年交流团一行赴某省某市考察访问"]


def test_a_passive_meeting_names_the_hosts_first_and_the_guests_as_printed(tmp_path):
    text = ("某团访问某省\n\n本报讯 访问团在某市期间，获某省省长王立新、副省长赵一平会见及宴请。\n")
    events = events_of(tmp_path, text)
    (meeting,) = [e for e in events.values() if e.event_type == "meeting"]
    assert meeting.name_zh == "某省省长王立新等会见及宴请访问团"
    m = meeting.mentions[0]
    assert text.count("王立新") == 1 and m.other_span is not None and m.lead_span is not None
    assert m.doc.view.simplified[m.lead_span[0]:m.lead_span[1]] == "访问团"


def test_a_bare_event_word_chaired_is_named_by_who_chaired_it(tmp_path):
    events = events_of(tmp_path, "某团访问某省\n\n本报讯 为加强沟通，某省政协副主席孙立明主持座谈会。\n")
    assert "某省政协副主席孙立明主持座谈会" in events
    # 出席活动 is the event reported, not one of its own; a list of attendees is no one who chaired it
    events = events_of(tmp_path / "b", "某团访问某省\n\n本报讯 某市市长钱思源出席活动。王立新、赵一平等参加座谈会。\n")
    assert not [n for n in events if n.endswith(("出席活动", "参加座谈会"))]


def test_a_ceremony_witnessed_is_an_event_named_by_what_was_witnessed(tmp_path):
    events = events_of(tmp_path, "某市推介会在港举行\n\n本报讯 某市推介会8日在香港举行，两地嘉宾共同见证12个重点项目签约。\n",
                       published="2025-06-09")
    signing = events["12个重点项目签约"]
    assert signing.event_type == "signing_ceremony" and str(signing.start_date) == "2025-06-08"


def test_a_tour_of_several_places_is_one_inspection_named_by_the_first_two(tmp_path):
    events = events_of(tmp_path, "某团考察\n\n本报讯 6月2日，考察团一行先后深入某光伏基地、某能源公司、某产业园等地进行考察。\n")
    tour = events["考察团一行考察某光伏基地、某能源公司等地"]
    assert tour.event_type == "inspection" and str(tour.start_date) == "2025-06-02"


def test_the_last_day_of_a_trip_of_n_days_gives_the_trip_its_days(tmp_path):
    text = ("某议会考察团结束某省行程\n\n"
            "本报讯 今日(19日)是某议会考察团某省行程的最后一日，团长李志远总结5天行程时表示收获丰富。\n\n"
            "代表团早上参观某自由贸易试验区。\n")
    events = events_of(tmp_path, text, published="2025-06-19")
    trip = events["某议会考察团某省行程"]
    assert (str(trip.start_date), str(trip.end_date)) == ("2025-06-15", "2025-06-19")
    assert "a trip of 5 days" in trip.date_basis
    part = events["代表团参观某自由贸易试验区"]
    assert part.parent is trip and str(part.start_date) == "2025-06-19"


def test_an_undated_event_takes_the_day_its_article_gave_but_not_a_plan_or_a_habit(tmp_path):
    text = ("某科技园启动新园区\n\n"
            "本报讯 某科技园今（2日）于某地举行「某某青年创新谷启动仪式」。\n\n"
            "局长孙立明等嘉宾参观创新成果展，了解园区企业的技术。\n\n"
            "连日来，市民纷纷到某广场举办的“某市美食节”品尝。双方将进一步推进合作，举办“某某文化周”。\n")
    events = events_of(tmp_path, text, published="2025-06-02")
    assert str(events["某某青年创新谷启动仪式"].start_date) == "2025-06-02"
    visit = events["局长孙立明等嘉宾参观创新成果展"]
    assert str(visit.start_date) == "2025-06-02" and "the date its article gave before it" in visit.date_basis
    assert "某某文化周" not in events  # a measure agreed on
    assert all(e.start_date is None for n, e in events.items() if "美食节" in n)


def test_a_short_form_of_a_name_is_the_same_event_as_the_full_one(tmp_path):
    text = ("某市长访港\n\n本报讯 在港期间，市长出席2025某市全球推介大会暨“投资某市”海外行香港站活动。\n\n"
            "在某市全球推介大会香港站活动上，市长介绍了某市的发展。\n")
    events = events_of(tmp_path, text)
    assert [n for n in events if "推介大会" in n] == ["2025某市全球推介大会暨投资某市海外行香港站活动"]
    (event,) = [e for n, e in events.items() if "推介大会" in n]
    assert event.event_id == "2025-mou-shi-quan-qiu-tui-jie-da-hui-ji-tou"  # the year once


def test_a_programme_of_several_days_holds_the_events_dated_within_it(tmp_path):
    text = ("某市代表团在港推介\n\n"
            "本报讯 15日至17日，市委副书记、市长张志明率某市代表团在香港参加招商推介及合作签约活动。\n\n"
            "16日，某市投资合作推介会在香港某酒店举行。\n\n"
            "17日，张志明到香港某中心为某市(香港)工商中心揭牌。\n")
    events = events_of(tmp_path, text, published="2025-06-18")
    programme = events["招商推介及合作签约活动"]
    assert (str(programme.start_date), str(programme.end_date)) == ("2025-06-15", "2025-06-17")
    promotion = events["某市投资合作推介会"]
    assert promotion.parent is programme and str(promotion.start_date) == "2025-06-16"


def test_a_meeting_inside_a_trip_links_to_the_trip_and_to_both_sides(tmp_path):
    from hkcoop.tables import event_participants

    text = ("某省代表团访港\n\n"
            "本报讯 某省委书记张明远率某省代表团于5月15日至17日访问香港。\n\n"
            "16日，张明远拜会香港某商会会长李志华。\n")
    corpus = make_corpus(tmp_path, {"a.txt": text}, published="2025-05-18")
    events = {e.name_zh: e for e in corpus.events.values()}
    trip = next(e for e in events.values() if e.event_type == "visit")
    meeting = next(e for n, e in events.items() if "拜会" in n)
    assert meeting.parent is trip and str(meeting.start_date) == "2025-05-16"
    roles = {(r["person_id"], r["role"]) for r in event_participants.build(corpus) if r["event_id"] == meeting.event_id}
    assert roles == {("zhang-mingyuan", "lead"), ("li-zhihua", "counterpart")}


def test_a_trip_said_to_be_some_days_ago_stays_undated_and_says_so(tmp_path):
    text = ("某团访问某省\n\n本报讯 某市青年交流团一行30人，日前赴某省某市进行为期4天的考察访问。\n\n"
            "代表团参观了某博物馆。\n")
    events = events_of(tmp_path, text, published="2014-07-31")
    trip = events["某市青年交流团一行赴某省某市考察访问"]
    assert trip.start_date is None and trip.date_precision == "unknown"
    assert trip.date_basis == "'日前': before the report of 2014-07-31 (publication date), no day given"
    part = events["代表团参观某博物馆"]
    assert part.parent is trip and part.start_date is None and "no day given" in part.date_basis


def test_what_was_unveiled_names_the_unveiling():
    got, _ = names("17日，某市代表团到香港某会展中心为某市(香港)工商中心揭牌。")
    assert got == ["某市代表团为某市(香港)工商中心揭牌"]


def test_an_inspection_without_its_subject_in_the_clause_takes_the_sentences(tmp_path):
    events = events_of(tmp_path, "某团视察\n\n本报讯 某区青年代表团今年暑假，到内地进行视察，了解当地发展。\n")
    assert "某区青年代表团到内地视察" in events


def test_a_signing_witnessed_is_the_signing_sides_and_the_witness_is_its_witness(tmp_path):
    from hkcoop.tables import event_participants

    text = ("某省代表团访港\n\n本报讯 16日，某省委书记周立远见证两地签署5项合作协议。\n")
    corpus = make_corpus(tmp_path, {"a.txt": text}, published="2025-06-18")
    (signing,) = [e for e in corpus.events.values() if e.event_type == "signing_ceremony"]
    assert signing.name_zh == "两地签署5项合作协议"
    roles = {(r["person_id"], r["role"]) for r in event_participants.build(corpus) if r["event_id"] == signing.event_id}
    assert roles == {("zhou-liyuan", "witness")}


def test_a_bare_event_word_after_a_named_event_is_that_event(tmp_path):
    text = ("某省经贸交流\n\n本报讯 17日，2025某省—香港经贸合作推介会在香港会展中心举行。某省副省长王志远主持推介会。\n")
    events = events_of(tmp_path, text, published="2025-06-18")
    assert [n for n in events if n.endswith("推介会")] == ["2025某省—香港经贸合作推介会"]


def test_a_trip_in_traditional_script_its_days_its_meeting_its_signing_and_its_plans(tmp_path):
    text = ("特首率團訪問某省 簽署合作備忘錄\n\n"
            "【本報訊】行政長官陳立明昨日(23日)率領特區政府代表團抵達長沙，展開一連三日的訪問行程。\n\n"
            "陳立明抵達後隨即與某省委書記沈明遠會面，雙方就深化合作交換意見。其後，陳立明出席經貿合作交流會並致辭。\n\n"
            "在交流會上，特區政府與某省人民政府簽署《關於深化合作的備忘錄》。\n\n"
            "今日(24日)，代表團將參觀長沙的科技企業，並與當地青年座談。\n")
    events = events_of(tmp_path, text, published="2025-11-24")
    trip = events["行政长官陈立明率领特区政府代表团抵达长沙"]  # the leader, the verb, the group: not when
    assert (str(trip.start_date), str(trip.end_date)) == ("2025-11-23", "2025-11-25")  # 一连三日 from the 23rd
    meeting = events["陈立明与某省委书记沈明远会面"]  # 抵达后随即 is when, not where a trip goes
    assert meeting.event_type == "meeting" and meeting.parent is trip
    forum = events["经贸合作交流会"]
    signing = next(e for e in events.values() if e.event_type == "signing_ceremony")
    assert signing.parent is forum and str(signing.start_date) == "2025-11-23"  # 在交流会上: that one
    assert not [n for n in events if "座谈" in n or "参观" in n]  # 将参观…，并与…座谈: plans


def test_a_side_trip_said_last_holds_nothing_said_before_it_and_tomorrow_is_announced(tmp_path):
    text = ("政務司司長訪問某市\n\n政務司司長陳立遠今日（五月二十日）在某市出席第二十八屆某港經濟合作研討洽談會開幕式並致辭。\n\n"
            "陳立遠隨後與某市副市長王志平會面。\n\n陳立遠明日（五月二十一日）會前往某地，與某地市委書記李志遠會面。\n")
    events = events_of(tmp_path, text, published="2025-05-20")
    meeting = events["陈立远与王志平会面"]
    assert str(meeting.start_date) == "2025-05-20" and meeting.parent is None  # the day its article gave before it
    trip = next(e for n, e in events.items() if n.startswith("陈立远前往"))
    assert str(trip.start_date) == "2025-05-21" and trip.is_announced  # dated after its report: not yet held


def test_a_meeting_held_with_the_other_side_and_a_headline_that_restates_the_trip(tmp_path):
    text = ("企業家考察團走進某市\n\n本報訊 7月11日至12日，大灣區企業家考察團一行走進某市進行考察交流。"
            "12日上午，考察團與當地企業舉行座談會。\n")
    events = events_of(tmp_path, text, published="2024-07-13")
    assert sorted(events) == ["大湾区企业家考察团一行走进某市考察交流", "考察团与当地企业举行座谈会"]
    meeting = events["考察团与当地企业举行座谈会"]
    assert str(meeting.start_date) == "2024-07-12" and meeting.parent is events["大湾区企业家考察团一行走进某市考察交流"]


def test_an_inspection_of_n_days_holds_its_days_and_a_host_met_is_found_by_the_people_finder(tmp_path):
    text = ("某團視察某省\n\n本報訊 某區青年代表團一行30人，噚日起到某省進行為期五日的視察。代表團噚日下午抵達省會，"
            "某省省長黃志明隨即會見代表團並設宴款待。\n\n今日上午，代表團先後視察了某市自由貿易試驗區。團長馬志遠表示，"
            "視察令代表們了解到當地最新發展。\n")
    events = events_of(tmp_path, text, published="2025-03-12")
    trip = events["某区青年代表团一行到某省视察"]
    assert (str(trip.start_date), str(trip.end_date)) == ("2025-03-11", "2025-03-15")  # 起…为期五日
    assert "黄志明会见代表团并设宴款待" in events  # not 明随即: a name the people finder found
    assert events["代表团视察某市自由贸易试验区"].parent is trip
    assert not [n for n in events if "视察令" in n]  # the inspection as a noun (视察令代表们…)
