"""Cooperation areas named inside a sentence (simplified view), not as headings:

- 就/在/包括/涵盖/涉及/聚焦/围绕/发展/加强/覆盖 A、B(,以及|及|和) C 等(N个|N大|N项)(重点)(合作)领域/范畴:
  双方将在A、B、C等领域展开合作; 围绕A、B、C等9个重点领域; 同意在A、B等8个领域深化协作;
- a count first, then the list: 合作重点共有N个领域,包括A,以及B、C多方的合作,及D; 在九个领域携手推进,
  包括A、B,以及C.

Items are split on 、 and on a comma that opens 以及/及/和; an item "X和Y" (or 及, 与) stays whole
(体育和康乐, 海运及港口, 创新科技和产业发展: reports name one area so).
Not areas agreed: a wish or a suggestion (期望两地在A、B等领域…, 可以在…, 希望…), cooperation described as
past (两地A、B等领域交流日益频繁: no opening verb), strengths described (两地在A、B等领域互补性强), industries
of companies (A、B等行业领域) and lists ending in 方面. A list without a count opened by 在 speaks of areas
agreed only when its clause says so (双方将在…, 同意, 商定, 签署 …). When a list states N areas and names N-1,
its last item joined by 及/和 is two areas (金融、物流、文化旅游及人才培训等四个领域).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hkcoop.extract.numerals import AMOUNT_TEXT, parse_amount

OPEN = r"(?:就|在|包括|包含|涵盖|涉及|聚焦|围绕|着重发展|重点发展|发展|加强|覆盖|深化|推进)"
ITEM = r"[^,，。;；:：()（）《》]{1,30}"
SEP = r"(?:、|[,，](?:以及|及|和)|以及)"
ITEMS = rf"(?P<items>{ITEM}(?:{SEP}{ITEM}){{1,20}})"
COUNT = rf"(?P<n>{AMOUNT_TEXT})(?:个|大|项)"
AREA = r"(?:重点|主要)?(?:合作)?(?:领域|范畴)"
LIST_THEN_WORD = re.compile(rf"{OPEN}{ITEMS}等(?:{COUNT})?{AREA}")
COUNT_THEN_LIST = re.compile(rf"{COUNT}{AREA}[^。;；,，]{{0,16}}?[,，]?(?:包括|分别是|分别为|即|涵盖){ITEMS}(?=[。;；]|$)")
WISH = re.compile(r"期望|希望|期待|可以|建议|鼓励|认为|愿意|不妨|盼")
DESCRIBED = re.compile(r"^[^,，。;；]{0,4}?(?:互补|优势|潜力|密切|成效|成果丰硕|基础|前景|空间|蓬勃|迅速|领先|突出)")
AGREED = re.compile(r"将|同意|商定|决定|达成|签署|签订|确定|确立|计划|拟|重点|着重|聚焦")
JOINED = re.compile(r"^(?P<a>.{2,}?)(?:及|和|与)(?P<b>.{2,})$")
TRAILING = re.compile(r"(?:多方|各方|方面|等)?(?:的)?合作$|(?:的)?方面$|等$")
SPLIT = re.compile(r"、|[,，](?:以及|及|和)|以及")
# an enumeration announced: (N个|N大|N项)(重点)(合作)领域/范畴/方面(…)(包括|分别是|如下)：, or …领域。 before 第一
ANNOUNCED = re.compile(rf"(?:(?P<n>{AMOUNT_TEXT})(?:个|大|项))?(?:重点|主要)?(?:合作)?(?:领域|范畴|方面)"
                       rf"[^。;；:：\n]{{0,12}}?(?:包括|分别是|分别为|涵盖|如下)?(?:[:：]|(?P<dot>[。]))")
MARKER = re.compile(r"(?:[一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,2}(?:[,，、:：]|是)?|[(（][一二三四五六七八九十\d]{1,2}[)）]|"
                    r"\d{1,2}[.、．](?!\d))")
ITEM_END = re.compile(r"[,，。;；:：\n]")
LINE_OR_SEMICOLON = re.compile(r"[;；]|\s*\n\s*")
LINE_ITEM_MAX = 20
AREA_NAME_MAX = 14
DEED = re.compile(r"(?:深化|加强|推进|推动|促进|深入|拓展|开展|共建|打造|强化|扩大|携手|共同|积极|进一步|全面|围绕|聚焦|抓好|做好)+")
AREA_TAIL = re.compile(r"(?:的)?(?:合作|领域|方面|等|工作|建设)$")


@dataclass
class InlineItem:
    start: int  # normalized span of the area's name
    end: int


@dataclass
class InlineList:
    start: int  # normalized span of the whole phrase
    end: int
    items: list[InlineItem]
    count_span: tuple[int, int] | None  # where the stated count of areas is printed, if any


def find(text: str, start: int, end: int, sentence_at) -> list[InlineList]:
    """Inline lists of cooperation areas in the normalized span [start, end)."""
    out: list[InlineList] = _enumerated(text, start, end, sentence_at)
    for regex in (COUNT_THEN_LIST, LIST_THEN_WORD):
        for m in regex.finditer(text, start, end):
            if any(o.start <= m.start("items") < o.end for o in out):
                continue
            ss, _ = sentence_at(m.start())
            clause_start = max((k + 1 for k in range(ss, m.start()) if text[k] in ",，"), default=ss)
            if WISH.search(text, ss, m.start("items")) and not m["n"]:
                continue  # a wish or a suggestion, not areas agreed
            if WISH.search(text, clause_start, m.start("items")) or DESCRIBED.match(text, m.end(), end):
                continue
            if not m["n"] and text[m.start():m.start() + 1] == "在" and not AGREED.search(text, clause_start, m.start()):
                continue  # 香港与某省在A、B等领域…: no one says they agreed on anything
            items = _items(text, m.start("items"), m.end("items"))
            if m["n"]:
                items = _split_last(text, items, m["n"])
            if len(items) >= 2:
                out.append(InlineList(m.start(), m.end(), items, m.span("n") if m["n"] else None))
    return sorted(out, key=lambda lst: lst.start)


def _enumerated(text: str, start: int, end: int, sentence_at) -> list[InlineList]:
    """Lists announced by their areas and a colon (or a full stop before 第一, 一是 …), the items after it in
    any of the forms reports print: 一是A；二是B, 第一，A；第二，B, (一)A(二)B, 1.A 2.B, A；B；C, A、B及C,
    or one short line each after the colon. Items given as what is done (深化金融合作) are named by their
    area (金融); an item longer than an area's name is a measure, and a list of measures is no list of areas."""
    out = []
    for m in ANNOUNCED.finditer(text, start, end):
        ss, _ = sentence_at(m.start())
        if WISH.search(text, ss, m.start()) or (m["dot"] and not MARKER.match(text, _skip_space(text, m.end(), end))):
            continue
        body_start = _skip_space(text, m.end(), end)
        body_end = _body_end(text, body_start, end, lines=text[m.end():body_start].count("\n") > 0)
        items = _marked_items(text, body_start, body_end) or _separated_items(text, body_start, body_end)
        if m["n"] and items:
            items = _split_last(text, items, m["n"])
        if len(items) >= 2:
            out.append(InlineList(m.start(), items[-1].end, items, m.span("n") if m["n"] else None))
    return out


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \n":
        pos += 1
    return pos


