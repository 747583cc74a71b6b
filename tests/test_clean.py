"""assistant/clean.py on the corpus's real extraction damage, and on small synthetic cases.

Expected text is read from the sources: the minutes of 31 October 2022 carry an OPCC footer
("Sutton Road, Maidstone, Kent ME15 9BZ") on every page and sentences wrapped across blank
lines; the panel paper of 6 February 2024 has `**bold**`, `[text](#)` links and a
tab-separated grades table; the August–October 2024 board paper has a `[bookmark: …]`; the
2021/22 summary puts each grade on its own line under its area.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.clean import CleanedText, clean_document
from assistant.load import list_corpus, load_file
from assistant.types import RawDocument

MINUTES = "2022-10-31-pdb-minutes-peel-improvement-plan"
PANEL = "2024-02-06-panel-paper-peel-2023-25"
BOARD_PAPER = "2024-11-pdb-paper-inspections-audits-reviews"
SUMMARY = "2022-force-summary-peel-2021-22"
REPORT_2019 = "2019-05-hmicfrs-peel-2018-19-kent"
DOC_IDS = [REPORT_2019, MINUTES, SUMMARY, PANEL, BOARD_PAPER]


@pytest.fixture(scope="module")
def cleaned(project_root: Path) -> dict[str, CleanedText]:
    return {
        path.stem: clean_document(load_file(path, project_root))
        for path in list_corpus(project_root / "corpus")
    }


def texts(cleaned: CleanedText, kind: str | None = None) -> list[str]:
    """The text of each block (of one kind, if given)."""
    return [cleaned.text[b.start : b.end] for b in cleaned.blocks if kind is None or b.kind == kind]


def raw(lines: list[str], pages: list[int] | None = None) -> RawDocument:
    return RawDocument(
        "synthetic.txt",
        tuple(lines),
        tuple(pages) if pages else None,
        max(pages) if pages else None,
        "0" * 64,
    )


# --- every document: blocks index the text exactly --------------------------------------------------


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_blocks_are_trimmed_spans(cleaned: dict[str, CleanedText], doc_id: str) -> None:
    doc = cleaned[doc_id]
    bad = [t[:60] for t in texts(doc) if not t or t != t.strip()]
    assert not bad, f"each block spans non-empty text with no surrounding space: {bad}"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_blocks_cover_the_text_in_order(cleaned: dict[str, CleanedText], doc_id: str) -> None:
    doc = cleaned[doc_id]
    cursor, gaps = 0, []
    for block in doc.blocks:
        if doc.text[cursor : block.start] not in ("", "\n", "\n\n"):
            gaps.append((cursor, block.start, doc.text[cursor : block.start][:40]))
        cursor = block.end
    assert not gaps and cursor == len(doc.text), f"blocks tile the text, joined by newlines: {gaps}"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_no_markdown_or_link_debris(cleaned: dict[str, CleanedText], doc_id: str) -> None:
    debris = [
        m for m in ("**", "](#)", "[bookmark:", "###", "\t", "\u00a0") if m in cleaned[doc_id].text
    ]
    assert not debris, f"no Markdown, link, bookmark, tab or no-break-space debris: {debris}"


# --- the minutes of 31 October 2022 -----------------------------------------------------------------


@pytest.mark.parametrize(
    "footer",
    ["Sutton Road", "contactyourpcc", "ME15 9BZ", "01622 677055", "www.kent-pcc.gov.uk"],
)
def test_minutes_footer_is_gone(cleaned: dict[str, CleanedText], footer: str) -> None:
    holding = [t[:60] for t in texts(cleaned[MINUTES]) if footer in t]
    assert not holding, f"no block holds the page footer's {footer!r}: {holding}"


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "The PCC welcomed those present, including members of the public and press, as well "
            "as those watching online to a special meeting of the Board to discuss the HMICFRS "
            "PEEL Report and Improvement Plan.",
            id="wrapped-over-a-blank-line",
        ),
        pytest.param(
            "The PCC explained that with the fieldwork conducted nearly a year ago, a ‘hot "
            "debrief’ and the substantive report published there had been an opportunity to get "
            "to grips with the issues highlighted.",
            id="wrapped-over-a-blank-line-2",
        ),
        pytest.param(
            "He said some Districts had increased by 18 constable’s and others had seen no "
            "increase as it was based on the RAM.",
            id="hard-wrapped",
        ),
        pytest.param(
            "but he hoped the 35 officers who were going into the FCR would have an immediate "
            "impact and there would a change in the next 2-4 weeks.",
            id="range-hyphen-at-line-end",
        ),
    ],
)
def test_minutes_wrapped_sentence_is_whole(cleaned: dict[str, CleanedText], sentence: str) -> None:
    assert any(sentence in t for t in texts(cleaned[MINUTES])), f"one block holds {sentence!r}"


def test_minutes_sentence_after_the_footer_is_its_own_bullet(
    cleaned: dict[str, CleanedText],
) -> None:
    # The footer sits between two bullets on the page break; neither absorbs the other.
    opening = "With regards to the Force’s overall recruitment, the DCO reported"
    starts = [t for t in texts(cleaned[MINUTES], "bullet") if t.startswith(opening)]
    assert len(starts) == 1, f"one bullet starts {opening!r}"


def test_minutes_date_line_is_kept(cleaned: dict[str, CleanedText]) -> None:
    assert "Date & time: Monday 31 October 2022" in texts(cleaned[MINUTES]), (
        "the date line is a block of its own"
    )


def test_minutes_title_block_comes_first(cleaned: dict[str, CleanedText]) -> None:
    first = texts(cleaned[MINUTES])[0]
    assert first == "Title: Bespoke HMICFRS PEEL Inspection - Performance and Delivery Board", (
        f"the title block left mid-page by extraction is moved to the top: {first!r}"
    )


@pytest.mark.parametrize("glyph", ["•", "➢"])
def test_minutes_bullet_glyphs_are_gone(cleaned: dict[str, CleanedText], glyph: str) -> None:
    assert glyph not in cleaned[MINUTES].text, f"no {glyph!r} glyph is left in the text"


def test_minutes_o_bullets_are_stripped(cleaned: dict[str, CleanedText]) -> None:
    left = [t[:60] for t in texts(cleaned[MINUTES]) if t.startswith("o ")]
    assert not left, f"no block starts with the 'o' sub-bullet glyph: {left}"


def test_minutes_o_sub_bullet_is_a_bullet(cleaned: dict[str, CleanedText]) -> None:
    item = "Whilst early days and RVR was still being evaluated, he said it was a useful technological tool."
    assert item in texts(cleaned[MINUTES], "bullet"), f"the 'o' item is a bullet: {item!r}"


@pytest.mark.parametrize(
    "slide",
    [
        "Slide 7",
        "Slide 18",
        "Slide 19",
        "Slide 20",
        "Slide 21",
        "Slide 22 and 23 – FCR performance",
        "Slide 24 – VAWG performance",
        "Slide 25 – VAWG Strategy one year on",
    ],
)
def test_minutes_slide_title_is_a_heading(cleaned: dict[str, CleanedText], slide: str) -> None:
    assert slide in texts(cleaned[MINUTES], "heading"), f"{slide!r} is a heading block of its own"


def test_minutes_afi_line_is_a_heading(cleaned: dict[str, CleanedText]) -> None:
    afi = "AFI 2: The force is failing to properly resource the teams that investigate domestic abuse."
    assert afi in texts(cleaned[MINUTES], "heading"), "a ➢ AFI line heads the discussion under it"


# --- the panel paper of 6 February 2024 -------------------------------------------------------------


@pytest.mark.parametrize(
    "link_text",
    [
        "PEEL Assessment Framework 2023-2025",
        "full report",
        "here",
        "Making Kent Safer",
        "Joint Audit Committee",
    ],
)
def test_panel_link_brackets_are_gone(cleaned: dict[str, CleanedText], link_text: str) -> None:
    assert f"[{link_text}]" not in cleaned[PANEL].text, f"[{link_text}](#) loses its brackets"


def test_panel_link_text_is_kept(cleaned: dict[str, CleanedText]) -> None:
    sentence = "the full report can be viewed on their website."
    assert sentence in cleaned[PANEL].text, "the link's words stay in the sentence"


def test_panel_emphasis_markers_are_gone(cleaned: dict[str, CleanedText]) -> None:
    assert "*" not in cleaned[PANEL].text, "no ** or * emphasis markers remain"


@pytest.mark.parametrize(
    "heading",
    [
        "Introduction:",
        "Holding to account:",
        "Police Effectiveness, Efficiency and Legitimacy (PEEL) 2023/25 – An Inspection of Kent Police",
        "Responding to the Public – Requires Improvement (4 AFIs)",
        "Disrupting Serious and Organised Crime – Good (1 AFI)",
    ],
)
def test_panel_markdown_heading(cleaned: dict[str, CleanedText], heading: str) -> None:
    assert heading in texts(cleaned[PANEL], "heading"), f"{heading!r} is a heading block"


def test_panel_key_value_lines_are_not_headings(cleaned: dict[str, CleanedText]) -> None:
    assert "Date: 6 February 2024" in texts(cleaned[PANEL], "paragraph"), (
        "the bold 'Date:' line is a line of text, not a heading"
    )


@pytest.mark.parametrize(
    "cell",
    [
        "Requires improvement: Investigating crime",
        "Requires improvement: Responding to the public",
        "Adequate: Managing offenders",
        "Adequate: Tackling workforce corruption",
        "Good: Preventing crime",
        "Good: Protecting vulnerable people",
        "Good: Leadership & force management",
    ],
)
def test_panel_grades_table_keeps_cells_beside_their_column(
    cleaned: dict[str, CleanedText], cell: str
) -> None:
    rows = texts(cleaned[PANEL], "table_row")
    assert any(cell in row for row in rows), f"a grades table row holds {cell!r}: {rows[:3]}"


def test_panel_grades_table_header_row(cleaned: dict[str, CleanedText]) -> None:
    header = "Outstanding | Good | Adequate | Requires improvement | Inadequate"
    assert header in texts(cleaned[PANEL], "table_row"), "the header row is kept as a row"


def test_panel_wrapped_paragraph_11_is_whole(cleaned: dict[str, CleanedText]) -> None:
    # Appendix A paragraph 11 breaks after "this was h" and goes on, after a blank line,
    # with "outcome rate across all forces …".
    ends = [t for t in texts(cleaned[PANEL]) if t.startswith("11. Stop and search powers")]
    assert ends and ends[0].endswith("was described by HMICFRS as exemplary."), (
        f"paragraph 11 runs on to its last sentence: {[e[-80:] for e in ends]}"
    )


# --- the August–October 2024 board paper ------------------------------------------------------------


def test_board_paper_bookmark_is_gone(cleaned: dict[str, CleanedText]) -> None:
    assert "bookmark" not in cleaned[BOARD_PAPER].text.lower(), "no [bookmark: …] artefact remains"


def test_board_paper_bookmarked_sentence_starts_its_block(cleaned: dict[str, CleanedText]) -> None:
    opening = "The force is confident that overdue active risk management system assessments"
    assert any(t.startswith(opening) for t in texts(cleaned[BOARD_PAPER])), (
        "the sentence behind the bookmark starts its paragraph cleanly"
    )


@pytest.mark.parametrize(
    "heading",
    [
        "3.1 HMICFRS Publication - An inspection report on progress to introduce a national "
        "operating model for rape and other serious sexual offence investigations",
        "3.4 HMICFRS Publication – The policing response to anti-social behaviour",
    ],
)
def test_board_paper_numbered_section_heading(
    cleaned: dict[str, CleanedText], heading: str
) -> None:
    headings = texts(cleaned[BOARD_PAPER], "heading")
    assert any(h.startswith(heading[:60]) for h in headings), f"{heading[:60]!r}… is a heading"


# --- the 2021/22 force summary and the 2019 report: grades on their own lines -----------------------


@pytest.mark.parametrize(
    ("doc_id", "area", "grade"),
    [
        pytest.param(
            SUMMARY, "Investigating crime", "Requires Improvement", id="2021-investigating"
        ),
        pytest.param(
            SUMMARY, "Responding to the public", "Requires Improvement", id="2021-responding"
        ),
        pytest.param(SUMMARY, "Crime data integrity", "Outstanding", id="2021-crime-data"),
        pytest.param(SUMMARY, "Protecting vulnerable people", "Adequate", id="2021-vulnerable"),
        pytest.param(
            SUMMARY, "Managing offenders and suspects", "Requires Improvement", id="2021-offenders"
        ),
        pytest.param(SUMMARY, "Victim service assessment", "Not Graded", id="2021-glued-heading"),
        pytest.param(
            SUMMARY,
            "Strategic Planning, Organisational Management and Value for Money",
            "Good",
            id="2021-grade-in-brackets",
        ),
        pytest.param(REPORT_2019, "Investigating crime", "Good", id="2019-investigating"),
        pytest.param(REPORT_2019, "Planning for the future", "Outstanding", id="2019-planning"),
        pytest.param(REPORT_2019, "Treating the public fairly", "Outstanding", id="2019-fairness"),
    ],
)
def test_area_heading_carries_its_grade(
    cleaned: dict[str, CleanedText], doc_id: str, area: str, grade: str
) -> None:
    headings = [h for h in texts(cleaned[doc_id], "heading") if h.startswith(area)]
    assert any(grade in h for h in headings), f"the {area!r} heading reads {grade!r}: {headings}"


def test_summary_peel_governance_is_a_heading(cleaned: dict[str, CleanedText]) -> None:
    # "PEEL Governance." stands alone between paragraphs 46 and 47, like the area headings;
    # paragraphs 47-48 are about governance, not value for money.
    headings = texts(cleaned[SUMMARY], "heading")
    assert any(h.rstrip(".") == "PEEL Governance" for h in headings), (
        f"'PEEL Governance.' heads paragraphs 47-48; headings end with {headings[-3:]}"
    )


def test_report_2019_paragraph_across_a_page_break_is_whole(
    cleaned: dict[str, CleanedText],
) -> None:
    sentence = "The plan includes close working between the IMU and divisions."
    assert any(sentence in t for t in texts(cleaned[REPORT_2019])), (
        "the paragraph broken after 'The plan includes' is joined"
    )


# --- synthetic damage ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            [
                "The force has improved the quality of its investi-",
                "gations, and its investigations are now well supervised.",
            ],
            "The force has improved the quality of its investigations, and its investigations are "
            "now well supervised.",
            id="hyphenated-word-rejoined",
        ),
        pytest.param(
            [
                "HMICFRS found the response teams on occasions were over-",
                "stretched and inexperienced.",
            ],
            "HMICFRS found the response teams on occasions were over-stretched and inexperienced.",
            id="compound-keeps-its-hyphen",
        ),
        pytest.param(
            ["There would be a change in the next 2-", "4 weeks."],
            "There would be a change in the next 2-4 weeks.",
            id="number-range",
        ),
        pytest.param(
            ["**Recommendation:**"],
            "Recommendation:",
            id="bold-heading",
        ),
        pytest.param(
            ["The [full report](#) can be viewed on their website."],
            "The full report can be viewed on their website.",
            id="link-debris",
        ),
        pytest.param(
            ["[bookmark: _Hlk182401127]The force is confident."],
            "The force is confident.",
            id="bookmark",
        ),
        pytest.param(
            ["*‘it isn’t possible to make direct comparisons.’*"],
            "‘it isn’t possible to make direct comparisons.’",
            id="italic-quote",
        ),
        pytest.param(
            ["• He advised it was a meeting held in public."],
            "He advised it was a meeting held in public.",
            id="bullet-glyph",
        ),
        pytest.param(
            ["Kent\u00a0Police"],
            "Kent Police",
            id="no-break-space",
        ),
        pytest.param(
            [
                "Force | Reports 2023/24 | Charged",
                "Kent Police | 312 | 6",
                "Essex Police | 228 | -",
            ],
            "Force | Reports 2023/24 | Charged\n"
            "Force: Kent Police | Reports 2023/24: 312 | Charged: 6\n"
            "Force: Essex Police | Reports 2023/24: 228 | Charged: -",
            id="bare-pipe-table",
        ),
        pytest.param(
            ["News | Transport | Crime", "Most read | Newsletter sign-up | Advertisement"],
            "News | Transport | Crime Most read | Newsletter sign-up | Advertisement",
            id="menu-lines-are-no-table",
        ),
    ],
)
def test_synthetic_repair(lines: list[str], expected: str) -> None:
    assert clean_document(raw(lines)).text == expected, f"{lines} cleans to {expected!r}"


@pytest.fixture(scope="module")
def wrapped_pdf_pages() -> CleanedText:
    """A PDF-style page break: a paragraph wrapped over two pages, a footer and page numbers."""
    footer = "Office of the Kent Police & Crime Commissioner, Sutton Road, Maidstone, Kent ME15 9BZ"
    page_1 = [
        "20. Performance in respect of 999 and 101 calls was adversely affected by",
        "significant shortages of police staff call handlers in the Force Control Room",
        "however an innovative recruitment campaign has seen the call handler establishment",
        footer,
        "Page 1 of 2",
        "",
    ]
    page_2 = [
        "met since July 2023, resulting in improving performance.",
        "21. The report highlights the effective application of THRIVE.",
        footer,
        "Page 2 of 2",
        "",
    ]
    return clean_document(raw(page_1 + page_2, [1] * len(page_1) + [2] * len(page_2)))


def test_wrapped_pdf_paragraph_is_one_block(wrapped_pdf_pages: CleanedText) -> None:
    first = texts(wrapped_pdf_pages)[0]
    assert first.endswith(
        "establishment met since July 2023, resulting in improving performance."
    ), f"paragraph 20 runs on across the page break: {first[-90:]!r}"


def test_wrapped_pdf_footer_is_gone(wrapped_pdf_pages: CleanedText) -> None:
    assert "Sutton Road" not in wrapped_pdf_pages.text, (
        "the footer repeated on each page is dropped"
    )


def test_wrapped_pdf_page_numbers_are_gone(wrapped_pdf_pages: CleanedText) -> None:
    assert "Page 1 of 2" not in wrapped_pdf_pages.text, "page numbers are dropped"


def test_wrapped_pdf_blocks_keep_their_pages(wrapped_pdf_pages: CleanedText) -> None:
    pages = [(b.number, b.page) for b in wrapped_pdf_pages.blocks]
    assert pages == [("20", 1), ("21", 2)], f"each block has the page it starts on: {pages}"


def test_tab_table_rows_stay_rows() -> None:
    lines = [
        "\tKent rate\tEngland and Wales rate\t",
        "999 calls per 1,000 population 12 months ending 30 September 2018\t175\t171\t",
    ]
    rows = texts(clean_document(raw(lines)), "table_row")
    assert rows[-1] == (
        "999 calls per 1,000 population 12 months ending 30 September 2018 | Kent rate: 175 | "
        "England and Wales rate: 171"
    ), f"each figure sits beside its column header: {rows}"


def test_repeated_short_table_cells_are_kept() -> None:
    lines = ["Good", "", "Investigating crime", "", "Good", "", "Protecting people", "", "Good"]
    assert clean_document(raw(lines)).text.count("Good") == 3, (
        "a short line repeated three times is content, not a page footer"
    )


@pytest.mark.parametrize(
    "debris",
    [
        "Skip to content",
        "Skip to main content",
        "We use cookies to make this site work. Accept all cookies Reject non-essential cookies",
        "Share:",
        "Share this article: Facebook Twitter Email",
        "By Ewan Quayle",
        "By a staff reporter",
        "Photo: officers on patrol in the town centre. Picture: PA Images",
        "Photo caption: Control room staff at work. Picture: Lincolnshire Police",
        "Sign up to our newsletter",
        "Related stories",
    ],
)
def test_web_page_debris_is_dropped(debris: str) -> None:
    before, after = "The force answered 80.3% of 999 calls.", "The panel noted it."
    with_debris = clean_document(raw([before, "", debris, "", after])).text
    assert with_debris == clean_document(raw([before, "", after])).text, (
        f"{debris!r} is page furniture, not document text: {with_debris!r}"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "By March 2024 the force had answered 92.3% of 999 calls within ten seconds.",
        "Photographs of the scene were taken by officers within minutes.",
        "Share of calls answered within ten seconds rose to 84.5%.",
    ],
)
def test_sentences_like_debris_are_kept(sentence: str) -> None:
    lines = ["Heading", "", sentence, "", "Another sentence."]
    assert sentence in clean_document(raw(lines)).text, "a real sentence is not debris"


def test_crawler_date_tag_is_parted_from_its_headline() -> None:
    lines = [
        "date 2022-05-31 Avon and Somerset Police is the only force to meet the 999 target",
        "Forty-three other forces did not meet the standard.",
    ]
    text = clean_document(raw(lines)).text
    assert text.startswith("date 2022-05-31\n\nAvon and Somerset Police is the only force"), text


def test_a_page_of_one_paragraph_per_line_keeps_its_lines_apart() -> None:
    lines = [
        "Lincolnshire Police came top with 93.8 per cent.",
        "Gwent Police had 93.3 per cent.",
        "·  Essex Police: 80.3 per cent",
        "·  Wiltshire Police: 80.8 per cent",
        "In the 12 months to March 2024 no force reached the standard.",
        "The time runs from when BT passes the call on.",
    ]
    cleaned = clean_document(raw(lines))
    assert "Wiltshire Police: 80.8 per cent" in texts(cleaned, "bullet"), (
        "a bullet is not joined to the sentence after it, which names another period"
    )


def test_pipe_table_rows_become_rows_with_their_headers() -> None:
    lines = [
        "| Force | 999 calls answered within 10 seconds |",
        "|---|---:|",
        "| Humberside Police | 2% |",
        "| Durham Constabulary | 41% |",
    ]
    rows = texts(clean_document(raw(lines)), "table_row")
    assert rows[1:] == [
        "Force: Humberside Police | 999 calls answered within 10 seconds: 2%",
        "Force: Durham Constabulary | 999 calls answered within 10 seconds: 41%",
    ], f"each force's figure is its own row, beside its column header: {rows}"
