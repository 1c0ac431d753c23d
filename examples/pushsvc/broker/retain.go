package broker

import (
	"sync"
	"time"
)

// The last message of every topic is kept so that new subscribers start with
// the current value.
var (
	retainedMu sync.Mutex
	retained   = map[string]*retainedMsg{}
)

type retainedMsg struct {
	data  []byte
	at    time.Time
	count int
}

func retain(topic string, payload []byte) {
	key := "retained:" + topic
	retainedMu.Lock()
	defer retainedMu.Unlock()
	m := retained[key]
	if m == nil {
		m = &retainedMsg{}
		retained[key] = m
	}
	m.data = copyBytes(payload)
	m.at = time.Now()
	m.count++
}

func lastRetained(topic string) []byte {
	retainedMu.Lock()
	defer retainedMu.Unlock()
	if m := retained["retained:"+topic]; m != nil {
		return m.data
	}
	return nil
}

func retainedCount() int {
	retainedMu.Lock()
	defer retainedMu.Unlock()
	return len(retained)
}
