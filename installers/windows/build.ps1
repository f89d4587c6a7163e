<#
.SYNOPSIS
  Builds Connect Doctor's Windows app image and .msi into target\installers\.
.DESCRIPTION
  Uses the same jpackage argument files as the Linux and macOS builds (installers\common\*.txt),
  plus installers\windows\jpackage-windows*.txt. Needs a JDK 17+ (JAVA_HOME) and WiX Toolset 3.14
  (candle.exe and light.exe on PATH), which JDK 17's jpackage requires for .msi.
  The main launcher "Connect Doctor.exe" opens the window; "connect-doctor.exe" is the console
  command line. The .msi has a fixed upgrade UUID, so a newer version replaces an older one; a
  Start-menu entry; a desktop shortcut the user may decline; a directory chooser; and the install
  directory on PATH, so "connect-doctor" works in a new terminal (removed again on uninstall).
  jpackage has no option for PATH: the .msi is built twice, the second time from the JDK's own
  main.wxs (kept from the first pass) with one component added that sets PATH.
.PARAMETER PerUser
  Build an .msi that installs for the current user only (no administrator rights needed): into
  %LOCALAPPDATA%, the user's Start menu and the user's PATH. Without it: Program Files, all users,
  the system PATH.
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

# --- .msi, pass 1: jpackage's own WiX sources, kept in a temp directory (config\main.wxs)
$out = 'target\installers'
$temp = 'target\msi-temp'
$resources = 'target\msi-resources'
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $out, $temp, $resources
New-Item -ItemType Directory -Force $out, $resources | Out-Null
$arguments = @('@installers\windows\jpackage-windows-package.txt', '--type', 'msi', '--app-image', $image,
               '--app-version', $version, '--dest', $out)
if ($PerUser) { $arguments += '--win-per-user-install' }
& $jpackage @arguments --temp $temp
if ($LASTEXITCODE -ne 0) { Fail 'jpackage failed' }
$mainWxs = Join-Path $temp 'config\main.wxs'
if (-not (Test-Path $mainWxs)) { Fail "jpackage left no $mainWxs to add the PATH entry to" }

# --- pass 2: the same main.wxs plus one component that puts INSTALLDIR (jpackage's install directory,
# where both launchers are) on PATH. Its key path is a registry value: under HKCU for a per-user
# install (ICE38: a component in the user profile keys on HKCU), else HKLM.
$wxs = Get-Content $mainWxs -Raw
$sources = Get-ChildItem (Join-Path $temp 'config') -File | ForEach-Object { Get-Content $_.FullName -Raw }
if (-not ($sources -match 'INSTALLDIR')) { Fail "jpackage's WiX sources name no INSTALLDIR: this JDK's template is not the expected one" }
$feature = [regex]::Match($wxs, '<Feature\b[^>]*[^/]>')
if (-not $feature.Success) { Fail "$mainWxs has no <Feature> to add the PATH component to" }
$system = if ($PerUser) { 'no' } else { 'yes' }
$root = if ($PerUser) { 'HKCU' } else { 'HKLM' }
$component = @"
    <DirectoryRef Id="INSTALLDIR">
      <Component Id="cdCommandOnPath" Guid="{38950BB2-E2B8-414B-BE34-4A869F6FC130}">
        <RegistryValue Root="$root" Key="Software\Connect Doctor contributors\Connect Doctor" Name="CommandOnPath"
                       Type="integer" Value="1" KeyPath="yes"/>
        <Environment Id="cdPathEntry" Name="PATH" Value="[INSTALLDIR]" Action="set" Part="last" Permanent="no"
                     System="$system"/>
      </Component>
    </DirectoryRef>
"@
$wxs = $wxs.Insert($feature.Index + $feature.Length, '<ComponentRef Id="cdCommandOnPath"/>')
$end = $wxs.LastIndexOf('</Product>')
if ($end -lt 0) { Fail "$mainWxs has no </Product>" }
$wxs = $wxs.Insert($end, $component)
Set-Content -Encoding UTF8 (Join-Path $resources 'main.wxs') $wxs
Remove-Item -Recurse -Force $out, $temp
New-Item -ItemType Directory -Force $out | Out-Null
& $jpackage @arguments --resource-dir $resources
if ($LASTEXITCODE -ne 0) { Fail 'jpackage failed on the main.wxs with the PATH entry' }

Get-ChildItem $out -Filter *.msi | ForEach-Object {
  '{0}: {1:N1} MB' -f $_.Name, ($_.Length / 1MB)
}
