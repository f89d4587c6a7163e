<#
.SYNOPSIS
  Builds Connect Doctor's Windows app image and .msi into target\installers\.
.DESCRIPTION
  Uses the same jpackage argument files as the Linux and macOS builds (installers\common\*.txt),
  plus installers\windows\jpackage-windows*.txt. Needs a JDK 17+ (JAVA_HOME) and WiX Toolset 3.14
  (candle.exe and light.exe on PATH), which JDK 17's jpackage requires for .msi.
  The main launcher "Connect Doctor.exe" opens the window; "connect-doctor.exe" is the console
  command line. The .msi has a fixed upgrade UUID, so a newer version replaces an older one; a
  Start-menu entry; a desktop shortcut the user may decline; and a directory chooser.
.PARAMETER PerUser
  Build an .msi that installs for the current user only (no administrator rights needed).
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1 -PerUser
#>
param([switch]$PerUser)
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..\..')

function Fail($message) { Write-Error "build.ps1: $message"; exit 1 }

# --- preconditions
if (-not $env:JAVA_HOME) { Fail 'JAVA_HOME is not set: point it at a JDK 17 or newer.' }
$jpackage = Join-Path $env:JAVA_HOME 'bin\jpackage.exe'
if (-not (Test-Path $jpackage)) { Fail "no jpackage in $env:JAVA_HOME (a JDK 17 or newer is needed, not a JRE)." }
if (-not (Test-Path (Join-Path $env:JAVA_HOME 'jmods\java.base.jmod'))) { Fail "$env:JAVA_HOME has no jmods." }
foreach ($tool in 'candle.exe', 'light.exe') {
  if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) {
    Fail "$tool not found: install WiX Toolset 3.14 and put its bin directory on PATH."
  }
}
$pom = Get-Content pom.xml -Raw
if ($pom -notmatch '<app.version>([^<]+)</app.version>') { Fail 'no <app.version> in pom.xml' }
$version = $Matches[1]

# --- app image: Maven runs jlink + jpackage with the shared argument files (profile "windows")
& .\mvnw.cmd -B -q -DskipTests package
if ($LASTEXITCODE -ne 0) { Fail 'the Maven build failed' }
$image = 'target\Connect Doctor'
foreach ($exe in 'Connect Doctor.exe', 'connect-doctor.exe') {
  if (-not (Test-Path (Join-Path $image $exe))) { Fail "the app image has no $exe" }
}
# The JDK's second default CDS archive serves heaps over 32 GB only.
Remove-Item -ErrorAction SilentlyContinue (Join-Path $image 'runtime\bin\server\classes_nocoops.jsa')

# --- quick check of the image's command line
& (Join-Path $image 'connect-doctor.exe') --version
if ($LASTEXITCODE -ne 0) { Fail 'connect-doctor.exe --version failed' }

# --- .msi
$out = 'target\installers'
New-Item -ItemType Directory -Force $out | Out-Null
$arguments = @('@installers\windows\jpackage-windows-package.txt', '--type', 'msi', '--app-image', $image,
               '--app-version', $version, '--dest', $out)
if ($PerUser) { $arguments += '--win-per-user-install' }
& $jpackage @arguments
if ($LASTEXITCODE -ne 0) { Fail 'jpackage failed' }

Get-ChildItem $out -Filter *.msi | ForEach-Object {
  '{0}: {1:N1} MB' -f $_.Name, ($_.Length / 1MB)
}
