"""The domain glossary: policing acronyms and the words users type for what the documents say.

Used to expand queries (lexical and dense) and to match a question's terms to
a sentence's in the answer composer and the figure check.
"""

from __future__ import annotations

import re

ACRONYMS: dict[str, str] = {
    "afi": "area for improvement",
    "afis": "areas for improvement",
    "asb": "anti-social behaviour; antisocial",
    "cdi": "crime data integrity; crime recording",
    "da": "domestic abuse",
    "dcc": "deputy chief constable",
    "dvpn": "domestic violence protection notice",
    "dvpns": "domestic violence protection notices",
    "dvpo": "domestic violence protection order",
    "dvpos": "domestic violence protection orders",
    "elp": "evidence led prosecution",
    "elps": "evidence led prosecutions",
    "fcr": "force control room",
    "hmicfrs": "his majesty's inspectorate of constabulary and fire & rescue services; inspectorate",
    "iom": "integrated offender management",
    "mosovo": "management of sex offender and violent offender",
    "opcc": "office of the police and crime commissioner",
    "pcc": "police and crime commissioner",
    "peel": "police effectiveness efficiency and legitimacy; inspection",
    "polit": "police online investigation team; paedophile online investigation team",
    "rso": "registered sex offender",
    "rsos": "registered sex offenders",
    "rvr": "rapid video response",
    "rui": "released under investigation",
    "shpo": "sexual harm prevention order",
    "soc": "serious and organised crime",
    "spo": "stalking protection order",
    "spos": "stalking protection orders",
    "thrive": "threat harm risk investigation vulnerability engagement",
    "vawg": "violence against women and girls",
    "vcop": "victim code of practice",
    "vit": "vulnerability investigation team",
    "vna": "victim needs assessment",
    "vsa": "victim service assessment",
    "ipa": "integrated peel assessment",
    "mash": "multi-agency safeguarding hub",
    "marac": "multi-agency risk assessment conference",
    "cps": "crown prosecution service",
    "t/cc": "temporary chief constable",
    "pdr": "personal development review; appraisal",
    "pdrs": "personal development reviews; appraisals",
    "fte": "full-time equivalent",
    "lp": "local policing",
    "dco": "deputy chief officer",
    "ce": "chief executive",
    "jac": "joint audit committee",
    "fidb": "future improvement and development board",
    "iqb": "investigative quality board",
    "clo": "community liaison officer",
    "clos": "community liaison officers",
    "cc": "chief constable",
    # ranks and roles as minutes abbreviate them
    "sgt": "sergeant",
    "sgts": "sergeants",
    "dc": "detective constable",
    "dcs": "detective constables",
    "ds": "detective sergeant",
    "insp": "inspector",
    "supt": "superintendent",
    "pc": "police constable",
    "pcs": "police constables",
    "pcso": "police community support officer",
    "pcsos": "police community support officers",
}

EVERYDAY_WORDS: dict[str, str] = {
    "cop": "police officer",
    "cops": "police officers",
    "copper": "police officer",
    "coppers": "police officers",
    "bobby": "police officer",
    "bobbies": "police officers",
    "ring": "call",
    "rings": "calls",
    "rang": "called",
    "rung": "called",
    "ringing": "calling",
    "phone": "call",
    "phoned": "called",
    "phoning": "calling",
    "dial": "call",
    "dialled": "called",
    "dialling": "calling",
}
"""Words users type for a document's term, read one way as an acronym is: "ring 999" asks
about calls, but a passage on calls says nothing of rings."""
ONE_WAY: dict[str, str] = ACRONYMS | EVERYDAY_WORDS
"""Every word read as another, with what it is read as ("; " between alternatives)."""


def read_as(word: str) -> tuple[str, ...]:
    """What a word of ONE_WAY is read as, one entry per alternative: "pdr" is "personal
    development review" or "appraisal"."""
    return tuple(v.strip() for v in ONE_WAY[word].split(";"))


def is_phrase(term: str) -> bool:
    """A glossary term of several words, met only when all of them are: "police community
    support officer" is not met by "officer" alone."""
    return " " in term or "-" in term


