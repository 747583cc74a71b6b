"""Police forces and national bodies: which a text names, and which a document is about.

The names live in `data/forces.toml`, not in code, so a panel for any force (or a corpus
about several) works the same way; nothing here knows which force a user's panel oversees.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from assistant.errors import ConfigError

ForceKind = Literal["territorial", "other", "national"]
ALL_FORCES = "All forces"
"""The subject of a document that reports on forces across England and Wales (a national table)."""
NATIONAL_SPREAD = 6
"""A document naming at least this many forces, none of them far more than the rest, is about
all forces: a league table names dozens, a force's own paper names a few comparators."""
DOMINANT = 4
"""A force named at least this many times as often as the next one is a document's only subject,
even when the document names many others (a force report that lists its most similar forces)."""


@dataclass(frozen=True, slots=True)
class Force:
    """A police force or national policing body and the names that mean it."""

    name: str
    short: str
    kind: ForceKind
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    """Towns, cities and counties of its area (data/forces.toml says which are left out)."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name, self.short, *self.aliases)))


@dataclass(frozen=True, slots=True)
class ForceMention:
    """Where a text names a force: `start`/`end` index into the text."""

    force: Force
    start: int
    end: int
    place: bool = False
    """Named by a town or county of its area, not by its own name."""


@dataclass(frozen=True, slots=True)
class ForceRegistry:
    """Every known force, and one pattern that finds any of their names (longest name first);
    `placed` finds their names and their areas' places, for questions and claims."""

    forces: tuple[Force, ...]
    pattern: re.Pattern[str]
    by_name: dict[str, Force]
    placed: re.Pattern[str]
    by_place: dict[str, Force]

    def get(self, name: str) -> Force | None:
        """The force a name (canonical, short or alias, any case) means, or None."""
        return self.by_name.get(_key(name))

    def resolve(self, name: str) -> Force:
        """The force a user named in a setting or flag; ConfigError listing nothing else."""
        force = self.get(name)
        if force is None:
            raise ConfigError(f"unknown force {name!r}; use a name from assistant/data/forces.toml")
        return force


def _key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def build_registry(forces: Sequence[Force]) -> ForceRegistry:
    """Every name and place read to one force; ValueError for a name or place given to two
    (which force a question about it means cannot be told)."""
    by_name: dict[str, Force] = {}
    by_place: dict[str, Force] = {}
    for force in forces:
        for table, words, what in (
            (by_name, force.names, "name"),
            (by_place, force.places, "place"),
        ):
            for word in words:
                other = table.setdefault(_key(word), force)
                if other.name != force.name:
                    raise ValueError(
                        f"{what} {word!r} is given to both {other.name} and {force.name}"
                    )
    by_place = {key: force for key, force in by_place.items() if key not in by_name}
    return ForceRegistry(
        tuple(forces), _any_of(by_name), by_name, _any_of({**by_name, **by_place}), by_place
    )


