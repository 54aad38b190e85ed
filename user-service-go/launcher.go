package main

// npm start's launcher (launcher/supervisor.js) starts every process with an IPC channel: a socket
// whose file descriptor is in NODE_CHANNEL_FD, carrying one JSON message per line. The TypeScript
// services read it through Node's process.on('message'); this is the same in a few lines of Go:
//   - a setting changed at run time (the page, `npm run cli -- settings auth required`):
//     {"settings":{"auth":"required"},"id":7}, answered {"done":7} once it is in force;
//   - the channel's end: the launcher has gone (Ctrl-C, kill -9), so this process stops too and
//     no orphan keeps port 50051.
// Started any other way (by hand, by a test, in a container), there is no channel and nothing to do.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
)

type launcherMessage struct {
	ID       *int `json:"id"`
	Settings struct {
		Auth string `json:"auth"`
	} `json:"settings"`
}

func followLauncher(setAuthRequired func(bool), launcherEnded func()) {
	fd, err := strconv.Atoi(os.Getenv("NODE_CHANNEL_FD"))
	if err != nil {
		return // not started by the launcher
	}
	channel := os.NewFile(uintptr(fd), "launcher")
	go func() {
		lines := bufio.NewScanner(channel)
		lines.Buffer(make([]byte, 64*1024), 1024*1024)
		for lines.Scan() {
			var message launcherMessage
			if json.Unmarshal(lines.Bytes(), &message) != nil {
				continue // a message of Node's own, or one this service has no use for
			}
			if message.Settings.Auth != "" {
				setAuthRequired(message.Settings.Auth == "required")
			}
			if message.ID != nil {
				fmt.Fprintf(channel, "{\"done\":%d}\n", *message.ID)
			}
		}
		launcherEnded()
	}()
}
