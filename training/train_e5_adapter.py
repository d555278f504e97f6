"""Train the e5 adapter that ``keruen.matching`` ships (``keruen/matching/e5_adapter.npz``).

What it teaches: a text in Kazakh, Russian or English should embed where its Chinese
translation embeds. e5-small finds a text's translation almost perfectly, yet its vectors of
the four versions of one text differ by about as much as an offer differs from a near-miss
offer, so a request and its answer written in two languages look further apart than the same
pair in one language. Distillation (Reimers & Gurevych, 2020) removes that gap: a frozen copy
of the model embeds the Chinese version (the teacher), and low-rank adapters (LoRA, Hu et al.,
2021) on every matrix of the student's twelve layers are trained so that each of the four
versions, Chinese included, lands on that vector. Chinese is the target because it is the
language the model ranks best in (docs/matching.md, "What perfect translation would give").

With ``--matching-weight`` a second term teaches the task itself: each request, in a random
language, must be nearer its own offer, in another random language, than the other offers of
a batch drawn from one sector (InfoNCE), where the writers put the near misses.

The data is ``training/corpus/*.jsonl``: offers and requests of an expo written for Keruen in
the four languages (training/corpus/README.md). It is never the evaluation file. The items
listed in ``training/corpus/held_out.txt`` are held out; the epoch kept is the one best on
them (distillation loss, or request-to-offer top-1 when the matching term is on), and their
ids are recorded in the adapter so that ``bench/matching_heldout.py`` can vouch for them.

Needs PyTorch, which the product does not: ``pip install torch``. Run from the repository
root. The shipped adapter was made in two runs (docs/matching.md, "The trade-language
adapter"): three epochs of distillation on the first 1,569 items (parts 1-16)::

    python training/train_e5_adapter.py --corpus training/corpus/part{1..16}.jsonl \
        --epochs 3 --out stage1.npz

then, continuing from it, 200 steps on parts 1-23 with the matching term::

    python training/train_e5_adapter.py --corpus training/corpus/part{1..23}.jsonl \
        --init stage1.npz --epochs 1 --max-steps 200 --matching-weight 0.2

(Both runs held items out by position, as the split then did; the adapter records the files
it read and the items both runs held out. A third run on parts 1-27 was not shipped:
docs/matching.md says why.)

The product reads the result with numpy only (``keruen.matching.e5_numpy``).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keruen.matching.e5_adapter import (  # noqa: E402
    ADAPTED_MATRICES,
    ADAPTER_FILE,
    load_adapter,
    save_adapter,
)
from keruen.matching.e5_file import (  # noqa: E402
    DTYPE_F32,
    Reader,
    dequantize_q4,
    read_directory,
    read_header,
    read_tokenizer,
)
from keruen.matching.encoder import e5_weights_path  # noqa: E402
from training.corpus import (  # noqa: E402
    LANGUAGES,
    SIDES,
    corpus_digest,
    corpus_files,
    read_corpus,
    split,
)

TARGET_LANGUAGE = "zh"
PREFIX = "query: "  # the product encodes every text with E5's query prefix


class LowRankLinear(torch.nn.Module):
    """A frozen ``x W^T + b`` plus a trainable ``x A^T B^T * scale`` (B starts at zero)."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor, rank: int, alpha: float):
        super().__init__()
        self.weight = torch.nn.Parameter(weight, requires_grad=False)  # (out, in)
        self.bias = torch.nn.Parameter(bias, requires_grad=False)
        out_features, in_features = weight.shape
        self.down = torch.nn.Parameter(torch.randn(rank, in_features) / math.sqrt(in_features))
        self.up = torch.nn.Parameter(torch.zeros(out_features, rank))
        self.scale = alpha / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        low_rank = F.linear(F.linear(x, self.down), self.up) * self.scale
        return F.linear(x, self.weight, self.bias) + low_rank

    def factors(self) -> tuple[np.ndarray, np.ndarray]:
        """(up with the scale folded in, down): the weight change is ``up @ down``."""
        up = (self.up.detach() * self.scale).numpy().astype(np.float32)
        return up, self.down.detach().numpy().astype(np.float32)