def _body_end(text: str, pos: int, end: int, lines: bool) -> int:
    """Where an enumeration that starts at `pos` ends: its paragraph's end, or, for a list printed one item
    a line, the last of the short lines (or numbered ones) that follow."""
    para_end = text.find("\n", pos, end)
    para_end = end if para_end < 0 else para_end
    if not lines and (MARKER.match(text, pos) is None or MARKER.search(text, pos + 1, para_end)):
        return para_end  # the items on one line (a numbered list may go on over the next lines)
    last = pos
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        line = text[pos:line_end].strip()
        if line and not (MARKER.match(line) or len(line) <= LINE_ITEM_MAX):
            break
        if line:
            last = line_end
        pos = _skip_space(text, line_end, end)
    return last


def _marked_items(text: str, start: int, end: int) -> list[InlineItem]:
    """一是A；二是B / 第一，A；第二，B / (一)A (二)B / 1.A 2.B: the area each marker opens."""
    marks = list(MARKER.finditer(text, start, end))
    if len(marks) < 2 or marks[0].start() != start:
        return []
    items = []
    for mark, nxt in zip(marks, marks[1:] + [None]):
        stop = ITEM_END.search(text, mark.end(), nxt.start() if nxt else end)
        item = _area_name(text, mark.end(), stop.start() if stop else (nxt.start() if nxt else end))
        if item is None:
            return []  # a measure, not an area: the list is one of measures
        items.append(item)
    return items


