"""Classes of phrasing the genre uses, each in a small invented text (names, places and titles made up):
people, signed documents and their counts, figures, cooperation areas, events."""

import datetime as dt

import pytest

from conftest import make_corpus
from hkcoop.ingest.textview import build_view
from hkcoop.tables import BUILDERS


def build(tmp_path, text, published="2024-06-12", name="a.txt"):
    corpus = make_corpus(tmp_path, {name: text}, published)
    return corpus, {t: BUILDERS[t](corpus) for t in ("events", "people", "sectors", "metrics", "agreements")}


def names(rows):
    return {r["name_zh"] for r in rows["people"]}


# --- people -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # a married name: her husband's surname before her own
    ("署理政务司司长何林秀英表示,两地合作成果丰硕。", {"何林秀英"}),
    ("民政局局长陈黄美玲和广东省副省长周立会面。", {"陈黄美玲", "周立"}),
    # a title printed after the name, at the head of a clause
    ("会议气氛热烈。张志强主任指出,两地合作潜力巨大。", {"张志强"}),
    # untitled, opening a clause in which they speak
    ("刘德明在论坛上致辞时表示,两地应加强交流。", {"刘德明"}),
    # a time word right after the name ends it
    ("行政长官陈立今日出席活动。", {"陈立"}),
    # occupational titles and long titles with an assistant's rank
    ("工程师黄德福分享了他的故事。某某集团总经理助理吴思远出席。", {"黄德福", "吴思远"}),
    ("外交部驻某地特派员公署副特派员孙海涛、国务院副总理赵克明出席。", {"孙海涛", "赵克明"}),
    # not people: a conjunction before a noun after a plural title; the start of an organization's name
    ("经过委员和学者们的反复讨论,方案顺利通过。", set()),
    ("邵明德基金会副主席谭家豪致辞。", {"谭家豪"}),
])
def test_people_wherever_the_genre_puts_them(tmp_path, text, expected):
    _, rows = build(tmp_path, text)
    assert names(rows) == expected


def test_a_title_after_the_name_is_the_persons_role(tmp_path):
    corpus, _ = build(tmp_path, "会议气氛热烈。张志强主任指出,两地合作潜力巨大。")
    roles = BUILDERS["person_roles"](corpus)
    assert [(r["person_id"], r["title_zh"]) for r in roles] == [("zhang-zhiqiang", "主任")]


# --- signed documents ---------------------------------------------------------------------------------

def titles(rows):
    return sorted(r["title_zh"] for r in rows["agreements"] if r["title_zh"])


def stated(rows, indicator_prefix):
    return sorted(m["value"] for m in rows["metrics"] if m["indicator"].startswith(indicator_prefix))


def test_titles_after_a_colon_without_separators_and_their_count(tmp_path):
    _, rows = build(tmp_path, "甲乙双方当天签署了三份合作协议:《甲乙经贸合作备忘录》《甲乙人才交流合作协议》《甲乙青年发展框架协议》。")
    assert titles(rows) == ["甲乙人才交流合作协议", "甲乙经贸合作备忘录", "甲乙青年发展框架协议"]
    assert stated(rows, "documents_signed") == [3.0]


def test_titles_then_their_count(tmp_path):
    _, rows = build(tmp_path, "期间,两地签署了《某市人民政府 某学院联合培养人才备忘录》《某园区共建框架协议》2份合作协议。")
    assert titles(rows) == ["某园区共建框架协议", "某市人民政府 某学院联合培养人才备忘录"]
    assert stated(rows, "documents_signed") == [2.0]


