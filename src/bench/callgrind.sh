#!/usr/bin/env bash
# User-mode instructions per probe, counted by valgrind's callgrind: repeatable on a loaded machine,
# where wall-clock medians are not. Prints one line; asserts nothing; loopback only.
#   src/bench/callgrind.sh [engine|socket|channel|cli-text|cli-json] [closed|listening] [N]
# Bench --loop runs 30,000 probes of warm-up, zeroes callgrind's counters (callgrind_control -z), runs
# N probes (default 3,000) and dumps (-d): the dump divided by N is one probe, one callgrind_control
# round trip included. cli-* runs the command line in-process (probe --count N --interval 0s --brief,
# one run's fixed cost included). JAVA_OPTS adds JVM options (-XX:TieredStopAtLevel=1 as the package).
# SPLIT=1 adds where the instructions went (src/bench/callgrind_split.py: JNA and libffi, the JVM,
# libc, JIT-compiled code). Each run takes minutes: the JVM runs 20-50 times slower under valgrind.
set -euo pipefail
cd "$(dirname "$0")/../.."
method=${1:-engine} port=${2:-closed} n=${3:-3000}
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
[[ -d target/classes/org/connectdoctor/probe && -d target/mods ]] || ./mvnw -B -q -DskipTests package
mkdir -p target/bench-classes target/callgrind
javac -d target/bench-classes -cp target/classes src/bench/java/Bench.java
out=target/callgrind/$method-$port.out
rm -f "$out"*
# -Xbatch: the JIT compiles at the same invocation counts in every run.
valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file="$out" \
  java ${JAVA_OPTS:-} -Xbatch -Dbench.callgrind=true -XX:+UseSerialGC \
  -Djna.boot.library.path=target/jpackage-input -Djna.nounpack=true -Djna.nosys=true \
  -cp "target/bench-classes:target/classes:target/mods/*" Bench --loop "$method" "$port" 30000 "$n" \
  >"$out.log" 2>&1 || { tail -5 "$out.log" >&2; exit 1; }
dump=$(ls "$out".* 2>/dev/null | grep -v '\.log$' | head -1)
[[ -n $dump ]] || { echo "callgrind wrote no dump (see $out.log)" >&2; exit 1; }
ir=$(sed -n 's/^summary: //p' "$dump")
echo "$method $port: $(( ir / n )) instructions per probe ($ir over $n probes, ${JAVA_OPTS:-default JIT}; $dump)"
[[ -n ${SPLIT:-} ]] && python3 src/bench/callgrind_split.py "$dump" "$n" 10
