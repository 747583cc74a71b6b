"""End to end: the default (Kent) corpus and the second corpus about other forces in one index.

A Kent question must never quote another force's figure as Kent's; a force no document covers
gets an abstention naming the forces covered; two forces are answered side by side; a question
naming no force that only a neighbour's document answers is answered under that force's name.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import RunCli
from test_forces import SUBJECTS

from assistant.config import Settings
from assistant.embed import MiniLMEmbedder
from assistant.engine import Engine, as_written, topic_only_elsewhere, written_as_name
from assistant.forces import ALL_FORCES, covers, forces_named
from assistant.ingest import ingest
from assistant.lexical import lexical_tokens
from assistant.load import CatalogueEntry, read_catalogue, write_catalogue_entry
from assistant.reading.subjects import speaks_for
from assistant.retrieve import Filters
from assistant.types import Answer

KENT, ESSEX = "Kent Police", "Essex Police"


# The second corpus grows by a set of documents each session, and embedding all of it made this
# file's index the suite's longest step: the index takes the corpus's first documents in catalogue
# order (folds append, so the choice is stable) and every document a test below names.
SECOND_CORPUS = Path(__file__).parent.parent / "eval" / "forces" / "corpus"
FIRST_DOCUMENTS = 160
NAMED_DOCUMENTS = frozenset(
    {
        "2020-12-10-hmicfrs-gmp-crime-recording-summary",
        "2024-12-essex-panel-minutes-999",
        "2024-02-dorset-dangerous-dogs-panel-paper",
        "2024-03-cambridgeshire-hare-coursing-press-release",
        "2024-06-thames-valley-royal-ascot-news",
        "2024-11-gwent-graffiti-panel-paper",
        "2024-11-gmp-metrolink-travelsafe-panel-paper",
        "2024-09-lincolnshire-cadwell-park-board-minutes",
        "2024-09-northumbria-great-north-run-web-page",
    }
)


def mixed_documents(second: Path) -> dict[str, CatalogueEntry]:
    """The second corpus's catalogue entries for its first `FIRST_DOCUMENTS` documents and the
    named ones, by file name, in catalogue order."""
    return {
        name: entry
        for i, (name, entry) in enumerate(read_catalogue(second).items())
        if i < FIRST_DOCUMENTS or name.removesuffix(".txt") in NAMED_DOCUMENTS
    }


def test_the_mixed_index_keeps_the_first_documents_and_every_named_one() -> None:
    names = list(mixed_documents(SECOND_CORPUS))
    stems = {name.removesuffix(".txt") for name in names}
    assert stems >= NAMED_DOCUMENTS, NAMED_DOCUMENTS - stems
    assert FIRST_DOCUMENTS <= len(names) <= FIRST_DOCUMENTS + len(NAMED_DOCUMENTS), len(names)
    assert all((SECOND_CORPUS / n).is_file() for n in names)


def mixed_subjects() -> dict[str, tuple[str, ...]]:
    """The hand-written subjects (tests/test_forces.py) of every document in the mixed index."""
    second = SUBJECTS["eval/forces/corpus"]
    return SUBJECTS["corpus"] | {
        n.removesuffix(".txt"): second[n.removesuffix(".txt")]
        for n in mixed_documents(SECOND_CORPUS)
    }


@pytest.fixture(scope="module")
def mixed_index(
    tmp_path_factory: pytest.TempPathFactory,
    copy_built_index: Callable[[Path], Settings],
    embedder: MiniLMEmbedder,
) -> Settings:
    """The session's Kent index with part of the second corpus added (only its documents
    embedded), for a Kent panel: among many documents about some forty other forces, the force
    most documents are about need not be the panel's own, so the panel says which it is, as
    `Settings.force` lets it."""
    settings = replace(copy_built_index(tmp_path_factory.mktemp("mixed")), force="Kent")
    for name, entry in mixed_documents(SECOND_CORPUS).items():
        shutil.copy(SECOND_CORPUS / name, settings.corpus_dir / name)
        write_catalogue_entry(settings.corpus_dir, name, entry)
    report = ingest(settings, embedder=embedder)
    assert not report.skipped, report.summary()
    return settings


@pytest.fixture(scope="module")
def mixed(mixed_index: Settings, embedder: MiniLMEmbedder) -> Engine:
    return Engine.open(mixed_index, embedder=embedder)


def other_forces_quoted(answer: Answer, force: str) -> list[str]:
    """Quotes that name some force but not `force`, or come from a document not about it."""
    wrong = []
    for citation in answer.citations:
        named = {f.name for f in forces_named(citation.quote)}
        if (named and force not in named) or not (covers(citation.subjects, force) or named):
            wrong.append(citation.quote)
    return wrong


def test_the_panel_force_is_the_one_its_setting_names(mixed: Engine) -> None:
    assert mixed.home_force == KENT


def test_without_a_setting_a_collection_of_many_forces_has_no_panel_force(
    mixed_index: Settings, embedder: MiniLMEmbedder
) -> None:
    """Counted from the subjects written by hand for every document in the index
    (tests/test_forces.py), not from the index itself: no force has twice the documents of the next,
    so a question naming no force is asked of every document (forces.panel_force)."""
    counts = Counter(
        force for subjects in mixed_subjects().values() for force in subjects if force != ALL_FORCES
    )
    (top, most), (_, second) = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    assert most < 2 * second, counts.most_common(3)
    engine = Engine.open(replace(mixed_index, force=None), embedder=embedder)
    assert (engine.home_force, engine.covered_forces[0]) == (None, top)
    assert engine.forces_asked("What was the 101 abandonment rate?") == (None,)


def test_force_filter_keeps_only_documents_about_the_force(mixed: Engine) -> None:
    hits = mixed.search("999 calls answered within 10 seconds", 10, Filters(force=ESSEX))
    subjects = {h.chunk.doc_id: mixed.index.document(h.chunk.doc_id).subjects for h in hits}
    assert hits and all(covers(s, ESSEX) for s in subjects.values()), subjects
    assert "2024-12-essex-panel-minutes-999" in subjects


@pytest.mark.parametrize(
    "question",
    [
        "What was Kent's 101 abandonment rate?",
        "What share of 999 calls did Kent answer within 10 seconds?",
        "How quickly did Kent Police answer 999 calls in the year to October 2024?",
        "What share of 999 calls were answered within 10 seconds?",
    ],
)
def test_a_kent_question_never_quotes_another_forces_figure(mixed: Engine, question: str) -> None:
    answer = mixed.ask(question)
    assert other_forces_quoted(answer, KENT) == [], answer.text
    assert not any(f.text in ("80.3%", "80,100", "77.7%", "2%") for f in answer.figures), (
        f"another force's figure in a Kent answer: {answer.text}"
    )


def test_a_force_no_document_covers_is_named_in_the_abstention(mixed: Engine) -> None:
    answer = mixed.ask("How many crimes did the Civil Nuclear Constabulary fail to record in 2020?")
    assert answer.abstained and answer.reason, answer.text
    assert "Civil Nuclear Constabulary" in answer.reason and KENT in answer.reason, answer.reason


def test_two_forces_are_answered_side_by_side(mixed: Engine) -> None:
    answer = mixed.ask(
        "How did Kent and Essex compare on answering 999 calls within 10 seconds "
        "in the 12 months ending October 2024?"
    )
    assert answer.text.startswith(f"{KENT}:") and f"\n\n{ESSEX}:" in answer.text, answer.text
    labelled = {(f.force, f.text) for f in answer.figures}
    assert {(ESSEX, "80.3%"), (KENT, "92.3%")} <= labelled, labelled
    assert (KENT, "80.3%") not in labelled and (ESSEX, "92.3%") not in labelled, labelled
    for figure in answer.figures:
        cited = answer.citations[figure.citation - 1]
        assert figure.force in (KENT, ESSEX) and speaks_for(
            cited.quote, "", frozenset(cited.subjects), figure.force or ""
        ), f"{figure.text} labelled {figure.force} quotes {cited.quote!r} ({cited.subjects})"


_IDF = {
    "hare": 5.0,
    "cours": 5.0,
    "999": 3.0,
    "call": 1.0,
    "answer": 1.0,
    "second": 2.0,
    "beg": 4.0,
    "48": 4.0,
}


@pytest.mark.parametrize(
    ("question", "answering", "home", "elsewhere"),
    [
        # the home force's passages never name hare coursing: the neighbour's topic alone
        (
            "hare coursing reports last season",
            "Reports of hare coursing fell to 412 in the 2023/24 coursing season.",
            "Kent answered 67% of 999 calls within 10 seconds.",
            True,
        ),
        # both report 999 answering: the home force's own answer stands
        (
            "What share of 999 calls were answered within 10 seconds?",
            "Suffolk answered almost 93% of 999 calls within 10 seconds.",
            "Kent answered 67% of 999 calls within 10 seconds.",
            False,
        ),
        # the rarest shared word decides, not any shared word
        (
            "999 calls about hare coursing",
            "Hare coursing calls to 999 rose.",
            "Kent answered 67% of 999 calls.",
            True,
        ),
        # words equally rare are all the rarest: "48" is in the home passages, begging is not
        (
            "did they contact people begging within 48 hours",
            "The force aims to contact people reported as begging within 48 hours.",
            "Kent answered 48% of 999 calls.",
            True,
        ),
        (
            "did they contact people begging within 48 hours",
            "The force aims to contact people reported as begging within 48 hours.",
            "Kent answered 48% of 999 calls and begging was rare.",
            False,
        ),
        (
            "hare coursing reports",
            "The force answered 999 calls quickly.",
            "",
            False,
        ),  # none shared
    ],
)
def test_a_neighbours_answer_must_be_on_a_topic_the_home_passages_never_name(
    question: str, answering: str, home: str, elsewhere: bool
) -> None:
    assert (
        topic_only_elsewhere(
            lexical_tokens(question), lexical_tokens(answering), lexical_tokens(home), _IDF
        )
        is elsewhere
    )


_PANEL_WORDS = frozenset(
    {"overtim", "cost", "oper", "park", "great", "north", "run", "arrest", "great north"}
)
"""Words, and two side by side, that the table below supposes some home document uses."""


@pytest.mark.parametrize(
    ("question", "answering", "home", "elsewhere"),
    [
        # "overtime" is rarer than "cadwell" by passages, and in the home passages; "cadwell"
        # is in no home document
        (
            "overtime cost of the cadwell park operation",
            "The operation at Cadwell Park cost 38,500 pounds in overtime.",
            "Overtime cost the force 2m pounds.",
            True,
        ),
        # three words the home documents use, but never "north run" side by side
        (
            "great north run arrests this year",
            "Officers made 12 arrests at the Great North Run.",
            "The park run in the north made great use of arrests.",
            True,
        ),
        # every shared word, and each two side by side, is in some home document
        (
            "overtime cost of the park operation",
            "The operation at the park cost 38,500 pounds in overtime.",
            "Overtime cost the force 2m pounds.",
            False,
        ),
        # a number no home document uses is no topic
        (
            "arrests in 2029",
            "Officers made 12 arrests in 2029.",
            "arrests",
            False,
        ),
    ],
)
def test_a_word_no_home_document_uses_is_a_topic_only_elsewhere(
    question: str, answering: str, home: str, elsewhere: bool
) -> None:
    asked = lexical_tokens(question)
    assert (
        topic_only_elsewhere(
            asked,
            lexical_tokens(answering),
            lexical_tokens(home),
            {"overtim": 5.0, "cadwel": 4.0, "arrest": 3.0, "2029": 1.0},
            lambda term: term in _PANEL_WORDS,
        )
        is elsewhere
    )


@pytest.mark.parametrize(
    ("texts", "term", "named"),
    [
        (["Officers recorded 11 crimes in Padstow on Wednesday."], "padstow", True),
        (["Officers made 12 arrests at the Great North Run."], "great north", True),
        (["A great north wind blew."], "great north", False),
        # a word any document might use is not a name, even where a heading capitalises it
        (["The club paid for it.", "Costs Paid. Nothing was paid by the club."], "paid", False),
        # a capital at a sentence's or a line's start says nothing
        (["Padstow May Day: fewer crimes", "Paid staff. Paid"], "padstow", False),
        (
            ["The Highland Gathering drew crowds; the highland gathering was calm."],
            "highland",
            False,
        ),
    ],
)
def test_a_name_is_written_with_a_capital_inside_a_sentence(
    texts: list[str], term: str, named: bool
) -> None:
    assert written_as_name(texts, term) is named


@pytest.mark.parametrize(
    ("question", "term", "written"),
    [
        ("overtime cost of the Cadwell Park operation", "cadwel", "Cadwell"),
        ("great north run arrests", "great north", "great north"),
        ("crimes in padstow's streets", "padstow", "padstow's"),
        ("no such words here", "cadwel", "cadwel"),  # nothing reads as it: the stem itself
    ],
)
def test_a_term_is_shown_as_the_question_writes_it(question: str, term: str, written: str) -> None:
    assert as_written(question, term) == written


@pytest.mark.parametrize(
    ("question", "force", "figures"),
    [
        # Dorset's dangerous dogs paper, 2.1-2.2: "seized 96 dogs in 2023 ... 38 were XL Bully"
        ("how many xl bully dogs were seized in 2023", "Dorset Police", {"38"}),
        # Cambridgeshire's release: reports "fell to 412 in the 2023/24 coursing season"
        ("hare coursing reports last season", "Cambridgeshire Constabulary", {"412"}),
        # no Kent document speaks of unrecorded crimes; GMP's crime data integrity inspection
        # estimates "about 80,100 reported crimes went unrecorded"
        ("How many crimes went unrecorded?", "Greater Manchester Police", {"80,100"}),
        # Kent's documents speak of anti-social behaviour, never of trams; GMP's Metrolink paper,
        # 2.2: incidents on the network "rose to 3,405, from 3,118"
        ("metrolink anti-social behaviour incidents", "Greater Manchester Police", {"3,405"}),
        # Kent's reports speak of overtime; only Lincolnshire's board minutes of Cadwell Park:
        # "the operation had cost £38,500 in overtime"
        ("overtime cost of the cadwell park operation", "Lincolnshire Police", {"£38,500"}),
        # Kent's reports use "great", "north" and "run", never together; Northumbria's page:
        # "Officers made 12 arrests on the day, down from 17 at last year's run"
        ("great north run arrests", "Northumbria Police", {"12"}),
    ],
)
def test_a_question_only_a_neighbours_paper_answers_is_answered_under_its_name(
    mixed: Engine, question: str, force: str, figures: set[str]
) -> None:
    """No Kent document speaks of dangerous dogs, hare coursing or unrecorded crimes: a Kent
    panel's question that names no force is answered from the document that does, under that
    force's name, and the Kent part says its documents do not answer (no figure is Kent's)."""
    answer = mixed.ask(question)
    assert answer.text.startswith(f"{KENT}:\nNot found") and f"\n\n{force}:" in answer.text, (
        answer.text
    )
    assert figures <= {f.text for f in answer.figures if f.force == force}, answer.figures
    assert not any(f.force == KENT for f in answer.figures), answer.figures
    assert other_forces_quoted(answer, force) == [], answer.text


@pytest.mark.parametrize(
    ("question", "words"),
    [
        # Northumbria's page: the force "has not published" what policing the run cost; Kent's
        # reports give costs, never of the Great North Run
        ("cost of policing the great north run", "'great north'"),
        # Lincolnshire's minutes give Cadwell Park's overtime, not its injuries by age
        ("how old were the riders hurt at cadwell park", "'cadwell'"),
    ],
)
def test_no_home_statement_answers_a_topic_only_neighbours_name(
    mixed: Engine, question: str, words: str
) -> None:
    """A Kent passage on costs answers nothing about a neighbour's event its documents never
    name: the Kent part says so, and no figure is shown as Kent's."""
    answer = mixed.ask(question)
    assert answer.text.startswith(f"{KENT}:\nNot found") or answer.text.startswith("Not found"), (
        answer.text
    )
    assert f"no document about {KENT} mentions {words}" in answer.text, answer.text
    assert not any(f.force == KENT for f in answer.figures), answer.figures