@pytest.mark.parametrize("text, indicator, value", [
    ("两地就数据互通达成两份协议。", "documents_signed", 2.0),
    ("推介会集中签约12个产业项目,投资总额约30亿元人民币。", "projects_signed", 12.0),
    ("大会共签约9个项目。", "projects_signed", 9.0),
    ("双方签约协议及项目共计15个。", "projects_signed", 15.0),
    ("某市将在4个方面加强与香港合作。", "cooperation_areas", 4.0),
    ("两地签署深化合作备忘录,共5个方面18条举措,包括物流和会展。", "cooperation_areas", 5.0),
])
def test_every_phrasing_of_a_stated_count(tmp_path, text, indicator, value):
    _, rows = build(tmp_path, text)
    assert stated(rows, indicator) == [value]


@pytest.mark.parametrize("text", ["市长从三个方面阐述了两地合作的前景。", "会议听取了三个方面的合作意见。"])
def test_points_of_a_speech_are_no_count_of_areas(tmp_path, text):
    _, rows = build(tmp_path, text)
    assert stated(rows, "cooperation_areas") == []


def test_an_untitled_agreement_by_its_kind_and_parties(tmp_path):
    text = "新华社某地6月10日电(记者 赵甲)甲省商务厅与某商会10日签署深化战略合作协议。"
    _, rows = build(tmp_path, text)
    (a,) = rows["agreements"]
    assert (a["title_zh"], a["agreement_type"], a["parties"]) == (None, "strategic_cooperation_agreement",
                                                                  "甲省商务厅; 某商会")


def test_officials_who_sign_are_signatories(tmp_path):
    text = "某大学校长马立新与某市教育局局长郭建华签署联合办学补充协议。"
    _, rows = build(tmp_path, text)
    (a,) = rows["agreements"]
    assert a["signatories"] == "马立新; 郭建华" and a["parties"] == "某大学; 某市教育局"


def test_an_agreement_signed_before_and_only_referred_to_is_not_a_row(tmp_path):
    _, rows = build(tmp_path, "推动落实甲中心与乙天文台签订的合作协议,支持两地开展技术研讨。")
    assert rows["agreements"] == []


def test_a_mirror_sites_pinyin_glosses_are_dropped_from_the_view():
    raw = "簽署了《合作備忘(wàng)錄》4份(fèn)協(xié)議,簡稱(CEPA)。"
    view = build_view(raw)
    assert view.text == "簽署了《合作備忘錄》4份協議,簡稱(CEPA)。"
    assert [r.kind for r in view.repairs] == ["pinyin_gloss"] * 3
    assert raw[view.repairs[0].raw_start:view.repairs[0].raw_end] == "(wàng)"
    assert view.source_text(0, len(view.text)) == view.text


def test_glossed_titles_and_counts_read_as_printed(tmp_path):
    _, rows = build(tmp_path, "雙(shuāng)方簽(qiān)署了《某市合作備(bèi)忘錄》《某區(qū)框架協(xié)議》2份合作協(xié)議。")
    assert titles(rows) == ["某区框架协议", "某市合作备忘录"]
    assert stated(rows, "documents_signed") == [2.0]


# --- figures: counts of things, tenths, amounts without a currency word --------------------------------

def figure(rows, reported):
    return next(m for m in rows["metrics"] if m["value_as_reported"] == reported)


@pytest.mark.parametrize("text, reported, value, unit, counted", [
    ("街道建成10个服务站,覆盖全区。", "10个", 10, "service_stations", "服务站"),
    ("全年举办各类交流活动800余场。", "800余场", 800, "activities", "交流活动"),
    ("推出4大类20门“青年创业实训课程”。", "20门", 20, "courses", "青年创业实训课程"),
    ("推出4大类20门“青年创业实训课程”。", "4大类", 4, "categories", None),
    ("委员会成立了5个专项工作组。", "5个", 5, "working_groups", "专项工作组"),
    ("组织了30余个团组互访。", "30余个", 30, "delegations", "团组"),
    ("两地青年代表300余人参加活动。", "300余人", 300, "people", None),
    ("全市常住人口中,有35万人来自外省。", "35万人", 3.5e5, "people", None),
    ("在该市900多万人口中,外来人口占三成。", "900多万人", 9e6, "people", "人口"),
    ("其中,投资合作项目有14个,农业项目有6个。", "14个", 14, "projects", "投资合作项目"),
    ("累计签订合同项目87个。", "87个", 87, "projects", "合同项目"),
    ("两地将组建9个专班推进落实。", "9个", 9, "task_forces", "专班"),
    ("某机构在该市设有20个代表处。", "20个", 20, "items", "代表处"),
])
def test_a_count_of_a_thing_with_its_measure_word(tmp_path, text, reported, value, unit, counted):
    _, rows = build(tmp_path, text)
    m = figure(rows, reported)
    assert (m["value"], m["unit"], m["counted_zh"]) == (value, unit, counted)


