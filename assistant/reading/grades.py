"""Grades, read one way wherever they are stated: a graded heading or table row ("Investigating
crime – Good", "Good: Preventing crime", "Investigating crime | Good | Last inspected: 2018/19"),
prose ("the force is good at catching criminals", "received a good grading for", "graded the
Force outstanding at recording crime"), a change ("moved from adequate to good") or a count
("good in six of them").

A grade word alone is not a grade: "a good service", "good practice" and "outstanding suspects"
state none. Answers, the lead line and the question reader import from here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from assistant.lexical import lexical_tokens
from assistant.reading.subjects import subjects_named
from assistant.reading.tables import is_table_row

# The HMICFRS scale, best first; "ungraded" and "not graded" count too (a heading or row saying
# an area was not graded answers a grade question).
_SCALE = r"outstanding|good|adequate|requires\s+improvement|inadequate"
_GRADE = rf"{_SCALE}|ungraded|not\s+graded"
_DASH = r"\s+[–—-]\s+"
_QUOTE = "['‘’\"“”]?"
_NUMBER = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|all"
_AREA_END = r"(?=\s*(?:[.;:(|]|,\s|\band\s+(?:it|the|its|was|has|is)\b|\bbut\b|\bwith\b|$))"
_AREA = r"(?P<area>[^.;:|(\n]{3,120}?)" + _AREA_END

_LABELS = (
    # "Investigating crime – Requires Improvement (3 AFIs)": a graded heading
    re.compile(rf"^(?P<area>[^\n|:]{{3,160}}?){_DASH}(?P<grade>{_GRADE})\b", re.IGNORECASE),
    # "Good: Preventing crime", "Graded adequate: preventing crime", "One area outstanding: …"
    re.compile(
        rf"(?:^|\|\s*|·\s*)(?:graded\s+|(?:{_NUMBER})\s+areas?\s+)?(?P<grade>{_GRADE})"
        rf"(?:\s+in\s+(?:{_NUMBER}))?:\s*"
        rf"(?P<area>[^|\n]{{3,200}})",
        re.IGNORECASE,
    ),
    # "Investigating crime | Good | Last inspected: 2018/19", "Recording data about crime: Inadequate",
    # "Preventing crime\tGood"
    re.compile(
        rf"^(?:[^|\n]*:\s*)?(?P<area>[^|\t\n:]{{3,160}}?)\s*(?:\||:|\t+)\s*(?:[\w ]+:\s*)?"
        rf"(?P<grade>{_GRADE})\s*(?:\||\t|\(|$)",
        re.IGNORECASE | re.MULTILINE,
    ),
    # "Strategic Planning, Organisational Management and Value for Money (Good)": a graded
    # heading with its grade in brackets
    re.compile(rf"^(?P<area>[^\n|:()]{{3,160}}?)\s*\((?P<grade>{_GRADE})\)\s*$", re.IGNORECASE),
    # "Outstanding at engaging with and treating the public …" as a line of its own (a list the
    # bullets were cleaned from)
    re.compile(
        rf"^\s*(?P<grade>{_SCALE})\s+(?:at|for|in)\s+(?P<area>[^|\n.;]{{3,200}}?)\s*$",
        re.IGNORECASE | re.MULTILINE,
    ),
)
_BARE_GRADE = re.compile(rf"\s*\((?P<grade>{_GRADE})\)\s*", re.IGNORECASE)
"""A grade in brackets on a line of its own, under its area's heading: "Crime data integrity",
a blank line, "(Outstanding)"."""
_HEADING = re.compile(r"[A-Z][^.;:|()\n]{2,159}")
"""A line that can be an area's heading: a capital, no sentence's end, no cell."""
_RUN_ON = re.compile(rf":\s*(?:{_GRADE})(?=(?-i:\s+[A-Z]))", re.IGNORECASE)
"""A grade after a colon with the next label's area straight after it: "Responding to the public:
Requires Improvement Investigating crime: Requires Improvement", a list whose lines were joined
when the text was cleaned. Each label is read as a line of its own (`_lines`)."""
_PROSE = (
    # "good in six of them": a count, read before the predicate pattern takes "six" as an area
    re.compile(rf"\b(?P<grade>{_GRADE})\s+in\s+(?:{_NUMBER})\b(?:\s+(?:of\s+them|areas?))?", re.I),
    # "The force is good at catching criminals", "judged the force as outstanding at meeting
    # current demands", "was graded inadequate in three areas", "continues to be outstanding in
    # this area", "found Sussex Police inadequate in two of the areas"
    re.compile(
        r"\b(?:is|was|are|were|be|been|being|remains|remained|as|graded|rated|judged|found|"
        r"assessed|deemed)\s+(?:(?:the\s+)?(?:force|constabulary|[A-Z][\w&]*(?:\s+[A-Z][\w&]*){0,3})"
        r"\s+)?(?:(?:very|really|still|also|now|again|consistently|particularly)\s+)?"
        rf"{_QUOTE}(?P<grade>{_GRADE})\b{_QUOTE}(?:\s+(?:at|in|for)\s+{_AREA}|(?=\s*[.;,)]|\s*$))",
    ),
    # "received a good grading for", "the force's grade of 'Outstanding'", "six good gradings",
    # "the two adequate grades"
    re.compile(
        rf"\b(?:{_QUOTE}(?P<grade>{_GRADE}){_QUOTE}\s+(?:grade|grades|grading|gradings)\b|"
        rf"grad(?:e|ing)\s+(?:of|as)\s+{_QUOTE}(?P<grade2>{_GRADE}){_QUOTE})"
        rf"(?:\s+(?:for|in|at)\s+(?:respect\s+of\s+)?{_AREA})?",
        re.IGNORECASE,
    ),
    # "moved from requires improvement to adequate", "good in six of them"
    re.compile(
        rf"\bfrom\s+{_QUOTE}(?P<before>{_GRADE}){_QUOTE}\s+to\s+{_QUOTE}(?P<grade>{_GRADE})\b",
        re.IGNORECASE,
    ),
    # "It was adequate at preventing crime, …, and requires improvement at investigating crime":
    # a second grade joined to the first, with the area it is at
    re.compile(rf",?\s+(?:and|but|while)\s+(?P<grade>{_GRADE})\s+(?:at|in|for)\s+{_AREA}", re.I),
)
_LIST_END = re.compile(r"[.;\n]")


_ANY_GRADE = re.compile(rf"\b(?:{_GRADE})\b", re.IGNORECASE)
GRADE_WORD = re.compile(rf"\b(?:{_SCALE})\b", re.IGNORECASE)
"""Any word of the scale: marks a heading that may state a grade. Whether a text states one
(not "a good service") is `states_grade`."""
GRADE_FORM = re.compile(
    r"\b(?:outstanding|good|adequate|inadequate|requir(?:es|ed|ing)\s+improvement)\b", re.I
)
"""A grade word in any form a sentence may use, "required improvement" too: a sentence with one
the reader does not take states more than it reads."""
SCALE_RANK = {
    "inadequate": 0,
    "requires improvement": 1,
    "adequate": 2,
    "good": 3,
    "outstanding": 4,
}
"""The scale, worst first: which way a change of grade went."""


def grade_name(words: str) -> str:
    """A grade as the scale names it: "Required  Improvement" is "requires improvement"."""
    words = " ".join(words.lower().split())
    return "requires improvement" if words.startswith("requir") else words


_NOT_AN_AREA = re.compile(rf"^(?:(?:{_GRADE})|[–—-]?)$", re.IGNORECASE)
_COUNTED = re.compile(r"^(?:at least |about |around |over )?\d+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class GradeReading:
    """One grade a text states: which, for what area (when the text names it), where."""

    grade: str
    """Lower case, one space: "requires improvement"."""
    area: str | None
    start: int
    end: int
    """Of the grade words in the text."""
    form: str
    """"label" (heading, table row, list item) or "prose"."""


def read_grades(text: str) -> tuple[GradeReading, ...]:
    """Every grade the text states, in order, each once."""
    if not _ANY_GRADE.search(text):
        return ()  # most text names no grade word: one scan instead of six
    found: dict[int, GradeReading] = {}
    heading = None  # the last line that could head a grade on the line after it
    for line_start, line in _lines(text):
        first = line.split(" | ", 1)[0]
        if is_table_row(line) and (": " in first or subjects_named(first)):
            _keep_cells(found, line, line_start)  # a row per force, a column per area
        for pattern in _LABELS:
            for m in pattern.finditer(line):
                _keep(found, m, line_start, "label")
        if bare := _BARE_GRADE.fullmatch(line):
            start = line_start + bare.start("grade")
            found.setdefault(
                start,
                GradeReading(
                    grade_name(bare.group("grade")),
                    heading,
                    start,
                    line_start + bare.end("grade"),
                    "label",
                ),
            )
        if line.strip():
            heading = line.strip() if _HEADING.fullmatch(line.strip()) else None
    areas: dict[int, int] = {}  # grade start -> where its area starts, for prose grades
    for pattern in _PROSE:
        for m in pattern.finditer(text):
            if _keep(found, m, 0, "prose") and m.groupdict().get("area"):
                areas[m.start("grade")] = m.start("area")
    ordered = [found[k] for k in sorted(found)]
    return tuple(_with_listed_areas(text, ordered, areas))


def _with_listed_areas(
    text: str, readings: list[GradeReading], areas: dict[int, int]
) -> list[GradeReading]:
    """A prose grade's area runs on through its list of areas, to the next grade or the end of
    the sentence: in "adequate at preventing crime, treatment of the public and developing a
    positive workplace, and requires improvement at …" all three areas are adequate."""
    out = []
    for i, reading in enumerate(readings):
        start = areas.get(reading.start)
        if start is None:
            out.append(reading)
            continue
        ends = [readings[i + 1].start] if i + 1 < len(readings) else []
        stop = _LIST_END.search(text, start)
        ends.append(stop.start() if stop else len(text))
        listed = re.sub(r"[\s,]*(?:and|but|while)?\s*$", "", text[start : min(ends)])
        area = " ".join(listed.strip(" –—-'‘’\"“”,").split())
        out.append(replace(reading, area=area or reading.area))
    return out


def _keep_cells(found: dict[int, GradeReading], row: str, offset: int) -> None:
    """The grades of a table row as the cleaner writes it, each for its column: "Force: Gwent
    Police | PEEL year: 2017 | Effectiveness: Requires improvement | Efficiency: Good"; under a
    column that only says it holds grades ("Grade: Adequate") the row's first cell is the area.
    Only a row whose first cell is labelled or names a force is read so: a row whose first
    cell is bare ("Armed response capability | Effectiveness: Ungraded") is graded for that
    cell, and is read as a label instead (`_LABELS`)."""
    cursor, first = 0, None
    for cell in row.split(" | "):
        label, sep, value = cell.partition(": ")
        grade = value.strip()
        first = (value if sep else label).strip() if first is None else first
        if sep and _ANY_GRADE.fullmatch(grade):
            area = first if _GRADE_ASKED.search(label) else label.strip()
            start = offset + cursor + len(label) + len(sep) + (len(value) - len(value.lstrip()))
            found[start] = GradeReading(
                " ".join(grade.lower().split()), area, start, start + len(grade), "label"
            )
        cursor += len(cell) + len(" | ")


def states_grade(text: str) -> bool:
    return bool(read_grades(text))


def _lines(text: str) -> list[tuple[int, str]]:
    """Each line with where it starts; a line of labels run together is cut after each grade."""
    lines, cursor = [], 0
    for line in text.split("\n"):
        start = 0
        for m in _RUN_ON.finditer(line):
            lines.append((cursor + start, line[start : m.end()]))
            start = m.end() + len(line[m.end() :]) - len(line[m.end() :].lstrip())
        lines.append((cursor + start, line[start:]))
        cursor += len(line) + 1
    return lines


def _keep(found: dict[int, GradeReading], m: re.Match[str], offset: int, form: str) -> bool:
    """Record the grade `m` states unless one is already read there; whether it was."""
    groups = m.groupdict()
    group = "grade" if groups.get("grade") else "grade2"
    start, end = m.start(group) + offset, m.end(group) + offset
    if any(r.start <= start < r.end for r in found.values()):
        return False
    area = groups.get("area")
    if area is not None and _NOT_AN_AREA.match(area.strip()):
        if form == "label":
            return False  # a scale's header row ("Outstanding | Good | …") or an empty count
        area = None
    if area is not None and _COUNTED.match(area.strip()):
        area = None  # "Good: at least 2" counts areas, it names none
    found[start] = GradeReading(
        " ".join(m.group(group).lower().split()),
        " ".join(area.strip(" –—-'‘’\"“”").split()) if area else None,
        start,
        end,
        form,
    )
    return True


_GRADE_ASKED = re.compile(
    r"\b(?:grade|graded|grades|grading|gradings|judg\w*|rated|rating|ratings|how good|any good|"
    r"verdict)\b|\bhow (?:did|do|does|would) (?:\S+ ){1,4}rate\b",
    re.IGNORECASE,
)  # "How did the inspectors rate the force's work …" asks a grade
JUDGING_WORDS = (
    "grade graded grading gradings judgment judgement judged rated rating inspectors inspectorate "
    "hmicfrs think thought view conclude concluded conclusion find found verdict"
)
"""Words that ask for a judgement, not name the area judged: in a grade question they are the
ask ("what did the inspectors conclude about …"), so no statement is scored on them."""
_JUDGE = r"(?:inspector\w*|inspection\w*|inspectorate|hmicfrs|report|peel)"
_JUDGING = r"(?:think|thought|view|conclude\w*|find|found|say|said|judge\w*)"
_JUDGEMENT_ASKED = re.compile(
    rf"\bhow (?:well|effective(?:ly)?|efficient(?:ly)?)\b.{{0,100}}?\b{_JUDGE}\b|"
    rf"\b{_JUDGE}\b.{{0,100}}?\b{_JUDGING}\b|\b{_JUDGING}\b.{{0,100}}?\b{_JUDGE}\b",
    re.IGNORECASE,
)

