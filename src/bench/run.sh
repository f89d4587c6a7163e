#!/usr/bin/env bash
# Every benchmark in one go (prints figures, asserts nothing; loopback only):
#  1. connect-doctor bench: the C floor (src/bench/c/connect_loop.c, compiled here with cc), the engine,
#     java.net.Socket and SocketChannel; then 1,000 endpoints at bounded concurrency (and nmap, if installed);
#  2. src/bench/startup.sh: start-up times and peak memory of the command line and the window.
#   src/bench/run.sh [--count N]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=20000
[[ ${1:-} == --count ]] && count=${2:?}
[[ -x target/connect-doctor/bin/connect-doctor ]] || ./mvnw -B -q -DskipTests package
floor=()
if command -v cc >/dev/null; then
  cc -O2 -o target/connect_loop src/bench/c/connect_loop.c
  floor=(--c-floor target/connect_loop)
else
  echo "no C compiler (cc): the C floor is left out"
fi
target/connect-doctor/bin/connect-doctor bench --count "$count" "${floor[@]}"
echo
src/bench/startup.sh