def test_a_text_cut_off_after_a_qualified_count(tmp_path):
    _, rows = build(tmp_path, "一年来,两地形成了数据中心等40余项合")
    m = figure(rows, "40余项")
    assert (m["value"], m["unit"], m["qualifier"]) == (40, "items", "more_than")


@pytest.mark.parametrize("text, value, qualifier", [
    ("外资企业占全省出口超过四成半。", 45, "more_than"),
    ("第三产业占全区产值的五成半。", 55, None),
    ("去年入境游客中,超七成来自周边城市。", 70, "more_than"),
])
def test_tenths_are_percentages(tmp_path, text, value, qualifier):
    _, rows = build(tmp_path, text)
    (m,) = rows["metrics"]
    assert (m["value"], m["unit"], m["qualifier"]) == (value, "percent", qualifier)


def test_an_amount_without_a_currency_takes_the_articles_currency(tmp_path):
    _, rows = build(tmp_path, "签约项目投资额达80亿元人民币,去年零售额达300亿元人民币。两地合作投资额逾千亿。")
    m = figure(rows, "逾千亿")
    assert (m["value"], m["unit"], m["qualifier"]) == (1e11, "CNY", "more_than")


@pytest.mark.parametrize("text", [
    "他总结此次行程有三点体会,取得四个成果,指出三个共通点。",  # talking points in Chinese numerals
    "历时3个月完成改造,已运营15年。",                          # durations
    "全港700万人中,每7名港人中,有1名来自外省。",               # a ratio: 每7名…有1名 (700万人 is a count)
    "两地合作迎来第3个十年。",                                  # an ordinal
])
def test_what_is_still_not_a_count(tmp_path, text):
    _, rows = build(tmp_path, text)
    assert [m["value_as_reported"] for m in rows["metrics"]] in ([], ["700万人"])


# --- events -------------------------------------------------------------------------------------------

def events_by_name(rows):
    return {e["name_zh"]: e for e in rows["events"]}


def test_a_meeting_of_two_officials_named_by_lead_and_met(tmp_path):
    text = ("陈立晤甲省省委书记王明 共商经贸合作\n\n"
            "行政长官陈立今日(五月八日)下午在礼宾府与甲省省委书记王明会面,其后出席甲港经贸合作推介会并致辞。\n\n"
            "行政长官陈立(右)5月8日在礼宾府与甲省省委书记王明(左)会面。\n")
    _, rows = build(tmp_path, text, "2024-05-08")
    ev = events_by_name(rows)
    meet = ev["行政长官陈立与王明会面"]  # the headline's 晤, the lead and the caption are one meeting
    assert (meet["event_type"], meet["start_date"]) == ("meeting", dt.date(2024, 5, 8))
    assert ev["甲港经贸合作推介会"]["start_date"] == dt.date(2024, 5, 8)  # the same sentence, the same day


