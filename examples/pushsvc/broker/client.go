package broker

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const (
	startBufSize = 512       // first read buffer of a connection
	minBufSize   = 64        // read buffer never shrinks below this
	maxBufSize   = 64 * 1024 // ... and never grows beyond this
	writeBufSize = 32 * 1024 // buffered writer per connection

	kindMsg     = 0 // s2-compressed MSG frame
	kindControl = 1 // plain text: +OK, PONG, -ERR
)

var (
	crlf     = []byte("\r\n")
	errProto = errors.New("protocol error")
)

// client is one TCP connection: a publisher, a subscriber, or both.
type client struct {
	srv  *Server
	id   uint64
	name string
	conn net.Conn

	wmu  sync.Mutex    // guards bw and the socket's write side
	bw   *bufio.Writer // wire writes
	out  chan []byte   // frames waiting for writeLoop
	zbuf []byte        // compression scratch (see compress)
	pend []byte        // unparsed tail of the previous read

	done      chan struct{}
	closeOnce sync.Once
	slow      atomic.Uint64 // frames dropped because out was full
}

func newClient(s *Server, conn net.Conn, name string) *client {
	return &client{
		srv:  s,
		id:   s.nextID.Add(1),
		name: name,
		conn: conn,
		bw:   bufio.NewWriterSize(conn, writeBufSize),
		out:  make(chan []byte, s.opts.OutQueue),
		done: make(chan struct{}),
	}
}

func (c *client) close() {
	c.closeOnce.Do(func() {
		close(c.done)
		c.conn.Close()
	})
}

// readLoop reads commands until the connection fails. The read buffer adapts
// to the traffic: it doubles when a read fills it and halves when a read uses
// less than half of it.
func (c *client) readLoop() {
	b := make([]byte, startBufSize)
	for {
		n, err := c.conn.Read(b)
		if n > 0 {
			if perr := c.parse(b[:n]); perr != nil {
				c.sendControl("-ERR " + perr.Error())
				return
			}
		}
		if err != nil {
			return
		}
		if n == len(b) && len(b) < maxBufSize {
			b = make([]byte, len(b)*2)
		} else if n < len(b)/2 && len(b) > minBufSize {
			b = make([]byte, len(b)/2)
		}
	}
}

// parse handles every complete command in data and keeps the rest for the
// next read. Commands: PUB <topic> <size>, SUB <topic> <sid>, PING.
func (c *client) parse(data []byte) error {
	if len(c.pend) > 0 {
		data = append(c.pend, data...)
		c.pend = nil
	}
	for len(data) > 0 {
		i := bytes.Index(data, crlf)
		if i < 0 {
			break
		}
		args := strings.Split(string(data[:i]), " ")
		if args[0] == "PUB" {
			if len(args) != 3 {
				return errProto
			}
			size, err := strconv.Atoi(args[2])
			if err != nil || size < 0 || size > c.srv.opts.MaxPayload {
				return fmt.Errorf("bad size %q", args[2])
			}
			end := i + 2 + size + 2
			if len(data) < end {
				break // payload not complete yet
			}
			c.srv.publish(args[1], data[i+2:i+2+size])
			data = data[end:]
			continue
		}
		switch args[0] {
		case "SUB":
			if len(args) != 3 {
				return errProto
			}
			sid, err := strconv.ParseUint(args[2], 10, 32)
			if err != nil {
				return errProto
			}
			c.srv.subscribe(c, args[1], uint32(sid))
			c.sendRetained(args[1], uint32(sid))
		case "PING":
			if err := c.sendControl("PONG"); err != nil {
				return err
			}
		default:
			return fmt.Errorf("unknown command %q", args[0])
		}
		data = data[i+2:]
	}
	if len(data) > 0 {
		c.pend = copyBytes(data)
	}
	return nil
}

// sendRetained queues the last message of topic for a new subscriber.
func (c *client) sendRetained(topic string, sid uint32) {
	if last := lastRetained(topic); last != nil {
		select {
		case c.out <- buildFrame(topic, sid, last):
		default:
		}
	}
}

// writeLoop compresses and writes queued frames until the client closes.
func (c *client) writeLoop() {
	for {
		select {
		case frame := <-c.out:
			err := c.writeFrame(kindMsg, c.compress(frame))
			putFrame(frame)
			if err != nil {
				c.close()
				return
			}
		case <-c.done:
			return
		}
	}
}

func (c *client) sendControl(msg string) error {
	return c.writeFrame(kindControl, []byte(msg))
}

// writeFrame writes one length-prefixed frame and flushes when nothing else
// is queued.
func (c *client) writeFrame(kind byte, body []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.conn.SetWriteDeadline(time.Now().Add(c.srv.opts.WriteTimeout))
	var hdr [5]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(body)))
	hdr[4] = kind
	c.bw.Write(hdr[:])
	c.bw.Write(body)
	if len(c.out) > 0 {
		return nil
	}
	return c.bw.Flush()
}
