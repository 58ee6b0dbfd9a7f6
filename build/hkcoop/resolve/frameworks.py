"""Cooperation frameworks: the lists of cooperation areas a meeting, a mechanism, an agreement or a visit
sets out, with their measures.

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
compares the areas left with the stated count.

The framework of an inline list is, in this order: the signing its sentence reports (the agreement's
areas), the cooperation meeting named in its paragraph, an event named in its sentence, a cooperation
mechanism named in its sentence (自某年某港合作会议机制建立以来,双方聚焦…), the meeting its article reports,
the event its article reported last before it, the article's first event; else the report itself. Lists
inside an area's measures are that area's content, not a framework. Several reports of one framework are
reconciled in tables/sectors.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hkcoop.extract import inline_areas
from hkcoop.extract.conferences import mechanism_pattern
from hkcoop.extract.numerals import whole_number
from hkcoop.ingest.pages import MD_HEADING
from hkcoop.ingest.textview import IMAGE_FILE, is_heading_like
from hkcoop.reference import non_area_keywords
from hkcoop.resolve.conferences import conference_near
from hkcoop.slugs import slug
from hkcoop.spans import by_doc, pairs_by_doc

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


@dataclass(frozen=True)
class Framework:
    """What a list of areas belongs to."""

    framework_id: str  # the event's id, mechanism-<slug> for a mechanism, report-<article id> for a report
    name_zh: str
    framework_type: str  # conference_meeting | mechanism | event | report
    event_id: str | None


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
    form: str  # heading_markdown | heading_underlined | numbered | inline
    items: list[AreaItem]
    framework: Framework
    stated: list = field(default_factory=list)  # StatedTotal rows of cooperation_areas for this framework
    dropped: list[str] = field(default_factory=list)  # trailing headings judged not to be areas


def conference_framework(conf) -> Framework:
    return Framework(conf.event_id, conf.name_zh, "conference_meeting", conf.event_id)


def find_structured_lists(corpus) -> list[AreaList]:
    stated = _areas_stated(corpus)
    return corpus.scan("frameworks", lambda doc, article, _s, _e: _lists_in_article(corpus, doc, article, stated))


def find_inline_lists(corpus) -> list[AreaList]:
    """Inline lists, each with its framework; what an article's lists are judged against (the document's
    stated totals of areas, structured lists and events) looked up by document, once."""
    stated = _areas_stated(corpus)
    structured = by_doc(corpus.structured_lists)
    events = pairs_by_doc((m, ev) for ev in corpus.events.values() for m in ev.mentions)
    return corpus.scan("inline areas", lambda doc, article, s, e: _inline_in_article(
        corpus, doc, article, s, e, stated.get(doc.doc_id, []), structured.get(doc.doc_id, []),
        events.get(doc.doc_id, [])))


def _areas_stated(corpus) -> dict[str, list]:
    return by_doc(t for t in corpus.stated_totals if t.indicator == "cooperation_areas")


def _lists_in_article(corpus, doc, article, stated: dict) -> list[AreaList]:
    areas_stated = [t for t in stated.get(doc.doc_id, []) if t.doc is doc
                    and article.first <= doc.block_at(t.start) <= article.last]
    out = []
    for form, items, header_pos in _structures(doc, article):
        header = doc.view.simplified[max(0, header_pos - 60):header_pos]
        if not areas_stated and not any(w in header for w in AREA_WORDS):
            continue
        conf = conference_near(doc, items[0].name_start, corpus.meetings)
        if conf is None:
            continue
        lst = AreaList(doc, form, items, conference_framework(conf), areas_stated)
        _drop_non_areas(lst)
        out.append(lst)
    return out


def _inline_in_article(corpus, doc, article, start: int, end: int, areas_stated: list, structured: list,
                       event_mentions: list) -> list[AreaList]:
    text = doc.view.simplified
    inside = [span for lst in structured if lst.doc is doc for item in lst.items
              for span in [(item.name_start, item.name_end)] + item.measures]
    out = []
    events = None  # the article's event mentions, (position, event): read once, if a list is found
    for found in inline_areas.find(text, start, end, doc.sentence_at):
        if any(a <= found.start < b for a, b in inside) or any(a <= it.start < b for it in found.items for a, b in inside):
            continue  # a list inside an area's measures is that area's content; one of its headings, that list
        stated = [t for t in areas_stated if t.doc is doc
                  and found.count_span and t.start <= found.count_span[0] < t.end + 1]
        if events is None:
            events = [(m.start, ev) for m, ev in event_mentions if m.doc is doc and doc.article_at(m.start) is article]
        framework = _framework_of(corpus, doc, article, found.start, events)
        items = [AreaItem(None, k, it.start, it.end) for k, it in enumerate(found.items, 1)]
        out.append(AreaList(doc, "inline", items, framework, stated))
    return out


def _framework_of(corpus, doc, article, pos: int, events: list) -> Framework:
    """What an inline list at `pos` belongs to (see the module's docstring); `events` are the (position,
    event) mentions of its article."""
    ss, se = doc.sentence_at(pos)
    text = doc.view.simplified

    def event_framework(ev):
        return Framework(ev.event_id, ev.name_zh, "event", ev.event_id)

    signing = next((ev for p, ev in events if ss <= p < pos and ev.event_type == "signing_ceremony"), None)
    if signing is not None:
        return event_framework(signing)
    conf = conference_near(doc, pos, corpus.meetings, article_fallback=False)
    if conf is not None:
        return conference_framework(conf)
    in_sentence = [ev for p, ev in events if ss <= p < se]
    if in_sentence:
        return event_framework(in_sentence[0])
    mech = re.search(mechanism_pattern(), text[ss:pos])
    if mech:
        return Framework(f"mechanism-{slug(mech.group(0))}", mech.group(0), "mechanism", None)
    conf = conference_near(doc, pos, corpus.meetings, article_fallback=True)
    if conf is not None:
        return conference_framework(conf)
    before = [(p, ev) for p, ev in events if p < pos]
    if before:
        return event_framework(max(before, key=lambda x: x[0])[1])
    if events:
        return event_framework(min(events, key=lambda x: x[0])[1])
    article_id = doc.article_id(article)
    return Framework(f"report-{article_id.lower()}", doc.headline_zh(article) or article_id, "report", None)


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
