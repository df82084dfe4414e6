package resident

import "grendel/app/ipc"

// ipcShowStatus is the request the tray's Status item makes of the agent.
var ipcShowStatus = ipc.Request{Op: ipc.OpShow, Window: "status"}