def test_a_follow_up_naming_another_force_asks_about_that_force_alone(mixed: Engine) -> None:
    answer = mixed.ask(
        "And Essex?",
        previous="What share of 999 calls did Kent answer within 10 seconds in the 12 months "
        "ending October 2024?",
    )
    assert f"{KENT}:" not in answer.text, answer.text
    assert other_forces_quoted(answer, ESSEX) == [], answer.text


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        (
            "The Civil Nuclear Constabulary answered 88% of 999 calls within ten seconds in 2024.",
            "not_found",
        ),
        (
            "Essex Police answered 80.3% of 999 calls within 10 seconds in the 12 months ending October 2024.",
            "supported",
        ),
    ],
)
def test_check_reads_the_force_a_claim_names(mixed: Engine, claim: str, verdict: str) -> None:
    report = mixed.check(claim)
    assert [c.verdict for c in report.claims][:1] == [verdict], report.claims
    if verdict == "not_found":
        assert "Civil Nuclear Constabulary" in report.claims[0].explanation
        assert KENT in report.claims[0].explanation


def test_an_essex_figure_does_not_support_a_kent_claim(mixed: Engine) -> None:
    report = mixed.check(
        "Kent Police answered 80.3% of 999 calls within 10 seconds in the 12 months ending "
        "October 2024."
    )
    assert report.claims and report.claims[0].verdict != "supported", report.claims


