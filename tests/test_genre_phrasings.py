"""Classes of phrasing the genre uses, each in a small invented text (names, places and titles made up):
people, signed documents and their counts, figures, cooperation areas, events."""

import datetime as dt

import pytest

from conftest import make_corpus
from hkcoop.tables import BUILDERS
from hkcoop.textview import build_view


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
    ("护林员黄德福分享了他的故事。某某集团总经理助理吴思远出席。", {"黄德福", "吴思远"}),
    ("外交部驻某地特派员公署副特派员孙海涛、国务院副总理赵克明出席。", {"孙海涛", "赵克明"}),
    # not people: a conjunction before a noun after a plural title; the start of an organization's name
    ("在咨委会委员和专家们的共同努力下,合作顺利推进。", set()),
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
    _, rows = build(tmp_path, "甲乙双方会后签署了三份合作协议:《甲乙经贸合作备忘录》《甲乙人才交流合作协议》《甲乙青年发展框架协议》。")
    assert titles(rows) == ["甲乙人才交流合作协议", "甲乙经贸合作备忘录", "甲乙青年发展框架协议"]
    assert stated(rows, "documents_signed") == [3.0]


def test_titles_then_their_count(tmp_path):
    _, rows = build(tmp_path, "期间,两地签署了《某市人民政府 某大学合作办学备忘录》《某园区发展框架协议》2份合作协议。")
    assert titles(rows) == ["某园区发展框架协议", "某市人民政府 某大学合作办学备忘录"]
    assert stated(rows, "documents_signed") == [2.0]


@pytest.mark.parametrize("text, indicator, value", [
    ("两地就深化合作达成两份协议。", "documents_signed", 2.0),
    ("活动集中签约12个投资项目,投资总额约30亿元人民币。", "projects_signed", 12.0),
    ("现场共签约9个项目。", "projects_signed", 9.0),
    ("甲乙双方签约协议和项目共15个。", "projects_signed", 15.0),
])
def test_every_phrasing_of_a_stated_count(tmp_path, text, indicator, value):
    _, rows = build(tmp_path, text)
    assert stated(rows, indicator) == [value]


def test_an_untitled_agreement_by_its_kind_and_parties(tmp_path):
    text = "新华社某地6月10日电(记者 赵甲)甲省商务厅与某商会10日签署全面战略合作协议。"
    _, rows = build(tmp_path, text)
    (a,) = rows["agreements"]
    assert (a["title_zh"], a["agreement_type"], a["parties"]) == (None, "strategic_cooperation_agreement",
                                                                  "甲省商务厅; 某商会")


def test_officials_who_sign_are_signatories(tmp_path):
    text = "某大学校长马立新与某市教育局局长郭建华签署三方深化合作补充协议。"
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
    ("搭建了秘书处和7个专项工作组的机构框架。", "7个", 7, "working_groups", "专项工作组"),
    ("组织了20余个团组双向交流。", "20余个", 20, "delegations", "团组"),
    ("来自两地的企业代表800余人参会。", "800余人", 800, "people", None),
    ("全市常住人口中,有120万人来自外省。", "120万人", 1.2e6, "people", None),
    ("在该市900多万人口中,外来人口占三成。", "900多万人", 9e6, "people", "人口"),
    ("其中,投资合作项目有26个,制造业项目有19个。", "26个", 26, "projects", "投资合作项目"),
    ("共签订合同项目198个。", "198个", 198, "projects", "合同项目"),
    ("两地将通过13个专班负责落实。", "13个", 13, "task_forces", "专班"),
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
    ("港资占全市实际利用外资超过六成半。", 65, "more_than"),
    ("服务业收益占全省总收益的七成半。", 75, None),
    ("去年入境游客中,超六成来自香港。", 60, "more_than"),
])
def test_tenths_are_percentages(tmp_path, text, value, qualifier):
    _, rows = build(tmp_path, text)
    (m,) = rows["metrics"]
    assert (m["value"], m["unit"], m["qualifier"]) == (value, "percent", qualifier)


def test_an_amount_without_a_currency_takes_the_articles_currency(tmp_path):
    _, rows = build(tmp_path, "推出项目涉及投资额达500亿元人民币,去年消费额达900亿元人民币。两地合作投资额逾万亿。")
    m = figure(rows, "逾万亿")
    assert (m["value"], m["unit"], m["qualifier"]) == (1e12, "CNY", "more_than")


@pytest.mark.parametrize("text", [
    "他总结此次行程有三点体会,取得四个成果,指出三个共通点。",  # talking points in Chinese numerals
    "历时3个月完成改造,已运营15年。",                          # durations
    "全港700万人中,每7名港人中,有1名来自外省。",               # a ratio: 每7名…有1名 (700万人 is a count)
    "两地合作迎来第3个十年。",                                  # an ordinal
])
def test_what_is_still_not_a_count(tmp_path, text):
    _, rows = build(tmp_path, text)
    assert [m["value_as_reported"] for m in rows["metrics"]] in ([], ["700万人"])
