"""Which forces a text names, read with the force registry (`assistant.forces`).

The reading layer speaks of a figure's subject by the force's full name ("Essex Police",
"Metropolitan Police Service"), the same name a document's subjects use.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.forces import force_words, forces_named


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
