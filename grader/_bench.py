"""Grading benchmark behind `manage.py bench_grader` (no Django here).

Grades the correct solution (the reference) of each exercise it is given through
`grader.grading.grade`, the path a Celery worker takes, and reports:

- warm_p50_ms / warm_p95_ms: one grading with this process's zygote already up;
- cold_p50_ms: the same gradings when every run starts a fresh interpreter
  (MLQUIZ_SANDBOX_START=cold), measured in the same run;
- throughput_per_s: gradings per second with one grading process per core, all
  busy at once (each process has its own zygote, as Celery prefork workers do).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import statistics
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from grader.exercise import ExerciseSpec
from grader.grading import grade
from grader.sandbox import _current_state, sandbox_mode, shutdown


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _grade_once(spec: ExerciseSpec, seed: int = 0) -> float:
    started = time.perf_counter()
    verdict = grade(spec, spec.reference_source, seed=seed)
    elapsed = (time.perf_counter() - started) * 1000
    if verdict.status != "passed":
        raise RuntimeError(f"{spec.slug}: the reference did not pass: {verdict.to_dict()}")
    return elapsed


def _cpu_seconds() -> float:
    """CPU used so far by this process, its reaped jails, and its zygote."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = time.process_time() + children.ru_utime + children.ru_stime
    tick = os.sysconf("SC_CLK_TCK")
    for zygote in _current_state().zygotes.values():
        try:
            fields = Path(f"/proc/{zygote.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime: fields 14-15 of stat(5), here 11-12 (the jails are our children)
        used += sum(int(value) for value in fields[11:13]) / tick
    return used


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


def _worker(specs: list[ExerciseSpec], rounds: int, start_at: float) -> tuple[int, float, float]:
    """One busy grading process: warm up, wait for the common start, grade `rounds` x specs."""
    for spec in specs:
        _grade_once(spec)
    while time.time() < start_at:
        time.sleep(0.001)
    started = time.time()
    count = 0
    for _ in range(rounds):
        for spec in specs:
            _grade_once(spec)
            count += 1
    return count, started, time.time()


def run_benchmark(
    specs: list[ExerciseSpec], *, warm_rounds: int = 20, cold_rounds: int = 2, workers: int = 0
) -> dict[str, Any]:
    for spec in specs:  # start the zygote, fill the reference cache
        _grade_once(spec)
    cpu_before = _cpu_seconds()
    warm = [_grade_once(spec) for _ in range(warm_rounds) for spec in specs]
    cpu_per_grading_ms = (_cpu_seconds() - cpu_before) / len(warm) * 1000
    # The first grading on a seed of the pool this process has not prepared yet: the authors'
    # jail computes that seed's cases and expected values, then the student's jail runs.
    new_seed = [_grade_once(spec, seed=seed) for seed in range(1, 4) for spec in specs]
    with _environment("MLQUIZ_SANDBOX_START", "cold"):
        cold = [_grade_once(spec) for _ in range(cold_rounds) for spec in specs]
    mode = sandbox_mode()
    shutdown()

    workers = workers or os.cpu_count() or 1
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 3.0 + 1.0 * workers  # after every worker's warm-up
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(_worker, specs, warm_rounds, start_at) for _ in range(workers)]
        results = [future.result() for future in futures]
    total = sum(count for count, _, _ in results)
    span = max(end for _, _, end in results) - min(begin for _, begin, _ in results)
    return {
        "warm_p50_ms": round(statistics.median(warm), 2),
        "warm_p95_ms": round(_percentile(warm, 0.95), 2),
        "cold_p50_ms": round(statistics.median(cold), 2),
        "new_seed_p50_ms": round(statistics.median(new_seed), 2),
        "speedup_cold_over_warm": round(statistics.median(cold) / statistics.median(warm), 1),
        "throughput_per_s": round(total / span, 1),
        # CPU of one warm grading, all processes (caller, zygote, jail): with the
        # machine to itself, cores * 1000 / this is the throughput ceiling.
        "cpu_ms_per_grading": round(cpu_per_grading_ms, 2),
        "warm_gradings": len(warm),
        "cold_gradings": len(cold),
        "throughput_gradings": total,
        "workers": workers,
        "exercises": [spec.slug for spec in specs],
        "sandbox_mode": mode,
        "cpus": os.cpu_count(),
    }
