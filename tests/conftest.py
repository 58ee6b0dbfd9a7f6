from __future__ import annotations

import hashlib
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
SEEDS = REPO.parent / "shared" / "seeds"

# sha256 of the five seed articles as delivered (../shared/seeds); raw/ must hold them byte for byte
SEED_SHA256 = {
    "000_b3ecfcb3e9bcf8cc.txt": "271f83e87d50a8e517ba1f4c5e835a994858a7cb7e3ae96295e6be9858676b26",
    "001_2d9699dec1fe44c4.txt": "21bc7615d5d7d81809ef12756cb40f4e6999a7484bc1bb74c2441d5c3a1f476f",
    "002_8ed5b074716643a3.txt": "748eb9f0ba1f1a96296b424cf3596c6be36612950fd18c1cb59e6f04faeea65e",
    "003_3c638678876fc504.txt": "803182ebc5ee8c1cdbac78801c9c23345d56ae1259eaab3b3177d239870c1994",
    "004_f4bafa4d0fcd3cf4.txt": "33c32bfca011c4c7905ec1e2c1cf594eb594130c8c1cad9e7b433702532fc211",
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file of a built package (descriptor and curated/), by relative path."""
    files = [root / "datapackage.json", *sorted((root / "curated").glob("*"))]
    return {str(p.relative_to(root)): sha256(p) for p in files if p.is_file()}


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "raw"
    shutil.copytree(RAW, dst)
    return dst


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The seeds built once into a temporary OUT folder."""
    from hkcoop.pipeline import build

    out = tmp_path_factory.mktemp("out")
    result = build(RAW, out)
    assert result.report.ok
    return out


def make_corpus(folder: Path, texts: dict[str, str], published: str | None = "2025-06-10"):
    """Small invented articles, each with a manifest entry published on `published`, through the extract
    stage's per-document function (hkcoop.extract.stage.extract_document) and then resolved: the Corpus."""
    from hkcoop.extract import stage
    from hkcoop.ingest.document import load_document
    from hkcoop.ingest.manifest import load_manifest
    from hkcoop.resolve.corpus import Corpus, resolve

    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        entries.append(f"  - file: {name}\n    outlet: test\n    published: {published or 'null'}\n"
                       f"    url: null\n    license: test\n")
    (folder / "sources.yaml").write_text("documents:\n" + "".join(entries), encoding="utf-8")
    manifest = load_manifest(folder)
    docs = [load_document(folder, e) for e in manifest.entries]
    for doc in docs:
        stage.attach(doc, stage.extract_document(doc))
    return resolve(Corpus(docs))


def headless_chromium(profile: Path) -> list[str]:
    """Debian's Chromium, headless, as root, without background networking; add the flags and the address."""
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is installed by `make test` (Makefile target chromium)"
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git(cwd, *args):
    subprocess.run(["git", "-C", str(cwd), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


def pinned_files() -> set[str]:
    facts = yaml.safe_load((REPO / "checks" / "pinned_facts.yaml").read_text("utf-8"))["facts"]
    return {f["source"]["file"] for f in facts}


def a_figure_to_change(release, raw):
    """A figure printed as plain digits and a measure word, once in its file, in no pinned fact's source."""
    metrics = pd.read_parquet(release / "curated" / "metrics.parquet").sort_values("metric_id")
    docs = pd.read_parquet(release / "curated" / "documents.parquet").set_index("doc_id")
    for m in metrics.itertuples():
        file = docs.loc[m.doc_id, "file"]
        if file in pinned_files() or not re.fullmatch(r"[1-9]\d{2,}\D", m.value_as_reported):
            continue
        if (raw / file).read_text("utf-8").count(m.value_as_reported) == 1:
            return m, raw / file
    raise AssertionError("no figure to change")


@pytest.fixture(scope="session")
def releases(tmp_path_factory):
    """Two releases cut from a committed copy of raw/, the second after one figure in one article changed
    (and a release of the uncommitted change refused first). Shared by the release and publishing tests."""
    from hkcoop.publish.release import ReleaseError, cut

    root = tmp_path_factory.mktemp("rel")
    raw = root / "inputs" / "raw"
    shutil.copytree(RAW, raw)
    git(raw.parent, "init", "-q")
    git(raw.parent, "add", "-A")
    git(raw.parent, "commit", "-qm", "the seeds")
    out = root / "releases"
    # the code's own checkout is checked by `make release`; here only the raw copy, so a developer's
    # uncommitted edit to the code does not fail this test
    first = cut("0.1.0", raw=raw, releases=out, code_inputs=())
    metric, path = a_figure_to_change(first.folder, raw)
    printed = metric.value_as_reported
    changed = printed[:-2] + str((int(printed[-2]) + 1) % 10) + printed[-1]
    path.write_text(path.read_text("utf-8").replace(printed, changed), encoding="utf-8")
    with pytest.raises(ReleaseError, match="uncommitted changes to inputs: .*" + re.escape(path.name)):
        cut("0.2.0", raw=raw, releases=out, code_inputs=())
    assert sorted(p.name for p in out.iterdir()) == ["0.1.0", "hk-mainland-cooperation-0.1.0.tar.gz"]
    git(raw.parent, "commit", "-qam", "one figure changes")
    second = cut("0.2.0", raw=raw, releases=out, code_inputs=())
    return {"raw": raw, "out": out, "first": first, "second": second, "metric": metric, "printed": printed,
            "changed": changed}
