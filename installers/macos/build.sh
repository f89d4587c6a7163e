#!/usr/bin/env bash
# Builds Connect Doctor's macOS app bundle, .dmg and .pkg into target/installers/.
#   installers/macos/build.sh
# Uses the same jpackage argument files as the Linux and Windows builds (installers/common/*.txt),
# plus installers/macos/jpackage-macos*.txt. Needs a JDK 17+ (JAVA_HOME, or /usr/libexec/java_home).
# Signing is off unless these are set (jpackage's own options, passed through):
#   MAC_SIGNING_KEY_USER_NAME  team or user name of the "Developer ID Application/Installer" identities
#                              (--mac-sign --mac-signing-key-user-name)
#   MAC_SIGNING_KEYCHAIN       keychain holding them (--mac-signing-keychain); default: the user's keychains
# Signed builds use installers/macos/entitlements.plist (--mac-entitlements) for the hardened runtime.
set -euo pipefail
cd "$(dirname "$0")/../.."
die() { echo "build.sh: $*" >&2; exit 1; }

[[ $(uname -s) == Darwin ]] || die "this script builds macOS packages; use installers/linux/build.sh on Linux"
if [[ -z ${JAVA_HOME:-} ]]; then
  JAVA_HOME=$(/usr/libexec/java_home -v 17+ 2>/dev/null) || die "no JDK 17+ found: set JAVA_HOME"
  export JAVA_HOME
fi
jpackage=$JAVA_HOME/bin/jpackage
[[ -x $jpackage ]] || die "no jpackage in $JAVA_HOME (a JDK, not a JRE, is needed)"
[[ -f $JAVA_HOME/jmods/java.base.jmod ]] || die "$JAVA_HOME has no jmods"
command -v hdiutil >/dev/null || die "hdiutil (part of macOS) is needed for the .dmg"
version=$(sed -n 's:.*<app.version>\(.*\)</app.version>.*:\1:p' pom.xml | head -1)
[[ -n $version ]] || die "no <app.version> in pom.xml"

# App bundle: Maven runs jlink + jpackage with the shared argument files (profile mac-x86_64 or mac-aarch64).
./mvnw -B -q -DskipTests package
bundle="target/Connect Doctor.app"
[[ -x "$bundle/Contents/MacOS/Connect Doctor" && -x "$bundle/Contents/MacOS/connect-doctor" ]] \
  || die "the app bundle has no launchers"
rm -f "$bundle/Contents/runtime/Contents/Home/lib/server/classes_nocoops.jsa"
"$bundle/Contents/MacOS/connect-doctor" --version

sign=()
if [[ -n ${MAC_SIGNING_KEY_USER_NAME:-} ]]; then
  sign=(--mac-sign --mac-signing-key-user-name "$MAC_SIGNING_KEY_USER_NAME"
        --mac-entitlements installers/macos/entitlements.plist)
  [[ -n ${MAC_SIGNING_KEYCHAIN:-} ]] && sign+=(--mac-signing-keychain "$MAC_SIGNING_KEYCHAIN")
fi

out=target/installers
mkdir -p "$out"
for type in dmg pkg; do
  "$jpackage" @installers/macos/jpackage-macos-package.txt --type "$type" --app-image "$bundle" \
    --app-version "$version" --dest "$out" ${sign[@]+"${sign[@]}"}
done
for f in "$out"/*.dmg "$out"/*.pkg; do
  [[ -e $f ]] && echo "$(basename "$f"): $(du -k "$f" | awk '{printf "%.1f MB", $1 / 1024}')"
done
