"""Score claims files with `Engine.check`, keeping each claim's predicted verdict.

`assistant eval` scores the tuned-on claims too, but with every question first (~5 min);
this runs the check alone and writes each claim's verdict, so two runs (before and after
a change, or the perturbed variants by edit kind) can be compared claim by claim:

    python eval/score_claims.py eval/claims.jsonl --out /tmp/default.json
    python eval/score_claims.py eval/forces/claims.jsonl --index-dir /tmp/forces-index \
        --corpus-dir eval/forces/corpus --out /tmp/forces.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import load_settings
from assistant.engine import Engine


def predicted(verdicts: list[str]) -> str:
    """The worst verdict speaks for a claim text that splits into several claims (as in
    `assistant.evaluate.evaluate_claims`)."""
    for verdict in ("contradicted", "not_found"):
        if verdict in verdicts:
            return verdict
    return "supported" if verdicts else "not_found"


def score(engine: Engine, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        report = engine.check(row["text"])
        out.append(
            {
                "id": row["id"],
                "gold": row["verdict"],
                "predicted": predicted([c.verdict for c in report.claims]),
                "origin": row.get("origin", ""),
                "explanation": " | ".join(c.explanation for c in report.claims),
            }
        )
    return out


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    confusion = Counter(f"{r['gold']}->{r['predicted']}" for r in results)
    correct = sum(r["gold"] == r["predicted"] for r in results)
    return {
        "total": len(results),
        "accuracy": round(correct / len(results), 4) if results else None,
        "contradicted_marked_supported": confusion["contradicted->supported"],
        "confusion": dict(sorted(confusion.items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=Path, nargs="+")
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--corpus-dir", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    settings = load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir)
    engine = Engine.open(settings)
    rows = [
        json.loads(line)
        for path in args.claims
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    results = score(engine, rows)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(summary(results), indent=1))


if __name__ == "__main__":
    main()
