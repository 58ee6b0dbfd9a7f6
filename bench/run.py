"""The benchmark behind `make bench`: builds generated corpora (bench/generate.py) and reports articles/s,
MB/s of text, peak memory and the time of each stage; then a no-op rebuild, a rebuild after adding one
article, the seeds, and whether the outputs are byte-identical across executors and a warm cache.

    .venv/bin/python bench/run.py --sizes 100 1000 10000 --output bench/RESULTS.md

Each build runs in its own process (`--one`), so that its peak RSS is its own. Generated texts are not
news: content rules never block them (bench/content_rules.csv); speed and memory are measured, not quality.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import platform
import pstats
import re
import resource
import shutil
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RULES = BENCH / "content_rules.csv"
sys.path.insert(0, str(REPO / "build"))
sys.path.insert(0, str(BENCH))


def one(raw: Path, out: Path, workers: int, executor: str, cache: bool, profile: Path | None) -> dict:
    """One build in this process: seconds per stage, peak RSS, what it built."""
    from hkcoop.pipeline import build

    stages: dict[str, float] = {}
    last = [time.perf_counter(), "ingest"]

    def progress(msg: str) -> None:
        now = time.perf_counter()
        stages[last[1]] = stages.get(last[1], 0.0) + now - last[0]
        last[0], last[1] = now, _stage(msg)

    t0 = time.perf_counter()
    prof = cProfile.Profile() if profile else None
    if prof:
        prof.enable()
    result = build(raw, out, force=True, workers=workers, executor=executor, cache=cache, rules=RULES,
                   progress=progress)
    if prof:
        prof.disable()
        prof.dump_stats(profile)
    progress("end")
    return {"seconds": time.perf_counter() - t0, "stages": stages,
            "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "workers_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "failed_checks": result.report.count("fail"), "rows": result.rows}


def _stage(msg: str) -> str:
    """Progress messages grouped into the pipeline's stages."""
    word = msg.split()[0] if msg.split() else msg
    return {"export": "export", "content": "export", "validate": "validate", "extract": "extract",
            "resolve": "resolve+tables", "table": "resolve+tables"}.get(word, word)


