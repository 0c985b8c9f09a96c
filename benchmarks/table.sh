#!/usr/bin/env bash
# Prints a JMH CSV result file as a table: each score (time per operation, lower is better) and how
# many times faster it is than the best Chicory engine, Chicory's interpreter and Chicory's compiler
# on the same workload (2.00x = twice as fast; 0.50x = twice as slow).
set -euo pipefail
awk -F, '
  NR == 1 { next }
  {
    gsub(/["\r]/, "")
    bench = $1; sub(/.*\./, "", bench)
    engine = $8; score = $5 + 0; unit = $7
    scores[bench, engine] = score; units[bench] = unit
    if (!(bench in seen)) { order[++n] = bench; seen[bench] = 1 }
    engines[bench] = engines[bench] " " engine
    if (engine ~ /^chicory/ && (!(bench in best) || score < best[bench])) best[bench] = score
  }
  function ratio(ref, s) { return (ref > 0 && s > 0) ? sprintf("%.2fx", ref / s) : "-" }
  END {
    printf "%-16s %-30s %12s %-6s %10s %10s %10s\n", "workload", "engine", "score", "unit",
      "vs best", "vs c-int", "vs c-comp"
    for (i = 1; i <= n; i++) {
      b = order[i]; split(substr(engines[b], 2), es, " ")
      for (j = 1; j in es; j++) {
        e = es[j]; s = scores[b, e]
        printf "%-16s %-30s %12.3f %-6s %10s %10s %10s\n", b, e, s, units[b],
          ratio(best[b], s), ratio(scores[b, "chicory-interpreter"], s),
          ratio(scores[b, "chicory-compiler"], s)
      }
    }
  }' "$1"
