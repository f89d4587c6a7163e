#!/usr/bin/env bash
# Takes assets/checklist.png: the Checklist window after running a profile of loopback fixtures
# (src/tools/ChecklistShot.java), under Xvfb through /work/shared/tools/screenshot.sh or a
# compatible screenshot.sh given as SCREENSHOT.
#   src/tools/checklist-screenshot.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-assets/checklist.png}
shot=${SCREENSHOT:-/work/shared/tools/screenshot.sh}
[[ -d target/classes/org/connectdoctor/ui ]] || ./mvnw -B -q -DskipTests compile
cp=target/classes:$(./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
"$shot" -w 5 -s 1180x430 "$out.tmp.png" -- java -cp "$cp" src/tools/ChecklistShot.java
mv "$out.tmp.png" "$out"
echo "saved $out"
