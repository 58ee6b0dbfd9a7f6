"""Benchmark: build a corpus of N copies of the seed articles and report the time per stage.

    .venv/bin/python scripts/benchmark.py --copies 20

Copies share content, so merged tables stay small while documents, articles, mentions and the
per-article stages grow linearly: a measure of throughput and of how the build scales, not of quality.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "build"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    from hkcoop.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        seeds = sorted((REPO / "raw").glob("*.txt"))
        for i in range(args.copies):
            for s in seeds:
                shutil.copy(s, raw / f"c{i:04d}_{s.name}")
        stages: dict[str, float] = {}
        last = [time.perf_counter(), "ingest"]

        def progress(msg: str) -> None:
            now = time.perf_counter()
            stage = msg.split()[0]
            stages[last[1]] = stages.get(last[1], 0) + now - last[0]
            last[0], last[1] = now, stage

        t0 = time.perf_counter()
        result = build(raw, Path(tmp) / "out", progress=progress)
        total = time.perf_counter() - t0
        progress("end")
        n = len(seeds) * args.copies
        print(f"{n} documents in {total:.1f} s ({n / total:.1f} documents/s); checks failed: {result.report.count('fail')}")
        for stage, seconds in stages.items():
            print(f"  {stage:10s} {seconds:7.1f} s")
        print("  rows:", {k: v for k, v in result.rows.items() if v})


if __name__ == "__main__":
    main()
