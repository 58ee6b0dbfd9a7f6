"""The normalized view: offsets back to raw, and each page-break repair on small invented texts."""

import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from conftest import RAW
from hkcoop.ingest.textview import build_view


def kinds(raw):
    return [r.kind for r in build_view(raw).repairs]


def check_offsets(raw):
    v = build_view(raw)
    assert len(v.origin) == len(v.text) == len(v.simplified)
    for i, ch in enumerate(v.text):
        src = raw[v.origin[i]]
        if ch == "\n":
            continue
        assert ch in unicodedata.normalize("NFKC", src) or (ch == " " and src.isspace()), (i, ch, src)
    return v


@pytest.mark.parametrize("path", sorted(RAW.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_normalized_character_maps_back_to_its_raw_character(path):
    check_offsets(path.read_bytes().decode("utf-8"))


def test_full_width_forms_and_spaces_are_normalized():
    v = build_view("  滬港合作會議（第六次）：ＡＢＣ１２３\u3000\u00a0結束。 \n")
    assert v.text == "滬港合作會議(第六次):ABC123 結束。"
    assert v.simplified == "沪港合作会议(第六次):ABC123 结束。"
    start = v.text.index("ABC")
    assert v.raw_span(start, start + 3) == (v.raw.index("ＡＢＣ"), v.raw.index("ＡＢＣ") + 3)
    assert v.source_text(0, len(v.text)) == "滬港合作會議（第六次）：ＡＢＣ１２３ 結束。"


def test_sentence_broken_over_a_blank_line_is_joined():
    raw = "浙江省副省长表示，两地将继续深化合作，共同推动经贸往来，香港与浙江就\n\n像一家人，合作空间广阔。\n"
    v = build_view(raw)
    assert kinds(raw) == ["line_break_join"]
    assert "香港与浙江就像一家人" in v.text
    start = v.text.index("就像")
    s, e = v.raw_span(start, start + 2)
    assert raw[s:e] == "就\n\n像"


def test_headline_followed_by_prose_is_not_joined():
    raw = "携手发展新经济\n\n两地政府昨日在广州举行会议，签署多份合作文件。\n"
    assert kinds(raw) == []
    assert build_view(raw).text.split("\n")[0] == "携手发展新经济"


def test_two_headlines_are_not_joined():
    raw = "扛起责任,全力以赴抓冲刺\n\n区领导调研某某镇\n\n首席记者 张三\n"
    assert kinds(raw) == []


def test_name_split_after_a_title_is_joined():
    raw = "广东省工商联主席陈嘉\n\n明说，两地企业合作前景广阔。\n"
    v = build_view(raw)
    assert kinds(raw) == ["split_name_join"]
    assert v.text.startswith("广东省工商联主席陈嘉明说")


def test_pronoun_after_a_heading_is_not_a_name_tail():
    raw = "合作前景\n\n他说，两地企业合作前景广阔。\n"
    assert kinds(raw) == []


def test_word_split_after_a_short_line_is_joined_when_a_word_spans_the_break():
    raw = "该中心是香港理工大学在深圳设立的首个基地，设于香港科\n\n技园内，面积约三千平方米。\n"
    assert "技园" in build_view(raw).text


def test_inset_caption_inside_a_word():
    raw = "最终共有二十名学生入选专\n\n志愿者为市民提供服务。\n\n业服务队，负责会场翻译。\n"
    v = build_view(raw)
    assert kinds(raw) == ["inset_caption"]
    assert v.text.split("\n") == ["最终共有二十名学生入选专业服务队,负责会场翻译。", "志愿者为市民提供服务。"]
    start = v.text.index("专业")
    s, e = v.raw_span(start, start + 2)
    assert raw[s:e].startswith("专") and raw[s:e].endswith("业")


def test_duplicated_line_is_dropped():
    raw = ("#### 1 商贸投资\n\n- 推动两地企业拓展市场，鼓励企业通过香港寻找海外新商机，融入国内供应链\n\n"
           "通过香港寻找海外新商机，融入国内供应链\n\n#### 2 金融\n")
    v = build_view(raw)
    assert kinds(raw) == ["duplicate_line"]
    assert v.text.count("寻找海外新商机") == 1


def test_orphan_fragment_rejoins_its_bullet():
    raw = "#### 10 环境\n\n- 加强两地城市噪声污染防治工程与管理\n\n技术方面的交流\n\n#### 11 规划\n"
    v = build_view(raw)
    assert kinds(raw) == ["orphan_fragment"]
    assert "- 加强两地城市噪声污染防治工程与管理技术方面的交流" in v.text.split("\n")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["沪港", "合作", "，", "。", "\n", "\n\n", " ", "\u3000", "\u00a0", "Ａ", "1", "—",
                                 "#### 1 ", "- ", "记者 ", "龔正"]), max_size=60))
def test_offset_map_holds_for_any_text(parts):
    raw = "".join(parts)
    v = check_offsets(raw)
    for i in range(len(v.text)):
        s, e = v.raw_span(i, i + 1)
        assert 0 <= s < e <= len(raw)


def test_byte_order_mark_and_zero_width_characters_leave_the_view_not_the_offsets():
    raw = "\ufeff沪港合作\u200b会议举行\r\n\r\n本报讯 会议昨日举行。\r\n"
    v = check_offsets(raw)
    assert v.text.split("\n") == ["沪港合作会议举行", "本报讯 会议昨日举行。"]
    assert v.raw_span(0, 2) == (1, 3)
