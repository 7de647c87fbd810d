"""Benchmarks: ``make bench`` (``python -m bench``), never part of ``make test``.

Every figure is a ratio against a baseline measured in the same run on the same machine, so
the numbers travel between machines. To add benchmarks, write ``bench/bench_<topic>.py`` with
``run(ctx: Context) -> list[Result]``; it is found by name.
"""
