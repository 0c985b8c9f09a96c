#!/usr/bin/env bash
# Builds and runs the JMH suite on every engine, then prints one table:
# workload, engine, score (ms/op, lower is better), and speed relative to the best Chicory engine
# (2.00x = twice as fast as Chicory's best on that workload). Sized for a 2-core machine: about 10-15 min.
#   benchmarks/run.sh               # everything
#   benchmarks/run.sh 'Compute.*fib' # a JMH include pattern
set -euo pipefail
cd "$(dirname "$0")/.."
pattern="${1:-.*}"
mvn -q -B -ntp install -DskipTests -pl benchmarks -am
out=benchmarks/target/results.csv
# StartupBenchmark measures fresh JVMs (its own forks, one shot each): run it on its own,
#   java -jar benchmarks/target/benchmarks.jar StartupBenchmark
java -jar benchmarks/target/benchmarks.jar "$pattern" -e StartupBenchmark \
  -f 1 -wi 3 -w 1s -i 5 -r 1s -tu ms -rf csv -rff "$out"
echo
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
benchmarks/table.sh "$out"
