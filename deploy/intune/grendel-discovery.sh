#!/bin/sh
# Grendel: discovery script for Intune custom compliance on Linux.
# Intune runs it as root, outside every user's session. Each user's Grendel
# agent writes its status to ~/.local/state/grendel/status.json (or
# $XDG_STATE_HOME/grendel/status.json, which root cannot see: keep the
# default) and rewrites it at least every 5 minutes; this script takes the
# newest of those files (the user who used the machine last) and prints its
# flat form, one line of JSON. Without any file it prints the flat form of
# a status without an agent (AgentRunning false, the machine's policy). The
# status is self-reported: StatusAgeSeconds, the file's age, is the signal
# that the agent runs.
newest=$(ls -t /home/*/.local/state/grendel/status.json /root/.local/state/grendel/status.json 2>/dev/null | head -n 1)
if [ -n "$newest" ]; then
	/usr/bin/grendel status --from "$newest" --format intune
else
	# Exit code 3 (no agent) still prints the document.
	/usr/bin/grendel status --format intune
fi
exit 0
