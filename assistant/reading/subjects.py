"""Which force or body a text names: "Kent Police", "Essex", "the Metropolitan Police Service".

A stand-in for the force registry (`assistant.forces`) until it lands: a list of
the police force areas of England and Wales and the words that name a force.
"""

from __future__ import annotations

import re
from functools import lru_cache

FORCE_AREAS = (
    "avon and somerset",
    "bedfordshire",
    "british transport",
    "cambridgeshire",
    "cheshire",
    "city of london",
    "cleveland",
    "cumbria",
    "derbyshire",
    "devon and cornwall",
    "dorset",
    "durham",
    "dyfed-powys",
    "essex",
    "gloucestershire",
    "greater manchester",
    "gwent",
    "hampshire",
    "hertfordshire",
    "humberside",
    "kent",
    "lancashire",
    "leicestershire",
    "lincolnshire",
    "merseyside",
    "metropolitan",
    "norfolk",
    "north wales",
    "north yorkshire",
    "northamptonshire",
    "northumbria",
    "nottinghamshire",
    "scotland",
    "south wales",
    "south yorkshire",
    "staffordshire",
    "suffolk",
    "surrey",
    "sussex",
    "thames valley",
    "warwickshire",
    "west mercia",
    "west midlands",
    "west yorkshire",
    "wiltshire",
)
"""Police force areas by the name a force goes by ("kent" for Kent Police)."""
_ALIASES = {"met": "metropolitan", "mps": "metropolitan", "psni": "northern ireland"}
_AREA = re.compile(
    r"\b(" + "|".join(re.escape(a) for a in sorted(FORCE_AREAS, key=len, reverse=True)) + r")\b"
    r"(?!\s+(?:county council|fire|council|university))",
    re.IGNORECASE,
)  # "Kent and Medway Police and Crime Panel" still names Kent; "Kent Fire" does not
_ALIAS = re.compile(r"\b(" + "|".join(_ALIASES) + r")\b(?:\s+police)?", re.IGNORECASE)


@lru_cache(maxsize=8192)
def subjects_named(text: str) -> frozenset[str]:
    """The forces a text names, by area: "Kent Police's 101 rate" -> {"kent"}."""
    found = {m.group(1).lower() for m in _AREA.finditer(text)}
    found.update(_ALIASES[m.group(1).lower()] for m in _ALIAS.finditer(text))
    return frozenset(found)


def subject_label(subject: str) -> str:
    """A subject as a reader names it: "kent" -> "Kent Police"."""
    return f"{subject.title()} Police"
