package resident

import "grendel/app/ipc"

// ipcShowStatus is the request the tray's Status item makes of the agent.
var ipcShowStatus = ipc.Request{Op: ipc.OpShow, Window: "status"}

// ipcShowSettings is the request the tray's Settings item makes of the agent.
var ipcShowSettings = ipc.Request{Op: ipc.OpShow, Window: "settings"}
