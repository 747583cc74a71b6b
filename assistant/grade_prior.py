"""A soft prior, for a question asking a grade, for the chunks that state a grade for the area
it names: in their graded headings ("Investigating crime – Good" above every chunk of that
section), table rows or prose ("the force is good at investigating crime").

Every inspection round grades the same areas in the same words, and a report's sections are
long: the chunk that BM25 and the embedding find for "investigating crime" is often one of the
section's findings, while the grade is stated once, in its heading or a summary table. A prior,
never a filter: a grade question may be answered by a paper's prose as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from assistant.best_piece import QueryConcept, query_concepts
from assistant.index import LoadedIndex
from assistant.lexical import lexical_tokens
from assistant.question import asks_figure
from assistant.reading.grades import JUDGING_WORDS, asks_grade, read_grades

_JUDGING_STEMS = frozenset(lexical_tokens(JUDGING_WORDS))


@lru_cache(maxsize=16384)
def graded_areas(text: str, section: str) -> tuple[frozenset[str], ...]:
    """The stems of each area a chunk states a grade for, in its headings or its text."""
    readings = [r for heading in section.split(" > ") for r in read_grades(heading)]
    readings += read_grades(text)
    return tuple(dict.fromkeys(frozenset(lexical_tokens(r.area)) for r in readings if r.area))


def area_concepts(question: str, index: LoadedIndex) -> tuple[QueryConcept, ...]:
    """The question's concepts that can name an area: not the words asking for a judgement."""
    return tuple(
        c
        for c in query_concepts(question, index)
        if not any(variant & _JUDGING_STEMS for variant in c.variants)
    )


def grade_match(index: LoadedIndex, items: Sequence[int], question: str) -> dict[int, float]:
    """Per chunk, the share of the question's weight (0-1) named by the area of a grade the
    chunk states; {} when the question asks no grade."""
    if not asks_grade(question, asks_figure(question)):
        return {}
    concepts = area_concepts(question, index)
    total = sum(c.weight for c in concepts)
    if not total:
        return {}
    match: dict[int, float] = {}
    for item in items:
        chunk = index.chunks[item]
        best = 0.0
        for area in graded_areas(chunk.text, chunk.section or ""):
            named = sum(c.weight for c in concepts if any(v <= area for v in c.variants))
            best = max(best, named / total)
        match[item] = best
    return match
