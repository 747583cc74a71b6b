"""Which forces a text names, read with the force registry (`assistant.forces`).

The reading layer speaks of a figure's subject by the force's full name ("Essex Police",
"Metropolitan Police Service"), the same name a document's subjects use.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.forces import ALL_FORCES, force_mentions, force_words, forces_named
from assistant.reading.mentions import find_figures
from assistant.reading.sentences import line_sentences, sentence_spans


@lru_cache(maxsize=8192)
def subjects_named(text: str) -> frozenset[str]:
    """The forces a text names: "Essex's 101 rate and the Met's" -> {"Essex Police", "Metropolitan ..."}."""
    return frozenset(force.name for force in forces_named(text))


def names_force(word: str) -> bool:
    """Whether a lower-case word is part of a force's name ("essex", "met"): whose, not what."""
    return word in force_words()


def subject_label(subject: str) -> str:
    """A subject as a reader names it; subjects already carry the force's full name."""
    return subject


def sentence_forces(sentence: str, before: str, document: frozenset[str]) -> frozenset[str]:
    """Whose figures a sentence gives: the forces it names; else, in a document about several
    forces (or all of them), those named by the nearest earlier sentence of its paragraph
    (`before`): in "2. Surrey Police was graded inadequate … At the inspection it answered 77
    per cent", the 77 per cent is Surrey's, not every force of the table's; else the document's.
    A document about one force keeps it: there "the force" is that force even after a sentence
    naming a comparator."""
    named = subjects_named(sentence)
    if named or (len(document) < 2 and ALL_FORCES not in document):
        return named or document
    paragraph = before[before.rfind("\n") + 1 :]
    for start, end in reversed([s for line in line_sentences(paragraph) for s in line]):
        carried = subjects_named(paragraph[start:end])
        if carried:
            return carried
    return document


@lru_cache(maxsize=65536)
def gives_figure(sentence: str) -> bool:
    """Whether a sentence states a figure, read once a sentence: every ask in a corpus about
    several forces tests the sentences of some 250 candidate statements (at 100k chunks this
    test, uncached, was more than half an ask's time; docs/BENCHMARKS.md, sixth round)."""
    return bool(find_figures(sentence))


def speaks_for(text: str, before: str, document: frozenset[str], force: str) -> bool:
    """Whether a statement may be quoted as `force`'s: each of its sentences that gives a figure
    is that force's (`sentence_forces`), or, when none gives a figure, one of them is. A pair
    "Across May and June the force took almost 37 seconds. The quickest force, Bedfordshire,
    took 7.1 seconds." in a West Midlands paper is not Bedfordshire's statement."""
    sentences = [(s, e) for line in line_sentences(text) for s, e in line]
    owners = [
        (gives_figure(text[s:e]), sentence_forces(text[s:e], before + text[:s], document))
        for s, e in sentences
    ]
    with_figures = [forces for has_figure, forces in owners if has_figure]
    if with_figures:
        return all(force in forces for forces in with_figures)
    return any(force in forces for _, forces in owners)


def figure_force(quote: str, figure: str) -> str | None:
    """The force a quoted figure is given for: the one its sentence names nearest before it.
    "… said that Surrey Police had answered 92.3% … and that Essex was among the five forces":
    92.3% is Surrey's, five is Essex's, whichever force's answer quotes the sentence. None when
    the sentence names no force before the figure (or the figure is not in the quote)."""
    at = quote.find(figure)
    if at < 0:
        return None
    start = next((s for s, e in sentence_spans(quote) if s <= at < e), 0)
    named = [m for m in force_mentions(quote[start:at]) if m.force.kind != "national"]
    return named[-1].force.name if named else None
