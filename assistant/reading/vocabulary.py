"""Words the reading layer knows: month names, number words, stop lists, qualifiers, change verbs.

One list per idea, imported by every module that needs it, so that "March" or
"less than" is never spelt differently in two places.
"""

from __future__ import annotations

import re

from bm25s.stopwords import STOPWORDS_EN

MONTHS = (
    "January February March April May June July August September October November December"
).split()
MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, start=1)} | {
    m.lower()[:3]: i for i, m in enumerate(MONTHS, start=1)
}
MONTH_PATTERN = f"(?:{'|'.join(MONTHS)}|{'|'.join(m.upper() for m in MONTHS)})"
"""A month name as prose or an all-capitals heading writes it ("NOVEMBER 2023: SELECTED FORCES")."""
YEAR_PATTERN = r"(?:19[5-9]\d|20[0-4]\d)"  # 1950-2049: "2093" is a count, not a year
WEEKDAY_PATTERN = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
"""A day of the week as prose writes it ("Thursday 22 to Sunday 25 August")."""

QUESTION_WORDS = frozenset(
    "what which who whom whose when where why how did does do get got many much".split()
)
"""Question words carry no topic; left in, they match passages on "what" and "did"."""
INDEX_STOP_WORDS = frozenset(STOPWORDS_EN) | {"s"} | QUESTION_WORDS
"""Words the lexical index and its queries drop."""

GENERIC_WORDS = (
    "police force forces what which when where who whom did does do get got give given "
    "many much how number figure figures level say said tell about inspection inspections report "
    "reported show shows was were is are the a an in of for by there their its year years latest "
    "current currently recent most county constabulary policing quote quoted mention mentioned "
    "according state stated states describe described tell told explain explained compared "
    "compare between change changed summary findings finding paper papers often under during being "
    "use used using into over across within after before since per via also well been "
    "january february march april may june july august september october november december "
    "spring summer autumn winter quarter month months week weeks notes minutes "
    "has have had having does doing done get gets obtain obtained reach reached achieve achieved "
    "period periods over time times ever so far than vs versus then now"
)
"""Words of a question that ask for a figure or frame it, not name what it measures."""

CONNECTORS = frozenset(
    "a an the of and or to in on for with by from at as that which who was were is are be been "
    "than into its their his her our this these those not but".split()
)
"""Words a wrapped line cannot end a sentence on: the next line carries it on."""

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
COMPOUND_NUMBER_PATTERN = f"(?:{'|'.join(_TENS)})[-‑](?:{'|'.join(_UNITS)})"
NUMBER_WORD_PATTERN = f"(?:{COMPOUND_NUMBER_PATTERN}|{'|'.join(NUMBER_WORDS)})"
"""A number in words, "thirty-one" before "thirty": a compound is one number."""


def word_value(word: str) -> int | None:
    """The value of a number in words: "nineteen" 19, "Thirty-one" 31; None for other words."""
    tens, hyphen, unit = word.lower().replace("‑", "-").partition("-")
    if not hyphen:
        return NUMBER_WORDS.get(tens)
    if tens in _TENS and unit in _UNITS:
        return NUMBER_WORDS[tens] + NUMBER_WORDS[unit]
    return None


FRACTION_WORDS = frozenset(
    "half halves third thirds quarter quarters fifth fifths tenth tenths".split()
)
"""Shares stated in words: "over a third of sergeants", "about one fifth of calls" answer a
question asking what share."""

UNIT_STOP = frozenset(
    "a an the of and or to in on for with by from at as that which was were is are be per than "
    "percent cent".split()
)
"""Words after a number that are not what it counts: "14 of", "9 per cent"."""

FRAMING = frozenset(
    "said told tell says stated advised added noted reported report reports found shows showed show "
    "highlighted inspection inspections inspected hmicfrs peel gave given received relied heard "
    "informed".split()
)
"""That something was said or found, not what was measured."""

SLOWER_WORDS = frozenset("slower worse worsened deteriorated".split())
FASTER_WORDS = frozenset("faster quicker better improved".split())
"""Comparison words that say which way a time or a failure rate moved
(reading.changes.judged_direction): slower or worse is longer, or higher."""

LARGE_CHANGE_WORDS = frozenset(
    "sharp sharply steep steeply significant significantly substantial substantially dramatic "
    "dramatically considerable considerably marked markedly greatly hugely massively".split()
)
SMALL_CHANGE_WORDS = frozenset(
    "slight slightly marginal marginally modest modestly fractional fractionally barely".split()
)
"""How big a change is said to be ("fell sharply", "marginally decreased"): a claim of a sharp
fall is not borne out by a marginal one (reading.figures.change_degree)."""

RISE_WORDS = frozenset(
    "rose rise rises rising risen increase increased increases increasing up grew grown growth "
    "grow grows growing climbed gained jumped doubled doubling tripled trebled raise raised raises "
    "raising climb climbs climbing soared soaring surged surging rocketed swelled ballooned "
    "quadrupled leapt leaped spiked escalated".split()
)
FALL_WORDS = frozenset(
    "fell fall falls falling fallen decrease decreased decreases decreasing reduce reduced reduces "
    "reducing reduction reductions down cut cuts dropped drop drops declined decline halved halving "
    "lowered slipped slip slips dipped dip dips declines declining dropping shrank shrink shrinking "
    "shrunk lose loses lost losing plummeted plunged tumbled eased easing slumped sank dwindled "
    "diminished lessened".split()
)
"""Words that say which way a figure moved; "higher" and "lower" compare, they do not move."""

