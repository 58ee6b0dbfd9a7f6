"""Cooperation frameworks on the seeds and on invented articles in the genre's other shapes."""

import datetime as dt

import pytest

from conftest import make_corpus
from hkcoop.tables import agreements, events, metrics, sector_measures, sectors

SHANGHAI = "2024-hu-gang-he-zuo-hui-yi-di-liu-ci-hui-yi"
ZHEJIANG = "2025-zhe-gang-gao-ceng-hui-wu-ji-zhe-gang-he-zuo-hui-yi-di-yi-ci-hui-yi"

MARKDOWN_HANT = """# 粵港十範疇深化合作

粵港合作聯席會議第二十三次會議昨在廣州舉行，雙方就十個範疇、共40個項目達成共識。兩地簽署八份合作文件。

文匯報記者 張三

### 粵港在十個範疇合作

#### 1 金融
- 推動兩地金融市場互聯互通，深化跨境理財通
#### 3 創科
- 共建科研平台
- 推動科研成果轉化
#### 2 商貿投資
- 支持企業拓展市場
#### 4 航運物流
- 加強港口合作
#### 5 文化旅遊
- 推動文旅交流
#### 6 教育
- 支持高校合作
#### 7 青年發展
- 擴大實習計劃
#### 8 醫療衛生
- 加強中醫藥合作
#### 9 法律服務
- 推動仲裁合作
#### 10 便利港人在內地發展
- 便利港人就業
"""

PRESS_RELEASE = """川港高层会晤暨川港合作会议第二次会议在成都举行(附图)
***************************
  行政长官今日(六月十日)在四川省成都市出席川港高层会晤暨川港合作会议第二次会议。
  双方在会上就以下三个范畴的合作方向达成共识:

金融
——

  支持两地金融机构加强合作,推动企业赴港上市。

科技创新
————

  共建联合实验室,推动科研合作。

  推动科技成果转化。

青年发展
————

  支持香港青年到四川实习。

合作文件签署仪式
————————

  政务司司长甲乙丙与四川省副省长丁戊于会上签署《川港合作会议合作备忘录》。

  此外,两地政府部门亦签署两份合作文件:

(一)《关于深化川港科技合作备忘录》;及
(二)《川港青年交流合作意向书》。

2025年6月10日(星期二)
"""

NUMBERED = """闽港合作会议第一次会议举行

本报讯 闽港合作会议第一次会议昨日在福州举行,双方确立4项重点合作领域:

1. 经贸合作

推动两地企业对接。

2. 金融服务

支持金融机构互设分支。

3. 文化旅游

共同推广旅游线路。

4. 青年交流

举办青年交流营。
"""

INLINE_ONLY = """湘港合作会议第三次会议在长沙举行

本报讯 湘港合作会议第三次会议昨日在长沙举行,会议就包括科技创新、金融,以及青年发展等5个合作领域达成共识。
"""


def build_tables(corpus):
    return {name: mod.build(corpus) for name, mod in
            [("events", events), ("metrics", metrics), ("sectors", sectors), ("sector_measures", sector_measures),
             ("agreements", agreements)]}


def test_seed_frameworks(built):
    import csv

    rows = list(csv.DictReader((built / "curated" / "sectors.csv").open(encoding="utf-8")))
    sh = sorted((r for r in rows if r["framework_id"] == SHANGHAI), key=lambda r: int(r["number"]))
    zj = sorted((r for r in rows if r["framework_id"] == ZHEJIANG), key=lambda r: int(r["number"]))
    assert {r["framework_event_id"] for r in sh + zj} == {SHANGHAI, ZHEJIANG}
    assert [int(r["number"]) for r in sh] == list(range(1, 16)) and len(zj) == 13
    assert [r["name_zh"] for r in sh[:3]] == ["共建「一带一路」和商贸投资", "创新及科技", "数字经济"]
    assert sh[1]["name_original"] == "創新及科技" and sh[1]["print_position"] == "6"
    assert zj[-1]["name_zh"] == "便利港人在内地发展" and "合作文件签署仪式" not in {r["name_zh"] for r in zj}
    # measures counted after artefact repair: the duplicated line is not a measure, the orphan re-joined
    assert sh[0]["n_measures"] == "3" and sh[9]["n_measures"] == "2"
    assert sum(int(r["n_measures"]) for r in sh) == 34 and sum(int(r["n_measures"]) for r in zj) == 33
    measures = list(csv.DictReader((built / "curated" / "sector_measures.csv").open(encoding="utf-8")))
    env = [m["text_zh"] for m in measures if m["sector_id"] == f"{SHANGHAI}-s10"]
    assert env[1] == "加强两地城市噪声污染防治工程与管理技术方面的交流与合作"


