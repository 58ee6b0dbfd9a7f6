"""The normalized view of a raw text, with an offset map back to it.

Extractors read `TextView.text` (normalized, original script) or `TextView.simplified` (same length,
simplified script) and turn any span they find into raw offsets with `raw_span`, so evidence always
points into the untouched file.

Normalization, line by line: NFKC per character (full-width forms become ASCII), every kind of white
space becomes a space, runs collapse, ends are trimmed, empty lines disappear. Then page-break artefacts
are repaired in the view only (each repair is recorded with its raw span):

- ``line_break_join``: a sentence broken over a blank line (``香港与上海就⏎⏎像左右手``);
- ``split_name_join``: a name broken after a title (``会长陈嘉⏎⏎明说``);
- ``word_break_join``: a short first part that looks like a heading, but a dictionary word runs across
  the break into prose (``研究院设于香港科⏎⏎技园内…``);
- ``inset_caption``: a photo caption printed inside a word (``入选专⏎⏎<caption>⏎⏎业服务队``): the word
  is joined and the caption becomes a block of its own after it;
- ``duplicate_line``: a line repeating the end of one of the lines just before it is dropped;
- ``orphan_fragment``: an unpunctuated line left after a bullet is joined back to that bullet;
- ``pinyin_gloss``: a reading in pinyin that a mirror site printed after a character (會(huì)議) is dropped
  from the view, so that names, titles and figures read as the source printed them;
- ``replacement_mark``: an ASCII ``?`` between two Han characters is a character the copy could not encode
  (甲?乙, for a middle dot), not a question mark (Chinese prints ？): the view reads it as ``·``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from hkcoop.ingest.script import to_simplified

INVISIBLE = set("\ufeff\u200b\u200c\u200d\u2060\u00ad")
TERMINAL = set("。！？!?…”’」』》）)]】:：;；\"'")
SOFT_BREAK = set(",，、")
SENTENCE_MARKS = set("。！？!?;；")
HEADING_NEVER_ENDS = SOFT_BREAK | set(":：…")
HEADING_MAX = 32
DUPLICATE_MIN = 8
ORPHAN_MAX = 40
LOOKBACK = 3
PRONOUNS = set("他她我你它其")
SPEECH_VERBS = ("说", "說", "表示", "指出", "认为", "認為", "强调", "強調", "称", "稱", "介绍", "介紹")

IMAGE_FILE = re.compile(r"^[\w\-.]+\.(?:jpe?g|png|gif|webp|bmp)$", re.IGNORECASE)  # IMG_0412.jpg left in the text
STRUCTURAL = re.compile(
    r"""^(?:\#{1,6}\s             # markdown heading
        |[-•·▪*]\s                # bullet
        |[—―─－\-=_*]{2,}$         # rule or underline
        |[▲▶►△▼◆■□●]             # caption or box marker
        |\(?[一二三四五六七八九十]{1,3}[)、]  # (一) 一、
        |\(\d{1,2}\)                # (1)
        |\d{1,2}(?:\.|、|\s)       # 1. 1、 "07 " teaser
        |\*\*|[【〔]               # bold or bracketed heading
        )""",
    re.VERBOSE,
)
BYLINE = re.compile(r"记者|記者|通讯员|通訊員|摄影|攝影|\b摄\b|撰文|编辑|編輯")


@dataclass
class Block:
    """One line of the normalized view: its text and, per character, the raw offset it came from."""

    text: str
    origin: list[int]  # an array("i") once its view is made
    blank_before: int = 0  # how many empty raw lines stood before it

    def __add__(self, other: "Block") -> "Block":
        return Block(self.text + other.text, self.origin + other.origin, self.blank_before)


@dataclass(frozen=True)
class Repair:
    kind: str
    raw_start: int
    raw_end: int


@dataclass
class TextView:
    raw: str
    blocks: list[Block]
    repairs: list[Repair] = field(default_factory=list)

    def __post_init__(self) -> None:
        parts, origin, starts = [], [], []
        pos = 0
        for i, b in enumerate(self.blocks):
            if i:
                parts.append("\n")
                origin.append(min(self.blocks[i - 1].origin[-1] + 1, len(self.raw) - 1))
                pos += 1
            starts.append(pos)
            parts.append(b.text)
            origin.extend(b.origin)
            pos += len(b.text)
        self.text = "".join(parts)
        # machine ints, 4 bytes a character instead of a pointer and an int object: a corpus's views are
        # held until export (1.4 GiB at 10 000 articles with lists)
        self.origin = array("i", origin)
        for b in self.blocks:
            b.origin = array("i", b.origin)
        self.block_starts = starts
        self.simplified = to_simplified(self.text)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets covering the normalized span [start, end)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside the normalized text (length {len(self.text)})")
        covered = self.origin[start:end]
        return min(covered), max(covered) + 1

    def raw_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """Raw spans covering the normalized span [start, end), split where the raw file prints something
        the view leaves out between two of its characters (a caption or page furniture inside a sentence
        broken by a page break): each piece quotes only what the span reads."""
        covered = self.origin[start:end]
        pieces, first = [], covered[0]
        for a, b in zip(covered, covered[1:]):
            if b > a + 1 and self.raw[a + 1:b].strip():
                pieces.append((first, a + 1))
                first = b
        pieces.append((first, max(covered[-1], first) + 1))
        return pieces

    def source_text(self, start: int, end: int) -> str:
        """The raw characters behind the normalized span [start, end), in the source's own script and
        punctuation, without the white space and line breaks normalization removed (repairs applied)."""
        out, last = [], None
        for i in range(start, end):
            o = self.origin[i]
            if o == last:
                continue  # one raw character normalized into several
            last = o
            ch = self.raw[o]
            out.append(" " if ch.isspace() and self.text[i] != "\n" else ch)
        return "".join(out)

    def block_span(self, index: int) -> tuple[int, int]:
        start = self.block_starts[index]
        return start, start + len(self.blocks[index].text)


# one pinyin syllable with its tone mark, in brackets right after a Han character: 會(huì)
PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\((?=[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
                          r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]"
                          r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{0,4}\)")


def build_view(raw: str) -> TextView:
    blocks = _normalized_lines(raw)
    repairs: list[Repair] = []
    blocks = _drop_pinyin_glosses(blocks, repairs)
    blocks = _read_replacement_marks(raw, blocks, repairs)
    blocks = _drop_duplicates(blocks, repairs)
    blocks = _rejoin_orphans(blocks, repairs)
    blocks = _rejoin_breaks(blocks, repairs)
    return TextView(raw=raw, blocks=blocks, repairs=repairs)


def _normalized_lines(raw: str) -> list[Block]:
    blocks: list[Block] = []
    blank = 0
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        chars: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(body):
            if ch in INVISIBLE:
                continue  # a byte-order mark or a zero-width character: offsets stay, the view drops it
            for out in unicodedata.normalize("NFKC", ch):
                if out.isspace():
                    out = " "
                if out == " " and (not chars or chars[-1] == " "):
                    continue
                chars.append(out)
                origin.append(pos + i)
        while chars and chars[-1] == " ":
            chars.pop()
            origin.pop()
        if chars:
            blocks.append(Block("".join(chars), origin, blank))
            blank = 0
        else:
            blank += 1
        pos += len(line)
    return blocks


def is_structural(text: str) -> bool:
    return (bool(STRUCTURAL.match(text)) or bool(IMAGE_FILE.match(text))
            or (len(text) <= 40 and bool(BYLINE.search(text))))


def ends_mid_sentence(text: str) -> bool:
    return text[-1] not in TERMINAL


def is_heading_like(text: str) -> bool:
    """Short and without a full stop or a trailing comma or colon: a headline or heading, not prose."""
    return (len(text) <= HEADING_MAX and text[-1] not in HEADING_NEVER_ENDS
            and not any(c in SENTENCE_MARKS for c in text))


def _name_tail(text: str) -> bool:
    """`深说，…`: one or two characters (not a pronoun) then a speech verb or a comma."""
    m = re.match(r"^([\u4e00-\u9fff]{1,2})(?=[,，]|" + "|".join(SPEECH_VERBS) + ")", text)
    return bool(m) and m.group(1)[0] not in PRONOUNS


def _drop_pinyin_glosses(blocks: list[Block], repairs: list[Repair]) -> list[Block]:
    out = []
    for b in blocks:
        spans = [m.span() for m in PINYIN_GLOSS.finditer(b.text)]
        if not spans:
            out.append(b)
            continue
        dropped = bytearray(len(b.text))  # linear in the line's length, however many glosses it holds
        for s, e in spans:
            dropped[s:e] = b"\1" * (e - s)
        keep = [i for i in range(len(b.text)) if not dropped[i]]
        for s, e in spans:
            repairs.append(Repair("pinyin_gloss", b.origin[s], b.origin[e - 1] + 1))
        out.append(Block("".join(b.text[i] for i in keep), [b.origin[i] for i in keep], b.blank_before))
    return out


def _read_replacement_marks(raw: str, blocks: list[Block], repairs: list[Repair]) -> list[Block]:
    out = []
    for b in blocks:
        marks = [i for i, ch in enumerate(b.text) if ch == "?" and raw[b.origin[i]] == "?" and 0 < i < len(b.text) - 1
                 and _is_han(b.text[i - 1]) and _is_han(b.text[i + 1])]
        if marks:
            repairs.extend(Repair("replacement_mark", b.origin[i], b.origin[i] + 1) for i in marks)
            chars = list(b.text)
            for i in marks:
                chars[i] = "·"
            b = Block("".join(chars), b.origin, b.blank_before)
        out.append(b)
    return out


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _drop_duplicates(blocks: list[Block], repairs: list[Repair]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        body = re.sub(r"^[-•·▪*]\s", "", b.text)
        # a page break repeats the tail of a recent line of prose; a short unpunctuated repeat is more
        # likely a displaced headline echoing its lead, so it stays
        prose = len(body) > HEADING_MAX or any(c in SOFT_BREAK or c in SENTENCE_MARKS for c in body)
        if len(body) >= DUPLICATE_MIN and prose and not is_structural(b.text) and any(
                prev.text.endswith(body) for prev in out[-LOOKBACK:]):
            repairs.append(Repair("duplicate_line", b.origin[0], b.origin[-1] + 1))
            continue
        out.append(b)
    return out


def _rejoin_orphans(blocks: list[Block], repairs: list[Repair]) -> list[Block]:
    out: list[Block] = []
    for i, b in enumerate(blocks):
        prev = out[-1] if out else None
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (prev is not None and re.match(r"^[-•·▪*]\s", prev.text) and not is_structural(b.text)
                and len(b.text) <= ORPHAN_MAX and ends_mid_sentence(prev.text)
                and (nxt is None or is_structural(nxt.text))):
            repairs.append(Repair("orphan_fragment", b.origin[0], b.origin[-1] + 1))
            out[-1] = prev + b
            continue
        out.append(b)
    return out


def _rejoin_breaks(blocks: list[Block], repairs: list[Repair]) -> list[Block]:
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        prev = out[-1] if out else None
        if prev is None or is_structural(prev.text) or is_structural(b.text) or not ends_mid_sentence(prev.text):
            out.append(b)
            i += 1
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (_is_inset_caption(b.text) and nxt is not None
                and not is_structural(nxt.text) and not _joins_word(prev.text, b.text)
                and _joins_word(prev.text, nxt.text)):
            repairs.append(Repair("inset_caption", b.origin[0], b.origin[-1] + 1))
            out[-1] = prev + nxt
            out.append(b)
            i += 2
            continue
        if not is_heading_like(prev.text) and not is_heading_like(b.text):
            kind = "line_break_join"
        elif _name_tail(b.text):
            kind = "split_name_join"
        elif not is_heading_like(b.text) and _joins_word(prev.text, b.text):
            kind = "word_break_join"
        else:
            out.append(b)
            i += 1
            continue
        repairs.append(Repair(kind, prev.origin[-1], b.origin[0] + 1))
        out[-1] = prev + b
        i += 1
    return out


def _is_inset_caption(text: str) -> bool:
    return len(text) <= 30 and text[-1] in "。." and not any(c in text for c in ",，;；")


@lru_cache(maxsize=4096)
def _joins_word(left: str, right: str) -> bool:
    """True when a dictionary word spans the boundary between the end of `left` and the start of `right`."""
    tail, head = to_simplified(left[-3:]), to_simplified(right[:3])
    pos = 0
    for token in jieba_module().lcut(tail + head, HMM=False):
        if pos < len(tail) < pos + len(token):
            return True
        pos += len(token)
    return False


@lru_cache(maxsize=1)
def jieba_module():
    """jieba, imported once and quiet (it logs its dictionary loading)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba
