"""Contradicted variants of the tuned-on supported claims, made by edits whose verdict is known.

Each supported claim of `eval/claims.jsonl` and `eval/forces/claims.jsonl` is edited one
way at a time so that it says something its source does not: a direction word swapped
("rose" -> "fell"), a qualifier dropped or changed ("less than 3%" -> "3%", "about" ->
"exactly"), a period moved a year ("2021/22" -> "2020/21"), a figure moved a little
("14 of the 19" -> "15 of the 19"), or a force's figure and its comparator's swapped. An
edit is kept only when its source text settles the new verdict: a moved period only when
no sentence near the figure in its documents names the new period; a changed figure only
when neither side hedges it; a qualifier only when the source states one. No engine is
consulted. The variants go to `eval/perturbed_claims.jsonl` (schema of `eval/claims.jsonl`;
`origin` names the source claim and the edit):

    python eval/perturb.py
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    (ROOT / "eval" / "claims.jsonl", ROOT / "corpus"),
    (ROOT / "eval" / "forces" / "claims.jsonl", ROOT / "eval" / "forces" / "corpus"),
)
OUT = ROOT / "eval" / "perturbed_claims.jsonl"

_PAIRS = (
    ("rose", "fell"),
    ("risen", "fallen"),
    ("rising", "falling"),
    ("rise", "fall"),
    ("increased", "decreased"),
    ("increase", "decrease"),
    ("increasing", "decreasing"),
    ("improved", "worsened"),
    ("faster", "slower"),
    ("quicker", "slower"),
    ("higher", "lower"),
    ("highest", "lowest"),
    ("better", "worse"),
    ("above", "below"),
    ("more", "fewer"),
    ("up", "down"),
    ("grew", "shrank"),
    ("doubled", "halved"),
    ("raised", "cut"),
    ("reduced", "increased"),
    ("reduction", "increase"),
    ("dropped", "rose"),
    ("cut", "raised"),
    ("less", "more"),
    ("gained", "lost"),
)
DIRECTION = {a: b for a, b in _PAIRS} | {b: a for a, b in _PAIRS if b not in {x for x, _ in _PAIRS}}
_DIRECTION_WORD = re.compile(r"\b(" + "|".join(sorted(DIRECTION, key=len, reverse=True)) + r")\b")
_NOT_DIRECTION = re.compile(
    r"(?:\bno|\bnot|\bup to|\bmore than|\bless than|\bfewer than|\bgiv(?:e|es|ing)|\bgave|"
    r"\bmak(?:e|es|ing)|\bmade|\bset|\bpick(?:ed|s)?)\s*$",
    re.IGNORECASE,
)  # "saw no increase", "up to 200", "more than 100": not a claimed direction
_BOUND_AFTER = re.compile(r"^\s*(?:to\b|than\s+[\d£])", re.IGNORECASE)  # "up to", "more than 5"
_UP_DOWN = re.compile(r"^\s+(?:from|on|by)\b", re.IGNORECASE)  # "up from 37", not "make up"
_COUNTED = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|further))\s*$")
_MOVED_IN_SOURCE = re.compile(
    r"\b(?:ris|rose|fell|fall|increas|decreas|reduc|improv|deteriorat|faster|slower|quicker|"
    r"higher|lower|highest|lowest|better|worse|more|fewer|less|above|below|up|down|grew|cut|"
    r"dropp|halv|doubl|from\s+[\d£]|compared|against|gain|additional|raise|continue)",
    re.IGNORECASE,
)  # the source states a direction or comparison the swapped word now denies

_BOUNDS = {
    "less than": "more than",
    "fewer than": "more than",
    "under": "over",
    "below": "above",
    "more than": "less than",
    "over": "under",
    "above": "below",
    "exceeding": "under",
    "just over": "just under",
    "nearly": "over",
    "almost": "over",
    "at least": "at most",
    "up to": "at least",
}
_HEDGES = ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated")
_QUALIFIER = re.compile(
    r"\b("
    + "|".join(sorted((*_BOUNDS, *_HEDGES), key=len, reverse=True))
    + r")\s+(?=[£\d]|(?:one|two|three|four|five|six|seven|eight|nine|ten|a third)\b)",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen".split()
)
_NUMBER = re.compile(r"(?<![\d.,/])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d/])")
_YEAR = re.compile(r"\b(20[0-3]\d|19\d\d)(?:([/–-])(\d{2}))?\b")
_COMPARATOR = re.compile(
    r"\b(?:national|England and Wales|most similar|all forces|all-force|across all)\b",
    re.IGNORECASE,
)


def collapse(text: str) -> str:
    return " ".join(text.split())


def _variant(
    claim: dict[str, Any],
    text: str,
    figures: list[str],
    expected: list[str],
    reason: str,
    edit: str,
) -> dict[str, Any]:
    return {
        "id": "",
        "text": text,
        "verdict": "contradicted",
        "figures": figures,
        "expected": expected,
        "docs": claim["docs"],
        "evidence": claim["evidence"],
        "reason": reason,
        "origin": f"{claim['id']}: {edit}",
    }


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _cased(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def _figures_after(claim: dict[str, Any], old: str, new: str) -> list[str]:
    return [f.replace(old, new, 1) if old in f else f for f in claim["figures"]]


def direction_variants(claim: dict[str, Any], source: str) -> Iterator[dict[str, Any]]:
    """Each direction or comparison word swapped, where the source states one too."""
    if not _MOVED_IN_SOURCE.search(source):
        return
    text = claim["text"]
    for m in _DIRECTION_WORD.finditer(text.lower()):
        word = m.group(1)
        if _NOT_DIRECTION.search(text[: m.start()]) or _BOUND_AFTER.match(text[m.end() :]):
            continue
        if word in ("up", "down") and not _UP_DOWN.match(text[m.end() :]):
            continue  # "giving up on 101", "make up 8.4 percent": no direction
        if word in ("more", "fewer") and _COUNTED.search(text[: m.start()]):
            continue  # "two more as complete": a count, not a comparison
        new = _cased(DIRECTION[word], text[m.start() : m.end()])
        if word == "cut" and re.search(r"(?:\ba|\ban|per cent|%)\s*$", text[: m.start()]):
            new = "increase"  # "a 56 per cent cut": a noun
        start = m.start()
        article = re.search(r"\b(an?) $", text[:start])
        if article:  # "an increase" -> "a decrease"
            start = article.start()
            new = ("an " if new[:1].lower() in "aeiou" else "a ") + new
        edited = _replace(text, start, m.end(), new)
        figures = [f for f in claim["figures"] if f in edited]
        if len(figures) == len(claim["figures"]):
            yield _variant(
                claim,
                edited,
                figures,
                _expected(claim, source),
                "wrong_direction",
                f"direction {text[m.start() : m.end()]!r} -> {new!r}",
            )


def qualifier_variants(
    claim: dict[str, Any], source: str, evidence: str
) -> Iterator[dict[str, Any]]:
    """A bound the source states dropped or turned round; a hedge made "exactly"."""
    text = claim["text"]
    for m in _QUALIFIER.finditer(text):
        said = m.group(1).lower()
        token = re.match(r"£?([\w.,/-]+?)(?=[\s,.;)%]|$)", text[m.end() :])
        assert token is not None  # the pattern's lookahead saw a figure or number word
        value = token.group(1)
        threshold = bool(re.match(r"[\w.,]+\s+(?:seconds|minutes)\b", text[m.end() :]))
        if not threshold and not any(value in f for f in claim["figures"]):
            continue  # "Procurement under £60K": a name, not a claimed figure
        stated = re.search(
            rf"\b({'|'.join(sorted((*_BOUNDS, *_HEDGES), key=len, reverse=True))})\s+"
            rf"(?:the\s+)?£?{re.escape(value)}",
            evidence,
            re.IGNORECASE,
        )
        if stated is None:
            continue  # the source states no qualifier for this figure: nothing certain
        found = stated.group(1).lower()
        tail = re.match(r"[\w.,]*(?:%| per ?cent| percent)?", evidence[stated.end() :])
        expected = [stated.group(0) + (tail.group(0).rstrip(".,") if tail else "")]
        if found in _HEDGES or said in _HEDGES:
            if found in _HEDGES and said in _HEDGES:
                edited = _replace(text, m.start(), m.end() - 1, _cased("exactly", m.group(1)))
                yield _qualifier_variant(claim, text, edited, m.group(1), "exactly", expected)
            continue
        turned = _cased(_BOUNDS[said], m.group(1))
        edited = _replace(text, m.start(), m.end() - 1, turned)
        yield _qualifier_variant(claim, text, edited, m.group(1), turned, expected)
        if threshold:
            continue  # "answered in ten seconds" may mean "in under ten seconds"
        dropped = _replace(text, m.start(), m.end(), "")
        if m.start() == 0:
            dropped = dropped[:1].upper() + dropped[1:]
        yield _qualifier_variant(claim, text, dropped, m.group(1), "", expected)
    for hedge in re.finditer(rf"\b({'|'.join(_HEDGES)})\s+([£\d][\d,.]*)", evidence, re.I):
        bare = re.search(rf"(?<![\w£.,]){re.escape(hedge.group(2))}(?![\d])", text)
        before = text[: bare.start()] if bare else ""
        if bare and not _QUALIFIER.search(before[-20:] + " 1"):
            edited = _replace(text, bare.start(), bare.start(), "exactly ")
            yield _qualifier_variant(claim, text, edited, "", "exactly", [hedge.group(0)])


def _qualifier_variant(
    claim: dict[str, Any], text: str, edited: str, old: str, new: str, expected: list[str]
) -> dict[str, Any]:
    figures = [f for f in claim["figures"] if f in edited]
    figures += [
        f.replace(old, new, 1).strip() if old else f"{new} {f}"
        for f in claim["figures"]
        if f not in edited
    ]
    figures = [_verbatim(f, edited) for f in figures if f]
    figures = [f for f in figures if f in edited]
    return _variant(
        claim,
        edited,
        figures or claim["figures"],
        expected,
        "wrong_qualifier",
        f"qualifier {old or '(none)'!r} -> {new or '(none)'!r}",
    )


def _verbatim(figure: str, text: str) -> str:
    """The figure as the text writes it: "A third" at a sentence's start for "a third"."""
    found = re.search(re.escape(figure), text, re.IGNORECASE)
    return found.group(0) if found else figure


def period_variants(
    claim: dict[str, Any], source: str, documents: list[str]
) -> Iterator[dict[str, Any]]:
    """Each period the claim names moved a year back, unless its documents give a claimed
    figure near the new period (where the moved claim might still hold)."""
    text = claim["text"]
    ranges = [(r.start(), r.end()) for r in _RANGE.finditer(text)]
    done: set[int] = set()
    for m in _YEAR.finditer(text):
        if m.start() in done:
            continue
        run = next(((a, b) for a, b in ranges if a <= m.start() < b), (m.start(), m.end()))
        moved = [y for y in _YEAR.finditer(text) if run[0] <= y.start() < run[1]] or [m]
        done.update(y.start() for y in moved)  # "between November 2021 and April 2022" moves whole
        edited, label, figures = text, [], list(claim["figures"])
        for y in reversed(moved):
            new = _year_before(y)
            edited = _replace(edited, y.start(), y.end(), new)
            label.insert(0, f"{y.group(0)!r} -> {new!r}")
            figures = [f.replace(y.group(0), new) if f not in edited else f for f in figures]
        sentence = next(s for s in _sentences(text) if s[0] <= m.start() < s[1])
        if not any(f in text[sentence[0] : sentence[1]] for f in claim["figures"]):
            continue  # a period in another sentence than any claimed figure
        if any(
            _near(doc, f, _year_before(y))
            for doc in documents
            for f in claim["figures"]
            for y in moved
        ):
            continue
        yield _variant(
            claim,
            edited,
            [f for f in figures if f in edited],
            _expected(claim, source),
            "wrong_period",
            f"period {', '.join(label)}",
        )


_RANGE = re.compile(
    r"\b(?:[Bb]etween|[Ff]rom)\s+(?:\d{1,2}\s+)?[A-Z][a-z]+(?:\s+(?:19|20)\d\d)?\s+(?:and|to)\s+"
    r"(?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:19|20)\d\d\b"
)  # e.g. "between November 2021 and April 2022", "from 1 November 2021 to 30 April 2022"


def _year_before(year: re.Match[str]) -> str:
    new = str(int(year.group(1)) - 1)
    if year.group(3):
        new += year.group(2) + f"{(int(year.group(3)) - 1) % 100:02d}"
    return new


def _sentences(text: str) -> list[tuple[int, int]]:
    ends = [m.end() for m in re.finditer(r"[.;](?=\s+[A-Z]|$)", text)]
    starts = [0, *ends]
    return list(zip(starts, [*ends, len(text) + 1], strict=True))


def _near(document: str, figure: str, period: str, reach: int = 400) -> bool:
    """Whether the document names `period` (or its first year; or any text) within `reach` of
    the figure."""
    core = _NUMBER.search(figure)
    needle = re.escape(core.group(0) if core else figure)
    named = re.compile(rf"(?<![\d.,]){re.escape(period)}(?![\d])|(?<!\d){period[:4]}(?!\d)")
    for m in re.finditer(rf"(?<![\d.,]){needle}(?![\d])", document):
        if named.search(document, max(0, m.start() - reach), m.end() + reach):
            return True
    return False


def figure_variants(
    claim: dict[str, Any], source: str, documents: list[str]
) -> Iterator[dict[str, Any]]:
    """Each bare figure moved by a little: 12.7% -> 12.9%, 14 -> 15, "14 of the 19" -> "15 of
    the 19"; never a hedged, ranged or dated one."""
    text = claim["text"]
    for figure in claim["figures"]:
        at = _figure_at(text, figure)
        if re.search(
            r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
            figure,
        ):
            continue  # a date: moving it is a period edit
        if (
            at < 0
            or _YEAR.fullmatch(figure)
            or "/" in figure
            or re.search(r"\d(st|nd|rd|th)\b", figure)
        ):
            continue
        if re.search(r"\bbetween\b|\bto\b|–|-", figure) or _QUALIFIER.search(
            text[max(0, at - 20) : at] + figure[:1]
        ):
            continue
        if _hedged_in(source, figure):
            continue
        moved = _moved(figure)
        if (
            moved is None
            or moved in source
            or any(_near(d, figure, _core(moved)) for d in documents)
        ):
            continue  # the documents give the new figure beside the old: perhaps for this measure
        edited = _replace(text, at, at + len(figure), moved)
        kind = "wrong_part" if re.search(r"\b(?:of|out of|from)\b", figure) else "wrong_figure"
        yield _variant(
            claim,
            edited,
            [moved if f == figure else f for f in claim["figures"]],
            [figure if collapse(figure) in source else _core(figure)],
            kind,
            f"figure {figure!r} -> {moved!r}",
        )


def _figure_at(text: str, figure: str) -> int:
    m = re.search(rf"(?<![\w.,£]){re.escape(figure)}(?![\d])", text)
    return m.start() if m else -1


def _hedged_in(source: str, figure: str) -> bool:
    core = _core(figure)
    hedge = "|".join(sorted((*_BOUNDS, *_HEDGES), key=len, reverse=True))
    return bool(re.search(rf"\b(?:{hedge})\s+{re.escape(core)}", source, re.IGNORECASE))


def _core(figure: str) -> str:
    m = _NUMBER.search(figure)
    if m:
        return m.group(0)
    word = figure.split()[0]
    return word


def _moved(figure: str) -> str | None:
    """The figure with its first number moved by one in its last place: 12.7 -> 12.9 (two
    tenths, so rounding cannot join them), 14 -> 15, "nine" -> "ten"."""
    m = _NUMBER.search(figure)
    if m:
        whole, decimals = m.group(1), m.group(2) or ""
        places = len(decimals) - 1 if decimals else 0
        value = int(whole.replace(",", "")) * 10**places + (int(decimals[1:]) if decimals else 0)
        value += 2 if places or value + 1 in (101, 999) else 1  # "101 officers": a phone line
        integer, fraction = divmod(value, 10**places) if places else (value, 0)
        text = f"{integer:,}" if "," in whole else str(integer)
        if places:
            text += "." + f"{fraction:0{places}d}"
        return figure[: m.start()] + text + figure[m.end() :]
    word = figure.split()[0].lower()
    if word in _NUMBER_WORDS[:-1]:
        nxt = _NUMBER_WORDS[_NUMBER_WORDS.index(word) + 1]
        return _cased(nxt, figure) + figure[len(word) :]
    return None


def comparator_variants(claim: dict[str, Any], source: str) -> Iterator[dict[str, Any]]:
    """A force's figure and its comparator's swapped, where the claim gives both and names the
    comparator: "£155, against a national average of £177" -> "£177, against ... £155"."""
    figures = claim["figures"]
    text = claim["text"]
    if len(figures) != 2 or not _COMPARATOR.search(text) or not _COMPARATOR.search(source):
        return
    a, b = figures
    ia, ib = _figure_at(text, a), _figure_at(text, b)
    if ia < 0 or ib < 0 or ia == ib or _unit(a) != _unit(b) or a == b:
        return
    first, second = (a, b) if ia < ib else (b, a)
    i1, i2 = min(ia, ib), max(ia, ib)
    between = text[i1 + len(first) : i2]
    if not _COMPARATOR.search(text[i1:]) or re.search(r"\bfrom\b", text[max(0, i1 - 12) : i1]):
        return  # "from 33.4% to 12.7%" is a change, not a comparison
    edited = text[:i1] + second + between + first + text[i2 + len(second) :]
    yield _variant(
        claim,
        edited,
        [second, first],
        [first, second],
        "wrong_role",
        f"comparator swapped: {first!r} <-> {second!r}",
    )


def _unit(figure: str) -> str:
    return re.sub(r"[\d,.]+", "#", figure)


def _expected(claim: dict[str, Any], source: str) -> list[str]:
    return [f for f in claim["figures"] if collapse(f) in source] or [
        c for f in claim["figures"] if (c := _core(f)) in source
    ]


def variants(claim: dict[str, Any], corpus: Path) -> list[dict[str, Any]]:
    documents = [
        collapse((corpus / f"{d}.txt").read_text(encoding="utf-8"))
        for d in claim["docs"]
        if (corpus / f"{d}.txt").is_file()
    ]
    evidence = " | ".join(collapse(e) for e in claim["evidence"])
    source = " | ".join(documents)
    found = [
        *direction_variants(claim, evidence),
        *qualifier_variants(claim, source, evidence),
        *period_variants(claim, source, documents),
        *figure_variants(claim, evidence, documents),
        *comparator_variants(claim, evidence),
    ]
    unique: dict[str, dict[str, Any]] = {}
    for v in found:
        if v["text"] != claim["text"] and v["expected"] and v["figures"]:
            unique.setdefault(v["text"], v)
    for n, v in enumerate(unique.values(), start=1):
        v["id"] = f"{claim['id']}p{n}"
    return list(unique.values())


def main() -> None:
    out = []
    for path, corpus in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and (claim := json.loads(line))["verdict"] == "supported":
                out.extend(variants(claim, corpus))
    OUT.write_text("".join(json.dumps(v, ensure_ascii=False) + "\n" for v in out), encoding="utf-8")
    kinds: dict[str, int] = {}
    for v in out:
        kinds[v["reason"]] = kinds.get(v["reason"], 0) + 1
    print(f"{len(out)} variants -> {OUT.relative_to(ROOT)}: {kinds}")


if __name__ == "__main__":
    main()
