"""Streaming benchmark of kind ``ambiguity``: time, rows per second and peak memory.

Writes random probability vectors (float32 ``.npy``, written chunk by chunk through a memory
map, so generating them needs little memory either) for M models into a temporary folder, with
a problem file beside them, then solves it the way ``symderive solve`` does. Prints the time of
the solve alone, rows/s, the peak of Python-heap allocations (``tracemalloc``, which NumPy
reports to) and the process's peak resident set (``ru_maxrss``; the data is generated in child
processes, so it does not count). With ``--baseline`` it also scores the same data all at once
in memory, for the memory that streaming saves.

    python benchmarks/ambiguity.py                 # 100,000 images × 1,000 classes × 3 models
    python benchmarks/ambiguity.py --full          # 1,000,000 images (about 12 GB of disk)
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

from symderive.problemfile import load_problem_file
from symderive.solve import solve_problem_set

GENERATION_CHUNK = 20_000


def generate(path: Path, rows: int, classes: int, seed: int) -> None:
    """Random probability vectors, from nearly one-hot to nearly uniform, written in chunks."""
    generator = np.random.default_rng(seed)
    array = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(rows, classes))
    for start in range(0, rows, GENERATION_CHUNK):
        count = min(GENERATION_CHUNK, rows - start)
        sharpness = generator.random((count, 1), dtype=np.float32) * 6
        with np.errstate(divide="ignore"):  # log 0 = −inf, and exp(−inf) = 0 is fine
            uniform = generator.random((count, classes), dtype=np.float32)
            block = np.exp(sharpness * np.log(uniform))
        array[start : start + count] = block / block.sum(axis=1, keepdims=True)
    array.flush()
    del array


def write_problem(folder: Path, models: int, chunk: int, top: int) -> Path:
    lines = "\n".join(f"      model{index}: model{index}.npy" for index in range(models))
    text = (
        "title: Ambiguity benchmark\nproblems:\n  - id: bench\n    kind: ambiguity\n"
        f"    models:\n{lines}\n    pair: [0, 1]\n    top: {top}\n    chunk: {chunk}\n"
    )
    path = folder / "bench.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def peak_rss_megabytes() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def baseline(folder: Path, models: int) -> tuple[float, float]:
    """Everything loaded and scored at once: seconds and peak traced megabytes."""
    from symderive.derive.ambiguity_scores import score_chunk

    tracemalloc.start()
    started = time.perf_counter()
    raws = [np.load(folder / f"model{index}.npy").astype(np.float64) for index in range(models)]
    score_chunk(raws, 0, logits=False, pair=(0, 1), labels=None)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--full", action="store_true", help="1,000,000 rows")
    parser.add_argument("--classes", type=int, default=1000)
    parser.add_argument("--models", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=10_000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--baseline", action="store_true", help="also score all at once")
    parser.add_argument("--folder", type=Path, help="where to write the data (default: a temp)")
    arguments = parser.parse_args()
    rows = 1_000_000 if arguments.full else arguments.rows
    folder = Path(tempfile.mkdtemp(prefix="ambiguity-bench-", dir=arguments.folder))
    try:
        started = time.perf_counter()
        for index in range(arguments.models):  # in a child process: its memory is not ours
            child = multiprocessing.Process(
                target=generate,
                args=(folder / f"model{index}.npy", rows, arguments.classes, index),
            )
            child.start()
            child.join()
            if child.exitcode != 0:
                raise SystemExit(f"generating model {index} failed")
        generated = time.perf_counter() - started
        problem_file = write_problem(folder, arguments.models, arguments.chunk, arguments.top)
        tracemalloc.start()
        started = time.perf_counter()
        solutions = solve_problem_set(load_problem_file(problem_file))
        seconds = time.perf_counter() - started
        traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        solution = solutions.solutions[0]
        data_megabytes = rows * arguments.classes * arguments.models * 4 / 2**20
        print(
            f"data      {rows:,} images × {arguments.classes:,} classes × {arguments.models} "
            f"models, float32 .npy: {data_megabytes:,.0f} MB (generated in {generated:.1f} s)"
        )
        print(f"streamed  chunks of {arguments.chunk:,} rows: {solution.chunks:,} chunks")  # type: ignore[union-attr]
        print(f"time      {seconds:.2f} s  ({rows / seconds:,.0f} rows/s)")
        print(f"memory    peak traced (tracemalloc) {traced_peak:,.1f} MB")
        print(f"          peak resident set (ru_maxrss) {peak_rss_megabytes():,.1f} MB")
        if arguments.baseline:
            base_seconds, base_peak = baseline(folder, arguments.models)
            print(
                f"baseline  all at once: {base_seconds:.2f} s, peak traced {base_peak:,.1f} MB "
                f"({base_peak / traced_peak:.1f}× the streamed peak)"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
