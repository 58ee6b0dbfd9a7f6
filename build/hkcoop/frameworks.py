"""Cooperation frameworks: the lists of cooperation areas a meeting sets out, with their measures.

List structures (on the normalized view, after page-break repairs):
- markdown headings with a number: ``#### 3 数字经济`` (numbering may be printed out of order);
- headings underlined with a run of dashes (press releases), numbered by print position;
- numbered lines: ``1. 名称``, ``一、名称``, ``(一)名称``, ``(1) 名称``;
- bracketed or bold headings: ``【名称】``, ``**名称**``, numbered by print position;
- an inline list in the sentence that states the count (``包括A、B,以及C等15个合作领域``), used only when
  no structured list of that framework exists in any document.

A list counts as cooperation areas when its article states a number of areas or its header speaks of
领域/范畴. A trailing heading that is not an area by its meaning (a signing-ceremony section,
reference/non_area_headings.csv) is dropped; validation then compares the areas left with the stated count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hkcoop.conferences import conference_near
from hkcoop.numerals import cn_int
from hkcoop.pages import MD_HEADING
from hkcoop.reference import non_area_keywords
from hkcoop.textview import IMAGE_FILE, is_heading_like

MD_NUMBERED = re.compile(r"^(#{2,6})\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})(?:[\s.、:]\s*)(?P<name>\S.*)$")
UNDERLINE = re.compile(r"^[—―─－\-_=]{2,}$")
NUMBERED = re.compile(r"^(?:(?P<a>\d{1,2})[.、]\s*|(?P<b>[一二三四五六七八九十]{1,3})、|[(（](?P<c>[一二三四五六七八九十]{1,3}|\d{1,2})[)）]\s*)"
                      r"(?P<name>[^《》。;；,，]{2,24})$")
BULLET = re.compile(r"^[-•·▪*]\s+")
SKIP = re.compile(r"^[▲▶►△▼]|^[—―─－\-_=*]{2,}$")  # captions and rules; image file names: IMAGE_FILE
BRACKETED = re.compile(r"^(?:\*\*)?(?:[【〔\[](?P<a>[^】〕\]]{2,20})[】〕\]]|(?<=\*\*)(?P<b>[^*【】]{2,20})(?=\*\*))(?:\*\*)?$")
AREA_WORDS = ("领域", "范畴")
SIGNING_SECTION = re.compile(r"(?:签署|签订)了?[^。]{0,12}?(?:[\d一二三四五六七八九十两]+[份项][^。]{0,6}(?:文件|协议|备忘录)|《)")
FOOTER = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|香港时间|即日新闻|[(（]完[)）]|完$)")
INLINE = re.compile(r"(?:就|在)?(?:包括|包含|涵盖|涉及|就)(?P<items>[^。;]{4,120}?)等(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})(?:个|项|大)")


@dataclass
class AreaItem:
    number: int
    print_position: int
    name_start: int  # normalized span of the area's name
    name_end: int
    measures: list[tuple[int, int]] = field(default_factory=list)  # normalized spans


@dataclass
class AreaList:
    doc: object
    form: str  # heading_markdown | heading_underlined | numbered | inline
    items: list[AreaItem]
    conference: object
    stated: list = field(default_factory=list)  # StatedTotal rows of cooperation_areas for this framework
    dropped: list[str] = field(default_factory=list)  # trailing headings judged not to be areas


def find_area_lists(corpus) -> list[AreaList]:
    found = corpus.scan("frameworks", lambda doc, article, _s, _e: _lists_in_article(corpus, doc, article))
    structured = [lst for lst in found if lst.form != "inline"]
    keys = {lst.conference.key for lst in structured}
    return structured + [lst for lst in found if lst.form == "inline" and lst.conference.key not in keys]


def _lists_in_article(corpus, doc, article) -> list[AreaList]:
    areas_stated = [t for t in corpus.stated_totals if t.doc is doc and t.indicator == "cooperation_areas"
                    and article.first <= doc.block_at(t.start) <= article.last]
    out = []
    for form, items, header_pos in _structures(doc, article):
        header = doc.view.simplified[max(0, header_pos - 60):header_pos]
        if not areas_stated and not any(w in header for w in AREA_WORDS):
            continue
        conf = conference_near(doc, items[0].name_start, corpus.conferences)
        if conf is None:
            continue
        lst = AreaList(doc, form, items, conf, areas_stated)
        _drop_non_areas(lst)
        out.append(lst)
    for t in areas_stated:
        if t.conference is not None:
            lst = _inline(doc, t)
            if lst:
                out.append(lst)
    return out


def _structures(doc, article):
    """(form, items, header offset) for each list in the article."""
    view = doc.view
    blocks = range(article.first, article.last + 1)
    texts = {i: view.blocks[i].text for i in blocks}
    found = []
    # markdown numbered headings at one level
    md = [i for i in blocks if MD_NUMBERED.match(texts[i])]
    if len(md) >= 2:
        level = min(len(MD_NUMBERED.match(texts[i]).group(1)) for i in md)
        heads = [i for i in md if len(MD_NUMBERED.match(texts[i]).group(1)) == level]
        items = []
        for pos, i in enumerate(heads, 1):
            m = MD_NUMBERED.match(texts[i])
            start = view.block_span(i)[0] + m.start("name")
            stop = _content_end(texts, i, article.last, lambda t: bool(MD_HEADING.match(t)))
            items.append(AreaItem(_num(m["n"]), pos, start, start + len(m["name"].rstrip()),
                                  _measures(doc, i + 1, stop)))
        found.append(("heading_markdown", items, view.block_span(heads[0])[0]))
    # headings underlined with dashes
    under = [i for i in blocks if i + 1 in texts and UNDERLINE.match(texts[i + 1]) and is_heading_like(texts[i])
             and not MD_HEADING.match(texts[i])]
    if len(under) >= 2:
        items = []
        for pos, i in enumerate(under, 1):
            stop = _content_end(texts, i + 1, article.last, lambda t: False, heads=set(under))
            start, end = view.block_span(i)
            items.append(AreaItem(pos, pos, start, end, _measures(doc, i + 2, stop)))
        found.append(("heading_underlined", items, view.block_span(under[0])[0]))
    # bracketed or bold headings: 【金融合作】, **金融合作**, **【金融合作】**
    bracketed = [i for i in blocks if BRACKETED.match(texts[i])]
    if len(bracketed) >= 2:
        items = []
        for pos, i in enumerate(bracketed, 1):
            m = BRACKETED.match(texts[i])
            group = "a" if m["a"] else "b"
            stop = _content_end(texts, i, article.last, lambda t: False, heads=set(bracketed))
            start = view.block_span(i)[0] + m.start(group)
            items.append(AreaItem(pos, pos, start, start + len(m[group]), _measures(doc, i + 1, stop)))
        found.append(("heading_bracketed", items, view.block_span(bracketed[0])[0]))
    # numbered lines
    numbered = [i for i in blocks if NUMBERED.match(texts[i]) and is_heading_like(NUMBERED.match(texts[i])["name"])]
    if len(numbered) >= 2:
        items = []
        for pos, i in enumerate(numbered, 1):
            m = NUMBERED.match(texts[i])
            stop = _content_end(texts, i, article.last, lambda t: False, heads=set(numbered))
            start = view.block_span(i)[0] + m.start("name")
            items.append(AreaItem(_num(m["a"] or m["b"] or m["c"]), pos, start, start + len(m["name"]),
                                  _measures(doc, i + 1, stop)))
        found.append(("numbered", items, view.block_span(numbered[0])[0]))
    return found


def _num(text: str) -> int:
    return int(text) if text.isdigit() else cn_int(text)


def _content_end(texts, head, last, is_stop, heads=frozenset()) -> int:
    """Index of the last content block after `head`, before the next heading of the list or a stop."""
    j = head + 1
    while j <= last and j not in heads and not is_stop(texts[j]):
        j += 1
    # an underlined heading's own rule is part of it; the next heading of the list ends the content
    return j - 1


def _measures(doc, first, last) -> list[tuple[int, int]]:
    """The blocks under an area, up to a section that is not about the area: the documents signed
    (签署…《…》, 签署N份文件) or the footer of a press release (its date and time lines)."""
    spans = []
    for i in range(first, last + 1):
        text = doc.view.blocks[i].text
        simplified = doc.view.simplified[slice(*doc.view.block_span(i))]
        if SIGNING_SECTION.search(simplified) or FOOTER.match(simplified):
            break
        if SKIP.match(text) or IMAGE_FILE.match(text):
            continue
        s, e = doc.view.block_span(i)
        b = BULLET.match(text)
        spans.append((s + (b.end() if b else 0), e))
    return spans


def _drop_non_areas(lst: AreaList) -> None:
    """Trailing headings whose meaning is not an area (a signing-ceremony section) are dropped; the
    stated count is then checked against what remains (hkcoop.consistency), not used to keep them."""
    keywords = non_area_keywords()
    text = lst.doc.view.simplified
    while lst.items:
        name = text[lst.items[-1].name_start:lst.items[-1].name_end]
        if any(k in name for k in keywords):
            lst.dropped.append(name)
            lst.items.pop()
        else:
            break


def _inline(doc, total) -> AreaList | None:
    text = doc.view.simplified
    ss, se = doc.sentence_at(total.start)
    m = INLINE.search(text, ss, total.end + 3)
    if not m or m.end("n") < total.start:
        return None
    items, pos = [], m.start("items")
    for part in re.split(r"(、|,|以及)", m["items"]):
        if part in ("、", ",", "以及") or not part.strip():
            pos += len(part)
            continue
        lead = len(part) - len(part.lstrip("和及与 "))
        name = part.strip("和及与 ")
        if 2 <= len(name) <= 20:
            items.append(AreaItem(len(items) + 1, len(items) + 1, pos + lead, pos + lead + len(name)))
        pos += len(part)
    return AreaList(doc, "inline", items, total.conference, [total]) if items else None
