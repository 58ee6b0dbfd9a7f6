"""Split a page (one raw file) into its articles, from the layout of the normalized view.

Signals, all structural: markdown headlines (# and ##); a headline group (short heading-like lines, an
optional ``——`` subtitle) followed by a byline, a ``本报讯`` lead or a dateline; an end marker
(``据新华社电``, ``(来源:…)``, a closing byline) before a headline group; a press-release headline above
a rule of asterisks; page-index teasers (``07 标题``) at the top of the page; a headline printed after its
body at the foot of the page (matched to the article whose lead repeats it, or given to the nearest
untitled article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hkcoop.ingest.textview import BYLINE, IMAGE_FILE, TextView, is_heading_like, is_structural

MD_HEADING = re.compile(r"^(#{1,6})\s+")
TEASER = re.compile(r"^\d{2}\s+\S")
SUBTITLE = re.compile(r"^[—―─]{1,2}(?=[^—―─])")
ASTERISK_RULE = re.compile(r"^\*{3,}$")
LEAD = re.compile(r"^(?:本报讯|本報訊|本报[^\s,，]{0,8}电|本報[^\s,，]{0,8}電|"
                  r"[^\s,，。]{1,12}(?:社|网|網|报|報)[^\s,，。]{0,12}\d{1,2}月\d{1,2}日(?:电|電))")
END_MARKER = re.compile(r"^(?:[(（]?据[^\s,，。]{1,12}(?:电|電|报道|報道)[)）]?|[(（]来源[:：].{1,20}[)）]|"
                        r"[(（]來源[:：].{1,20}[)）]|[(（]完[)）]|摄影报道|攝影報道)$")
CREDIT = re.compile(r"摄$|攝$|供图|供圖|资料图|資料圖|摄影报道|攝影報道")
BYLINE_MAX = 40
LOOKAHEAD = 4
FURNITURE_MAX = 3  # short lines above a press release's headline that are page furniture


@dataclass
class Article:
    ordinal: int
    kind: str  # "article", "page_index", or "furniture" (ordinal 0: the lines above the first article)
    first: int  # first block index
    last: int  # last block index (inclusive)
    headline: int | None = None  # block index
    subheadlines: list[int] = field(default_factory=list)
    byline: int | None = None


def heading_text(text: str) -> str:
    """The headline without markdown markers or a subtitle dash."""
    return SUBTITLE.sub("", MD_HEADING.sub("", text)).strip()


def heading_offset(text: str) -> int:
    """Where `heading_text` starts inside `text`."""
    m = MD_HEADING.match(text)
    start = m.end() if m else 0
    s = SUBTITLE.match(text[start:])
    return start + (s.end() if s else 0)


def heading_span(view: TextView, index: int) -> tuple[int, int]:
    """Normalized span of the headline printed in block `index`, without markdown markers or dash."""
    block = view.blocks[index].text
    start = view.block_span(index)[0] + heading_offset(block)
    return start, start + len(heading_text(block))


def is_byline(text: str) -> bool:
    return (len(text) <= BYLINE_MAX and bool(BYLINE.search(text))
            and not any(c in text for c in ",，。;；:："))


def is_end_marker(text: str) -> bool:
    return bool(END_MARKER.match(text))


def split_articles(view: TextView) -> list[Article]:
    texts = [b.text for b in view.blocks]
    if not texts:
        return []
    kinds = [_classify(t) for t in texts]
    starts: dict[int, str] = {}
    first = _teasers(view)
    if first:
        starts[0] = "page_index"
    if first < len(texts):  # else a page of teasers only
        if any(k == "md" for k in kinds):
            starts[first] = "article"
            _markdown_starts(texts, kinds, starts, first)
        else:
            first = _press_release_start(texts, kinds, first)
            starts[first] = "article"
            _layout_starts(texts, kinds, starts, first)
    orphans = _trailing_headlines(kinds, starts)
    placed = {}
    for idx in orphans:
        lead = _lead_repeating(texts, kinds, idx, starts)
        if lead is not None:
            starts[lead] = "article"
            placed[lead] = idx
    articles = _assemble(texts, kinds, starts, set(orphans))
    for a in articles:
        if a.first in placed:
            a.headline = placed[a.first]
    rest = [i for i in orphans if i not in placed.values()]
    untitled = [a for a in articles if a.kind == "article" and a.headline is None]
    if rest and untitled:
        # a headline printed after its body: it belongs to the nearest article that has none
        untitled[-1].headline, untitled[-1].subheadlines = rest[0], rest[1:]
    if articles and articles[0].first > 0:  # every line belongs to an article: furniture is ordinal 0
        articles.insert(0, Article(ordinal=0, kind="furniture", first=0, last=articles[0].first - 1))
    return articles


def _classify(text: str) -> str:
    if MD_HEADING.match(text):
        return "md"
    if ASTERISK_RULE.match(text):
        return "rule"
    if is_end_marker(text):
        return "end"
    if is_byline(text):
        return "credit" if CREDIT.search(text) else "byline"
    if LEAD.match(text):
        return "lead"
    if re.match(r"^[▲▶►△▼]", text) or IMAGE_FILE.match(text):
        return "caption"
    if SUBTITLE.match(text) and is_heading_like(heading_text(text) or "x"):
        return "subtitle"
    if is_heading_like(text) and not is_structural(text):
        return "heading"
    return "body"


def _teasers(view: TextView) -> int:
    """Index of the first block after a run of page-index teasers at the top of the page (0 if none)."""
    i = 0
    blocks = view.blocks
    while i < len(blocks) and TEASER.match(blocks[i].text) and len(blocks[i].text) <= 40:
        i += 1
        while i < len(blocks) and blocks[i].blank_before == 0 and is_heading_like(blocks[i].text) \
                and not TEASER.match(blocks[i].text):
            i += 1  # a teaser title wrapped onto the next line
    return i if i >= 2 else 0


def _md_level(text: str) -> int:
    m = MD_HEADING.match(text)
    return len(m.group(1)) if m else 0


def _top_levels(texts) -> set[int]:
    """Markdown levels of headlines and sub-headlines (# and ##); ### and below are sections and boxes."""
    return {1, 2}


def _markdown_starts(texts, kinds, starts, first) -> None:
    top = _top_levels(texts)
    for i in range(first + 1, len(texts)):
        if _md_level(texts[i]) in top and kinds[i - 1] != "md":
            starts[i] = "article"


def _press_release_start(texts, kinds, first) -> int:
    """A press release's headline sits right above a rule of asterisks; the few short lines above it at the
    top of the page (a skip link, a section label) are page furniture. A rule further down the page is
    another article's (a short release printed among a page's reports), found by `_layout_starts`."""
    for i, k in enumerate(kinds):
        if k == "rule" and i - 1 >= first and kinds[i - 1] in ("heading", "body"):
            above = range(first, i - 1)
            if len(above) <= FURNITURE_MAX and all(len(texts[j]) <= 20 and kinds[j] != "body" for j in above):
                return i - 1
            break
    return first


def _layout_starts(texts, kinds, starts, first) -> None:
    i = first
    while i < len(texts) and kinds[i] in ("heading", "subtitle"):
        i += 1  # the page's own headline group
    i = max(i, first + 1)
    while i < len(texts):
        k = kinds[i]
        if k in ("heading", "subtitle"):
            j = i
            while j < len(texts) and kinds[j] in ("heading", "subtitle"):
                j += 1
            nxt = next((a for a in kinds[j:j + LOOKAHEAD] if a not in ("caption", "credit")), None)
            has_subtitle = any(kinds[g] == "subtitle" for g in range(i, j))
            if j < len(texts) and (nxt in ("byline", "lead", "rule") or has_subtitle
                                   or kinds[i - 1] in ("end", "byline")):
                starts[i] = "article"
            i = j
            continue
        if k == "byline" and kinds[i - 1] == "body" and i + 1 < len(texts) and kinds[i + 1] in ("body", "lead"):
            starts[i] = "article"  # an opening byline with no headline above it
        i += 1


def _trailing_headlines(kinds, starts) -> list[int]:
    """Heading-like blocks at the foot of the page with no body after them."""
    out = []
    i = len(kinds) - 1
    while i > 0 and kinds[i] in ("heading",) and i not in starts:
        out.append(i)
        i -= 1
    return sorted(out)


def _lead_repeating(texts, kinds, idx, starts) -> int | None:
    """A body paragraph whose opening sentence repeats the (misplaced) headline at `idx`."""
    head = texts[idx]
    if len(head) < 6:
        return None
    for i, t in enumerate(texts[:idx]):
        if kinds[i] == "body" and head in t[:80] and i not in starts:
            return i
    return None


def _assemble(texts, kinds, starts, orphans) -> list[Article]:
    top_levels = _top_levels(texts)
    bounds = sorted(starts)
    articles = []
    for n, s in enumerate(bounds):
        e = (bounds[n + 1] - 1) if n + 1 < len(bounds) else len(kinds) - 1
        a = Article(ordinal=n + 1, kind=starts[s], first=s, last=e)
        if a.kind == "article":
            j = s
            group = []
            while j <= e and kinds[j] in ("md", "heading", "subtitle") and j not in orphans \
                    and (kinds[j] != "md" or _md_level(texts[j]) in top_levels):
                group.append(j)
                j += 1
            if group:
                a.headline, a.subheadlines = group[0], group[1:]
            a.byline = next((b for b in range(s, e + 1) if kinds[b] == "byline"), None)
        articles.append(a)
    return articles
