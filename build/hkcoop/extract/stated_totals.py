"""Totals a text states about itself: N cooperation areas, M projects, K documents signed, J institutions
signing. They become metrics rows with a controlled indicator, and validation compares them with rows.

Patterns run on the simplified view; numbers may be Arabic or Chinese (十三个范畴, 四份合作文件, 二十多家).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hkcoop.extract.numerals import AMOUNT_TEXT, Amount, parse_amount

AMT = AMOUNT_TEXT
SIGN = r"(?:签署|签订|签约|签定)"
DOC_NOUN = r"(?:文件|协议|备忘录|意向书|安排|合同|协定)"
ADDITIONAL = re.compile(r"(?:亦|另|另外|此外|还|又|并另)[^,。;:]{0,12}$")

PATTERNS = [
    # (indicator, unit, regex, sentence must contain)
    ("cooperation_areas", "areas",
     re.compile(rf"(?<!第)(?P<amt>{AMT})(?:个|项|大)(?:重点)?(?:合作)?(?:领域|范畴)"), ("合作", "共识")),
    # areas counted as 方面 where cooperation or measures follow in the clause (在5个方面加强合作, 共6个方面20条
    # 举措); not a speech's points (从三个方面阐述, 三个方面的意见)
    ("cooperation_areas", "areas",
     re.compile(rf"(?<![第从])(?P<amt>{AMT})(?:个|大)(?:重点)?方面(?=[^,，。;；的]{{0,12}}合作|(?:{AMT})(?:条|项)(?:举措|措施))"), ()),
    ("projects_signed", "projects",
     re.compile(rf"(?<!第)(?P<amt>{AMT})个(?:[\u4e00-\u9fff]{{0,4}})项目(?=完成签约|集中签约|签约|正式签约)"), ()),
    ("projects_signed", "projects", re.compile(rf"签约项目(?P<amt>{AMT})个"), ()),
    ("projects", "projects",
     re.compile(rf"(?<!第)(?P<amt>{AMT})个(?:合作)?项目(?!完成签约|集中签约|签约|正式签约)"), ("合作", "共识")),
    ("documents_signed", "documents",
     re.compile(rf"{SIGN}了?[^。;:]{{0,40}}?(?<!第)(?P<amt>{AMT})(?:份|项|个)[^。;,]{{0,24}}?{DOC_NOUN}"), ()),
    # titles listed first, then their count: 签署了《A》《B》4份合作协议
    ("documents_signed", "documents",
     re.compile(rf"{SIGN}了?(?:《[^《》。]{{2,120}}》[、,和及与]?)+(?:等)?(?<!第)(?P<amt>{AMT})(?:份|项|个)[^。;,]{{0,12}}?{DOC_NOUN}"),
     ()),
    # 就…达成两份协议
    ("documents_signed", "documents",
     re.compile(rf"达成(?:了)?(?<!第)(?P<amt>{AMT})(?:份|项)[^。;,]{{0,12}}?{DOC_NOUN}"), ()),
    # the verb first: 集中签约12个产业项目 / 大会共签约9个项目 / 签约协议及项目共计15个
    ("projects_signed", "projects",
     re.compile(rf"签约(?:了)?(?<!第)(?P<amt>{AMT})个[\u4e00-\u9fff]{{0,6}}?项目"), ()),
    ("projects_signed", "projects",
     re.compile(rf"签约[\u4e00-\u9fff]{{0,8}}?共(?:计)?(?P<amt>{AMT})(?:个|项)"), ()),
    ("institutions_signing", "institutions",
     re.compile(rf"(?<!第)(?P<amt>{AMT})家[^。;,]{{0,16}}?(?:企业|机构|单位|公司|高校|院校)[^。;]{{0,24}}?{SIGN}"), ()),
]


@dataclass
class StatedTotal:
    doc: object
    indicator: str
    unit: str
    amount: Amount
    start: int  # normalized span of the figure as printed (number, qualifier)
    end: int
    phrase_start: int  # normalized span of the whole phrase (quote)
    phrase_end: int
    conference: object | None
    again: list = field(default_factory=list)  # StatedTotal: where the same document states it again

    @property
    def metric_id(self) -> str:
        from hkcoop.slugs import short_hash

        return f"{self.doc.doc_id}-{self.indicator}-{short_hash(f'{self.phrase_start}:{self.phrase_end}')}"


def find_stated(doc, start: int, end: int) -> list[StatedTotal]:
    """The totals the normalized span [start, end) of `doc` states, without their meeting (see above)."""
    text = doc.view.simplified
    out = []
    seen: set[tuple[int, int]] = set()
    for indicator, unit, regex, context in PATTERNS:
        for m in regex.finditer(text, start, end):
            s, e = m.span("amt")
            if (s, e) in seen or "\n" in text[m.start():m.end()]:
                continue
            ss, se = doc.sentence_at(s)
            if context and not any(word in text[ss:se] for word in context):
                continue
            try:
                amount = parse_amount(m["amt"])
            except ValueError:
                continue
            ind = indicator
            if indicator == "documents_signed" and ADDITIONAL.search(text[ss:m.start()]):
                ind = "documents_signed_additional"
            seen.add((s, e))
            out.append(StatedTotal(doc, ind, unit, amount, s, e, m.start(), m.end(), None))
    return out
