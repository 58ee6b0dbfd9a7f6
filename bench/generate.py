"""A deterministic corpus of the genre, any size, for the benchmark (`make bench`).

Articles are made by recombining the real pages of raw/: a headline and paragraphs drawn from them,
their figures re-drawn (same number of digits, so magnitudes and units stay plausible), their people
renamed (surnames and given-name characters of the release's people, so the people table grows with the
corpus as a real archive's does), their years moved; list numbers stay. The same (n, seed) gives
the same bytes. The texts are not news: they are for measuring speed and memory, never quality.

    .venv/bin/python bench/generate.py 1000 /tmp/corpus1000
    .venv/bin/python bench/generate.py 2000 /tmp/dev2000 --raw ../shared/devset/raw   # from other pages
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DIGITS = re.compile(r"(?<![\d.])\d+(?![、.．)）\d])")  # not a list item's number (1、 2. (3))


def paragraphs(raw: Path) -> list[str]:
    out: list[str] = []
    for path in sorted(raw.glob("*.txt")):
        out += [p.strip() for p in path.read_text("utf-8").split("\n") if len(p.strip()) >= 2]
    return out


def names(curated: Path) -> list[str]:
    with open(curated / "people.csv", encoding="utf-8", newline="") as f:
        people = list(csv.DictReader(f))
    return sorted({r["name_original"] for r in people} | {r["name_zh"] for r in people})


class Generator:
    def __init__(self, raw: Path = REPO / "raw", curated: Path = REPO / "curated", seed: int = 2024):
        self.paras = paragraphs(raw)
        self.headlines = [p for p in self.paras if 6 <= len(p) <= 30]
        self.names = [n for n in names(curated) if 2 <= len(n) <= 3]
        self.surnames = sorted({n[0] for n in self.names})
        self.given = sorted({c for n in self.names for c in n[1:]})
        self.name_re = re.compile("|".join(map(re.escape, sorted(self.names, key=len, reverse=True))))
        self.seed = seed

    def article(self, i: int) -> str:
        rng = random.Random(f"{self.seed}:{i}")
        renamed: dict[str, str] = {}

        def rename(m: re.Match) -> str:
            if m.group() not in renamed:
                renamed[m.group()] = rng.choice(self.surnames) + "".join(
                    rng.choice(self.given) for _ in range(len(m.group()) - 1))
            return renamed[m.group()]

        def refigure(m: re.Match) -> str:
            s = m.group()
            if len(s) == 4 and s.startswith("20"):  # a year stays a plausible year
                return str(rng.randint(2015, 2026))
            return str(rng.randint(10 ** (len(s) - 1) if len(s) > 1 else 1, 10 ** len(s) - 1))

        start = rng.randrange(len(self.paras))
        body = self.paras[start:start + rng.randint(3, 10)]  # consecutive paragraphs keep a report's structure
        body += rng.sample(self.paras, rng.randint(0, 3))
        text = "\n\n".join([rng.choice(self.headlines)] + body)
        text = self.name_re.sub(rename, text)
        text = DIGITS.sub(refigure, text)
        return text + "\n"

    def write(self, n: int, out: Path, start: int = 0) -> list[Path]:
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(start, start + n):
            p = out / f"g{i:07d}.txt"
            p.write_text(self.article(i), encoding="utf-8")
            paths.append(p)
        return paths


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Write N generated articles into a folder.")
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--raw", type=Path, default=REPO / "raw", help="the pages whose paragraphs are recombined")
    args = ap.parse_args()
    Generator(raw=args.raw).write(args.n, args.out)