@pytest.mark.parametrize("text, published, name, start, end", [
    ("某市市长张志强于3月2日率团到访某大学,参观实验室。", "2024-03-04", "某市市长张志强率团到访某大学",
     dt.date(2024, 3, 2), dt.date(2024, 3, 2)),
    ("行政长官陈立十五日结束四天的某市访问行程。", "2024-05-16", "行政长官陈立访问某市", dt.date(2024, 5, 12),
     dt.date(2024, 5, 15)),
    ("政务司司长何林秀英今日抵达某市,展开访问行程。", "2024-09-12", "政务司司长何林秀英访问某市", dt.date(2024, 9, 12),
     dt.date(2024, 9, 12)),
    ("甲省乙市委书记刘德明一行来港考察,举办推介活动。", "2024-05-18", "甲省乙市委书记刘德明一行来港考察", None, None),
])
def test_visits_of_officials(tmp_path, text, published, name, start, end):
    _, rows = build(tmp_path, text, published)
    visit = events_by_name(rows)[name]
    assert (visit["event_type"], visit["start_date"], visit["end_date"]) == ("visit", start, end)


def test_the_day_of_return_is_the_last_day_of_the_trip(tmp_path):
    text = "【某社十五日电】行政长官陈立十五日结束四天的某市访问行程。\n\n回程当天,陈立在高铁站会见记者时说,行程很有成果。\n"
    _, rows = build(tmp_path, text, "2024-05-16")
    assert events_by_name(rows)["陈立在高铁站会见记者"]["start_date"] == dt.date(2024, 5, 15)
    assert "行政长官陈立访问某市" in events_by_name(rows)  # the dateline is not part of the lead


@pytest.mark.parametrize("text, name, start", [
    ("甲港合作会议6日在某市举行,双方签署多份文件。", "甲港合作会议", None),
    ("琼港合作会议6日在海口举行,双方签署多份文件。", "琼港合作会议", dt.date(2024, 9, 6)),
    ("司长下午与贵州省副省长共同主持第一次黔港合作会议。", "第一次黔港合作会议", dt.date(2024, 9, 7)),
    ("某某在京港合作会议上致辞时表示,两地合作潜力巨大。", "京港合作会议", None),
])
def test_a_cooperation_meeting_named_by_its_mechanism(tmp_path, text, name, start):
    _, rows = build(tmp_path, text, "2024-09-07")
    confs = [e for e in rows["events"] if e["event_type"] == "conference"]
    if text.startswith("甲"):
        assert confs == []  # 甲 is no jurisdiction: no mechanism
        return
    (conf,) = confs
    assert (conf["name_zh"], conf["start_date"]) == (name, start)


def test_the_mechanism_itself_is_not_a_meeting(tmp_path):
    _, rows = build(tmp_path, "自2019年琼港合作会议机制设立以来,双方合作成果丰硕。桂港合作会议于2010年设立。")
    assert [e for e in rows["events"] if e["event_type"] == "conference"] == []


def test_a_meeting_announced_ahead(tmp_path):
    corpus, rows = build(tmp_path, "政务司司长将于五月九日上午率团前往南宁,与广西壮族自治区主席共同主持桂港合作会议。", "2024-05-02")
    (conf,) = [e for e in rows["events"] if e["event_type"] == "conference"]
    assert (conf["start_date"], conf["is_announced"]) == (dt.date(2024, 5, 9), True)


def test_a_named_event_with_a_short_name_in_brackets_and_an_unencodable_dot(tmp_path):
    text = "某社9月3日电 (记者甲)第五届甲?乙投资合作交流大会(简称“甲乙交流大会”)3日在某国际会议中心开幕。"
    _, rows = build(tmp_path, text, "2024-09-03")
    (ev,) = rows["events"]
    assert (ev["name_zh"], ev["start_date"], ev["name_original"]) == (
        "第五届甲·乙投资合作交流大会", dt.date(2024, 9, 3), "第五届甲?乙投资合作交流大会")


def test_a_quoted_activity_and_a_signing_at_it(tmp_path):
    text = ("“携手共进 共谋发展——2024某省香港行”活动22日在香港举行。活动上,某省人民政府与某市政府签署全面合作框架协议。")
    _, rows = build(tmp_path, text, "2024-05-22")
    ev = events_by_name(rows)
    trip = ev["携手共进 共谋发展——2024某省香港行"]
    sign = ev["某省人民政府与某市政府签署全面合作框架协议"]
    assert (trip["event_type"], trip["start_date"]) == ("promotion_conference", dt.date(2024, 5, 22))
    assert (sign["event_type"], sign["start_date"], sign["parent_event_id"]) == (
        "signing_ceremony", dt.date(2024, 5, 22), trip["event_id"])
    (a,) = rows["agreements"]
    assert a["event_id"] == sign["event_id"]


def test_a_signing_on_its_own_is_an_event(tmp_path):
    _, rows = build(tmp_path, "甲省商务厅与某商会9日签署深化战略合作协议,双方将建立联络机制。", "2024-07-10")
    (ev,) = rows["events"]
    assert (ev["name_zh"], ev["event_type"], ev["start_date"]) == (
        "甲省商务厅与某商会签署深化战略合作协议", "signing_ceremony", dt.date(2024, 7, 9))


def test_during_the_meeting_and_a_list_of_launches(tmp_path):
    text = ("新华社某地9月7日电 湘港合作会议6日在长沙举行。\n\n"
            "期间,两地举行了甲中心、乙平台和丙基地3个合作项目启动仪式。\n")
    _, rows = build(tmp_path, text, "2024-09-07")
    launch = events_by_name(rows)["甲中心等3个合作项目启动仪式"]
    assert (launch["event_type"], launch["start_date"]) == ("launch", dt.date(2024, 9, 6))


def test_an_undated_ceremony_is_part_of_the_articles_dated_event(tmp_path):
    text = "6日上午,某省·香港文化活动周在某会展中心隆重开幕。副省长王立新出席开幕式和签约仪式。"
    _, rows = build(tmp_path, text, "2024-05-07")
    ev = events_by_name(rows)
    week, part = ev["某省·香港文化活动周"], ev["开幕式和签约仪式"]
    assert week["start_date"] == dt.date(2024, 5, 6) and week["place_zh"] == "某会展中心"
    assert (part["parent_event_id"], part["start_date"], part["date_precision"]) == (
        week["event_id"], dt.date(2024, 5, 6), "within_range")


# --- cooperation areas listed inline, and one list per framework ----------------------------------------

def areas(rows):
    return [r["name_zh"] for r in rows["sectors"]]


@pytest.mark.parametrize("text, expected", [
    ("自2019年甲港合作会议机制设立以来,两地围绕物流、会展、法律服务等9个重点领域推进合作。",
     []),  # 甲 is no jurisdiction: no mechanism, but the list still has a framework: the report
    ("自2019年湘港合作会议机制设立以来,两地围绕物流、会展、法律服务等9个重点领域推进合作。",
     ["物流", "会展", "法律服务"]),
    ("会上,双方同意在“数字丝路”建设及商贸、金融、海运和港口等8个领域深化协作。",
     ["“数字丝路”建设及商贸", "金融", "海运和港口"]),
    ("双方下一步的合作重点共有5个领域,包括交流渠道的建设,以及高端制造业、水利设施多方的合作,及协调机制的完善。",
     ["交流渠道的建设", "高端制造业", "水利设施", "协调机制的完善"]),
    ("三、两地在六个领域携手推进,包括金融、科技创新、体育和康乐、教育,以及便利两地居民往来。",
     ["金融", "科技创新", "体育和康乐", "教育", "便利两地居民往来"]),
    ("甲大学与乙管理局正式签署战略合作协议,双方将在数据研究中心、创新孵化基地等领域展开务实合作。",
     ["数据研究中心", "创新孵化基地"]),
])
def test_areas_listed_inline(tmp_path, text, expected):
    _, rows = build(tmp_path, text)
    got = areas(rows)
    if text.startswith("自2019年甲港"):
        assert got == ["物流", "会展", "法律服务"] and rows["sectors"][0]["framework_id"].startswith("report-")
        return
    assert got == expected
    assert all(r["number"] is None and r["list_form"] == "inline" for r in rows["sectors"])