def test_cli_force_filter_and_subjects_in_citations(mixed_index: Settings, run_cli: RunCli) -> None:
    import json

    done = run_cli(
        mixed_index,
        "ask",
        "--force",
        "Essex",
        "--json",
        "What share of 999 calls did Essex Police answer within ten seconds?",
    )
    assert done.returncode == 0, done.stderr
    citations = json.loads(done.stdout)["citations"]
    assert citations and all(
        ESSEX in c["subjects"] or "All forces" in c["subjects"] for c in citations
    )
    refused = run_cli(mixed_index, "ask", "--force", "Atlantis", "Any question?")
    assert refused.returncode == 1 and "unknown force 'Atlantis'" in refused.stderr


def test_a_vague_question_for_one_force_is_answered(mixed: Engine) -> None:
    question = "What share of 999 calls did the force answer?"
    answer = mixed.ask(question, filters=Filters(force=ESSEX))
    assert "80.3%" in answer.lead, answer.text


@pytest.mark.parametrize(
    ("question", "force", "doc_id", "figure"),
    [
        (
            "how many graffiti offences were recorded in newport in 2023/24",
            "Gwent Police",
            "2024-11-gwent-graffiti-panel-paper",
            "388",
        ),
        (
            "arrests at royal ascot this year",
            "Thames Valley Police",
            "2024-06-thames-valley-royal-ascot-news",
            "46",
        ),
    ],
)
def test_a_question_naming_a_place_is_answered_for_its_areas_force(
    mixed: Engine, question: str, force: str, doc_id: str, figure: str
) -> None:
    """A Kent panel's question naming a town of another force's area, and no force, is about
    that force: answered from its documents under its name, with no Kent part."""
    answer = mixed.ask(question)
    assert not answer.abstained and f"{KENT}:" not in answer.text, answer.text
    assert figure in {f.text for f in answer.figures}, answer.text
    assert doc_id in {c.chunk.doc_id for c in answer.citations}, answer.citations
    assert other_forces_quoted(answer, force) == [], answer.text


