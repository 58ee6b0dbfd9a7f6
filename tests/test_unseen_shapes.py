"""Articles in shapes the seeds do not have: a news-agency dateline, a truncated re-post with a page
stamp, an inline byline, a Cantonese-register report, a text without any publication date."""

import datetime as dt

import pytest

from conftest import make_corpus
from hkcoop.tables import documents, event_participants, events, metrics, people

CANTONESE = ("粵港合作聯席會議第二十四次會議舉行 雙方簽署18份協議\n\n"
             "中新社香港9月12日電 粵港合作聯席會議第二十四次會議噚日喺廣州舉行，廣東省省長王偉中同香港特區行政長官李家超"
             "共同主持會議。雙方就12個範疇嘅合作達成共識，並簽署18份合作文件。\n\n"
             "據介紹，今年首8個月，粵港貿易額逾1.2萬億元人民幣，按年增長5.3%。\n")
REPOST = ("川港合作会议在成都举行 签署8项协议\n\n来源：某某网 2025-06-30 12:00\n\n"
          "新华社成都6月29日电 川港高层会晤暨川港合作会议第三次会议29日在成都举行，四川省委书记王晓晖、香港特区行政长官"
          "李家超出席。会议期间，双方签署8项合作协议，涉及金融、科技、文旅等领域。四川省省长施小琳表示，川港合作")
FAIR = ("2025粤港澳大湾区招商推介会在深圳举行\n\n本报讯（记者 张三）11月20日，2025粤港澳大湾区招商推介会在深圳举行。"
        "现场集中签约项目45个，总投资额约380亿元，其中港资项目12个，投资额逾90亿港元。深圳市副市长李四出席并致辞。\n")


def build(tmp_path, texts, published=None):
    c = make_corpus(tmp_path, texts, published)
    return c, {n: m.build(c) for n, m in [("documents", documents), ("events", events), ("people", people),
                                             ("metrics", metrics), ("event_participants", event_participants)]}


def test_dateline_with_the_year_from_the_page_stamp_and_a_truncated_end(tmp_path):
    c, t = build(tmp_path, {"b.txt": REPOST})
    (doc,) = t["documents"]
    assert doc["reference_date"] == dt.date(2025, 6, 29) and doc["reference_basis"].startswith("dateline")
    (conf,) = [e for e in t["events"] if e["event_type"] == "conference"]
    assert conf["start_date"] == dt.date(2025, 6, 29) and conf["place_zh"] == "成都"
    # the headline and the body state the same total: one row, both phrases its evidence
    (total,) = t["metrics"]
    assert (total["indicator"], total["value"]) == ("documents_signed", 8)
    quotes = [e["quote"] for e in c.evidence.rows if e["row_id"] == total["metric_id"]]
    assert len(quotes) == 2 and all("8项" in q for q in quotes)


def test_cantonese_register_with_a_dateline_but_no_year_stays_undated(tmp_path):
    c, t = build(tmp_path, {"a.txt": CANTONESE})
    (conf,) = t["events"]
    assert conf["event_id"].startswith("undated-") and conf["start_date"] is None
    parts = {p["person_id"]: p["role"] for p in t["event_participants"]}
    assert parts == {"wang-weizhong": "lead", "li-jiachao": "lead"}
    trade = next(m for m in t["metrics"] if m["indicator"] == "trade_value")
    assert (trade["value"], trade["unit"], trade["qualifier"]) == (1.2e12, "CNY", "more_than")


def test_the_same_report_with_a_publication_date_resolves_噚日(tmp_path):
    c, t = build(tmp_path, {"a.txt": CANTONESE}, "2025-09-12")
    (conf,) = t["events"]
    assert conf["start_date"] == dt.date(2025, 9, 11) and conf["event_id"].startswith("2025-")


def test_year_named_in_the_text_dates_month_day_but_not_relative_words(tmp_path):
    c, t = build(tmp_path, {"c.txt": FAIR})
    (doc,) = t["documents"]
    assert doc["reference_basis"] == "year named in the text (the latest)"
    (fair,) = t["events"]
    assert fair["start_date"] == dt.date(2025, 11, 20) and fair["event_type"] == "promotion_conference"
    reporter = next(p for p in t["people"] if p["person_id"] == "zhang-san")
    assert reporter["is_reporter"] is True
    parts = {p["person_id"]: p["role"] for p in t["event_participants"]}
    assert parts == {"li-si": "speaker"}
    money = sorted((m["value"], m["unit"]) for m in t["metrics"] if m["indicator"] == "investment")
    assert money == [(9e9, "HKD"), (3.8e10, "CNY")]