# Each group lists words that stand for one another in questions and documents.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    (
        "abandonment",
        "abandoned",
        "attrition",
        "dropped",
        "unanswered",
        # what a caller does when a call is abandoned, in the caller's words
        "give up",
        "gave up",
        "giving up",
        "hang up",
        "hung up",
        "hanging up",
    ),
    ("999", "emergency"),
    ("101", "non-emergency", "nonemergency"),
    (
        "grade",
        "graded",
        "grading",
        "gradings",
        "judgment",
        "judgement",
        "rated",
        "rating",
        "outstanding",
        "good",
        "adequate",
        "requires improvement",
        "inadequate",
    ),
    ("area for improvement", "areas for improvement", "afi", "afis"),
    ("response time", "response times", "attendance time", "attendance times", "attend"),
    ("answered", "answering", "answer"),
    ("chief constable", "t/cc", "cc"),
    ("stop and search", "stop and searches", "searches"),
    ("staff survey", "workforce survey", "survey"),
    ("charge rate", "charged", "charging"),
    ("solve rate", "solved", "solving"),
    ("officers", "officer", "police officers", "headcount", "workforce"),
    ("compliance", "compliant", "accuracy", "accurate"),
    ("spend", "spending", "funding", "budget"),
    ("mental health", "mental ill health", "section 136", "s136"),
    ("domestic abuse", "domestic violence", "da"),
    ("case files", "files", "cases"),
    (
        "fall",
        "fell",
        "fallen",
        "decrease",
        "decreased",
        "reduce",
        "reduced",
        "reduction",
        "drop",
        "lower",
    ),
    ("increase", "increased", "rise", "rose", "risen", "grew", "growth", "higher"),
    ("kept", "keep", "adhered", "complied", "met"),
    ("share", "proportion", "percentage", "percent"),
    ("moved", "moving", "going", "posted", "redeployed", "redeployment"),
    ("staff", "workforce", "employees", "personnel"),
    ("responded", "responses", "respondents", "response rate", "return rate"),
    ("full-time equivalent", "fte"),
    # The PEEL areas under the names each inspection round gave them (2018/19 IPA, 2021/22,
    # 2023-25): a grade question names an area as one round did, a paper as another.
    (
        "fair treatment of the public",
        "treating the public fairly",
        "police powers and public treatment",
        "public treatment",
        "treating the public with fairness and respect",
    ),
    (
        "fair treatment of the workforce",
        "building, supporting and protecting the workforce",
        "developing a positive workplace",
        "supporting the workforce",
    ),
    ("crime data integrity", "recording data about crime", "crime recording", "recording crime"),
    ("serious and organised crime", "organised crime groups", "organised crime"),
    ("vetting and counter-corruption", "counter-corruption", "workforce corruption"),
    ("planning for the future", "future planning"),
    (
        "personal development review",
        "personal development reviews",
        "pdr",
        "pdrs",
        "appraisal",
        "appraisals",
    ),
)

_WORD = re.compile(r"[a-z0-9/'-]+")
NOT_EXPANDED = frozenset({"peel", "hmicfrs", "pcc", "opcc", "cc"})
"""Acronyms the documents use as often as their long forms: expanding them only adds noise."""


def expansion_groups(question: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The glossary entries a question uses: per entry, the terms it uses and the terms that
    stand for them (an acronym and its long form, or a synonym group's other members).

    Retrieval scores each entry as one concept, met by any of its terms.
    """
    text = question.lower().replace("’", "'")
    words = set(_WORD.findall(text))
    groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for word in sorted(words):
        stripped = word.removesuffix("'s")
        if stripped in ONE_WAY and stripped not in NOT_EXPANDED:
            groups.append(((stripped,), (" ".join(read_as(stripped)),)))
    for group in SYNONYMS:
        used = tuple(t for t in group if _contains(text, words, t))
        if used:
            groups.append((used, tuple(t for t in group if t not in used)))
    return groups


def expansions(question: str) -> list[str]:
    """Extra terms for a question: acronym expansions and synonyms of words it uses."""
    return [term for _, others in expansion_groups(question) for term in others]


def expand_query(question: str) -> str:
    extra = expansions(question)
    return f"{question} ({'; '.join(extra)})" if extra else question


def _contains(text: str, words: set[str], term: str) -> bool:
    return term in words if " " not in term else term in text
