"""Synthetic corpora for `assistant bench --scale`: variants of real documents with the force,
the years and the figures changed, and a stand-in embedder that stores the real vector of each
variant's source text plus seeded noise.

Only the benchmark uses this; nothing here reads or writes the real corpus or index.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from assistant.embed import Embedder
from assistant.index import LoadedIndex
from assistant.pieces import piece_embedding_text, statement_spans

FORCES = (
    "Essex",
    "Surrey",
    "Sussex",
    "Hampshire",
    "Thames Valley",
    "Norfolk",
    "Suffolk",
    "Dorset",
    "Cumbria",
    "Durham",
    "Lancashire",
    "Merseyside",
    "Cheshire",
    "Avon and Somerset",
    "Devon and Cornwall",
    "Gwent",
    "Dyfed-Powys",
    "North Wales",
    "South Wales",
    "West Mercia",
    "Warwickshire",
    "Leicestershire",
    "Lincolnshire",
    "Nottinghamshire",
    "Derbyshire",
    "Staffordshire",
    "Northumbria",
    "Cleveland",
    "Humberside",
    "Wiltshire",
    "Gloucestershire",
    "Bedfordshire",
    "Hertfordshire",
    "Cambridgeshire",
    "Northamptonshire",
    "North Yorkshire",
    "South Yorkshire",
    "West Yorkshire",
    "West Midlands",
    "Greater Manchester",
)
VARIANT_COSINE = 0.97
"""How close the real embedding of a variant text lies to its source's: cosine 0.97 on average,
measured on 76 variant chunks and statements of the default corpus whose text differs from
their source's only in figures and force names."""
_FIGURE = re.compile(r"\d+(?:[.,/-]\d+)*")  # e.g. 2,093 or 33.4 or 2018/19
_YEAR_OR_FIGURE = re.compile(
    r"\b(?P<year>19[89]\d|20[0-4]\d)(?:(?P<sep>[/-])(?P<short>\d{2})\b)?(?![\d.,%])"  # 2018/19
    r"|(?<![\d.,/-])(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?(?![\d/-])"  # 2,093
)


