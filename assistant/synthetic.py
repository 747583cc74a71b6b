"""Synthetic corpora for `assistant bench --scale`: variants of real documents with the force,
the years and the figures changed, and a stand-in embedder that stores seeded random vectors.

Only the benchmark uses this; nothing here reads or writes the real corpus or index.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from assistant.embed import Embedder

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
    sources: Sequence[tuple[str, str]], folder: Path, count: int, source_force: str | None = None
) -> Iterator[Path]:
    """Write `count` variant files of the (name, text) sources round-robin; yield each path.

    `source_force` is the force name replaced in each variant; by default the force the
    sources name most often.
    """
    folder.mkdir(parents=True, exist_ok=True)
    source_force = source_force or most_named_force(text for _, text in sources)
    for number in range(count):
        name, text = sources[number % len(sources)]
        path = folder / f"v{number:06d}-{name}.txt"
        path.write_text(variant_text(text, source_force, number), encoding="utf-8")
        yield path


class SeededVectors:
    """An embedder that stores a seeded random unit vector per text instead of running the model.

    It carries the real model's name and checksum so that the index it builds opens with the
    real model for queries: the query path's cost does not depend on the stored values.
    """

    def __init__(self, real: Embedder) -> None:
        self.name = real.name
        self.checksum = real.checksum
        self.dimension = real.dimension

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        rows = np.empty((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
            rows[i] = np.random.default_rng(seed).standard_normal(self.dimension)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        return rows

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_documents(texts)


def most_named_force(texts: Iterable[str]) -> str:
    """The short name of the force the texts name most often (e.g. "Essex"); "" when none."""
    from collections import Counter

    from assistant.forces import force_mentions

    counts = Counter(m.force.short for text in texts for m in force_mentions(text))
    return counts.most_common(1)[0][0] if counts else ""


def clustered_vectors(
    centres: np.ndarray, count: int, cosine: float = 0.94, seed: int = 0
) -> np.ndarray:
    """`count` unit vectors, each a seeded centre plus Gaussian noise at about `cosine` to it.

    Centres taken from real embeddings give the clustered shape of an embedded corpus (its
    variant documents repeat each passage with other figures), where seeded random vectors
    (`SeededVectors`) spread evenly and leave no approximate search a near neighbour to find.
    """
    rng = np.random.default_rng(seed)
    dimension = centres.shape[1]
    # |c + s g|^2 ~ 1 + s^2 d for a unit c, so cos(c, c + s g) ~ 1 / sqrt(1 + s^2 d)
    spread = float(np.sqrt((1 / cosine**2 - 1) / dimension))
    rows = np.empty((count, dimension), dtype=np.float32)
    for start in range(0, count, 65_536):
        stop = min(count, start + 65_536)
        picked = centres[rng.integers(0, len(centres), stop - start)]
        block = picked + rng.normal(0, spread, (stop - start, dimension)).astype(np.float32)
        rows[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return rows
