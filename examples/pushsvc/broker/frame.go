package broker

import (
	"fmt"
	"sync"
)

// frameBufSize is the capacity of pooled frame buffers; it covers almost all
// messages.
const frameBufSize = 32 * 1024

var framePool = sync.Pool{
	New: func() any {
		return make([]byte, 0, frameBufSize)
	},
}

// buildFrame renders one MSG frame for a subscriber:
//
//	MSG <topic> <sid> <size>\r\n<payload>\r\n
func buildFrame(topic string, sid uint32, payload []byte) []byte {
	buf := framePool.Get().([]byte)
	hdr := fmt.Sprintf("MSG %s %d %d\r\n", topic, sid, len(payload))
	buf = append(buf[:0], hdr...)
	buf = append(buf, payload...)
	buf = append(buf, crlf...)
	return buf
}

// putFrame returns a frame buffer to the pool. Only buffers of the standard
// size are kept so that the pool stays uniform.
func putFrame(b []byte) {
	if cap(b) != frameBufSize {
		return
	}
	framePool.Put(b[:0])
}

// copyBytes returns a private copy of b.
func copyBytes(b []byte) []byte {
	if b == nil {
		return nil
	}
	c := make([]byte, len(b))
	copy(c, b)
	return c
}