def variant_text(text: str, source_force: str, number: int) -> str:
    """Variant `number` of a document: another force, years moved, figures scaled (seeded)."""
    force = FORCES[number % len(FORCES)]
    shift = (number // len(FORCES)) % 7 - 3
    rng = np.random.default_rng(number)
    if source_force:
        text = re.sub(rf"\b{re.escape(source_force)}\b", force, text)

    def changed(match: re.Match[str]) -> str:
        if match.group("year"):
            year = str(int(match.group("year")) + shift)
            short = match.group("short")
            return year + (
                match.group("sep") + f"{(int(short) + shift) % 100:02d}" if short else ""
            )
        return _scaled(match, float(rng.uniform(0.7, 1.3)))

    return _YEAR_OR_FIGURE.sub(changed, text)


def _scaled(match: re.Match[str], factor: float) -> str:
    whole, decimals = match.group("whole"), match.group("decimals")
    value = float(whole.replace(",", "") + (decimals or "")) * factor
    if decimals:
        return f"{value:.{len(decimals) - 1}f}"
    rounded = max(0, round(value))
    return f"{rounded:,}" if "," in whole else str(rounded)


def write_variants(
    sources: Sequence[tuple[str, str]],
    folder: Path,
    count: int,
    source_force: str | None = None,
    first: int = 0,
) -> Iterator[Path]:
    """Write variant files `first` to `count` - 1 of the (name, text) sources round-robin; yield
    each path. A variant's file depends on its number alone, so writing the numbers in batches
    gives the same files as writing them at once.

    `source_force` is the force name replaced in each variant; by default the force the
    sources name most often.
    """
    folder.mkdir(parents=True, exist_ok=True)
    source_force = source_force or most_named_force(text for _, text in sources)
    for number in range(first, count):
        name, text = sources[number % len(sources)]
        path = folder / f"v{number:06d}-{name}.txt"
        path.write_text(variant_text(text, source_force, number), encoding="utf-8")
        yield path


class VariantVectors:
    """A stand-in embedder whose vector for a text is the real embedding of the text it is a
    variant of, plus seeded noise: the shape of an embedded corpus of variants, at no model cost.

    `references` are real (text, vector) pairs, e.g. the default index's chunks and pieces. A
    text takes the vector of the reference with its variant key (figures and force names
    masked) or, when none has it (variants written as plain text chunk a little differently
    from their PDF sources), of the reference sharing most of its words. The noise puts each
    vector at about `cosine` to its source's. It carries the real model's name and checksum,
    and queries go to the real model, so the index it builds opens and is searched as a real one.
    """

    def __init__(
        self,
        real: Embedder,
        references: Iterable[tuple[str, np.ndarray]],
        names: Sequence[str],
        cosine: float = VARIANT_COSINE,
    ) -> None:
        self.name = real.name
        self.checksum = real.checksum
        self.dimension = real.dimension
        self.cosine = cosine
        self._real = real
        ordered = sorted({*names, *FORCES}, key=len, reverse=True)  # "North Wales" before "Wales"
        self._names = re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b")
        self._spread = noise_spread(cosine, real.dimension) / np.sqrt(2)  # two noise rows summed
        self._noise = (
            np.random.default_rng(0).standard_normal((8192, real.dimension)).astype(np.float32)
        )
        """Each text's noise is the sum of two rows picked by its hash: seeded by the text alone
        (the same whatever the batch), 8192² combinations, no generator made per text."""
        self._sources: dict[str, np.ndarray] = {}
        for text, vector in references:
            self._sources.setdefault(self.key(text), np.asarray(vector, dtype=np.float32))
        if not self._sources:
            raise ValueError("no reference vectors to make variants' vectors from")
        self._reference_words = _word_vectors(list(self._sources))
        self._reference_vectors = np.stack(list(self._sources.values()))
        self.matched = 0
        """Texts whose key a reference has."""
        self.nearest = 0
        """Texts given the vector of the reference sharing most of their words."""
        self._by_words: set[str] = set()

    def key(self, text: str) -> str:
        """The text with figures and force names masked: a variant naming another force and
        other figures ("<force> had 1,204 officers in 2019") gives the same key as its
        source ("<force> had 998 officers in 2016"): "F had # officers in #"."""
        return _FIGURE.sub("#", self._names.sub("F", text))

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        keys = [self.key(text) for text in texts]
        unknown = sorted(set(keys) - self._sources.keys())
        for start in range(0, len(unknown), 4096):
            block = unknown[start : start + 4096]
            nearest = (_word_vectors(block) @ self._reference_words.T).argmax(axis=1)
            self._sources.update(zip(block, self._reference_vectors[nearest], strict=True))
        self._by_words.update(unknown)
        by_words = sum(key in self._by_words for key in keys)
        self.nearest += by_words
        self.matched += len(keys) - by_words
        rows = np.empty((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), _ROWS_AT_ONCE):  # bounded temporaries at any batch size
            part = slice(start, start + _ROWS_AT_ONCE)
            picks = np.array(
                [
                    np.frombuffer(hashlib.sha256(t.encode()).digest()[:8], np.uint32)
                    for t in texts[part]
                ],
                dtype=np.int64,
            ).reshape(-1, 2) % len(self._noise)
            made = np.stack([self._sources[key] for key in keys[part]])
            made += (self._noise[picks[:, 0]] + self._noise[picks[:, 1]]) * self._spread
            rows[part] = made / np.linalg.norm(made, axis=1, keepdims=True)
        return rows

    def embed_query(self, text: str) -> np.ndarray:
        return self._real.embed_query(text)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._real.embed_queries(texts)


_WORD_BUCKETS = 4096
_ROWS_AT_ONCE = 8192
"""Vectors made together: each of the few temporaries alive at once (sources, noise, their sum,
the normalised rows) is 12 MB, where at 65,536 rows each was 100 MB."""


def _word_vectors(texts: Sequence[str]) -> np.ndarray:
    """Each text's set of lower-case words hashed into buckets, as unit rows (for cosine)."""
    rows = np.zeros((len(texts), _WORD_BUCKETS), dtype=np.float32)
    for i, text in enumerate(texts):
        words = set(re.findall(r"[a-z]{2,}", text.lower()))
        rows[i, [zlib.crc32(w.encode()) % _WORD_BUCKETS for w in words]] = 1.0
    rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
    return rows


def noise_spread(cosine: float, dimension: int) -> float:
    """The Gaussian noise's standard deviation that puts a unit vector plus noise at about
    `cosine` to it: |c + s g|^2 ~ 1 + s^2 d, so cos(c, c + s g) ~ 1 / sqrt(1 + s^2 d)."""
    return float(np.sqrt((1 / cosine**2 - 1) / dimension))


def most_named_force(texts: Iterable[str]) -> str:
    """The short name of the force the texts name most often (e.g. "Essex"); "" when none."""
    from collections import Counter

    from assistant.forces import force_mentions

    counts = Counter(m.force.short for text in texts for m in force_mentions(text))
    return counts.most_common(1)[0][0] if counts else ""


def clustered_vectors(
    centres: np.ndarray, count: int, cosine: float = VARIANT_COSINE, seed: int = 0
) -> np.ndarray:
    """`count` unit vectors, each a seeded centre plus Gaussian noise at about `cosine` to it.

    Centres taken from real embeddings give the clustered shape of an embedded corpus (its
    variant documents repeat each passage with other figures), where seeded random vectors
    spread evenly and leave no approximate search a near neighbour to find.
    """
    rng = np.random.default_rng(seed)
    dimension = centres.shape[1]
    spread = noise_spread(cosine, dimension)
    rows = np.empty((count, dimension), dtype=np.float32)
    for start in range(0, count, 65_536):
        stop = min(count, start + 65_536)
        picked = centres[rng.integers(0, len(centres), stop - start)]
        block = picked + rng.normal(0, spread, (stop - start, dimension)).astype(np.float32)
        rows[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return rows


def indexed_references(index: LoadedIndex) -> Iterator[tuple[str, np.ndarray]]:
    """Every (embedded text, vector) pair a loaded index holds: each chunk's and each single
    statement's (pairs of statements are sums of these, see piece_store.embed_pieces)."""
    for position, chunk in enumerate(index.chunks):
        yield chunk.indexed_text, np.asarray(index.data.vectors[position])
        rows = index.pieces[chunk.chunk_id]
        singles = set(statement_spans(chunk.text))
        for row, (start, end) in zip(rows, index.pieces.vectors.spans(rows), strict=True):
            if (start, end) in singles:
                yield (
                    piece_embedding_text(chunk, start, end),
                    index.pieces.vectors[range(row, row + 1)][0],
                )
