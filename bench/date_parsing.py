"""Benchmark: reading typed dates, over the phrases of the date corpus.

    .venv/bin/python -m bench.date_parsing [--rounds 20]

Each phrase of testkit/date_corpus.py is read the way the bot reads it (a check-in time with
parse_when, a finish day with parse_day), `rounds` times, after one warm-up round
(dateparser's first call loads its language data, once per process). Two clocks per call:
the CPU time of the thread (what reading the phrase costs) and the wall time (that, plus
any wait for a core when the machine is busy with other work). The figures are the mean
and p99 milliseconds per phrase, per direction and over all; the target is under 5 ms.
The bot runs this work in a worker thread (asyncio.to_thread), so the event loop never
waits for it. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import functools
import json
import time
from collections.abc import Callable
from statistics import mean

from bot.reading.dates import parse_day
from bot.rules.checkins import parse_when
from testkit.date_corpus import (
    CHECKIN_HOUR,
    CHECKIN_TIMES,
    FINISH_DAYS,
    FINISH_DAYS_IN_JANUARY,
    IN_JANUARY,
    NOW,
    TODAY,
)

TARGET_MS = 5.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def readers() -> dict[str, list[Callable[[], object]]]:
    """One call per corpus phrase, grouped by direction."""
    checkins: list[Callable[[], object]] = [
        functools.partial(parse_when, phrase, NOW, CHECKIN_HOUR)
        for rows in CHECKIN_TIMES.values()
        for phrase, _ in rows
    ]
    finish: list[Callable[[], object]] = [
        functools.partial(parse_day, phrase, today)
        for corpus, today in ((FINISH_DAYS, TODAY), (FINISH_DAYS_IN_JANUARY, IN_JANUARY))
        for rows in corpus.values()
        for phrase, _ in rows
    ]
    return {"checkin_times": checkins, "finish_days": finish}


def timed(calls: list[Callable[[], object]], rounds: int) -> tuple[list[float], list[float]]:
    """CPU and wall milliseconds of every call in every round."""
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(rounds):
        for call in calls:
            cpu_start, wall_start = time.thread_time(), time.perf_counter()
            call()
            cpu.append((time.thread_time() - cpu_start) * 1000)
            wall.append((time.perf_counter() - wall_start) * 1000)
    return cpu, wall


def summary(phrases: int, cpu: list[float], wall: list[float]) -> dict[str, float]:
    return {
        "phrases": phrases,
        "cpu_mean_ms": round(mean(cpu), 3),
        "cpu_p99_ms": round(percentile(cpu, 0.99), 3),
        "wall_mean_ms": round(mean(wall), 3),
        "wall_p99_ms": round(percentile(wall, 0.99), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    groups = readers()
    for calls in groups.values():
        timed(calls, 1)  # warm-up: dateparser loads its languages on first use
    figures: dict[str, dict[str, float]] = {}
    all_cpu: list[float] = []
    all_wall: list[float] = []
    for name, calls in groups.items():
        cpu, wall = timed(calls, rounds)
        all_cpu += cpu
        all_wall += wall
        figures[name] = summary(len(calls), cpu, wall)
    figures["all"] = summary(sum(len(calls) for calls in groups.values()), all_cpu, all_wall)
    for name, figure in figures.items():
        print(
            f"{name:>14}: {int(figure['phrases'])} phrases x {rounds} rounds; per phrase: "
            f"CPU mean {figure['cpu_mean_ms']:.2f} ms, p99 {figure['cpu_p99_ms']:.2f} ms; "
            f"wall mean {figure['wall_mean_ms']:.2f} ms, p99 {figure['wall_p99_ms']:.2f} ms "
            f"(target < {TARGET_MS:g} ms)"
        )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
