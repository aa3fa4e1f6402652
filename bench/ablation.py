"""What each rule of the event coder is worth on one gold file: its figures with that rule switched off.

    .venv/bin/python bench/ablation.py GOLD [--split dev|test] [--rules a,b,...] [--min-change 0.001]

Scores GOLD as ``thucydides eval`` does, once with every rule and once per rule switched off (each rule
that can be), in one process with the spaCy parses cached (``bench/.cache/parses.spacy``, shared with
``bench/coder_snapshot.py``), and prints a Markdown table of the headline figures: the full coder's, then
each rule whose removal changes one of them by at least ``--min-change``, most costly first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coder_snapshot import CACHE, CachedParser  # noqa: E402


def figures(report: Any) -> dict[str, float]:
    """The report's headline numbers (its top-level figures between 0 and 1)."""
    return {
        k: float(v)
        for k, v in report.to_json().items()
        if isinstance(v, float) and 0.0 <= v <= 1.0 and not isinstance(v, bool)
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--split", choices=("dev", "test"), default=None)
    ap.add_argument("--rules", default="", help="comma-separated rules (default: every rule that can be off)")
    ap.add_argument("--min-change", type=float, default=0.001)
    args = ap.parse_args()

    from thucydides.evaluate import evaluate_file
    from thucydides.events import EventCoder
    from thucydides.pipeline import Options, Pipeline

    pipe = Pipeline(Options(batch_size=64))
    assert pipe.nlp is not None
    parser = CachedParser(pipe.nlp.nlp, CACHE / "parses.spacy")
    pipe.nlp.nlp = parser
    coder = next(s for s in pipe.post if isinstance(s, EventCoder))
    full_phases = coder.phases
    base = figures(evaluate_file(args.gold, pipe, None, args.split))
    rules = [r for r in args.rules.split(",") if r] or [
        r.name for p in full_phases.phases for r in p.rules if not r.core
    ]
    rows: list[tuple[float, str, dict[str, float]]] = []
    for rule in rules:
        coder.phases = full_phases.without([rule])
        got = figures(evaluate_file(args.gold, pipe, None, args.split))
        delta = min(got[k] - base[k] for k in base)
        if max(abs(got[k] - base[k]) for k in base) >= args.min_change:
            rows.append((delta, rule, got))
        coder.phases = full_phases
        sys.stderr.write(f"{rule}: {got}\n")
    parser.save()
    keys = list(base)
    print("| rule switched off | " + " | ".join(keys) + " |")
    print("|---|" + "---|" * len(keys))
    print("| (none: the full coder) | " + " | ".join(f"{base[k]:.3f}" for k in keys) + " |")
    for _, rule, got in sorted(rows):
        print(f"| `{rule}` | " + " | ".join(f"{got[k]:.3f} ({got[k] - base[k]:+.3f})" for k in keys) + " |")
    unchanged = len(rules) - len(rows)
    print(f"\n{unchanged} of {len(rules)} rules change no figure by {args.min_change} or more on this set.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