def _separated_items(text: str, start: int, end: int) -> list[InlineItem]:
    """A；B；C, A、B及C, or one a line."""
    stop = re.search(r"[。]", text[start:end])
    end = start + stop.start() if stop else end
    items = []
    pos = start
    for part in LINE_OR_SEMICOLON.split(text[start:end]):
        for it in _items(text, pos, pos + len(part)):
            name = _area_name(text, it.start, it.end)
            if name is None:
                return []
            items.append(name)
        pos += len(part)
        sep = LINE_OR_SEMICOLON.match(text, pos)
        pos += len(sep.group(0)) if sep else 0
    return items


def _area_name(text: str, start: int, end: int) -> InlineItem | None:
    """The area an item names: without a verb before it or 合作/领域/等 after it (深化金融合作 -> 金融);
    None when what remains is longer than an area's name."""
    s, e = _trim(text, start, end)
    lead = DEED.match(text, s, e)
    if lead and e - lead.end() >= 2:
        s = lead.end()
    while (tail := AREA_TAIL.search(text, s, e)) and tail.start() - s >= 2:
        e = tail.start()
    return InlineItem(s, e) if 2 <= e - s <= AREA_NAME_MAX else None


def _items(text: str, start: int, end: int) -> list[InlineItem]:
    items = []
    pos = start
    for part in SPLIT.split(text[start:end]) + [None]:
        if part is None:
            break
        sep = SPLIT.match(text, pos + len(part))
        s, e = _trim(text, pos, pos + len(part))
        if 2 <= e - s <= 20:
            items.append(InlineItem(s, e))
        pos += len(part) + (len(sep.group(0)) if sep else 0)
    return items


def _split_last(text: str, items: list[InlineItem], count_text: str) -> list[InlineItem]:
    """N areas stated, N-1 named: the last item joined by 及/和/与 is two."""
    try:
        n = parse_amount(count_text).value
    except ValueError:
        return items
    last = items[-1] if items else None
    joined = JOINED.match(text[last.start:last.end]) if last else None
    if len(items) != n - 1 or not joined:
        return items
    return items[:-1] + [InlineItem(last.start, last.start + joined.end("a")),
                         InlineItem(last.start + joined.start("b"), last.end)]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Without a leading conjunction or space, a trailing 多方的合作 / 方面, or a surrounding quote that is
    not part of the name (“数字丝路”建设 keeps its quotes)."""
    while s < e and text[s] in "和及与 ":
        s += 1
    opener = re.match(rf"(?:{OPEN})+", text[s:e])  # 就包括A: the opener repeated before the first item
    if opener and e - s - opener.end() >= 2:
        s += opener.end()
    while e > s and text[e - 1] == " ":
        e -= 1
    t = TRAILING.search(text[s:e])
    if t and t.start() >= 2:
        e = s + t.start()
    return s, e