def build_in_subprocess(raw: Path, out: Path, *, workers: int = 0, executor: str = "local", cache: bool = True,
                        profile: Path | None = None) -> dict:
    cmd = [sys.executable, __file__, "--one", str(raw), str(out), "--workers", str(workers), "--executor", executor]
    cmd += [] if cache else ["--no-cache"]
    cmd += ["--profile", str(profile)] if profile else []
    res = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO / "build")})
    if res.returncode:
        raise SystemExit(f"build of {raw} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def cli_seconds(args: list[str]) -> float:
    """Wall-clock seconds of `python -m hkcoop …`, interpreter start-up included (what a user waits)."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "hkcoop", *args], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(REPO / "build")})
    return time.perf_counter() - t0


def package_hash(out: Path) -> str:
    h = hashlib.sha256()
    for p in sorted((out / "curated").iterdir()) + [out / "datapackage.json"]:
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def text_mb(raw: Path) -> float:
    return sum(p.stat().st_size for p in raw.glob("*.txt")) / 1e6


# the floor the issue measured: reading the files and one figure-and-title regex over their text
FLOOR = re.compile(r"[0-9０-９.]+[万亿]?(?:元|美元|港元|人民币|%)|(?:书记|省长|市长|主席|行政长官|司长|局长)")


def floor_mb_s(raw: Path) -> float:
    """MB/s of reading the articles of `raw` and running FLOOR over them, on one core."""
    t0 = time.perf_counter()
    n = 0
    for p in sorted(raw.glob("*.txt")):
        data = p.read_bytes()
        n += len(data)
        sum(1 for _ in FLOOR.finditer(data.decode("utf-8")))
    return n / 1e6 / (time.perf_counter() - t0)


def profile_text(path: Path, n: int = 30) -> str:
    buf = StringIO()
    stats = pstats.Stats(str(path), stream=buf)
    stats.strip_dirs().sort_stats("tottime").print_stats(n)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines() if line.strip())


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    mem = next((int(ln.split()[1]) / 1024 / 1024 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}, {platform.platform()}"


def _row(label: str, n: int, raw: Path, r: dict) -> str:
    mb, st = text_mb(raw), r["stages"]
    return (f"| {label} | {mb:.1f} | {r['seconds']:.1f} | {n / r['seconds']:.0f} | {mb / r['seconds']:.2f} | "
            f"{st.get('ingest', 0):.1f} | {st.get('extract', 0):.1f} | {st.get('resolve+tables', 0):.1f} | "
            f"{st.get('export', 0):.1f} | {st.get('validate', 0):.1f} | {r['rss_mib']:.0f} / {r['workers_rss_mib']:.0f} |")


def _per_core(label: str, raw: Path, r: dict) -> str:
    workers = os.cpu_count() or 1
    mb, extract_s = text_mb(raw), r["stages"].get("extract", 0)
    return (f"Extraction per core on {label}: {mb / extract_s / workers:.3f} MB/s ({mb:.1f} MB / {extract_s:.1f} s / "
            f"{workers} workers); the floor in the same run (read the files and run one figure-and-title regex, one "
            f"core): {floor_mb_s(raw):.1f} MB/s.")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/hkcoop-bench"))
    ap.add_argument("--output", type=Path, default=BENCH / "RESULTS.md")
    ap.add_argument("--identity", action="store_true", help="also build the largest corpus with 1 worker, with Dask "
                                                             "and from a warm cache, and compare the bytes")
    ap.add_argument("--one", nargs=2, type=Path, metavar=("RAW", "OUT"))
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--executor", default="local")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--profile", type=Path)
    ap.add_argument("--recombined", type=Path, help="also build as many articles as the largest size recombined "
                                                     "from the pages of this folder (../shared/devset/raw)")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(*args.one, args.workers or None, args.executor, not args.no_cache, args.profile)))
        return

    from generate import Generator

    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    gen = Generator()
    lines = [f"# Benchmark\n\nMachine: {machine()}. Workers: {os.cpu_count()} (the default). "
             f"Corpora from `bench/generate.py` (seed 2024); every build forced, from a cold cache unless said.\n",
             "| articles | MB of text | seconds | articles/s | MB/s | ingest s | extract s | resolve+tables s "
             "| export s | validate s | peak RSS MiB (main / worker) |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    results = {}
    largest = max(args.sizes)
    for n in args.sizes:
        raw = args.work / f"raw{n}"
        gen.write(n, raw)
        results[n] = build_in_subprocess(raw, args.work / f"out{n}")
        lines.append(_row(f"{n:,}", n, raw, results[n]))
        print(lines[-1], flush=True)
    if args.recombined:
        raw = args.work / "recombined"
        Generator(raw=args.recombined).write(largest, raw)
        recombined = build_in_subprocess(raw, args.work / "out-recombined")
        lines.append(_row(f"{largest:,} recombined from `{args.recombined}`", largest, raw, recombined))
        print(lines[-1], flush=True)

    raw, out = args.work / f"raw{largest}", args.work / f"out{largest}"
    lines.append("")
    lines.append(_per_core(f"{largest:,} articles", raw, results[largest]))
    if args.recombined:
        lines.append(_per_core(f"the {largest:,} recombined articles", args.work / "recombined", recombined))
    print("\n".join(lines[-2:]), flush=True)
    ref = package_hash(out)
    noop = cli_seconds(["build", "--raw", str(raw), "--out", str(out), "--content-rules", str(RULES)])
    gen.write(1, raw, start=largest)
    add_one = cli_seconds(["build", "--raw", str(raw), "--out", str(out), "--content-rules", str(RULES)])
    seeds_out = args.work / "seeds"
    seeds_cold = cli_seconds(["build", "--out", str(seeds_out), "--force"])
    seeds_warm = cli_seconds(["build", "--out", str(seeds_out), "--force"])
    seeds_noop = cli_seconds(["build", "--out", str(seeds_out)])
    lines += ["", "| rebuild | seconds |", "|---|---|",
              f"| no-op `hkcoop build` on {largest:,} articles (inputs unchanged) | {noop:.2f} |",
              f"| add one article to {largest:,} (warm cache: one article extracted) | {add_one:.1f} |",
              f"| seeds, forced, cold cache | {seeds_cold:.1f} |", f"| seeds, forced, warm cache | {seeds_warm:.1f} |",
              f"| seeds, no-op | {seeds_noop:.2f} |"]
    marginal = [f"{largest:,} generated articles: {largest / (results[largest]['seconds'] - seeds_cold):.0f}"]
    if args.recombined:
        marginal.append(f"the {largest:,} recombined: {largest / (recombined['seconds'] - seeds_cold):.0f}")
    lines += ["", "Articles/s marginal over the seeds' forced cold build (N / (seconds − seeds' seconds)): "
              + "; ".join(marginal) + "."]
    print("\n".join(lines[-8:]), flush=True)

    if args.identity:
        gen_raw = args.work / f"raw{largest}"
        (gen_raw / f"g{largest:07d}.txt").unlink()  # back to the corpus built above
        lines += ["", f"Byte-identity of the {largest:,}-article package (curated/ and datapackage.json):", "",
                  "| build | seconds | same bytes as 2 workers, cold cache |", "|---|---|---|"]
        variants = [("2 workers, warm cache", dict(workers=2)), ("1 worker, no cache", dict(workers=1, cache=False)),
                    ("Dask LocalCluster (2 workers), no cache", dict(executor="dask", cache=False))]
        for name, kw in variants:
            r = build_in_subprocess(gen_raw, out, **kw)
            same = package_hash(out) == ref
            lines.append(f"| {name} | {r['seconds']:.1f} | {'yes' if same else '**no**'} |")
            print(lines[-1], flush=True)

    profiled = 1000 if 1000 in args.sizes else largest  # a profiled build runs slower: not one of the timed ones
    build_in_subprocess(args.work / f"raw{profiled}", args.work / "profiled", workers=1, cache=False,
                        profile=args.work / "profile.out")
    lines += ["", f"Profile of a {profiled:,}-article build on 1 worker, so that the extract stage, the slowest, runs "
              "in the profiled process (functions by their own time, top entries):", "",
              "```", profile_text(args.work / "profile.out"), "```", ""]
    args.output.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
