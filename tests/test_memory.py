"""What a build lets go of before validation reads the package back: the documents, their records and the
rows refer to each other, and held through validation they were a third of the peak at 10 000 articles."""

from __future__ import annotations

import weakref

from hkcoop import pipeline
from hkcoop.quality import validate
from hkcoop.pipeline import build


def test_no_document_of_the_build_is_alive_while_the_package_is_validated(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("闽港签约\n\n本报讯 福建省与香港昨日签署合作备忘录,展会吸引观众逾2万人次。\n", encoding="utf-8")
    (raw / "b.txt").write_text("行政长官李家超今日(五月八日)在官邸与某省省委书记王明会面。\n", encoding="utf-8")
    loaded, alive_at_validation = [], []
    real_load, real_validate = pipeline.load_document, validate.validate_package

    def load(raw_dir, entry):
        doc = real_load(raw_dir, entry)
        loaded.append(weakref.ref(doc))
        return doc

    def validate_package(*args, **kwargs):
        alive_at_validation.extend(ref() is not None for ref in loaded)
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load_document", load)
    monkeypatch.setattr(validate, "validate_package", validate_package)
    result = build(raw, tmp_path / "out")
    assert result.rebuilt and result.rows["documents"] == 2 and result.rows["people"] == 2
    assert alive_at_validation == [False, False]
