"""Words the documents never use, read as the documents' words nearest them in meaning."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import SettingsFor

from assistant.claims import measure_terms
from assistant.config import Settings
from assistant.embed import MiniLMEmbedder
from assistant.engine import Engine
from assistant.index import load_index, save_index
from assistant.ingest import ingest
from assistant.lexical import lexical_tokens
from assistant.question import read_question
from assistant.word_neighbours import CorpusVocabulary, WordTable, vocabulary_words


@pytest.mark.parametrize(
    ("texts", "words"),
    [
        (["The force's 101 abandonment rate fell."], {"force's", "abandonment", "rate", "fell"}),
        (["It is at an all-time high"], {"all-time", "high"}),  # stop words and short words go
        (["BURGLARIES rose", "burglaries fell"], {"burglaries", "rose", "fell"}),
        ([""], set()),
    ],
)
def test_vocabulary_words_are_the_words_a_question_could_mean(
    texts: list[str], words: set[str]
) -> None:
    assert vocabulary_words(texts) == words


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


_TABLE = WordTable(
    ("police", "officers", "burglaries", "weather"),
    np.stack([_unit(1, 0, 0), _unit(0.9, 0.1, 0), _unit(0, 1, 0), _unit(0, 0, 1)]),
)


@pytest.mark.parametrize(
    ("vector", "threshold", "k", "nearest"),
    [
        (_unit(1, 0, 0), 0.8, 3, ("police", "officers")),  # nearest first, only those near enough
        (_unit(1, 0, 0), 0.8, 1, ("police",)),
        (_unit(0, 1, 0), 0.8, 3, ("burglaries",)),
        (_unit(1, 1, 1), 0.8, 3, ()),  # near nothing: no word stands for it
    ],
)
def test_nearest_words_are_those_near_enough(
    vector: np.ndarray, threshold: float, k: int, nearest: tuple[str, ...]
) -> None:
    assert _TABLE.nearest(vector, threshold, k) == nearest


def test_an_extended_table_keeps_its_words_and_adds_the_new() -> None:
    table = WordTable.empty(3).extended(("police",), _unit(1, 0, 0)[None, :])
    table = table.extended(("weather",), _unit(0, 0, 1)[None, :])
    assert table.words == ("police", "weather")
    assert table.nearest(_unit(0, 0, 1)) == ("weather",)


def test_a_question_word_no_document_uses_is_read_as_its_neighbours() -> None:
    idf = {stem: 2.0 for stem in lexical_tokens("burglaries recorded force")}
    near = {"burglars": ("burglaries",)}
    vocabulary = CorpusVocabulary(idf, lambda word: near.get(word, ()))
    concepts = {
        c.word: c for c in read_question("how many burglars were caught", vocabulary).measure
    }
    assert concepts["burglars"].known
    assert concepts["burglars"].matches(frozenset(lexical_tokens("burglaries")))
    # with the bare table the word stays unknown: no passage could match it
    assert not {c.word: c for c in read_question("how many burglars were caught", idf).measure}[
        "burglars"
    ].known


def test_a_claim_word_no_document_uses_is_read_as_its_neighbours() -> None:
    """The check reads a draft's measure as `ask` reads a question's: "burglars" is burglaries,
    weighed as that word, not as a word no passage could match."""
    idf = {stem: 2.0 for stem in lexical_tokens("burglaries recorded force")} | {"rare": 9.0}
    near = {"burglars": ("burglaries",)}
    vocabulary = CorpusVocabulary(idf, lambda word: near.get(word, ()))
    sentence = "The force caught 40 burglars in 2023."
    terms, unknown = measure_terms(sentence, sentence, vocabulary)
    (term,) = [t for t in terms if t.word == "burglars"]
    assert term.met_by(frozenset(lexical_tokens("burglaries"))) and "burglars" not in unknown
    assert term.weight < 9.0
    _, bare_unknown = measure_terms(sentence, sentence, idf)
    assert "burglars" in bare_unknown


def test_the_index_holds_every_document_word_embedded(built_index: Settings) -> None:
    words = load_index(built_index.index_dir).words
    assert words is not None
    assert {"abandonment", "burglaries", "officers"} <= set(words.words)
    assert words.vectors.shape == (len(words.words), 384)
    assert np.allclose(np.linalg.norm(words.vectors[:50], axis=1), 1.0, atol=1e-3)


@pytest.mark.parametrize(
    ("word", "meant"),
    [("cops", "police"), ("burglars", "burglaries")],
)
def test_an_everyday_word_is_read_as_the_documents_word(
    engine: Engine, word: str, meant: str
) -> None:
    assert meant in engine.near_words(word)


def test_an_index_written_before_words_reads_no_word_by_its_neighbours(
    built_index: Settings, tmp_path: Path, embedder: MiniLMEmbedder
) -> None:
    save_index(load_index(built_index.index_dir).data, tmp_path / "index")  # no word table
    settings = built_index.with_overrides(index_dir=tmp_path / "index")
    engine = Engine.open(settings, embedder=embedder)
    assert engine.index.words is None
    assert engine.near_words("cops") == ()


def test_an_added_document_adds_its_words_and_keeps_the_others(
    tmp_path: Path, settings_for: SettingsFor, embedder: MiniLMEmbedder
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "first.txt").write_text("Title: First\n\nBurglaries fell by a fifth.\n")
    settings = settings_for(tmp_path)
    ingest(settings, embedder=embedder)
    (corpus / "second.txt").write_text("Title: Second\n\nShoplifting rose sharply.\n")
    ingest(settings, embedder=embedder)
    words = load_index(settings.index_dir).words
    assert words is not None
    assert {"burglaries", "shoplifting"} <= set(words.words)
    assert len(words.words) == len(set(words.words)), "each word embedded once"
