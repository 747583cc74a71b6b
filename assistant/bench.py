"""`assistant bench`: warm latency per stage over a fixed list of questions, and the query-embedding floor."""

from __future__ import annotations

import statistics
import time

from assistant.config import Settings

BENCH_QUESTIONS = (
    "What was the force's 101 abandonment rate?",
    "What percentage of 999 calls were answered within 10 seconds?",
    "What grade did the force get for investigating crime?",
    "How many areas for improvement did the 2023-25 inspection give?",
    "What did the chief constable say about response times?",
    "How many staff responded to the HMICFRS staff survey?",
    "How many DVPOs were granted?",
    "What was Essex Police's 101 abandonment rate?",
    "What is the spend per head of population in the force area?",
    "How many registered sex offenders does the force manage?",
)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def run_benchmark(settings: Settings, rounds: int = 5) -> str:
    from assistant.engine import Engine

    started = time.perf_counter()
    engine = Engine.open(settings)
    load_seconds = time.perf_counter() - started
    for question in BENCH_QUESTIONS:  # warm-up: first passes pay for lazy initialisation
        engine.ask(question)
    stages: dict[str, list[float]] = {"retrieve": [], "answer": [], "verify": [], "total": []}
    embed_only: list[float] = []
    for _ in range(rounds):
        for question in BENCH_QUESTIONS:
            t = time.perf_counter()
            engine.embedder.embed_query(question)
            embed_only.append((time.perf_counter() - t) * 1000)
            answer = engine.ask(question)
            for stage in stages:
                stages[stage].append(answer.timings_ms[stage])
    lines = [
        f"engine load: {load_seconds:.2f} s; {len(BENCH_QUESTIONS)} questions x {rounds} rounds, warm",
        f"{'stage':<10} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}",
    ]
    for stage, values in stages.items():
        lines.append(
            f"{stage:<10} {_percentile(values, 0.5):8.1f} {_percentile(values, 0.95):8.1f} "
            f"{statistics.fmean(values):8.1f}"
        )
    floor = _percentile(embed_only, 0.5)
    lines.append(
        f"{'embed only':<10} {floor:8.1f} {_percentile(embed_only, 0.95):8.1f} "
        f"{statistics.fmean(embed_only):8.1f}   (the floor: one query embedding)"
    )
    total_p50 = _percentile(stages["total"], 0.5)
    lines.append(
        f"total p50 / embed p50 = {total_p50 / floor:.1f}x; targets: p50 <= 30 ms, "
        f"p95 <= 80 ms, about 3x the floor"
    )
    return "\n".join(lines)
