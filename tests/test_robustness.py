"""Whatever shape an article comes in — truncated, only furniture, fragments of the genre in any order —
every extractor runs, and every evidence span re-slices to its quote."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from conftest import make_corpus
from hkcoop.tables import BUILDERS

FRAGMENTS = [
    "沪港合作会议第六次会议", "昨在香港举行", "4月25日至28日", "今日(四月二十四日)", "26-4-2024", "签署《合作备忘录》",
    "签署20份合作文件", "就以下13个范畴的合作方向达成共识:", "金融\n——\n", "#### 1 金融\n- 支持合作\n", "(一)《关于合作的安排》;",
    "上海市委副书记、市长龚正", "行政长官李家超", "记者 张三", "▲图片说明。", "逾1.5万亿港元", "约1700家", "7.7%",
    "本报讯 ", "据新华社电", "\n\n", "\n", "。", ",", "、", "07 某版新闻\n", "************\n", "IMG_1.jpg\n",
    "由省委书记王浩率领的浙江省代表团", "访问香港", "赴某镇调研", "揭牌仪式在某地举行", "出席", "见证",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25), st.sampled_from([None, "2025-04-24"]))
def test_any_arrangement_of_genre_fragments_builds(parts, published):
    text = "".join(parts)
    assume(text.strip())  # a blank file is refused as bad input (tested elsewhere)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp), {"a.txt": text}, published)
        for build in BUILDERS.values():
            build(corpus)
        raw = corpus.docs[0].raw.text
        for m in corpus.evidence.rows:
            assert raw[m["char_start"]:m["char_end"]] == m["quote"]


def test_a_page_of_teasers_only(tmp_path):
    corpus = make_corpus(tmp_path, {"a.txt": "07 某某新闻\n\n08 另一条新闻\n"})
    rows = BUILDERS["articles"](corpus)
    assert [r["kind"] for r in rows] == ["page_index"]