@pytest.mark.parametrize("text, expected", [
    # 一是…二是…, after the areas and a colon
    ("某省与香港昨日签署合作协议。双方同意在以下领域加强合作：一是金融服务；二是科技创新；三是人才交流。",
     ["金融服务", "科技创新", "人才交流"]),
    # a count, a colon, then 、 and 及
    ("某省与香港昨日签署合作备忘录，合作涵盖三大范畴：经贸投资、科技创新及文化旅游。", ["经贸投资", "科技创新", "文化旅游"]),
    # (一)(二) inline, each item what is done in an area: named by the area
    ("某省与香港昨日签署合作协议，涉及4个方面：(一)金融合作；(二)物流合作；(三)科技合作；(四)人才合作。",
     ["金融", "物流", "科技", "人才"]),
    # 第一…第二…, the count in the sentence before
    ("某省与香港昨日举行合作会议。会议确定了三个重点合作领域。第一，深化金融合作；第二，加强科技创新合作；第三，推进人才交流合作。",
     ["金融", "科技创新", "人才交流"]),
    # semicolons after 包括 and a colon
    ("某省与香港昨日签署合作协议，合作领域包括：金融服务；科技创新；文化旅游等。", ["金融服务", "科技创新", "文化旅游"]),
    # one a line, after a colon that ends its paragraph; the list ends where a paragraph goes on
    ("某省与香港昨日签署合作协议，确定在以下四个领域开展合作：\n\n经贸投资；\n\n科技创新；\n\n金融服务；\n\n文化旅游。\n\n"
     "双方表示，将定期会晤，推动各项合作落地见效，不断提升两地合作的水平和成效。", ["经贸投资", "科技创新", "金融服务", "文化旅游"]),
    ("某省与香港昨日签署合作协议，确定在以下三个领域开展合作：\n\n经贸投资\n\n科技创新\n\n金融服务", ["经贸投资", "科技创新", "金融服务"]),
])
def test_areas_in_any_list_form(tmp_path, text, expected):
    _, rows = build(tmp_path, "两地签署合作协议\n\n本报讯 " + text + "\n")
    assert areas(rows) == expected


@pytest.mark.parametrize("text", [
    # a speech's hopes, one point after another
    "他希望两地在以下方面加强合作：一是金融服务；二是科技创新。",
    # measures, not areas: each point is longer than an area's name
    "协议涉及以下方面：一是共同建设跨境金融服务和结算便利化平台；二是联合举办面向青年创业者的培训和交流活动。",
])
def test_enumerations_that_are_not_areas(tmp_path, text):
    _, rows = build(tmp_path, "两地签署合作协议\n\n本报讯 某省与香港昨日签署合作协议。" + text + "\n")
    assert areas(rows) == []


def test_an_inline_list_belongs_to_its_framework(tmp_path):
    corpus, rows = build(tmp_path, "自2019年湘港合作会议机制设立以来,两地围绕物流、会展、法律服务等9个重点领域推进合作。")
    (fw,) = BUILDERS["frameworks"](corpus)
    assert (fw["framework_type"], fw["name_zh"], fw["event_id"], fw["n_areas"], fw["stated_areas"]) == (
        "mechanism", "湘港合作会议", None, 3, 9)
    (total,) = [m for m in rows["metrics"] if m["indicator"] == "cooperation_areas"]
    assert total["framework_id"] == fw["framework_id"]


@pytest.mark.parametrize("text", [
    "她期望两地在航空、绿色金融和中医药等领域开拓更多合作空间。",            # a wish
    "他说,两地今后可以在航运、会计及青年创业方面加强合作。",       # a suggestion, 方面
    "在各方推动下,两地体育、卫生、文化等领域交流日益频繁。",                    # described, not agreed
    "新引进的企业包括生物医药、新材料、跨境电商等行业领域。",                 # industries
])
def test_what_is_not_a_list_of_areas_agreed(tmp_path, text):
    _, rows = build(tmp_path, text)
    assert areas(rows) == []


