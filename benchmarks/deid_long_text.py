"""How time grows with the length of one long text, ours vs vanilla Presidio, in one run.

Why: no input may hang the pipeline. A document's time budget quarantines a text that runs too
long, but a long note should not need it: time should grow in proportion to length. The
hardest shape we know is ALL-CAPS charting full of parenthesised short forms ("ATRIAL
FIBRILLATION (AF3)"), where a single pass of scispaCy's abbreviation detector is quadratic.

Texts: deterministic ALL-CAPS word salad of clinical words with a definition in parentheses
every ~30 words and a line break every ~20, at N, 2N and 4N characters (``--chars N``, default
45,000). Each system analyses each text once (ours: ``DeidEngine.analyze``, default policy;
vanilla: ``AnalyzerEngine.analyze``, default recognizers, same spaCy model); printed: seconds,
the growth exponent from 2N to 4N (1.0 is linear, 2.0 quadratic) and vanilla / ours.

    .venv/bin/python benchmarks/deid_long_text.py [--chars N]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_KEY, build_vanilla_analyzer, forbid_network, write_result  # noqa: E402

WORDS = ("PT HR BP AF CHF LASIX GIVEN STABLE NEURO INTACT LUNGS CLEAR SOB NSR RATE CONTROL HEPARIN DRIP WEAN "
         "VENT FAMILY AWARE PLAN CONT MONITOR").split()


def word_salad(chars: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    length = 0
    while length < chars:
        word = f"ATRIAL FIBRILLATION (AF{rng.randint(1, 50)})" if rng.random() < 0.03 else rng.choice(WORDS)
        if rng.random() < 0.05:
            word += ".\n"
        out.append(word)
        length += len(word) + 1
    return " ".join(out)


def timed(analyze, text: str) -> float:
    start = time.perf_counter()
    analyze(text)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=45_000, help="the shortest text's length (default 45,000)")
    args = parser.parse_args()
    attempts = forbid_network()
    vanilla = build_vanilla_analyzer()  # first: Presidio's registry looks recognizers up among loaded subclasses
    from deid.engine import DeidEngine
    from deid.policy import Policy

    ours = DeidEngine(Policy.load(), BENCH_KEY)
    texts = [word_salad(args.chars * factor) for factor in (1, 2, 4)]
    ours.analyze(texts[0][:2000])  # warm both up on a short text
    vanilla.analyze(texts[0][:2000], language="en")
    rows = []
    for text in texts:
        rows.append({"chars": len(text), "ours_s": timed(ours.analyze, text),
                     "vanilla_s": timed(lambda t: vanilla.analyze(t, language="en"), text)})
    print(f"{'chars':>8} {'ours s':>8} {'vanilla s':>10} {'vanilla/ours':>13}")
    for row in rows:
        print(f"{row['chars']:>8} {row['ours_s']:>8.2f} {row['vanilla_s']:>10.2f} {row['vanilla_s'] / row['ours_s']:>13.2f}")
    growth = {name: math.log2(rows[2][f"{name}_s"] / rows[1][f"{name}_s"]) for name in ("ours", "vanilla")}
    print(f"growth exponent 2N->4N (1.0 linear): ours {growth['ours']:.2f}, vanilla {growth['vanilla']:.2f}")
    print(f"network attempts: {len(attempts)}")
    print(f"results: {write_result('deid_long_text', {'rows': rows, 'growth_exponent': growth})}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