_JUDGED_ONLY = re.compile(r"judg\w*", re.IGNORECASE)
"""In a figure question a participle judges the thing counted: "what proportion of cases were
judged to give a good service" asks a share, not a grade."""
_ENTITY_ASKED = re.compile(r"\s*(?:which|who|whom|where|when)\b", re.IGNORECASE)


def names_grade(question: str) -> bool:
    """Whether a question asks for a grade in so many words ("graded", "rating", "how good"), not
    only for the inspectors' view ("what did the inspectors think of …"), which a sentence of
    judgement answers as well as a grade does."""
    return bool(_GRADE_ASKED.search(question))


def asks_grade(question: str, wants_figure: bool = False) -> bool:
    """Whether a question asks how an area was judged: a grade word or "how good"; or, when it
    asks no figure, "how well" or "what did … think/say/find" with the inspectors or their report
    as the judge ("How well did the 2018/19 inspectors think the force talks to the public?"). "What
    did the report find the 101 abandonment rate was?" asks a figure."""
    asked = _GRADE_ASKED.search(question)
    if asked and not (wants_figure and _JUDGED_ONLY.fullmatch(asked.group(0))):
        return True
    entity = _ENTITY_ASKED.match(question)  # "Which university does the report say …"
    return not wants_figure and not entity and bool(_JUDGEMENT_ASKED.search(question))


class _Concept(Protocol):
    """What `grade_for_area` needs of a question's concept (question.Concept is one)."""

    @property
    def weight(self) -> float: ...

    @property
    def known(self) -> bool: ...

    def matches(self, stems: frozenset[str]) -> bool: ...


def grade_for_area(concepts: Sequence[_Concept], text: str) -> GradeReading | None:
    """The grade a text states for the area the question names best (the first on a tie, and
    the first when none is named): in "Good: Preventing crime | Requires improvement:
    Investigating crime" the answer about investigating crime is "Requires improvement"."""
    readings = read_grades(text)
    known = [c for c in concepts if c.known]
    if not readings or not known:
        return readings[0] if readings else None

    def named(reading: GradeReading) -> float:
        stems = frozenset(lexical_tokens(reading.area or ""))
        return sum(c.weight for c in known if c.matches(stems))

    return max(readings, key=named)  # max keeps the first of equals