PRESS_RELEASE_HANT = (
    "京港合作會議第五次會議在北京舉行（附圖）\n*********************************\n\n"
    "  行政長官李家超今日（七月十五日）在北京與北京市市長殷勇共同主持京港合作會議第五次會議。雙方在會上就以下五個範疇的合作方向達成共識：\n\n"
    "（一）金融合作\n\n  支持北京企業赴港上市。\n\n  深化兩地金融市場互聯互通。\n\n（二）創新科技\n\n  推動兩地高校及科研機構合作。\n\n"
    "（三）文化旅遊\n\n  加強兩地文旅交流。\n\n（四）青年發展\n\n  支持香港青年到北京實習。\n\n"
    "（五）便利港人在內地發展\n\n  為港人在京就業提供便利。\n\n"
    "  在李家超和殷勇見證下，兩地政府部門簽署了七份合作文件，包括《關於深化京港金融合作的備忘錄》及《京港青年交流合作協議》。\n\n"
    "2026年7月15日（星期三）\n香港時間20時15分\n")

NUMBERED_BULLETS = (
    "闽港签署十项合作协议\n\n本报福州3月20日讯（记者 林一鸣） 闽港合作会议第三次会议昨日在福州举行，双方确立四大重点合作领域：\n\n"
    "1. 经贸投资\n• 支持闽企赴港融资\n• 推动两地企业合作\n2. 海洋经济\n• 共建海洋产业平台\n3. 科技创新\n• 推动科研合作\n"
    "4. 青年交流\n• 举办闽港青年交流营\n\n"
    "会上，福建省省长赵龙与香港特区政务司司长陈国基签署《闽港合作会议第三次会议合作备忘录》。此外，两地部门还签署九份专项合作协议。\n")


def test_traditional_press_release_with_bracketed_numbers_and_a_footer_date(tmp_path):
    from hkcoop.tables import agreements, sectors

    c = make_corpus(tmp_path, {"pr.txt": PRESS_RELEASE_HANT}, None)
    s = sectors.build(c)
    assert [(r["number"], r["name_zh"], r["n_measures"]) for r in s] == [
        (1, "金融合作", 2), (2, "创新科技", 1), (3, "文化旅游", 1), (4, "青年发展", 1), (5, "便利港人在内地发展", 1)]
    (conf,) = [e for e in events.build(c) if e["event_type"] == "conference"]
    assert conf["start_date"] == dt.date(2026, 7, 15)
    ags = agreements.build(c)
    assert sorted(a["title_zh"] for a in ags) == ["京港青年交流合作协议", "关于深化京港金融合作的备忘录"]
    assert all(a["listed_under_metric_id"] is None for a in ags)  # 包括: a partial list of the seven


def test_numbered_lines_with_bullets_and_the_leaders_signing(tmp_path):
    from hkcoop.tables import agreements, sectors

    c = make_corpus(tmp_path, {"n.txt": NUMBERED_BULLETS}, "2026-03-20")
    s = sectors.build(c)
    assert [(r["name_zh"], r["canonical_sector"], r["n_measures"]) for r in s] == [
        ("经贸投资", "trade_investment", 2), ("海洋经济", "marine_economy", 1), ("科技创新", "innovation_technology", 1),
        ("青年交流", "youth", 1)]
    (ag,) = agreements.build(c)
    assert ag["signatories"] == "赵龙; 陈国基" and ag["signed_date"] == dt.date(2026, 3, 19)
    totals = sorted((m["indicator"], m["value"]) for m in metrics.build(c) if m["event_id"])
    assert totals == [("cooperation_areas", 4), ("documents_signed", 10), ("documents_signed_additional", 9)]


NOISY = ("第三届粤港澳大湾区青年创新创业大赛决赛在广州举行\n\n"
         "本报讯 11月3日，第三届粤港澳大湾区青年创新创业大赛决赛在广州举行。大赛自今年5月启动以来，共吸引两地逾3000个团队报名，"
         "最终30个项目进入决赛。\n\n据悉，大赛聚焦“十四五”规划和“双循环”新发展格局，围绕5G、人工智能、生物医药等领域，"
         "设置3大赛道。地铁3号线沿线的24小时服务站为参赛者提供便利。获奖项目将获得最高100万元奖金。\n")


def test_numbers_that_are_not_metrics_in_a_noisy_report(tmp_path):
    c, t = build(tmp_path, {"n.txt": NOISY}, "2025-11-04")
    got = sorted((m["value_as_reported"], m["indicator"], m["unit"], m["qualifier"]) for m in t["metrics"])
    assert got == [("30个项目", "count", "projects", None), ("最高100万元", "amount", "CNY", "as_many_as"),
                   ("逾3000个", "count", "teams", "more_than")]  # plan names, 3大赛道, 5G, 3号线, 24小时: not counts
    (ev,) = t["events"]
    assert (ev["name_zh"], ev["start_date"]) == ("第三届粤港澳大湾区青年创新创业大赛决赛", dt.date(2025, 11, 3))  # the edition is part of the name


