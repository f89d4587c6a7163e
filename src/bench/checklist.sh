#!/usr/bin/env bash
# A checklist of N checks (default 200) with S silent targets (default 20) and a limit of L s
# (default 2), run R times (default 5): does the run last about as long as its slowest check?
#   src/bench/checklist.sh [N] [S] [L] [R]
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -d target/classes/org/connectdoctor/checklist ]] || ./mvnw -B -q -DskipTests compile
cp=target/classes:$(./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
java -cp "$cp" src/bench/java/ChecklistBench.java "${1:-200}" "${2:-20}" "${3:-2}" "${4:-5}"