def test_a_claim_naming_a_place_is_checked_against_its_areas_force(mixed: Engine) -> None:
    report = mixed.check(
        "Graffiti offences recorded in Newport went up from 342 in 2022/23 to 388 in 2023/24."
    )
    assert [c.verdict for c in report.claims] == ["supported"], report.claims


def test_a_claim_only_a_neighbours_paper_bears_out_is_supported_as_its_figure(
    mixed: Engine,
) -> None:
    """No force named, a topic only Greater Manchester's tram paper speaks of: the panel's own
    documents cannot check it, the neighbour's paper bears it out, and the verdict says whose
    figure it is."""
    report = mixed.check(
        "On the Metrolink trams, crime per million journeys fell from 53.6 to 48.3."
    )
    assert [c.verdict for c in report.claims] == ["supported"], report.claims
    assert report.claims[0].explanation.startswith("Greater Manchester Police's figure")
    assert all(KENT not in c.subjects for c in report.claims[0].evidence), report.claims


def test_a_claim_only_a_neighbours_paper_speaks_of_is_contradicted_as_its_figure(
    mixed: Engine,
) -> None:
    """The tram paper's 2,144 is the year before's: no document about the panel's force speaks
    of the trams, so the neighbour's paper shows the claim wrong, and says whose it is."""
    report = mixed.check(
        "In the twelve months to September 2024 there were 2,144 crimes on or near the "
        "Metrolink network."
    )
    assert [c.verdict for c in report.claims] == ["contradicted"], report.claims
    assert report.claims[0].explanation.startswith("Greater Manchester Police's figure")


def test_a_neighbours_paper_never_checks_a_claim_on_a_topic_the_panels_documents_hold(
    mixed: Engine,
) -> None:
    """Kent's documents speak of 101 calls (33.4% abandoned in March 2023): a claim naming no
    force about them is the panel's, checked against Kent's figure, never another force's."""
    report = mixed.check("The 101 abandonment rate was 21.4% in March 2023.")
    assert [c.verdict for c in report.claims] == ["contradicted"], report.claims
    assert report.claims[0].evidence, report.claims
    assert all(KENT in c.subjects for c in report.claims[0].evidence), report.claims