class E5Student(torch.nn.Module):
    """e5-small as ``keruen.matching.e5_numpy`` runs it, with adapters; mean-pooled output."""

    def __init__(self, weights: Path, rank: int, alpha: float) -> None:
        super().__init__()
        data = weights.read_bytes()
        reader = Reader(data)
        reader.pos = 8
        self.header = header = read_header(reader)
        self.tokenizer = read_tokenizer(reader)
        directory = read_directory(reader)

        def tensor(name: str, *shape: int) -> torch.Tensor:
            dtype, _n, offset, nbytes = directory[name]
            raw = memoryview(data)[offset : offset + nbytes]
            if dtype == DTYPE_F32:
                array = np.frombuffer(raw, dtype="<f4").astype(np.float32)
            else:
                array = dequantize_q4(raw, shape[0], int(np.prod(shape[1:])))
            return torch.from_numpy(np.ascontiguousarray(array.reshape(shape)))

        h, ff = header.hidden, header.feed_forward
        self.word = torch.nn.Parameter(tensor("emb.word", header.vocab_rows, h), False)
        self.positions = torch.nn.Parameter(tensor("emb.pos", header.positions, h), False)
        self.token_type = torch.nn.Parameter(tensor("emb.type", 2, h)[0], False)
        self.embedding_norm = self._norm(tensor("emb.ln.w", h), tensor("emb.ln.b", h))
        shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
        self.layers = torch.nn.ModuleList()
        for i in range(header.layers):
            layer = torch.nn.Module()
            for name, shape in shapes.items():
                weight, bias = tensor(f"l{i}.{name}.w", *shape), tensor(f"l{i}.{name}.b", shape[0])
                setattr(layer, name, LowRankLinear(weight, bias, rank, alpha))
            for name in ("aln", "oln"):
                norm = self._norm(tensor(f"l{i}.{name}.w", h), tensor(f"l{i}.{name}.b", h))
                setattr(layer, name, norm)
            self.layers.append(layer)

    def _norm(self, weight: torch.Tensor, bias: torch.Tensor) -> torch.nn.LayerNorm:
        norm = torch.nn.LayerNorm(len(weight), eps=self.header.eps)
        norm.weight.data, norm.bias.data = weight, bias
        norm.requires_grad_(False)
        return norm

    def batch(self, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
        width = self.header.positions - 2  # longer texts are cut here (the product windows them)
        tok = self.tokenizer
        sequences = [[tok.bos, *tok.content_ids(PREFIX + t)[:width], tok.eos] for t in texts]
        length = max(len(s) for s in sequences)
        ids = torch.zeros(len(sequences), length, dtype=torch.long)
        mask = torch.zeros(len(sequences), length, dtype=torch.bool)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = torch.tensor(sequence)
            mask[row, : len(sequence)] = True
        return ids, mask

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length = ids.shape
        h, heads = self.header.hidden, self.header.heads
        head_dim = h // heads
        x = self.embedding_norm(self.word[ids] + self.positions[:length] + self.token_type)
        key_bias = torch.zeros(batch, 1, 1, length).masked_fill(~mask[:, None, None, :], -1e9)
        for layer in self.layers:

            def split(t: torch.Tensor) -> torch.Tensor:
                return t.view(batch, length, heads, head_dim).transpose(1, 2)

            q, k, v = split(layer.q(x)), split(layer.k(x)), split(layer.v(x))
            scores = q @ k.transpose(-1, -2) / math.sqrt(head_dim) + key_bias
            context = (torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(batch, length, h)
            x = layer.aln(x + layer.ao(context))
            # tanh GELU, as the numpy engine computes it
            x = layer.oln(x + layer.fo(F.gelu(layer.fi(x), approximate="tanh")))
        weights = mask.float()[:, :, None]
        return (x * weights).sum(1) / weights.sum(1)

    def embed(self, texts: list[str], batch_size: int = 64) -> torch.Tensor:
        """Unit vectors, without gradients, batched by length."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = torch.zeros(len(texts), self.header.hidden)
        with torch.no_grad():
            for first in range(0, len(order), batch_size):
                rows = order[first : first + batch_size]
                out[rows] = F.normalize(self(*self.batch([texts[i] for i in rows])), dim=-1)
        return out

    def load_factors(self, factors: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
        """Start from an earlier adapter's weight changes (continued training)."""
        for i, layer in enumerate(self.layers):
            for name in ADAPTED_MATRICES:
                module = getattr(layer, name)
                up, down = factors[f"l{i}.{name}.w"]
                module.up.data = torch.from_numpy(up / module.scale)
                module.down.data = torch.from_numpy(down.copy())

    def factors(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        return {
            f"l{i}.{name}.w": getattr(layer, name).factors()
            for i, layer in enumerate(self.layers)
            for name in ADAPTED_MATRICES
        }


def pairs(model: E5Student, items: list[dict]) -> tuple[list[str], torch.Tensor]:
    """Every version of every text, with the teacher's vector of its Chinese version."""
    texts = [item[side][lang] for item in items for side in SIDES for lang in LANGUAGES]
    chinese = [item[side][TARGET_LANGUAGE] for item in items for side in SIDES]
    targets = model.embed(chinese).repeat_interleave(len(LANGUAGES), dim=0)
    return texts, targets


def loss_of(model: E5Student, texts: list[str], targets: torch.Tensor) -> torch.Tensor:
    vectors = F.normalize(model(*model.batch(texts)), dim=-1)
    return ((vectors - targets) ** 2).sum(1).mean()


def batches(texts: list[str], size: int, rng: np.random.RandomState) -> list[np.ndarray]:
    """Random batches of texts of similar length (less padding), in random order."""
    order = rng.permutation(len(texts))
    pool = size * 50
    out = []
    for first in range(0, len(order), pool):
        chunk = sorted(order[first : first + pool], key=lambda i: len(texts[i]))
        out += [np.array(chunk[i : i + size]) for i in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


def held_out_check(
    model: E5Student, items: list[dict], texts: list[str], targets: torch.Tensor
) -> tuple[float, float]:
    """(distillation loss, request-to-offer top-1) on the held-out items.

    Top-1 is over every ordered pair of languages, each request against the offers of its
    sector (see :func:`selection_score` for which of the two chooses the epoch).
    """
    vectors = model.embed(texts)
    loss = float(((vectors - targets) ** 2).sum(1).mean())
    per_item = vectors.view(len(items), len(SIDES), len(LANGUAGES), -1)
    offers, requests = per_item[:, SIDES.index("offer")], per_item[:, SIDES.index("request")]
    sectors = np.array([item.get("sector", "") for item in items])
    hits = trials = 0
    for a in range(len(LANGUAGES)):
        for b in range(len(LANGUAGES)):
            scores = (requests[:, a] @ offers[:, b].T).numpy()
            scores[sectors[:, None] != sectors[None, :]] = -np.inf
            hits += int((scores.argmax(1) == np.arange(len(items))).sum())
            trials += len(items)
    return loss, hits / trials


def selection_score(loss: float, top1: float, matching_on: bool) -> float:
    """Lower is better: the held-out measure of what is trained, the distillation loss alone
    or, once the matching term is on, the request-to-offer top-1."""
    return -top1 if matching_on else loss


def matching_batches(items: list[dict], size: int, rng: np.random.RandomState) -> list[list[dict]]:
    """Batches of items of one sector, in random order.

    Within a sector the writers wrote groups of close items (wheat export, grain silos,
    flour-mill lines), so the other offers of a batch are near misses: the hard negatives
    the ranker must tell apart.
    """
    by_sector: dict[str, list[dict]] = {}
    for item in items:
        by_sector.setdefault(item.get("sector", ""), []).append(item)
    out = []
    for sector in sorted(by_sector):
        group = [by_sector[sector][i] for i in rng.permutation(len(by_sector[sector]))]
        out += [group[i : i + size] for i in range(0, len(group), size) if len(group[i:]) > 1]
    rng.shuffle(out)
    return out


def matching_loss(
    model: E5Student, items: list[dict], temperature: float, rng: np.random.RandomState
) -> torch.Tensor:
    """InfoNCE of each request against the batch's offers, each side in a random language.

    The distillation alone teaches that versions of one text agree; this term teaches the
    task itself, that a request is nearer its own offer than the sector's other offers.
    """
    requests = [item["request"][LANGUAGES[rng.randint(len(LANGUAGES))]] for item in items]
    offers = [item["offer"][LANGUAGES[rng.randint(len(LANGUAGES))]] for item in items]
    vectors = F.normalize(model(*model.batch(requests + offers)), dim=-1)
    request_vectors, offer_vectors = vectors[: len(items)], vectors[len(items) :]
    logits = request_vectors @ offer_vectors.T / temperature
    return F.cross_entropy(logits, torch.arange(len(items)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, nargs="*", default=None)
    parser.add_argument("--out", type=Path, default=ADAPTER_FILE)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--alpha", type=float, default=16.0)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--matching-weight", type=float, default=0.0, help="weight of the request/offer term"
    )
    parser.add_argument("--matching-batch", type=int, default=16)
    parser.add_argument("--temperature", type=float, default=0.05)
    parser.add_argument("--threads", type=int, default=0, help="PyTorch threads (0: default)")
    parser.add_argument(
        "--init", type=Path, default=None, help="continue from this adapter instead of zero"
    )
    parser.add_argument(
        "--max-steps", type=int, default=0, help="distillation steps per epoch (0: all)"
    )
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)

    torch.manual_seed(args.seed)
    paths = sorted(args.corpus) if args.corpus else corpus_files()
    items = read_corpus(paths)
    train, held_out = split(items)
    weights = e5_weights_path()
    model = E5Student(weights, args.rank, args.alpha)
    # The adapters start at zero, so the student is the teacher until the first step.
    texts, targets = pairs(model, train)
    check_texts, check_targets = pairs(model, held_out)
    continued_from = None
    if args.init:
        # The targets above are the frozen model's; only now does the student move away.
        earlier = load_adapter(args.init)
        model.load_factors(earlier.factors)
        continued_from = {"identity": earlier.identity, **earlier.meta}
    held_loss, top1 = held_out_check(model, held_out, check_texts, check_targets)
    best = selection_score(held_loss, top1, bool(args.matching_weight))
    print(
        f"{len(train)} items to learn from, {len(held_out)} held out; "
        f"loss {held_loss:.4f}, request-to-offer top-1 {top1:.3f} before"
    )
    best_factors, best_epoch = model.factors(), 0
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trainable, lr=args.learning_rate, weight_decay=0.0)
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        rng = np.random.RandomState(args.seed + epoch)
        steps = batches(texts, args.batch_size, rng)
        if args.max_steps:
            steps = steps[: args.max_steps]
        # The request/offer batches are spread evenly over the epoch's distillation steps.
        matching = matching_batches(train, args.matching_batch, rng) if args.matching_weight else []
        every = max(1, len(steps) // max(1, len(matching)))
        for step, rows in enumerate(steps):
            loss = loss_of(model, [texts[i] for i in rows], targets[rows])
            if matching and step % every == 0 and step // every < len(matching):
                batch = matching[step // every]
                loss = loss + args.matching_weight * matching_loss(
                    model, batch, args.temperature, rng
                )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        held_loss, top1 = held_out_check(model, held_out, check_texts, check_targets)
        seconds = time.perf_counter() - started
        print(
            f"epoch {epoch}: held-out loss {held_loss:.4f}, top-1 {top1:.3f} ({seconds:.0f} s)",
            flush=True,
        )
        checked = selection_score(held_loss, top1, bool(args.matching_weight))
        if checked < best:
            best, best_factors, best_epoch = checked, model.factors(), epoch
    meta = {
        "base_sha256": hashlib.sha256(weights.read_bytes()).hexdigest(),
        "corpus_sha256": corpus_digest(paths),
        "corpus_files": [path.name for path in paths],
        "items": len(items),
        "held_out_items": len(held_out),
        "held_out_ids": sorted(item["id"] for item in held_out),
        "target_language": TARGET_LANGUAGE,
        "rank": args.rank,
        "alpha": args.alpha,
        "epochs_run": args.epochs,
        "epoch_kept": best_epoch,
        "held_out_score": round(best, 5),
        "held_out_score_is": "-top1" if args.matching_weight else "distillation loss",
        "learning_rate": args.learning_rate,
        "batch_size": args.batch_size,
        "seed": args.seed,
        "matching_weight": args.matching_weight,
        "matching_batch": args.matching_batch,
        "temperature": args.temperature,
        "max_steps": args.max_steps,
        "continued_from": continued_from,
    }
    save_adapter(args.out, best_factors, meta)
    print(f"kept epoch {best_epoch} (held-out score {best:.4f}); wrote {args.out}")


if __name__ == "__main__":
    main()
