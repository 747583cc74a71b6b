"""Words of the documents near in meaning to a word they never use.

A user asks about "cops", "burglars" or "recognising" vulnerability; the documents say police
officers, burglaries, identifying. Stemming and the glossary join only the forms and synonyms
someone wrote down. Each word the documents use is embedded once at ingest with the bundled
model; a question's word that no document uses is read as its nearest such words, when they
are near enough. Measured on the default and forces corpora (4,763 words, 2026-11-30): "cops"
-> police 0.93, "burglars" -> burglaries 0.90, "kinds" -> types 0.86, "hung" -> hanging 0.90;
opposites sit lower ("men" -> women 0.72, "male" -> female 0.73, "slowest" -> fastest 0.75).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, ValuesView
from dataclasses import dataclass

import numpy as np

from assistant.reading.vocabulary import INDEX_STOP_WORDS

NEIGHBOUR_SIMILARITY = 0.8
"""Cosine a document word needs to stand for a question's unknown word: lower bridges more
everyday wording and, below about 0.75, opposites ("men" -> women), which make a near miss
look answered."""
MAX_NEIGHBOURS = 3
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]")


def vocabulary_words(texts: Iterable[str]) -> set[str]:
    """The words of the texts that could stand for a question's word: lower case, three letters
    or more, not a stop word."""
    found: set[str] = set()
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if len(word) > 2 and word not in INDEX_STOP_WORDS:
                found.add(word)
    return found


@dataclass(frozen=True, slots=True, eq=False)
class WordTable:
    """The documents' words and their embeddings (unit rows)."""

    words: tuple[str, ...]
    vectors: np.ndarray

    @classmethod
    def empty(cls, dimension: int) -> WordTable:
        return cls((), np.zeros((0, dimension), dtype=np.float32))

    def extended(self, words: tuple[str, ...], vectors: np.ndarray) -> WordTable:
        """This table with `words` (none already in it) and their vectors appended."""
        if not words:
            return self
        rows = np.asarray(vectors, dtype=np.float32).reshape(len(words), -1)
        return WordTable(self.words + words, np.concatenate([self.vectors, rows]))

    def nearest(
        self, vector: np.ndarray, threshold: float = NEIGHBOUR_SIMILARITY, k: int = MAX_NEIGHBOURS
    ) -> tuple[str, ...]:
        """Up to `k` words at least `threshold` similar to `vector`, nearest first."""
        if not self.words:
            return ()
        scores = self.vectors @ np.asarray(vector, dtype=np.float32)
        top = np.argsort(-scores, kind="stable")[:k]
        return tuple(self.words[i] for i in top if float(scores[i]) >= threshold)


class CorpusVocabulary(Mapping[str, float]):
    """The documents' stems with their rarity (the IDF table), and the documents' words near a
    word they never use: what a question is read against."""

    def __init__(self, idf: Mapping[str, float], neighbours: Callable[[str], tuple[str, ...]]):
        self._idf = idf
        self._neighbours = neighbours

    def __getitem__(self, stem: str) -> float:
        return self._idf[stem]

    def __iter__(self) -> Iterator[str]:
        return iter(self._idf)

    def __len__(self) -> int:
        return len(self._idf)

    def __contains__(self, stem: object) -> bool:
        return stem in self._idf

    def values(self) -> ValuesView[float]:
        return self._idf.values()

    def neighbours(self, word: str) -> tuple[str, ...]:
        """The documents' words nearest in meaning to `word`, one the documents do not use."""
        return self._neighbours(word)
