"""Figures: each form normalized, each exclusion class kept out, the same fact reconciled across sources."""

import datetime as dt

import pytest

from conftest import make_corpus
from hkcoop.quality import consistency
from hkcoop.tables import metrics


def figures(tmp_path, text, published="2025-11-10", name="a.txt"):
    c = make_corpus(tmp_path, {name: text}, published)
    return [r for r in metrics.build(c) if not r["event_id"]]


def by_value(rows):
    return {r["value_as_reported"]: r for r in rows}


def test_money_counts_and_period(tmp_path):
    rows = by_value(figures(tmp_path, "数据显示,2024年,香港在深圳新设立的企业约2300家,投资超过50亿美元。", "2025-03-01"))
    ent, inv = rows["约2300家"], rows["超过50亿美元"]
    assert (ent["indicator"], ent["value"], ent["unit"], ent["qualifier"], ent["period"]) == (
        "new_enterprises", 2300, "enterprises", "approx", "2024")
    assert (inv["indicator"], inv["value"], inv["unit"], inv["qualifier"], inv["qualifier_original"]) == (
        "investment", 5e9, "USD", "more_than", "超过")
    assert ent["subject"] == inv["subject"] == "香港在深圳新设立的企业"


def test_traditional_script_as_of_and_net_flow(tmp_path):
    (row,) = figures(tmp_path, "截至去年底，深港通南向交易已為香港股市帶來逾8000億港元淨資金。", "2025-03-01")
    assert (row["indicator"], row["value"], row["unit"], row["qualifier"]) == ("net_inflow", 8e11, "HKD", "more_than")
    assert row["as_of"] == dt.date(2024, 12, 31) and row["subject"] == "深港通南向交易"
    assert row["value_as_reported"] == "逾8000億港元"


def test_percent_with_a_month_range(tmp_path):
    (row,) = figures(tmp_path, "今年1至6月,全市实现地区生产总值增长5.2%,增速居全省前列。", "2025-07-20")
    assert (row["indicator"], row["value"], row["unit"], row["period"]) == ("gdp_growth", 5.2, "percent", "2025-01/2025-06")


def test_signed_projects_and_their_investment(tmp_path):
    c = make_corpus(tmp_path, {"a.txt": "推介会上,签约项目32个,总投资额约120亿元。"}, "2025-06-01")
    rows = metrics.build(c)
    assert sorted((r["indicator"], r["value"], r["unit"]) for r in rows) == [
        ("investment", 1.2e10, "CNY"), ("projects_signed", 32, "projects")]


def test_people_and_visits(tmp_path):
    rows = by_value(figures(tmp_path, "活动期间,共有3万余名志愿者参与服务,接待游客50万人次,单日客流量突破8万。"))
    assert (rows["3万余名"]["indicator"], rows["3万余名"]["value"], rows["3万余名"]["unit"]) == ("volunteers", 30000, "people")
    assert (rows["50万人次"]["indicator"], rows["50万人次"]["unit"]) == ("visitors", "person_visits")
    assert rows["突破8万"]["value"] == 80000 and rows["突破8万"]["qualifier"] == "more_than"


def test_bare_yuan_follows_the_script(tmp_path):
    (hans,) = figures(tmp_path / "s", "项目总投资约30亿元。")
    (hant,) = figures(tmp_path / "t", "項目總投資約30億元。")
    assert hans["unit"] == "CNY" and hant["unit"] == "HKD"


@pytest.mark.parametrize("text", [
    "在第八届进博会上,志愿者服务热情。",                  # ordinal
    "为“十四五”圆满收官、“十五五”开篇布局提供支撑。",     # plan names
    "聚焦“五个中心”建设重要使命。",                        # slogan
    "推介“信产十条”专项政策和六大工程。",                   # policy names
    "全力培育新一代信息技术等千亿级产业集群。",              # scale label
    "2023年11月6日下午,会议举行。",                         # dates
    "不仅是“6天”精彩展会的东道主,更是“365天”永不落幕的平台。",  # quoted slogans and durations
    "作为一名德语翻译志愿者,她服务每一位来宾。",              # indefinite article
    "已有15年中国从医经验,历时2个月改造。",                  # durations
    "#### 1 金融\n\n07 张家弄片区房屋征收项目",               # section and page numbers
])
def test_what_is_not_a_metric(tmp_path, text):
    assert figures(tmp_path, text) == []


def test_the_same_fact_in_two_sources_is_linked_and_checked(tmp_path):
    c = make_corpus(tmp_path, {
        "a.txt": "截至2024年底,深港通北向交易已为内地股市带来逾3000亿元人民币净资金。",
        "b.txt": "截至去年底，深港通北向交易已為內地股市帶來逾3000億元人民幣淨資金。",
    }, "2025-02-01")
    rows = metrics.build(c)
    assert len({r["fact_id"] for r in rows}) == 1 and len(rows) == 2

    def check(rows):  # the rule reads CSV rows: every value as text
        return consistency.stated_totals_agree({"metrics": [{k: "" if v is None else str(v) for k, v in r.items()}
                                                            for r in rows]})

    (outcome,) = check(rows)
    assert (outcome.subject_key, outcome.status) == ("fact_id", "pass")
    rows[1]["value"] = 3.5e11
    (outcome,) = check(rows)
    assert outcome.status == "warn" and outcome.subject_id == rows[0]["fact_id"]
    assert "sources disagree" in outcome.message and "a:" in outcome.message and "b:" in outcome.message