def test_seed_framework_comparison(built):
    import csv

    rows = {r["canonical_sector"]: r for r in csv.DictReader((built / "curated" / "sector_comparison.csv").open(encoding="utf-8"))}
    conferences = {SHANGHAI, ZHEJIANG}

    def conference_frameworks(r):
        return set((r["framework_ids"] or "").split("; ")) & conferences

    shared = sorted(c for c, r in rows.items() if conference_frameworks(r) == conferences)
    assert len(shared) == 12 and "innovation_technology" in shared and "urban_planning_housing" in shared
    only_sh = sorted(c for c, r in rows.items() if conference_frameworks(r) == {SHANGHAI})
    only_zj = sorted(c for c, r in rows.items() if conference_frameworks(r) == {ZHEJIANG})
    assert only_sh == ["digital_economy", "social_welfare", "sports"] and only_zj == ["talent_civil_service"]


def test_seed_events_merge_the_sixth_conference_across_scripts(built):
    import csv

    ev = {r["event_id"]: r for r in csv.DictReader((built / "curated" / "events.csv").open(encoding="utf-8"))}
    assert {e for e, r in ev.items() if r["event_type"] == "conference"} == {SHANGHAI, ZHEJIANG}
    assert (ev[SHANGHAI]["start_date"], ev[SHANGHAI]["place_zh"]) == ("2024-04-26", "香港")
    assert ev[ZHEJIANG]["start_date"] == "2025-04-24"
    docs = {m["doc_id"][:3] for m in csv.DictReader((built / "curated" / "mentions.csv").open(encoding="utf-8"))
            if m["table_name"] == "events" and m["row_id"] == SHANGHAI}
    assert docs == {"000", "001"}


def test_markdown_box_in_traditional_script(tmp_path):
    c = make_corpus(tmp_path, {"a.txt": MARKDOWN_HANT}, "2025-03-15")
    t = build_tables(c)
    (event,) = [e for e in t["events"] if e["event_type"] == "conference"]
    assert event["name_zh"] == "粤港合作联席会议第二十三次会议" and event["start_date"] == dt.date(2025, 3, 14)
    assert event["place_zh"] == "广州"
    s = sorted(t["sectors"], key=lambda r: r["number"])
    assert [r["number"] for r in s] == list(range(1, 11))
    assert s[2]["name_zh"] == "创科" and s[2]["canonical_sector"] == "innovation_technology" and s[2]["print_position"] == 2
    assert s[0]["canonical_sector"] == "finance" and s[2]["n_measures"] == 2
    stated = {(m["indicator"], m["value"]) for m in t["metrics"]}
    assert stated == {("cooperation_areas", 10), ("projects", 40), ("documents_signed", 8)}


def test_underlined_press_release_with_signing_section(tmp_path):
    c = make_corpus(tmp_path, {"a.txt": PRESS_RELEASE}, "2025-06-10")
    t = build_tables(c)
    assert [(r["number"], r["name_zh"], r["n_measures"]) for r in t["sectors"]] == [
        (1, "金融", 1), (2, "科技创新", 2), (3, "青年发展", 1)]
    ags = {a["title_zh"]: a for a in t["agreements"]}
    assert set(ags) == {"川港合作会议合作备忘录", "关于深化川港科技合作备忘录", "川港青年交流合作意向书"}
    main = ags["川港合作会议合作备忘录"]
    assert main["signatories"] == "甲乙丙; 丁戊" and main["agreement_type"] == "memorandum"
    assert main["signed_date"] == dt.date(2025, 6, 10) and main["event_id"].endswith("chuan-gang-he-zuo-hui-yi-di-er-ci-hui-yi")
    assert ags["川港青年交流合作意向书"]["agreement_type"] == "letter_of_intent"
    (total,) = [m for m in t["metrics"] if m["indicator"] == "documents_signed_additional"]
    assert total["value"] == 2
    assert sorted(a["listed_under_metric_id"] or "" for a in ags.values()) == ["", total["metric_id"], total["metric_id"]]


def test_numbered_lines_and_a_count_in_chinese(tmp_path):
    c = make_corpus(tmp_path, {"a.txt": NUMBERED}, "2025-06-10")
    t = build_tables(c)
    assert [r["name_zh"] for r in t["sectors"]] == ["经贸合作", "金融服务", "文化旅游", "青年交流"]
    assert {r["list_form"] for r in t["sectors"]} == {"numbered"}
    assert [(m["indicator"], m["value"]) for m in t["metrics"]] == [("cooperation_areas", 4)]


