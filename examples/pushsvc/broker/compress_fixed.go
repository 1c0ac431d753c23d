//go:build fixed

package broker

import "github.com/klauspost/compress/s2"

// compress encodes frame as an s2 block into the connection's scratch
// buffer. The result is valid until the next call; writeLoop, the only
// caller, writes it out before compressing the next frame.
func (c *client) compress(frame []byte) []byte {
	n := s2.MaxEncodedLen(len(frame))
	if cap(c.zbuf) < n {
		c.zbuf = make([]byte, n)
	}
	return s2.Encode(c.zbuf[:n], frame)
}
