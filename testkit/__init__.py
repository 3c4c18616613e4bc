"""What the tests and the benchmarks both stand on: the bot wired as in production with a
recording session (`harness`), the fake Bot API on 127.0.0.1 (`fake_bot_api`), which
engines a run uses (`engines`), bot processes behind a load balancer (`instances`) and the
date phrases with what each means (`date_corpus`).

A package of its own, beside `tests/` and `bench/`, because `bench/` must import nothing
from `tests/`: a benchmark is a program people run on its own, and pulling in the test
suite (its conftest, its fixtures) would make it depend on how pytest finds modules.
What only tests share lives in `tests/support/`.
"""
