"""Lists of cooperation areas, found in one article: the areas a meeting, a mechanism, an agreement or a visit
sets out, with their measures. What a list belongs to is the resolve stage's (hkcoop.resolve.frameworks).

List structures (on the normalized view, after page-break repairs):
- markdown headings with a number: ``#### 3 数字经济`` (numbering may be printed out of order);
- headings underlined with a run of dashes (press releases), numbered by print position;
- numbered lines: ``1. 名称``, ``一、名称``, ``(一)名称``, ``(1) 名称``;
- bracketed or bold headings: ``【名称】``, ``**名称**``, numbered by print position;
- inline lists in a sentence (hkcoop.extract.inline_areas: ``聚焦A、B、C等13个重点领域``, ``双方将在A、B等领域
  展开合作``, ``共有7个领域,包括A,以及B、C``): unnumbered.

A structured list counts as cooperation areas when its article states a number of areas or its header
speaks of 领域/范畴, and belongs to the cooperation meeting near it. A trailing heading that is not an area
by its meaning (a signing-ceremony section, reference/non_area_headings.csv) is dropped; validation then
compares the areas left with the stated count. Lists inside an area's measures are that area's content.

The finders read the document's meetings and stated totals as resolved (hkcoop.extract.inputs.Resolved) and
record which they used by position in those lists (`meeting`, `stated_at`), so that the resolve stage puts
the corpus's in their place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hkcoop.extract import inline_areas
from hkcoop.extract.conferences import meeting_near
from hkcoop.extract.numerals import whole_number
from hkcoop.ingest.pages import MD_HEADING
from hkcoop.ingest.textview import IMAGE_FILE, is_heading_like
from hkcoop.reference import non_area_keywords

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


@dataclass
class AreaItem:
    number: int | None  # as printed (or the print position of a heading list); None in an inline list
    print_position: int
    name_start: int  # normalized span of the area's name
    name_end: int
    measures: list[tuple[int, int]] = field(default_factory=list)  # normalized spans


@dataclass
class AreaList:
    doc: object
    form: str  # heading_markdown | heading_underlined | heading_bracketed | numbered | inline
    items: list[AreaItem]
    framework: object = None  # hkcoop.resolve.frameworks.Framework, set in the resolve stage
    stated: list = field(default_factory=list)  # StatedTotal rows of cooperation_areas for this list: likewise
    dropped: list[str] = field(default_factory=list)  # trailing headings judged not to be areas
    meeting: int | None = None  # a structured list's meeting: an index into the document's `Resolved.meetings`
    stated_at: list[int] = field(default_factory=list)  # `stated`, as indices into the document's `Resolved.stated`
    at: int | None = None  # an inline list's phrase: where its framework is looked for


def structured_in_article(doc, article, got) -> list[AreaList]:
    """The article's lists under headings and numbered lines that are lists of areas, with their meeting."""
    areas_stated = [k for k, t in enumerate(got.stated) if t.indicator == "cooperation_areas" and t.doc is doc
                    and article.first <= doc.block_at(t.start) <= article.last]
    out = []
    for form, items, header_pos in _structures(doc, article):
        header = doc.view.simplified[max(0, header_pos - 60):header_pos]
        if not areas_stated and not any(w in header for w in AREA_WORDS):
            continue
        meeting = meeting_near(doc, items[0].name_start, got.meetings)
        if meeting is None:
            continue
        lst = AreaList(doc, form, items, meeting=meeting, stated_at=areas_stated)
        _drop_non_areas(lst)
        out.append(lst)
    return out


def inline_in_article(doc, start: int, end: int, got, structured: list) -> list[AreaList]:
    """The inline lists in the article's normalized span [start, end), but those inside the measures (or
    one of the headings) of the document's `structured` lists."""
    text = doc.view.simplified
    inside = [span for lst in structured if lst.doc is doc for item in lst.items
              for span in [(item.name_start, item.name_end)] + item.measures]
    out = []
    for found in inline_areas.find(text, start, end, doc.sentence_at):
        if any(a <= found.start < b for a, b in inside) or any(a <= it.start < b for it in found.items for a, b in inside):
            continue  # a list inside an area's measures is that area's content; one of its headings, that list
        stated = [k for k, t in enumerate(got.stated) if t.indicator == "cooperation_areas" and t.doc is doc
                  and found.count_span and t.start <= found.count_span[0] < t.end + 1]
        items = [AreaItem(None, k, it.start, it.end) for k, it in enumerate(found.items, 1)]
        out.append(AreaList(doc, "inline", items, stated_at=stated, at=found.start))
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
            items.append(AreaItem(whole_number(m["n"]), pos, start, start + len(m["name"].rstrip()),
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
            items.append(AreaItem(whole_number(m["a"] or m["b"] or m["c"]), pos, start, start + len(m["name"]),
                                  _measures(doc, i + 1, stop)))
        found.append(("numbered", items, view.block_span(numbered[0])[0]))
    return found


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
    stated count is then checked against what remains (hkcoop.quality.consistency), not used to keep them."""
    keywords = non_area_keywords()
    text = lst.doc.view.simplified
    while lst.items:
        name = text[lst.items[-1].name_start:lst.items[-1].name_end]
        if any(k in name for k in keywords):
            lst.dropped.append(name)
            lst.items.pop()
        else:
            break
