"""A soft prior for the documents about the years a question names: "in the 2021/22 inspection"
favours the report whose title or date holds 2021 or 2022.

Every inspection round reports the same measures and grades, so the words of a question match
each round's document alike, and BM25 hardly tells "2021/22" from the many other years in a
text. The document's own title and date do. A prior, never a filter: a question about 2018
may be answered by a 2019 report, or by a later one looking back.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from assistant.index import LoadedIndex
from assistant.passages import years_in
from assistant.types import DocumentInfo


@lru_cache(maxsize=4096)
def _document_years(title: str, date: str | None) -> frozenset[int]:
    years = set(years_in(title))
    if date and date[:4].isdigit():
        years.add(int(date[:4]))
    return frozenset(years)


def document_years(document: DocumentInfo) -> frozenset[int]:
    """The years a document is about: those its title names, and the year it is dated."""
    return _document_years(document.title, document.date)


def period_match(index: LoadedIndex, items: Sequence[int], question: str) -> dict[int, float]:
    """Per chunk, the share of the question's years its document is about; {} when the
    question names no year."""
    asked = years_in(question)
    if not asked:
        return {}
    documents = index.data.documents
    match: dict[int, float] = {}
    for item in items:
        years = document_years(documents[int(index.chunk_doc[item])])
        match[item] = len(asked & years) / len(asked)
    return match
