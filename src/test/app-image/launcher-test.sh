#!/usr/bin/env bash
# Checks the Linux app image's own launcher (installers/linux/launcher/launcher.c), as smoke.sh's last step:
#  - arguments reach the JVM byte for byte (read back from /proc/PID/cmdline of the running java):
#    spaces, quotes, a newline, $, *, a leading -, and a 100 kB argument;
#  - arguments up to the kernel's per-argument limit (128 KiB) get the application's own one-line
#    answer, never a crash (jpackage's launcher died with SIGSEGV past 64 KB, JDK-8380085);
#  - started through a symlink (as /usr/bin/connect-doctor is), it finds its image, and the only
#    programs it runs are itself and the image's java (strace -f -e trace=execve): no rpm, no dpkg,
#    and a probe, which loads JNA, runs no ldconfig;
#  - a deleted current folder and a too-small ulimit -v get one line and exit 127; a probe under
#    ulimit -v of 1 GiB and 512 MiB runs (the launcher shrinks the runtime's reservations).
# All traffic goes to 127.0.0.1. Every run is bounded by timeout(1).
#   launcher-test.sh APP_IMAGE
set -euo pipefail
app=$(cd "${1:?usage: launcher-test.sh APP_IMAGE}" && pwd)
bin=$app/bin/connect-doctor
java=$app/lib/runtime/bin/java
module=org.connectdoctor/org.connectdoctor.Main
fail() { echo "launcher-test: $*" >&2; exit 1; }
pass=0
tmp=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
no_trace() { ! grep -q 'Exception\|\bat [a-z]\+\.\|SIGSEGV\|core dumped' <<<"$1"; }

# args_reach_java ARGS...: starts the CLI with ARGS, waits until the launcher has become java (same
# pid, execv), and compares java's argument vector after "-m MODULE" with ARGS, byte for byte.
args_reach_java() {
  printf '%s\0' -m "$module" "$@" >"$tmp/expected"
  HOME=$tmp "$bin" "$@" >"$tmp/out" 2>&1 & pid=$!
  # The bound: a run that outlives 30 s is killed (and then fails below).
  ( sleep 30; kill "$pid" 2>/dev/null ) >/dev/null 2>&1 & local watchdog=$!
  local argv0=
  for _ in $(seq 100); do
    argv0=$(head -z -n1 "/proc/$pid/cmdline" 2>/dev/null | tr -d '\0' || true)
    [[ $argv0 == "$java" ]] && break
    sleep 0.05
  done
  [[ $argv0 == "$java" ]] || fail "the launcher did not become $java (argv[0]: ${argv0:-gone})"
  cp "/proc/$pid/cmdline" "$tmp/actual"
  local rc=0
  wait "$pid" || rc=$?
  pid=
  kill "$watchdog" 2>/dev/null || true
  tail -c "$(stat -c %s "$tmp/expected")" "$tmp/actual" | cmp -s - "$tmp/expected" \
    || fail "java did not get the arguments unchanged ($(stat -c %s "$tmp/expected") bytes expected at the end of its command line)"
  [[ $rc == 1 ]] || fail "the probe exited $rc, expected 1 (refused):"$'\n'"$(head -c 2000 "$tmp/out")"
  grep -q 'ECONNREFUSED (111) Connection refused' "$tmp/out" || fail "no ECONNREFUSED:"$'\n'"$(head -c 2000 "$tmp/out")"
  pass=$((pass + 1))
}

