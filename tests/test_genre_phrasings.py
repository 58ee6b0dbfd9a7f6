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
