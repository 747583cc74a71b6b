"""Chunk scores from their best piece: stems per piece, concepts, coverage, cosines, and the
long chunk they are for."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.best_piece import (
    best_piece_cosines,
    best_piece_coverage,
    piece_stems,
    query_concepts,
)
from assistant.engine import Engine
from assistant.evaluate import fold
from assistant.lexical import lexical_tokens

ONLINE = "In Kent, 11 percent of total crime is reported through online services"
"""One sentence of a long 2018/19 chunk on future demand (about 1,000 characters)."""


def _chunk_holding(engine: Engine, text: str) -> int:
    rows = [i for i, c in enumerate(engine.index.chunks) if fold(text) in fold(c.text)]
    assert rows, f"no chunk holds {text!r}"
    return rows[0]


@pytest.mark.parametrize(
    ("text", "section", "stem", "mask"),
    [
        ("Crime rose. Arrests fell.", "", "crime", 0b101),  # first sentence, and the pair
        ("Crime rose. Arrests fell.", "", "arrest", 0b110),  # second sentence, and the pair
        ("Crime rose.\n\nArrests fell.", "", "arrest", 0b010),  # two paragraphs: no pair
        ("Crime rose. Arrests fell.", "Custody", "custodi", 0b1000),  # the heading, last
        ("Crime rose. Arrests fell.", "", "custodi", 0),
    ],
)
def test_piece_stems_mark_the_pieces_holding_a_stem(
    text: str, section: str, stem: str, mask: int
) -> None:
    assert piece_stems(text, section).get(stem, 0) == mask


@pytest.mark.parametrize(
    ("question", "concepts", "variants_of_first"),
    [
        # "DVPOs" and its long form are one concept, met by either
        (
            "DVPOs granted",
            2,  # dvpos; granted
            {
                frozenset(lexical_tokens("dvpos")),
                frozenset(lexical_tokens("domestic violence protection orders")),
            },
        ),
        # a word no document uses is no concept: no passage could meet it
        ("zeppelins granted", 1, {frozenset(lexical_tokens("granted"))}),
    ],
)
def test_query_concepts_count_a_glossary_entry_once(
    engine: Engine, question: str, concepts: int, variants_of_first: set[frozenset[str]]
) -> None:
    found = query_concepts(question, engine.index)
    assert len(found) == concepts, [c.variants for c in found]
    assert set(found[0].variants) == variants_of_first


def test_coverage_is_full_where_one_sentence_holds_every_word(engine: Engine) -> None:
    row = _chunk_holding(engine, ONLINE)
    whole = query_concepts("crime reported through online services", engine.index)
    split = query_concepts("online services and future demand trends", engine.index)
    coverage = best_piece_coverage(engine.index, [row], whole)[row]
    partial = best_piece_coverage(engine.index, [row], split)[row]
    assert coverage == pytest.approx(1.0)
    assert 0 < partial < 1, "its words lie in different sentences of the chunk"


def test_a_chunk_holding_the_query_piece_has_cosine_one(engine: Engine) -> None:
    row = _chunk_holding(engine, ONLINE)
    other = _chunk_holding(engine, "28.7% of stop and searches in Kent had linked outcomes")
    pieces = engine.index.pieces[engine.index.chunks[row].chunk_id]
    query = engine.index.pieces.vectors[pieces][-1]  # its last piece's own vector
    cosines = best_piece_cosines(engine.index, [other, row], query)
    assert cosines[row] == pytest.approx(1.0, abs=1e-5)


def test_a_long_chunk_answering_in_one_sentence_reaches_the_top_five(engine: Engine) -> None:
    # The signals are off by default (config.piece_weight says why); a panel turns them on in
    # assistant.toml. The top 5 of ask's 10 passages, as `assistant eval` judges them.
    question = "What proportion of crime in Kent is reported online?"
    on = replace(engine.settings, piece_weight=0.8, coverage_weight=0.8, period_weight=0.8)
    with_signals = Engine.open(on, embedder=engine.embedder)
    hits = with_signals.search(question, 10)[:5]
    assert any(fold(ONLINE) in fold(h.chunk.text) for h in hits), [h.chunk.chunk_id for h in hits]
