"""Checks `eval/perturbed_claims.jsonl` (written by `eval/perturb.py`) against its sources:
every variant is a contradicted claim of the tuned-on schema, made from a supported tuned-on
claim, whose evidence spans and expected figures are in its named documents.

Fix the generator, never loosen these checks.
"""

from __future__ import annotations

import json

import pytest
from test_gold_files import (
    CORPUS,
    ROOT,
    check_claim_fields,
    check_claim_figures_in_text,
    check_claim_verdict_shape,
    collapse,
)

PERTURBED = [
    json.loads(line)
    for line in (ROOT / "eval" / "perturbed_claims.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
FORCES_CORPUS = {
    p.stem: collapse(p.read_text(encoding="utf-8"))
    for p in sorted((ROOT / "eval" / "forces" / "corpus").glob("*.txt"))
}
TUNED_ON = {
    row["id"]: row
    for path in (ROOT / "eval" / "claims.jsonl", ROOT / "eval" / "forces" / "claims.jsonl")
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
    for row in [json.loads(line)]
}
IDS = [v["id"] for v in PERTURBED]


def _documents(variant: dict) -> dict[str, str]:
    return FORCES_CORPUS if variant["id"].startswith("fc") else CORPUS


def test_there_are_variants_of_every_kind() -> None:
    reasons = {v["reason"] for v in PERTURBED}
    assert {"wrong_direction", "wrong_qualifier", "wrong_period", "wrong_figure"} <= reasons


def test_ids_are_unique() -> None:
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize("variant", PERTURBED, ids=IDS)
def test_variant_fields_and_verdict(variant: dict) -> None:
    check_claim_fields(variant)
    check_claim_figures_in_text(variant)
    check_claim_verdict_shape(variant)
    assert variant["verdict"] == "contradicted"


@pytest.mark.parametrize("variant", PERTURBED, ids=IDS)
def test_variant_comes_from_a_supported_claim_it_changes(variant: dict) -> None:
    source_id = variant["origin"].split(":")[0]
    assert source_id in TUNED_ON, f"origin {source_id!r} is no tuned-on claim"
    original = TUNED_ON[source_id]
    assert original["verdict"] == "supported"
    assert variant["id"].startswith(source_id)
    assert variant["text"] != original["text"]
    assert variant["evidence"] == original["evidence"] and variant["docs"] == original["docs"]


@pytest.mark.parametrize("variant", PERTURBED, ids=IDS)
def test_evidence_and_expected_are_in_the_named_documents(variant: dict) -> None:
    documents = _documents(variant)
    text = " | ".join(documents.get(d, "") for d in variant["docs"])
    missing = [s for s in variant["evidence"] + variant["expected"] if collapse(s) not in text]
    assert not missing, f"not found verbatim in {variant['docs']}: {missing}"