def test_inline_list_when_no_structured_list_exists(tmp_path):
    c = make_corpus(tmp_path, {"a.txt": INLINE_ONLY}, "2025-06-10")
    t = build_tables(c)
    assert [r["name_zh"] for r in t["sectors"]] == ["科技创新", "金融", "青年发展"]
    assert {r["list_form"] for r in t["sectors"]} == {"inline"}


def test_numbered_headings_that_are_not_areas_are_ignored(tmp_path):
    text = ("粤港合作联席会议第二十四次会议举行\n\n本报讯 粤港合作联席会议第二十四次会议昨日举行。\n\n"
            "### 活动安排\n\n#### 1 开幕式\n- 领导致辞\n#### 2 分论坛\n- 专家发言\n")
    t = build_tables(make_corpus(tmp_path, {"a.txt": text}))
    assert t["sectors"] == [] and [e["event_type"] for e in t["events"]] == ["conference"]


def test_agreement_shapes(tmp_path):
    text = ("某区招商推介会举行\n\n本报讯 推介会上,某区集中推介《某区产业发展规划》等系列政策。"
            "甲区分别与某某大学、某某投资集团有限公司签订战略合作协议。十多家企业与某某大学签署合作协议。"
            "某某大学、某区人民政府与某某开发区发展总公司签署了三方合作协议。"
            "他表示,早于2010年,双方签署《某某合作框架协议》。\n")
    c = make_corpus(tmp_path, {"a.txt": text})
    rows = agreements.build(c)
    titled = [r for r in rows if r["title_zh"]]
    assert [(r["title_zh"], r["is_earlier_agreement"], r["signed_year"], r["agreement_type"]) for r in titled] == [
        ("某某合作框架协议", True, 2010, "agreement")]
    unnamed = sorted(r["parties"] for r in rows if not r["title_zh"])
    assert unnamed == ["某某大学; 某区人民政府; 某某开发区发展总公司", "甲区; 某某大学", "甲区; 某某投资集团有限公司"]
    assert {r["agreement_type"] for r in rows if r["parties"] and r["parties"].startswith("甲区")} == {
        "strategic_cooperation_agreement"}
    totals = [(m["indicator"], m["value"], m["qualifier"]) for m in metrics.build(c)]
    assert totals == [("institutions_signing", 10, "more_than")]


def test_seed_agreements(built):
    import csv

    rows = {r["title_zh"] or r["parties"]: r for r in csv.DictReader((built / "curated" / "agreements.csv").open(encoding="utf-8"))}
    assert rows["沪港合作会议第六次会议备忘录"]["signed_date"] == "2024-04-26"
    assert rows["沪港合作会议第六次会议备忘录"]["parties"] == "上海; 香港"
    law = rows["香港特别行政区律政司与华东政法大学法律交流和合作安排"]
    assert (law["agreement_type"], law["event_id"], law["parties"]) == ("arrangement", SHANGHAI, "律政司; 华东政法大学")
    old = rows["法律服务合作协议书"]
    assert (old["is_earlier_agreement"], old["signed_year"], old["event_id"]) == ("true", "2003", "")
    zj = [r for r in rows.values() if r["event_id"] == ZHEJIANG]
    assert len(zj) == 6 and sum(1 for r in zj if r["listed_under_metric_id"]) == 4
    assert sum(1 for r in zj if r["signatories"] == "陈国基; 卢山") == 2
    assert "青浦区; 华东师范大学" in rows and "青浦区; 中交城市投资控股有限公司" in rows
    assert not any("规划" in (r["title_zh"] or "") for r in rows.values())  # promoted policy, not signed


def test_two_inline_lists_of_one_framework_in_another_report_do_not_share_positions(tmp_path):
    """Found at scale (bench/generate.py, 3 000 articles): the second report's second list restarted at 1."""
    a = "粤港合作联席会议第二十四次会议\n\n本报讯 粤港合作联席会议第二十四次会议昨日在广州举行。双方同意在金融、航运、物流等三个领域深化合作。\n"
    b = ("粤港两地深化合作\n\n本报讯 粤港合作联席会议第二十四次会议昨日在广州举行,双方同意在医疗、教育等领域加强合作。\n\n"
         "在粤港合作联席会议第二十四次会议上,双方还同意在文化、旅游、体育等领域拓展合作。\n")
    t = build_tables(make_corpus(tmp_path, {"a.txt": a, "b.txt": b}, "2025-06-10"))
    second = sorted((r["print_position"], r["name_zh"]) for r in t["sectors"] if r["doc_id"].endswith("b"))
    assert second == [(1, "文化"), (2, "旅游"), (3, "体育"), (4, "医疗"), (5, "教育")]
    assert len({(r["framework_id"], r["doc_id"], r["print_position"]) for r in t["sectors"]}) == len(t["sectors"]) == 8