def test_several_reports_of_one_meeting_give_one_list(tmp_path):
    """Three reports of one meeting: a full box of numbered areas, a short inline list with the count and
    other names for the same areas, another inline list. One list of the stated size, every report's
    mention as evidence, nothing numbered on after another list."""
    box = ("川港合作会议第三次会议昨在成都举行,双方就以下4个范畴的合作方向达成共识:\n\n"
           "#### 1 金融\n\n- 支持金融机构互设。\n\n#### 2 创新及科技\n\n- 共建实验室。\n\n"
           "#### 3 文化及创意产业\n\n- 加强演艺交流。\n\n#### 4 青年发展\n\n- 支持青年实习。\n")
    short = "川港合作会议第三次会议昨在成都举行,会议就包括创新科技和产业发展、青年发展,以及金融等4个合作领域达成共识。"
    other = "川港合作会议第三次会议在成都举行。双方将在金融、创科等领域加强合作。"
    corpus = make_corpus(tmp_path, {"a.txt": box, "b.txt": short, "c.txt": other}, "2024-06-12")
    sectors = BUILDERS["sectors"](corpus)
    assert [(r["number"], r["name_zh"]) for r in sorted(sectors, key=lambda r: r["number"])] == [
        (1, "金融"), (2, "创新及科技"), (3, "文化及创意产业"), (4, "青年发展")]
    evidence = {(m["row_id"][-3:], m["doc_id"]) for m in corpus.evidence.rows if m["table_name"] == "sectors"}
    assert {("s01", "b"), ("s02", "b"), ("s04", "b"), ("s01", "c"), ("s02", "c")} <= evidence
    (fw,) = BUILDERS["frameworks"](corpus)
    assert (fw["n_areas"], fw["n_areas_numbered"], fw["stated_areas"], fw["n_documents"]) == (4, 4, 4, 3)


@pytest.mark.parametrize("text, name, event_type", [
    ("代表团在港期间参加2025香港“某省周”系列活动。", "2025香港某省周", "festival"),
    ("省长出席了某某推介大会、2025某江创新论坛:科创协力新空间——两地青年对话、某地交流活动。",
     "2025某江创新论坛:科创协力新空间——两地青年对话", "forum"),
    ("两地领导昨日见证了某某国际调解(香港)中心成立。", "某某国际调解(香港)中心成立", "launch"),
    ("志愿者们在第九届进博会上服务热情。", "第九届进博会", "festival"),
    ("区长张某、区政协主席李某等区四套班子领导分赴慰问一线工作人员,表示感谢。", "区四套班子领导慰问一线工作人员", "inspection"),
])
def test_the_seeds_own_shapes_of_events(tmp_path, text, name, event_type):
    _, rows = build(tmp_path, text)
    assert events_by_name(rows)[name]["event_type"] == event_type


def test_a_founding_told_as_background_is_not_an_event(tmp_path):
    _, rows = build(tmp_path, "该中心于2018年成立,自某某研究院成立以来,成果丰硕。")
    assert rows["events"] == []


def test_a_qualifier_printed_after_the_unit(tmp_path):
    _, rows = build(tmp_path, "外资占比连续三年保持在30%以上。")
    (m,) = rows["metrics"]
    assert (m["value"], m["unit"], m["qualifier"], m["value_as_reported"]) == (30, "percent", "more_than", "30%以上")


def test_strengths_described_are_not_areas_agreed_but_a_counted_list_is(tmp_path):
    text = ("他表示,香港与某省在旅游、农业、绿色能源等领域互补性强。某省将与香港在金融、物流、文化旅游及人才培训等"
            "四个领域加强合作。")
    _, rows = build(tmp_path, text)
    assert sorted(areas(rows)) == sorted(["金融", "物流", "文化旅游", "人才培训"])  # four stated, four named


