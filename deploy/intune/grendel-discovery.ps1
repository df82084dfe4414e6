# Grendel: discovery script for Intune custom compliance on Windows.
# Intune runs it as SYSTEM, outside every user's session. Each user's Grendel
# agent writes its status to %LOCALAPPDATA%\Grendel\status.json and rewrites
# it at least every 5 minutes; this script takes the newest of those files
# (the user who used the machine last) and prints its flat form, one line
# of JSON. Without any file it prints the flat form of a status without an
# agent (AgentRunning false, the machine's policy). The status is
# self-reported: StatusAgeSeconds, the file's age, is the signal that the
# agent runs.
$grendel = Join-Path $env:ProgramFiles 'Grendel\grendel.exe'
$newest = Get-ChildItem -Path (Join-Path $env:SystemDrive 'Users\*\AppData\Local\Grendel\status.json') -ErrorAction SilentlyContinue |
    Sort-Object -Property LastWriteTimeUtc -Descending |
    Select-Object -First 1
if ($newest) {
    $flat = & $grendel status --from $newest.FullName --format intune
} else {
    # Exit code 3 (no agent) still prints the document.
    $flat = & $grendel status --format intune
}
Write-Output $flat
exit 0