# A datagram probe of a closed loopback port is refused at once, then waits the interval: long
# enough to read java's command line while it runs.
odd=$'-starts with a dash, has spaces,  two, \'single\' and "double" quotes,\na newline, $HOME, $(id), `id`, * and ?, \\ and a tab\t.'
args_reach_java probe --type dgram --count 2 --interval 1s --brief "--payload=$odd" 127.0.0.1:1
hex=$(head -c 50000 /dev/zero | od -An -v -tx1 | tr -d ' \n')
(( ${#hex} == 100000 )) || fail "could not make a 100 kB hex payload"
args_reach_java probe --type dgram --count 2 --interval 1s --brief --payload-hex "$hex" 127.0.0.1:1

# expect_message EXIT PATTERN ARGS...: one line from the application, no crash, no stack trace.
expect_message() {
  local want=$1 pattern=$2; shift 2
  local out rc=0
  out=$(HOME=$tmp timeout 30 "$bin" "$@" 2>&1) || rc=$?
  local size=0 a; for a in "$@"; do size=$((size + ${#a})); done
  [[ $rc == "$want" ]] || fail "a ${size}-byte command line exited $rc, expected $want:"$'\n'"$(head -c 2000 <<<"$out")"
  grep -Eq -- "$pattern" <<<"$out" || fail "a ${size}-byte command line printed no match for /$pattern/:"$'\n'"$(head -c 2000 <<<"$out")"
  no_trace "$out" || fail "a ${size}-byte command line printed a stack trace or crashed:"$'\n'"$(head -c 2000 <<<"$out")"
  pass=$((pass + 1))
}
long() { head -c "$1" /dev/zero | tr '\0' "$2"; }
# 70,000 bytes of payload: more than a datagram carries, and the application says so.
expect_message 2 'at most 65507' probe --type dgram "--payload=$(long 70000 x)" 127.0.0.1:1
# A long pasted target, up to the kernel's limit for one argument (131,072 bytes with its NUL).
expect_message 2 'long|at most' probe "$(long 100000 a):80"
expect_message 2 'long|at most' probe "$(long 131065 b).:80"
# A leading dash belongs to the application, not to the JVM: no java -version output here.
out=$(HOME=$tmp timeout 30 "$bin" -version 2>&1) && fail "connect-doctor -version exited 0: $out"
grep -qi 'openjdk\|java version' <<<"$out" && fail "connect-doctor -version reached the JVM: $out"
pass=$((pass + 1))

# Through a symlink, as the packages install it; strace shows every program started.
ln -s "$bin" "$tmp/connect-doctor"
ln -s "$app/bin/Connect Doctor" "$tmp/window"
if command -v strace >/dev/null 2>&1; then
  for link in "$tmp/connect-doctor" "$tmp/window"; do
    HOME=$tmp timeout 30 strace -f -qq -e trace=execve -o "$tmp/execve.log" "$link" --version >"$tmp/out" 2>&1 \
      || fail "$link --version under strace failed: $(cat "$tmp/out")"
    grep -q '^connect-doctor [0-9]' "$tmp/out" || fail "$link --version printed: $(cat "$tmp/out")"
    progs=$(grep -o 'execve("[^"]*"' "$tmp/execve.log" | sed 's/^execve("//; s/"$//')
    [[ $progs == "$link"$'\n'"$java" ]] || fail "the launcher started more than java:"$'\n'"$(cut -c1-200 "$tmp/execve.log")"
    pass=$((pass + 1))
  done
  # A probe loads the native layer: JNA starts no program either (without jna.platform.library.path
  # its NativeLibrary ran /sbin/ldconfig -p at every start).
  rc=0
  HOME=$tmp timeout 30 strace -f -qq -e trace=execve -o "$tmp/execve.log" "$tmp/connect-doctor" probe --brief 127.0.0.1:1 \
    >"$tmp/out" 2>&1 || rc=$?
  [[ $rc == 1 ]] && grep -q 'ECONNREFUSED' "$tmp/out" || fail "probe under strace exited $rc: $(head -c 2000 "$tmp/out")"
  progs=$(grep -o 'execve("[^"]*"' "$tmp/execve.log" | sed 's/^execve("//; s/"$//')
  [[ $progs == "$tmp/connect-doctor"$'\n'"$java" ]] || fail "a probe started more than java:"$'\n'"$(cut -c1-200 "$tmp/execve.log")"
  pass=$((pass + 1))
else
  echo "launcher-test: skipped the strace check: strace is not installed (apt-get install strace)"
  HOME=$tmp timeout 30 "$tmp/connect-doctor" --version | grep -q '^connect-doctor [0-9]' || fail "--version through a symlink"
  pass=$((pass + 1))
fi
# A current folder that was deleted, and an address-space limit (ulimit -v): the JVM alone answers
# both with exit 1 (the code of a failed connection), the first with a java.lang.Error trace. The
# launcher says what is wrong in one line (exit 127), or fits the runtime into a limit it can run in.
mkdir "$tmp/gone"
out=$(cd "$tmp/gone" && rmdir "$tmp/gone" && HOME=$tmp timeout 30 "$bin" probe --brief 127.0.0.1:1 2>&1) && rc=0 || rc=$?
[[ $rc == 127 ]] || fail "a probe from a deleted folder exited $rc, expected 127: $out"
[[ $out == "connect-doctor: cannot start: the current folder no longer exists"* && $(wc -l <<<"$out") == 1 ]] \
  || fail "a probe from a deleted folder printed: $out"
pass=$((pass + 1))
for limit in 1048576 524288; do
  out=$( (ulimit -v "$limit"; HOME=$tmp timeout 60 "$bin" probe 127.0.0.1:1) 2>&1) && rc=0 || rc=$?
  [[ $rc == 1 ]] || fail "a probe under ulimit -v $limit exited $rc, expected 1 (refused): $(head -c 2000 <<<"$out")"
  grep -q 'ECONNREFUSED (111) Connection refused' <<<"$out" && no_trace "$out" \
    || fail "a probe under ulimit -v $limit printed: $(head -c 2000 <<<"$out")"
  pass=$((pass + 1))
done
out=$( (ulimit -v 262144; HOME=$tmp timeout 30 "$bin" probe 127.0.0.1:1) 2>&1) && rc=0 || rc=$?
[[ $rc == 127 && $out == *"the address-space limit (ulimit -v) is 256 MiB, and the Java runtime needs at least 512 MiB"* ]] \
  || fail "a probe under ulimit -v 262144 exited $rc: $out"
pass=$((pass + 1))

echo "launcher-test: $pass passed, 0 failed"
