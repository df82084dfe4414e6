#!/bin/sh
# Grendel: a Jamf Pro extension attribute (runs as root at inventory).
# Each user's Grendel agent writes its status to
# ~/Library/Application Support/Grendel/status.json and rewrites it at least
# every 5 minutes; this reports one field of the newest such file (the user
# who used the Mac last). Set FIELD to any name `grendel status --field`
# accepts (the README lists them): one extension attribute per field, of
# Jamf's data type Integer for the Int64 fields and String for the others
# (Boolean fields print true or false).
# The status is self-reported: StatusAgeSeconds is the file's age.
FIELD=AgentRunning
grendel=/Applications/Grendel.app/Contents/MacOS/grendel
newest=$(ls -t /Users/*/Library/"Application Support"/Grendel/status.json 2>/dev/null | head -n 1)
if [ -n "$newest" ]; then
	value=$("$grendel" status --from "$newest" --field "$FIELD")
else
	value=$("$grendel" status --field "$FIELD")
fi
echo "<result>$value</result>"
