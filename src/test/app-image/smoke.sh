#!/usr/bin/env bash
# Runs the jpackage app image the way a user would, from its own launcher: --version, a probe of a
# closed loopback port (ECONNREFUSED, exit 1), a Unix path that does not exist (ENOENT), bad input
# (exit 2, a message, no stack trace) and --json. Called by `mvn verify` after the image is built.
set -euo pipefail
app=${1:?usage: smoke.sh APP_IMAGE_DIR}
bin="$app/bin/connect-doctor"
[[ -x $bin ]] || { echo "smoke: no launcher at $bin" >&2; exit 1; }
fail() { echo "smoke: $*" >&2; exit 1; }
pass=0

expect() { # expect EXIT PATTERN -- ARGS...
  local want=$1 pattern=$2; shift 3
  local out rc=0
  out=$("$bin" "$@" 2>&1) || rc=$?
  [[ $rc == "$want" ]] || fail "connect-doctor $* exited $rc, expected $want:"$'\n'"$out"
  grep -Eq -- "$pattern" <<<"$out" || fail "connect-doctor $* printed no match for /$pattern/:"$'\n'"$out"
  if grep -q 'Exception\|\bat [a-z]\+\.' <<<"$out"; then fail "connect-doctor $* printed a stack trace:"$'\n'"$out"; fi
  pass=$((pass + 1))
}

expect 0 '^connect-doctor [0-9]' -- --version
# Port 1 (tcpmux) has no listener on a build machine; the kernel refuses at once.
expect 1 'ECONNREFUSED \(111\) Connection refused' -- probe 127.0.0.1:1
expect 1 'ENOENT \(2\) No such file or directory' -- probe "unix:/nonexistent/connect-doctor-smoke.sock"
expect 2 'Port 70000 is out of range' -- probe localhost:70000
expect 1 '"symbol": "ECONNREFUSED"' -- probe --json 127.0.0.1:1
# The explanation: the man page's entry and the context check, read by the image's own runtime.
expect 1 'From the manual: connect\(2\)' -- probe 127.0.0.1:1
expect 1 'Nothing on this computer listens on TCP port 1' -- probe 127.0.0.1:1
expect 0 'ECONNREFUSED \(111\) Connection refused' -- explain 111
expect 0 'SEE ALSO' -- man connect 2
echo "smoke: $pass passed, 0 failed"
# The Linux launcher itself: arguments unchanged up to 128 KiB, a symlink, no program but java.
bash "$(dirname "$0")/launcher-test.sh" "$app"
