"""Command line: ``python -m weltnetz_extract FILE... --out DIR`` writes DIR/NAME.json per input.

A bad input (missing, empty, binary, too large, unreadable) gets one line on stderr and does not stop
the others; the exit code is 0 when every file was extracted and 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .document import DocumentError, read_document
from .options import ExtractOptions
from .pipeline import run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="weltnetz extract",
        description="Extract FACTS.md v1 facts (relations, agreements, people) from documents.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="HTML, Markdown or plain-text documents")
    parser.add_argument("--out", required=True, metavar="DIR", help="directory for NAME.json outputs")
    parser.add_argument(
        "--home", default=None, help="home region (default: detected from the publisher, else Baden-Württemberg)"
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing for files that succeed")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    args = build_parser().parse_args(argv)
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"error: cannot create output directory {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    options = ExtractOptions(home_region=args.home, detect_home=False) if args.home else ExtractOptions()
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            if not path.is_file():
                raise DocumentError("no such file" if not path.exists() else "not a regular file")
            facts = run(read_document(path), options)
            target = out / f"{path.stem}.json"
            target.write_text(facts.to_json() + "\n", encoding="utf-8")
        except DocumentError as exc:
            failed += 1
            print(f"{name}: skipped: {exc}", file=sys.stderr)
            continue
        except (OSError, RecursionError, MemoryError, ValueError) as exc:
            failed += 1
            print(f"{name}: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        if not args.quiet:
            n = len(facts.relations)
            print(f"{name}: {n} relations, {len(facts.agreements)} agreements, {len(facts.people)} people -> {target}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
