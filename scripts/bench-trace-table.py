#!/usr/bin/env python3
"""Table of scripts/bench-trace.sh: requests vs the lower bound, wall time vs requests / rate.

Usage: bench-trace-table.py OUT_DIR RATE. Reads OUT_DIR/runs.tsv and OUT_DIR/run-NAME.json
(the `spoor trace --json` output, whose `fetch` object holds the bound). Exit 1 if a run marked
`goal` misses requests <= 1.1 x bound or time <= 1.2 x requests / rate.
"""
import json
import sys

REQUEST_GOAL = 1.1
TIME_GOAL = 1.2


def main(out_dir, rate):
    rows, missed = [], []
    with open(f"{out_dir}/runs.tsv", encoding="utf-8") as runs:
        for line in runs:
            name, goal, wall_ms, args = line.rstrip("\n").split("\t")
            with open(f"{out_dir}/run-{name}.json", encoding="utf-8") as f:
                result = json.load(f)
            fetch = result["fetch"]
            requests, bound = fetch["requests"], fetch["lower_bound"]
            floor_s = requests / rate
            wall_s = int(wall_ms) / 1000
            req_ratio = requests / bound if bound else float("inf")
            time_ratio = wall_s / floor_s if floor_s else float("inf")
            ok = req_ratio <= REQUEST_GOAL and time_ratio <= TIME_GOAL
            verdict = ("met" if ok else "MISSED") if goal == "goal" else "(info)"
            if goal == "goal" and not ok:
                missed.append(name)
            rows.append([
                name, str(len(result["traced_txs"])), str(requests), str(bound), f"{req_ratio:.3f}",
                str(fetch["retries"]), f"{wall_s:.1f}", f"{floor_s:.1f}", f"{time_ratio:.3f}", verdict,
            ])
            print(f"{name}: {args}")
    head = ["run", "traced txs", "requests", "bound", "req/bound", "retries",
            "wall s", "req/rate s", "wall/(req/rate)", "goals"]
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    for r in [head] + rows:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
    print(f"goals: requests <= {REQUEST_GOAL} x bound, wall time <= {TIME_GOAL} x requests / rate")
    if missed:
        print("goals MISSED by: " + ", ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
