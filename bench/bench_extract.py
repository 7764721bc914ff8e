"""Benchmark of the fact extractor on one core: documents/s and MB/s.

    python bench/bench_extract.py [--mb 5]

Extracts the documents of ../shared/eval/dev and dev2 (or, with `--corpus own`, the project's own corpus
tests/extract/corpus), repeated until at least ``--mb`` megabytes have been processed, in
this one process pinned to one core. The gazetteer is built before timing starts (once per process in
real use too). The first pass over the documents is reported apart: later passes reuse per-word caches.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from weltnetz_extract import extract, read_document  # noqa: E402
from weltnetz_extract.gazetteer import default_gazetteer  # noqa: E402

DEV = REPO.parent / "shared" / "eval" / "dev"
DEV2 = REPO.parent / "shared" / "eval" / "dev2"
OWN = REPO / "tests" / "extract" / "corpus"


def corpus(which: str = "shared") -> tuple[str, list[tuple[str, bytes]]]:
    """The documents measured and a line naming them. Never silently another corpus: without ../shared/eval/dev
    the shared corpus is refused (SystemExit) instead of measuring the own one under the same heading."""
    if which == "own":
        sources, note = [OWN], " (the own corpus, asked for with --corpus own)"
    else:
        if not DEV.is_dir():
            raise SystemExit(f"{DEV} not found: nothing measured (use --corpus own to measure tests/extract/corpus)")
        sources, note = [d for d in (DEV, DEV2) if d.is_dir()], ""
    suffixes = (".txt", ".md", ".html", ".pdf")
    docs = [(p.name, p.read_bytes()) for src in sources for p in sorted(src.iterdir()) if p.suffix in suffixes]
    return ", ".join(str(s) for s in sources) + note, docs


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="megabytes to process (default 5)")
    parser.add_argument(
        "--corpus", choices=("shared", "own"), default="shared", help="../shared/eval/dev and dev2, or tests/extract"
    )
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    t0 = time.perf_counter()
    default_gazetteer()
    setup = time.perf_counter() - t0
    src, docs = corpus(args.corpus)
    target = int(args.mb * 1024 * 1024)
    n_docs = n_bytes = 0
    read_s = extract_s = 0.0
    start, cpu_start = time.perf_counter(), time.process_time()
    for name, data in docs:
        extract(read_document(data, name=name))
    first_pass = time.process_time() - cpu_start
    start, cpu_start = time.perf_counter(), time.process_time()
    while n_bytes < target:
        for name, data in docs:
            a = time.perf_counter()
            doc = read_document(data, name=name)
            b = time.perf_counter()
            extract(doc)
            c = time.perf_counter()
            read_s += b - a
            extract_s += c - b
            n_docs += 1
            n_bytes += len(data)
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    mb = n_bytes / 1024 / 1024
    print(f"corpus        {src} ({len(docs)} documents, repeated)")
    print(f"gazetteer     {setup:8.2f} s (once per process)")
    print(f"{'':14}{'documents':>10}{'MB':>8}{'seconds':>9}{'docs/s':>9}{'MB/s':>8}")
    for label, secs in (("read", read_s), ("extract", extract_s), ("total (wall)", total), ("total (CPU)", cpu)):
        print(f"{label:14}{n_docs:>10}{mb:>8.2f}{secs:>9.2f}{n_docs / secs:>9.1f}{mb / secs:>8.3f}")
    print(f"first pass    {len(docs):>10}{'':>8}{first_pass:>9.2f}{len(docs) / first_pass:>9.1f}   (cold caches)")
    print("wall-clock figures include waiting for the core on a busy machine; CPU time does not")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