FILLER = (
    frozenset(
        "from within than over under out about around approximately some more less fewer almost "
        "nearly just only also still all its those which when had has have been being were stood since "
        "across each every other another same period time times higher lower came come comes took "
        "take takes taken made make makes got get gets went go goes put saw now then exactly below "
        "above exceeding least most inside drew draw draws against versus vs compared plus nor "
        "alone late half credits credited".split()
    )
    | RISE_WORDS  # "rose", "up", "fell", "down": the moving words are listed once, there
    | FALL_WORDS
    | SLOWER_WORDS
    | FASTER_WORDS
    | LARGE_CHANGE_WORDS
    | SMALL_CHANGE_WORDS
)
"""How a figure moved or how sure it is, or a light verb: not what it measures."""

RATE_WORDS = "rate rates percentage proportion per cent percent total"
"""Words that ask for a rate or a total without naming of what: weak in a question."""
WEAK_WORDS = f"{RATE_WORDS} average"
"""Words that say a figure is a rate or a total without saying of what."""

QUALIFIERS: dict[str, str] = {
    "less than": "below",
    "fewer than": "below",
    "under": "below",
    "below": "below",
    "just under": "below",
    "more than": "above",
    "over": "above",
    "just over": "above",
    "exceeding": "above",
    "in excess of": "above",
    "above": "above",
    "around": "about",
    "about": "about",
    "approximately": "about",
    "approx": "about",
    "roughly": "about",
    "circa": "about",
    "some": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "up to": "at most",
    "at most": "at most",
    "no more than": "at most",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "exactly": "exactly",
    "precisely": "exactly",
}
"""Words before a figure that bound it, each with the bound it states: "under 3%" and "less than 3%"
both say the figure is below 3%."""
RISEN_UP_TO = re.compile(
    r"\b(?:rose|risen|rising|rises|increased|increasing|climbed|grew|grown|gone|went|jumped|"
    r"edged|edging|edges|crept|creeping|creeps|inched|inching|ticked|ticking|moved|moving|shot|"
    r"come|came)\s+up\s+to\s*$",
    re.IGNORECASE,
)  # e.g. "rose up to 12%": where it rose to, not a bound
QUALIFIER_BEFORE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)  # e.g. "has been less than " before "3%"


_COUNTRY = (
    r"great britain|(?:the )?united kingdom|across the uk|the uk as a whole|uk-wide|"
    r"england as a whole|across england(?! and wales)|wales as a whole|across wales|"
    r"across the country|the country as a whole"
)
COMPARATOR_PATTERN = re.compile(
    r"\b(?:england and wales|most similar(?: forces?)?|all[- ]forces?|other forces|national(?:ly)?|"
    rf"nationwide|peer forces?|msf|{_COUNTRY})\b",
    re.IGNORECASE,
)
"""Words that make a figure someone else's yardstick, not the subject's own."""

OTHER_BODY_PATTERN = re.compile(
    r"\b(?:(?:[A-Z][\w'’&-]*\s+(?:(?:and|of|&)\s+)?){0,5}(?:Council|Partnership|Trust|Association|"
    r"Club|University|Agency|Authority|Museum|Company|Mutual|Ambulance\s+Service|"
    r"Fire\s+(?:and\s+Rescue\s+)?Service)|"
    r"(?:[A-Z][\w'’&-]*\s+){1,5}(?:council(?!\s+tax)|partnership|trust)|"
    r"Network\s+Rail|National\s+Highways|Highways\s+England|[Tt]rading\s+[Ss]tandards|"
    r"(?:the\s+)?(?:council(?!\s+tax)|organisers|ambulance\s+service|resort|racecourse|"
    r"market\s+management|charity|museum|operator)(?:['’]s?)?)(?!\w)"
)
"""Bodies other than the police whose figures police papers report: councils, partnerships,
trusts, authorities, museums, organisers, a resort or racecourse, Network Rail, trading
standards, the ambulance service."""

COMPARATOR_FAMILIES = (
    (
        "most similar forces",
        re.compile(r"\b(?:most similar|similar forces|msg|msf|peer forces?)\b", re.IGNORECASE),
    ),
    (
        "national",
        re.compile(
            r"\b(?:england and wales|nationally|nationwide|all[- ]forces?|every force|"
            r"national (?:average|rate|figure|level|mean|median|picture|total|trend)|"
            r"england\s*&\s*wales|in the country|in the uk|(?:of|out of) (?:the |all )?4\d forces|"
            rf"among(?:st)? (?:all )?(?:the )?(?:other )?forces|{_COUNTRY})\b",
            re.IGNORECASE,
        ),
    ),
)
"""The yardsticks a figure is set against, by family: a question about a force's most similar forces
is not answered by the England and Wales figure, nor the reverse. "National" alone names
systems and schemes ("the police national computer"), so only a national *figure* counts."""


def comparator_families(text: str) -> frozenset[str]:
    """The comparator families a text names (COMPARATOR_FAMILIES)."""
    return frozenset(name for name, pattern in COMPARATOR_FAMILIES if pattern.search(text))


def qualifier_before(text: str, start: int) -> re.Match[str] | None:
    """The qualifier bounding the figure at `start`, if any; "rose up to 12%" has none."""
    found = QUALIFIER_BEFORE.search(text, max(0, start - 20), start)
    if found and RISEN_UP_TO.search(text, max(0, start - 30), start):
        return None
    return found
