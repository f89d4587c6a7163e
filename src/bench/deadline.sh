#!/usr/bin/env bash
# The worst overrun of a 1 ms limit over N probes (default 10,000) to a silent loopback peer, while two
# CPU-bound processes (yes >/dev/null) run beside it; they are started here and stopped by PID.
#   src/bench/deadline.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -d target/classes/org/connectdoctor/probe ]] || ./mvnw -B -q -DskipTests compile
cp=target/classes:$(./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
hogs=()
stop_hogs() { for p in "${hogs[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop_hogs EXIT
yes >/dev/null & hogs+=($!)
yes >/dev/null & hogs+=($!)
java -cp "$cp" src/bench/java/DeadlineOverrun.java "${1:-10000}"