def test_both_sides_of_a_meeting_are_its_mechanisms_jurisdictions(tmp_path):
    _, rows = build(tmp_path, "川港合作会议第四次会议9日在成都举行。会上,双方签署了《川港青年交流合作备忘录》。", "2025-07-10")
    (a,) = rows["agreements"]
    assert a["parties"] == "四川; 香港"


def test_a_delegation_visiting_hong_kong(tmp_path):
    _, rows = build(tmp_path, "行政长官欢迎省委书记王宁率领某省代表团访港,并出席经贸合作推介会。")
    assert events_by_name(rows)["省委书记王宁率领某省代表团访港"]["event_type"] == "visit"  # the lead as printed


def test_cantonese_register_and_names_listed_under_one_title(tmp_path):
    text = ("【某报专讯】特首李家超噚日喺礼宾府会见某省党委书记陈刚一行。商经局局长丘某华同财库局局长许正宇亦有出席。"
            "某省副主席刘宁、黄文秀、韦立辉陪同访问。")
    corpus, rows = build(tmp_path, text, "2025-03-02")
    assert {"李家超", "陈刚", "许正宇", "刘宁", "黄文秀", "韦立辉"} <= names(rows)
    meet = events_by_name(rows)["李家超会见陈刚"]
    assert (meet["event_type"], meet["start_date"]) == ("meeting", dt.date(2025, 3, 1))
    roles = {(r["person_id"], r["title_zh"]) for r in BUILDERS["person_roles"](corpus)}
    assert ("li-jiachao", "行政长官") in roles and ("wei-lihui", "副主席") in roles  # 特首 is the 行政长官


def test_what_was_done_at_an_event_is_not_its_name(tmp_path):
    _, rows = build(tmp_path, "省长王立与政务司司长陈国基出席并共同主持会议。")
    assert [e["name_zh"] for e in rows["events"]] == []


def test_a_total_stated_twice_in_one_document_is_one_row_with_both_phrases(tmp_path):
    text = ("甲港合作会议召开\n\n本报讯 川港合作会议第三次会议昨日在成都举行，双方同意在6个范畴加强合作。\n\n"
            "### 川港两地在6个范畴加强合作\n\n会议期间，双方签署了5份合作协议。\n")
    corpus, rows = build(tmp_path, text)
    totals = [m for m in rows["metrics"] if m["indicator"] == "cooperation_areas"]
    assert [(m["value"], m["value_as_reported"]) for m in totals] == [(6, "6个")]
    assert not [m for m in rows["metrics"] if m["indicator"] == "count" and m["value"] == 6]
    quotes = [e["quote"] for e in corpus.evidence.rows if e["row_id"] == totals[0]["metric_id"]]
    assert len(quotes) == 2 and all("6个范畴" in q for q in quotes)


def test_a_mechanism_printed_with_full_names_is_the_one_of_its_abbreviations(tmp_path):
    text = ("桂港合作會議在港舉行\n\n本報訊 廣西—香港合作會議第二次會議昨日（9日）在香港舉行。會上，雙方簽署了3份合作文件。\n")
    corpus, rows = build(tmp_path, text, published="2025-09-10")
    (meeting,) = [e for e in rows["events"] if e["event_type"] == "conference"]  # the headline's 桂港 and the body's
    assert meeting["start_date"] == dt.date(2025, 9, 9)
    assert [(m["indicator"], m["value"], m["event_id"]) for m in rows["metrics"]] == [
        ("documents_signed", 3, meeting["event_id"])]


def test_a_signing_names_its_parties_without_when_and_where_and_its_headline_is_the_same_signing(tmp_path):
    text = ("某省與香港簽署合作協議\n\n本報訊 某省人民政府與香港特區政府昨日在香港簽署《某港深化合作協議》。\n")
    _, rows = build(tmp_path, text, published="2025-06-10")
    assert [(e["name_zh"], e["start_date"]) for e in rows["events"]] == [
        ("某省人民政府与香港特区政府签署《某港深化合作协议》", dt.date(2025, 6, 9))]
