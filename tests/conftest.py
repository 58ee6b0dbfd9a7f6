from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

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
    """A Corpus over small invented articles, each with a manifest entry published on `published`."""
    from hkcoop.corpus import Corpus
    from hkcoop.document import load_document
    from hkcoop.manifest import load_manifest

    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        entries.append(f"  - file: {name}\n    outlet: test\n    published: {published or 'null'}\n"
                       f"    url: null\n    license: test\n")
    (folder / "sources.yaml").write_text("documents:\n" + "".join(entries), encoding="utf-8")
    manifest = load_manifest(folder)
    return Corpus([load_document(folder, e) for e in manifest.entries])
