#!/usr/bin/env bash
# Prints a JMH CSV result file as a table with each score's ratio to the best Chicory engine.
set -euo pipefail
awk -F, '
  NR == 1 { next }
  {
    gsub(/"/, "")
    bench = $1; sub(/.*\./, "", bench)
    engine = $8
    score = $5 + 0; unit = $7
    # SingleShot and AverageTime scores are both times per operation: lower is better.
    key = bench SUBSEP engine
    scores[key] = score; units[bench] = unit
    if (!(bench in seen)) { order[++n] = bench; seen[bench] = 1 }
    engines[bench] = engines[bench] " " engine
    if (engine ~ /^chicory/ && (!(bench in best) || score < best[bench])) best[bench] = score
  }
  END {
    printf "%-18s %-22s %14s %-6s %s\n", "workload", "engine", "score", "unit", "vs best Chicory"
    for (i = 1; i <= n; i++) {
      b = order[i]; split(substr(engines[b], 2), es, " ")
      for (j = 1; j in es; j++) {
        e = es[j]; s = scores[b, e]
        ratio = (b in best && s > 0) ? sprintf("%.2fx", best[b] / s) : "-"
        printf "%-18s %-22s %14.3f %-6s %s\n", b, e, s, units[b], ratio
      }
    }
  }' "$1"