def _any_of(names: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of the names as whole words, the longest where several start at
    the same place ("North East Lincolnshire" before "Lincolnshire")."""
    # Grouped by first letter, longest first within a group: the same match at every place as
    # one flat longest-first alternation (a name with another first letter cannot match
    # there), but each place tries one group, not 130 names (4x faster; forces_named runs
    # on every candidate statement of an answer).
    groups: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        groups.setdefault(name[0], []).append(re.escape(name[1:]).replace(r"\ ", r"\s+"))
    body = "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def read_registry(path: Path) -> ForceRegistry:
    """Forces from a TOML file of `[[force]]` tables; ConfigError naming the file and entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    forces = []
    for number, row in enumerate(data.get("force", []), start=1):
        try:
            kind = row["kind"]
            if kind not in ("territorial", "other", "national"):
                raise ValueError(f"kind {kind!r} is not territorial, other or national")
            forces.append(
                Force(
                    str(row["name"]),
                    str(row["short"]),
                    kind,
                    tuple(row.get("aliases", ())),
                    tuple(row.get("places", ())),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}: force {number}: {exc}") from exc
    try:
        return build_registry(forces)
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


@cache
def default_registry() -> ForceRegistry:
    """The bundled list of the 43 forces of England and Wales and the national bodies."""
    with resources.as_file(resources.files("assistant") / "data" / "forces.toml") as path:
        return read_registry(path)


_FIRE_SERVICE_AFTER = re.compile(
    r"\s+(?:County\s+)?(?:Fire\s+(?:and|&)\s+Rescue|Fire\s+Brigade|Fire\s+Service)\b",
    re.IGNORECASE,
)  # "Cumbria Fire and Rescue Service", "Essex County Fire and Rescue Service": not the police


def force_mentions(
    text: str, registry: ForceRegistry | None = None, places: bool = False
) -> list[ForceMention]:
    """Every place the text names a force or body, in order; a place's fire and rescue service
    ("Cumbria Fire and Rescue Service") is not its police force. With `places`, a town or
    county of a force's area names that force too ("Swindon" names Wiltshire Police)."""
    registry = registry or default_registry()
    found = []
    for m in (registry.placed if places else registry.pattern).finditer(text):
        named = registry.get(m.group(0))
        force = named or registry.by_place.get(_key(m.group(0)))
        if force is not None and not _FIRE_SERVICE_AFTER.match(text, m.end()):
            found.append(ForceMention(force, m.start(), m.end(), named is None))
    return found


def forces_named(text: str, registry: ForceRegistry | None = None) -> tuple[Force, ...]:
    """The police forces a text names, in order of first mention; national bodies are not forces.

    e.g. "How did Surrey's 999 answering compare with the Met?" -> (Surrey Police, Metropolitan ...).
    """
    mentioned = (m.force for m in force_mentions(text, registry) if m.force.kind != "national")
    return tuple(dict.fromkeys(mentioned))


_BODY = re.compile(
    r"\b((?:[A-Z][\w'’&.-]*\s+(?:(?:of|and|&|the)\s+)?)+"
    r"(?:Police(?:\s+Service)?|Constabulary|Fire\s+Brigade|Fire\s+(?:and|&)\s+Rescue\s+Service))\b"
    r"(?!\s+(?i:and\s+Crime|officers?|staff|teams?|units?|forces?|stations?|powers|federation|"
    r"commissioner|community|support|authority|panel|pensions?|cars?|vehicles?)\b)"
)  # capitalised words before a body's word: a name, not a description
_BODY_LEAD = re.compile(r"^(?:the|a|an|in|by|for|from|at|on|to|and|of)\s+", re.IGNORECASE)
_RANKS = frozenset(
    {"chief", "deputy", "assistant", "local", "neighbourhood", "special", "national", "county"}
)


def bodies_not_listed(text: str, registry: ForceRegistry | None = None) -> tuple[str, ...]:
    """Police bodies and fire services a text names that the registry does not list ("the Royal
    Military Police", "London Fire Brigade", "Port of Felixstowe Police"): no document can be
    about them, so a question or claim about one is not answered from another force's
    documents. A name holding a listed force ("Essex Police") or starting with a rank or role
    ("Deputy Police") is not one."""
    registry = registry or default_registry()
    listed = [(m.start, m.end) for m in force_mentions(text, registry)]
    found: list[str] = []
    for m in _BODY.finditer(text):
        name = m.group(1)
        while lead := _BODY_LEAD.match(name):
            name = name[lead.end() :]
        first = name.split()[0]
        if not first[0].isupper() or first.lower() in _RANKS or len(name.split()) < 2:
            continue
        if any(s < m.end() and m.start() < e for s, e in listed):
            continue
        found.append(" ".join(name.split()))
    return tuple(dict.fromkeys(found))


_PARTNER_BEFORE = re.compile(
    r"\b(?:joint(?:ly)?|shares?|shared|sharing|partnership|collaborat\w*|work(?:s|ed|ing)?)\b"
    r"[^.?!;]{0,60}?"
    r"\bwith\s+(?:the\s+)?$",
    re.IGNORECASE,
)
PARTNER_REACH = 90
"""Characters before a force's name read for the joint work it is named as a partner in."""


def forces_asked_about(text: str, registry: ForceRegistry | None = None) -> tuple[Force, ...]:
    """The forces a question asks about: those it names, else those whose areas' places it
    names ("graffiti in Newport" asks about Gwent Police; "Did Essex Police help at Gatwick?"
    about Essex alone), less a force named only as the partner of a joint service. "What does
    the force save through support services provided jointly with Essex Police?" asks for the
    panel's own force's saving; Essex's documents need not exist for it to be answered."""
    mentions = force_mentions(text, registry, places=True)
    if any(not m.place and m.force.kind != "national" for m in mentions):
        mentions = [m for m in mentions if not m.place]
    asked = (
        m.force
        for m in mentions
        if m.force.kind != "national"
        and not _PARTNER_BEFORE.search(text[max(0, m.start - PARTNER_REACH) : m.start])
    )
    return tuple(dict.fromkeys(asked))


def detect_subjects(
    title: str, text: str, registry: ForceRegistry | None = None
) -> tuple[str, ...]:
    """The forces a document reports on: those its title names, else the one or few its text
    names most, else ALL_FORCES for a document that names many alike; () when it names none."""
    in_title = forces_named(title, registry)
    if in_title:
        return tuple(f.name for f in in_title)
    counts = Counter(
        m.force.name for m in force_mentions(text, registry) if m.force.kind != "national"
    )
    if not counts:
        return ()
    ranked = counts.most_common()
    top = ranked[0][1]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if len(ranked) >= NATIONAL_SPREAD and top < DOMINANT * max(runner_up, 1):
        return (ALL_FORCES,)
    return tuple(name for name, n in ranked if n * 2 >= top and (n >= 2 or top == 1))


def covers(subjects: Iterable[str], force: str) -> bool:
    """Whether a document with these subjects reports on the force (a national one covers all)."""
    subjects = tuple(subjects)
    return force in subjects or ALL_FORCES in subjects


def covered_forces(subject_lists: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """Every force some document is about, most documents first, a tie by name (ALL_FORCES
    excluded): the panel's force, when no setting names it, must not follow the index's order."""
    counts = Counter(s for subjects in subject_lists for s in subjects if s != ALL_FORCES)
    return tuple(name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


PANEL_FORCE_LEAD = 2
"""How many times as many documents as any other force one force must be about to be taken for
the panel's own when no setting names it. Lower lets a collection of many forces' reports answer
a question that names no force from one force's documents only (the one with a few more);
higher leaves a panel's own corpus with some neighbours' papers searched whole."""


def panel_force(subject_lists: Iterable[Iterable[str]]) -> str | None:
    """The force a corpus is plainly about (PANEL_FORCE_LEAD), the panel's own when no setting
    names it; None for a collection of many forces' reports, where a question naming no force
    is asked of every document rather than of whichever force has a few more."""
    counts = Counter(s for subjects in subject_lists for s in subjects if s != ALL_FORCES)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return None
    (first, most), *rest = ranked
    return first if not rest or most >= PANEL_FORCE_LEAD * rest[0][1] else None


def covered_phrase(covered: Sequence[str], most: int = 6) -> str:
    """e.g. "they cover Surrey Police and Essex Police"; a long list ends "and 4 more"."""
    if not covered:
        return "no document names the force it is about"
    names = [*covered[:most], *([f"{len(covered) - most} more"] if len(covered) > most else [])]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"they cover {listed}"


@cache
def force_words() -> frozenset[str]:
    """Lower-case words of the bundled forces' names ("essex", "met", "manchester"): they say
    whose figure it is, not what it measures. Of the other bodies only one-word names count
    ("NCA", "BTP", "Garda"): the words of "National Crime Agency" or "British Transport Police"
    ("crime", "transport") are the measures of claims about every force."""
    return frozenset(
        word
        for force in default_registry().forces
        if force.kind != "national"
        for name in force.names
        if force.kind == "territorial" or len(name.split()) == 1
        for word in name.lower().replace("'", " ").split()
    )


def short_name(name: str, registry: ForceRegistry | None = None) -> str:
    """How answers label a force: "Essex Police" -> "Essex"; unknown names are returned as given."""
    force = (registry or default_registry()).get(name)
    return force.short if force else name
