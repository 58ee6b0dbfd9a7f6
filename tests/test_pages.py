"""Splitting pages into articles: the seeds, and invented pages in each layout of the genre."""

import pytest

from conftest import RAW
from hkcoop.ingest.pages import heading_text, split_articles
from hkcoop.ingest.textview import build_view


def headlines(raw):
    v = build_view(raw)
    out = []
    for a in split_articles(v):
        out.append((a.kind, heading_text(v.blocks[a.headline].text) if a.headline is not None else None))
    return out


SEED_HEADLINES = {
    "000": [("article", "龚正率上海市代表团访问香港"), ("article", "优势互补 互利共赢"), ("article", "中国式现代化奋进者")],
    "001": [("article", "滬港15領域深度合作 共拓高質量發展"), ("article", "律政司聯手滬大學 合力推動人才培訓"),
            ("article", "滬港共建電池數字化平台")],
    "002": [("article", "诚邀全球资源共建长三角创新枢纽"), ("article", "聚力稳增长 着力抓落实"),
            ("article", "扛起责任,全力以赴抓冲刺"), ("article", "“小青苗”长成“志愿林”,进博因他们更温暖"),
            ("article", "坚守岗位彰显担当,护航进博会「越办越好」")],
    "003": [("page_index", None), ("article", "港科大上海产教融合中心落户徐汇"),
            ("article", "共同祝愿徐汇繁荣美好未来 徐汇区各界人士迎新春团拜会举行"), ("article", "徐汇区委社会工作会议举行"),
            ("article", "图片新闻"), ("article", "小启")],
    "004": [("furniture", None), ("article", "浙港高层会晤暨浙港合作会议第一次会议在杭州举行(附图)")],
}


@pytest.mark.parametrize("prefix", sorted(SEED_HEADLINES))
def test_seed_pages_split_into_their_articles(prefix):
    (path,) = RAW.glob(f"{prefix}_*.txt")
    assert headlines(path.read_bytes().decode("utf-8")) == SEED_HEADLINES[prefix]


def test_markdown_page_splits_on_top_level_headlines_only():
    raw = ("# 粤港合作再上台阶\n\n## 副题:两地签署十份文件\n\n粤港合作联席会议昨在广州举行。\n\n### 小标题\n\n内容一。\n\n"
           "文汇报记者 张三\n\n## 深港共建科创园区\n\n### 背景\n\n内容二。\n")
    assert headlines(raw) == [("article", "粤港合作再上台阶"), ("article", "深港共建科创园区")]


def test_headline_group_with_byline_starts_an_article():
    raw = ("川港合作会议在成都举行\n\n记者 李四\n\n四川省与香港特区政府昨日举行会议，双方签署合作文件。\n\n"
           "合作成果\n\n双方同意加强金融合作。\n\n"
           "港青赴川交流\n\n实习计划启动\n\n记者 王五\n\n首批香港青年抵达成都，开展为期一个月的实习。\n")
    assert headlines(raw) == [("article", "川港合作会议在成都举行"), ("article", "港青赴川交流")]


def test_section_heading_inside_an_article_is_not_a_new_article():
    raw = ("闽港合作迈上新台阶\n\n本报讯 福建省代表团日前访问香港，出席合作会议。\n\n"
           "共筑金融新优势\n\n两地金融合作不断深化，跨境投资持续增长。\n")
    assert headlines(raw) == [("article", "闽港合作迈上新台阶")]


def test_end_marker_then_headline_starts_an_article():
    raw = ("湘港签约\n\n本报讯 湖南与香港签署合作备忘录。\n\n据新华社电\n\n社区新空间\n\n街道服务中心启用，居民点赞。\n")
    assert headlines(raw) == [("article", "湘港签约"), ("article", "社区新空间")]


def test_press_release_headline_above_asterisks_skips_page_furniture():
    raw = ("跳至主要内容\n\n桂港合作会议在南宁举行(附图)\n*****************\n"
           "  行政长官今日(五月八日)在南宁出席会议。\n")
    assert headlines(raw) == [("furniture", None), ("article", "桂港合作会议在南宁举行(附图)")]


def test_a_short_release_printed_among_a_pages_reports_is_an_article_of_its_own():
    """A rule of asterisks further down the page marks a release printed there: the reports above it stay
    articles (not furniture), and every line of the page belongs to an article."""
    raw = ("湘港签约\n\n本报讯 湖南与香港签署合作备忘录,两地将加强经贸合作。\n\n两地商会代表出席仪式。\n\n"
           "「两地合作成果展」于某市举行(附图)\n************************\n"
           "  驻某市经济贸易办事处主办的成果展今日(十一月三日)开幕。\n")
    v = build_view(raw)
    arts = split_articles(v)
    assert headlines(raw) == [("article", "湘港签约"), ("article", "「两地合作成果展」于某市举行(附图)")]
    assert arts[0].first == 0 and arts[-1].last == len(v.blocks) - 1


def test_page_index_teasers_are_not_articles():
    raw = ("05 某街道召开居民会议\n\n06 某区举办文化节\n持续三天\n\n港大深圳中心揭牌\n\n□ 记者 赵六\n\n"
           "港大深圳中心昨日揭牌，将开展科研合作。\n")
    assert headlines(raw) == [("page_index", None), ("article", "港大深圳中心揭牌")]


def test_headline_printed_after_its_body_is_matched_to_its_lead():
    raw = ("港澳青年交流团访沪\n\n□ 记者 甲\n\n交流团一行参观了科创企业。\n\n"
           "3月2日上午,区政协专题协商会举行,区政协主席出席会议。\n\n会议听取了报告。\n\n区政协专题协商会举行\n")
    v = build_view(raw)
    arts = split_articles(v)
    assert headlines(raw) == [("article", "港澳青年交流团访沪"), ("article", "区政协专题协商会举行")]
    assert arts[1].headline == len(v.blocks) - 1 and arts[1].first == 3


def test_opening_byline_without_headline_gets_the_trailing_headline():
    raw = ("港青义工服务进博\n\n记者 甲\n\n志愿者们在会场提供服务,获得好评。\n\n记者集体采访\n\n"
           "进博会期间,区领导分赴各点位慰问一线人员,表示感谢。\n\n护航进博会圆满成功\n\n区领导慰问保障人员\n")
    assert headlines(raw) == [("article", "港青义工服务进博"), ("article", "护航进博会圆满成功")]