def test_seed_metrics(built):
    import csv

    rows = list(csv.DictReader((built / "curated" / "metrics.csv").open(encoding="utf-8")))
    got = {(r["doc_id"][:3], r["indicator"], float(r["value"]), r["unit"], r["qualifier"]) for r in rows}
    for expected in [
        ("000", "new_enterprises", 1700, "enterprises", "approx"),
        ("000", "investment", 1.7e10, "USD", "more_than"),
        ("000", "listed_companies", 200, "companies", "approx"),
        ("000", "market_cap", 2e12, "HKD", "approx"),
        ("000", "net_inflow", 9e11, "CNY", "more_than"),
        ("000", "net_inflow", 1.5e12, "HKD", "more_than"),
        ("001", "net_inflow", 9e11, "CNY", "more_than"),
        ("001", "net_inflow", 1.5e12, "HKD", "more_than"),
        ("002", "gdp_growth", 7.7, "percent", ""),
        ("002", "investment", 1e10, "CNY", "nearly"),
        ("002", "volunteers", 1327, "people", ""),
        ("002", "visitors", 230000, "person_visits", "more_than"),
        ("003", "institutions_signing", 20, "institutions", "more_than"),
    ]:
        assert expected in got, expected
    flows = [r for r in rows if r["indicator"] == "net_inflow"]
    assert len({r["fact_id"] for r in flows}) == 2 and all(r["as_of"] == "2023-12-31" for r in flows)


@pytest.mark.parametrize("text, reported, subject", [
    # an adverb before the subject is not part of it
    ("经过层层选拔，最终东湖区有2名优秀志愿者入选。", "2名", "东湖区"),
    # a clause that ends in a verb: the noun phrase before its first verb
    ("据介绍，东方律师事务所在海州设有20个办事处。", "20个", "东方律师事务所"),
    # a pronoun and a verb name nothing: no subject rather than a fragment
    ("他们驻守在72个站点。", "72个", None),
    # a place named by a demonstrative is a subject (该市), not a pronoun to drop
    ("截至今年5月，该市累计引进港资企业3200家。", "3200家", "该市"),
    # a clause too long to be what a figure is about (an earlier clause of its sentence, whole): nothing
    ("东湖区与香港特区政府昨日签署了《东港全面合作协议》《东港青年交流合作备忘录》两份文件，并见证两地企业签署5个投资项目。",
     "5个", None),
    # a relative clause before its noun stays
    ("数据显示，香港在海州新设立的企业约300家。", "约300家", "香港在海州新设立的企业"),
])
def test_a_figures_subject_is_a_noun_phrase_or_nothing(tmp_path, text, reported, subject):
    rows = by_value(figures(tmp_path, "某区动态\n\n本报讯 " + text + "\n"))
    assert rows[reported]["subject"] == subject


def test_a_headline_is_no_subject(tmp_path):
    text = "优势互补 互利共赢\n\n本报讯 推出20门课程。\n"
    (row,) = figures(tmp_path, text)
    assert row["value_as_reported"] == "20门" and row["subject"] is None


def test_an_evidence_quote_stops_at_a_page_break(tmp_path):
    # a sentence broken by a page break, a photo caption printed in the gap: the view reads the sentence
    # whole; its evidence quotes the two pieces of the sentence, never the caption
    text = ("东湖区动态\n\n本报讯 经过层层选拔，最终东湖区有2名优秀志愿者入选专\n\n\n\n志愿者为国际友人提供服务。\n\n"
            "业志愿服务队，为大会提供服务。\n")
    corpus = make_corpus(tmp_path, {"a.txt": text}, "2025-11-10")
    (row,) = [r for r in metrics.build(corpus) if r["value_as_reported"] == "2名"]
    quotes = [e["quote"] for e in corpus.evidence.rows if e["row_id"] == row["metric_id"]]
    assert quotes and all("国际友人" not in q for q in quotes)
    assert any(q.endswith("入选专") for q in quotes) and any(q.startswith("业志愿服务队") for q in quotes)
    for e in corpus.evidence.rows:
        assert text[e["char_start"]:e["char_end"]] == e["quote"]


def test_a_time_word_before_a_subject_is_its_period_not_its_name(tmp_path):
    (row,) = [r for r in figures(tmp_path, "某省动态\n\n本报讯 据介绍，去年桂港贸易额约1200亿元人民币。\n", "2025-09-10")]
    assert row["subject"] == "桂港贸易额" and row["period"] == "2024"
