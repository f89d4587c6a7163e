#!/usr/bin/env bash
# Every benchmark in one go; prints figures and asserts nothing; all traffic stays on 127.0.0.1.
# A developer tool: nothing here is part of the packaged application, and the test suite never runs it.
#  1. src/bench/java/Bench.java (compiled against target/classes): the C floor (src/bench/c/connect_loop.c),
#     the engine, java.net.Socket and SocketChannel on a listening and a closed port (median, p99, ratio
#     to the floor); 1,000 endpoints against nmap -sT (installed here when missing, as root, when the
#     dpkg lock is free), the states each side reports counted; the command line's marginal cost of one
#     more repeated probe (text and --json, --count 5200 vs 200);
#  2. src/bench/startup.sh: start-up and memory of the README's run image (target/connect-doctor, built
#     by ./mvnw) and of the installed package (/opt/connect-doctor), each with and without class data.
#   src/bench/run.sh [--count N]
# On a loaded machine the figures get worse; nothing fails because of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
# 40,000 timed probes per method and port, in 10 rounds that take every method in turn (Bench.java):
# on a shared machine the load moves more between one method's run and the next than the engine
# differs from the floor, so each ratio is to the floor of its own round.
count=40000 rounds=10
[[ ${1:-} == --count ]] && count=${2:?}
[[ -x target/connect-doctor/bin/connect-doctor && -d target/classes/org/connectdoctor/probe ]] \
  || ./mvnw -B -q -DskipTests package
dpkg_free() { # true when no apt-get or dpkg holds the package database (fcntl locks, as dpkg takes them)
  python3 - <<'EOF' 2>/dev/null
import fcntl, sys
for name in ("/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock"):
    with open(name, "a") as f:
        try:
            fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.lockf(f, fcntl.LOCK_UN)
        except OSError:
            sys.exit(1)
EOF
}
if ! command -v nmap >/dev/null; then
  if (( EUID == 0 )) && command -v apt-get >/dev/null && dpkg_free; then
    echo "installing nmap for the comparison (apt-get install nmap)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nmap >/dev/null 2>&1 \
      || echo "(nmap could not be installed: the comparison is left out)"
  else
    echo "(nmap is not installed and cannot be installed now: the comparison is left out)"
  fi
fi
args=(--count "$count" --rounds "$rounds" --cli target/connect-doctor/bin/connect-doctor)
if command -v cc >/dev/null; then
  cc -O2 -o target/connect_loop src/bench/c/connect_loop.c
  args+=(--c-floor target/connect_loop)
else
  echo "(no C compiler (cc): the C floor is left out)"
fi
mkdir -p target/bench-classes
javac -d target/bench-classes -cp target/classes src/bench/java/Bench.java
echo "Connect Doctor bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -srm), $(nproc) CPUs, $(java -version 2>&1 | head -1)"
# The engine's native library from the image's own unpacked copy (as the packaged app loads it).
java -XX:+UseSerialGC -Djna.boot.library.path=target/jpackage-input -Djna.nounpack=true -Djna.nosys=true \
  -cp "target/bench-classes:target/classes:target/mods/*" Bench "${args[@]}"
echo
src/bench/startup.sh target/connect-doctor
if [[ -x /opt/connect-doctor/bin/connect-doctor ]]; then
  echo
  src/bench/startup.sh /opt/connect-doctor
else
  echo
  echo "(no installed package at /opt/connect-doctor: installers/linux/build.sh, then apt-get install ./target/installers/connect-doctor_*.deb)"
fi