BOLD_BRACKETS = ("## 深港合作会议第三次会议举行 两地签署12份涵盖经贸、科技等领域的备忘录和意向书\n\n"
                 "本报讯 深港合作会议第三次会议昨日在深圳举行，双方就以下四个范畴的合作达成共识：\n\n"
                 "**【金融合作】**\n\n推动跨境理财通扩容。\n\nIMG_20250612_093015.jpg\n\n**【科技创新】**\n\n共建河套合作区科研平台。\n\n"
                 "**【青年发展】**\n\n支持香港青年到深圳实习。\n\n**【便利港人】**\n\n为港人在深就业提供便利。\n")


def test_bold_bracketed_headings_an_image_file_name_and_a_long_documents_phrase(tmp_path):
    from hkcoop.tables import sector_measures, sectors

    c = make_corpus(tmp_path, {"b.txt": BOLD_BRACKETS}, "2025-06-13")
    s = sectors.build(c)
    assert [(r["name_zh"], r["list_form"], r["n_measures"]) for r in s] == [
        ("金融合作", "heading_bracketed", 1), ("科技创新", "heading_bracketed", 1), ("青年发展", "heading_bracketed", 1),
        ("便利港人", "heading_bracketed", 1)]
    assert not any(".jpg" in m["text_zh"] for m in sector_measures.build(c))
    totals = sorted((m["indicator"], m["value"]) for m in metrics.build(c))
    assert totals == [("cooperation_areas", 4), ("documents_signed", 12)]


VISIT_REPORT = ("香港特区政府代表团访问湖北\n\n本报武汉5月16日电 （记者 王小明）应湖北省人民政府邀请，香港特区行政长官率领的香港特区政府"
                "代表团5月14日至16日访问湖北。访问期间，湖北省委书记王忠林会见代表团一行，双方举行鄂港合作座谈会，签署8项协议及意向书，"
                "涵盖经贸、科技、教育、文旅、医疗等5大领域。\n\n湖北省省长李殿勋表示，鄂港合作潜力巨大。2024年，鄂港贸易额达到约320亿元"
                "人民币，同比增长12.5%；港资企业在湖北累计投资超过600亿美元。\n")


def test_a_visit_report_without_a_date_does_not_take_the_year_of_a_statistic(tmp_path):
    c, t = build(tmp_path, {"v.txt": VISIT_REPORT})
    visit = next(e for e in t["events"] if e["event_type"] == "visit")
    assert visit["start_date"] is None and visit["event_id"].startswith("undated-")


def test_a_visit_report_with_a_dateline_meetings_and_figures(tmp_path):
    c, t = build(tmp_path, {"v.txt": VISIT_REPORT}, "2025-05-16")
    ev = {e["name_zh"]: e for e in t["events"]}
    visit = ev["香港特区政府代表团访问湖北"]
    assert (visit["start_date"], visit["end_date"]) == (dt.date(2025, 5, 14), dt.date(2025, 5, 16))
    meet = ev["王忠林会见代表团一行"]
    assert meet["parent_event_id"] == visit["event_id"] and meet["date_precision"] == "within_range"
    parts = {(p["event_id"], p["person_id"]): p["role"] for p in t["event_participants"]}
    assert parts[(meet["event_id"], "wang-zhonglin")] == "lead"
    figs = {m["indicator"]: m for m in t["metrics"]}
    assert (figs["trade_value"]["value"], figs["trade_value"]["unit"], figs["trade_value"]["period"]) == (3.2e10, "CNY", "2024")
    assert (figs["investment"]["value"], figs["investment"]["unit"]) == (6e10, "USD")
    assert figs["documents_signed"]["value"] == 8


@pytest.mark.parametrize("text, names", [
    ("桂港合作会议第一次会议在南宁举行\n\n本报讯 桂港合作会议第一次会议昨日在南宁举行。双方就以下三个方面、三个合作领域达成共识。\n\n"
     "一、经贸合作\n\n支持桂企赴港上市。\n\n二、交通物流\n\n推动陆海新通道建设。\n\n三、人才培养\n\n加强人才交流。\n",
     [("经贸合作", "trade_investment"), ("交通物流", "aviation_shipping_logistics"), ("人才培养", "talent_civil_service")]),
    ("琼港合作会议第二次会议举行\n\n本报讯 琼港合作会议第二次会议昨日在海口举行，双方在3个重点领域深化合作：\n"
     "(1) 自由贸易港建设\n支持香港企业参与建设。\n(2) 旅游消费\n推动两地旅游合作。\n(3) 专业服务\n推动香港专业服务进入海南。\n",
     [("自由贸易港建设", "trade_investment"), ("旅游消费", "culture_creative_tourism"), ("专业服务", "professional_services")]),
])
def test_areas_numbered_with_chinese_numerals_or_bracketed_digits(tmp_path, text, names):
    from hkcoop.tables import sectors

    c = make_corpus(tmp_path, {"a.txt": text}, "2025-07-02")
    rows = sectors.build(c)
    assert [(r["name_zh"], r["canonical_sector"]) for r in rows] == names
    assert [r["number"] for r in rows] == [1, 2, 3] and {r["n_measures"] for r in rows} == {1}
