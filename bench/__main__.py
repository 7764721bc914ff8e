"""`python -m bench` (`make bench`): run every bench/bench_*.py in turn; `python -m bench api search` runs some."""

from __future__ import annotations

import importlib
import inspect
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    names = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    chosen = argv or names
    unknown = [n for n in chosen if n not in names]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(names)}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE.parent))
    failed = []
    for name in chosen:
        print(f"\n=== bench_{name} ===", flush=True)
        saved, sys.argv = sys.argv, [f"bench/bench_{name}.py"]
        try:
            main_of = importlib.import_module(f"bench.bench_{name}").main
            code = main_of([]) if inspect.signature(main_of).parameters else main_of()
            if code:
                failed.append(name)
        except (Exception, SystemExit):  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            failed.append(name)
        finally:
            sys.argv = saved
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
