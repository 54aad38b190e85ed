package main

// Log lines as the TypeScript services write them (lab/src/log.ts): "10:00:00.105 INFO: message",
// or with LOG_FORMAT=json one JSON object per line, as pino writes it, so `npm start --silent | jq .`
// still reads every line.

import (
	"encoding/json"
	"fmt"
	"os"
	"time"
)

var jsonLogs = os.Getenv("LOG_FORMAT") == "json"

func logInfo(message string) {
	now := time.Now()
	if jsonLogs {
		line, _ := json.Marshal(map[string]interface{}{"level": 30, "time": now.UnixMilli(), "service": "user-service", "msg": message})
		fmt.Println(string(line))
		return
	}
	fmt.Printf("%s INFO: %s\n", now.Format("15:04:05.000"), message)
}
