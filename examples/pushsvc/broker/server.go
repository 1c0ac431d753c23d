// Package broker implements a small topic-based push server: publishers send
// messages over TCP or HTTP, and every subscriber of a topic receives an
// s2-compressed copy on its own connection.
package broker

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server.
type Options struct {
	MaxPayload     int           // largest accepted message body
	OutQueue       int           // frames buffered per subscriber
	SendTimeout    time.Duration // how long a publish waits for one slow subscriber
	PublishTimeout time.Duration // how long an HTTP publish waits for the fan-out
	WriteTimeout   time.Duration // socket write deadline
	SocketBuffer   int           // kernel send buffer per connection
	Logf           func(format string, args ...any)
}

// Server routes published messages to subscribed connections.
type Server struct {
	opts Options

	mu     sync.RWMutex
	topics map[string]map[*client]uint32 // topic -> subscriber -> sid
	conns  map[uint64]*client

	nextID    atomic.Uint64
	published atomic.Uint64
	delivered atomic.Uint64
	dropped   atomic.Uint64
	timeouts  atomic.Uint64
}

// NewServer returns a Server with defaults filled in.
func NewServer(opts Options) *Server {
	if opts.MaxPayload == 0 {
		opts.MaxPayload = 1 << 20
	}
	if opts.OutQueue == 0 {
		opts.OutQueue = 32
	}
	if opts.SendTimeout == 0 {
		opts.SendTimeout = 20 * time.Millisecond
	}
	if opts.PublishTimeout == 0 {
		opts.PublishTimeout = 50 * time.Millisecond
	}
	if opts.WriteTimeout == 0 {
		opts.WriteTimeout = 10 * time.Second
	}
	if opts.SocketBuffer == 0 {
		opts.SocketBuffer = 64 * 1024
	}
	if opts.Logf == nil {
		opts.Logf = log.Printf
	}
	return &Server{
		opts:   opts,
		topics: make(map[string]map[*client]uint32),
		conns:  make(map[uint64]*client),
	}
}

// Serve accepts connections until ln is closed.
func (s *Server) Serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go s.handleConn(conn)
	}
}

func (s *Server) handleConn(conn net.Conn) {
	name, err := readHello(conn)
	if err != nil {
		s.opts.Logf("handshake from %s: %v", conn.RemoteAddr(), err)
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetWriteBuffer(s.opts.SocketBuffer)
	}
	c := newClient(s, conn, name)
	if err := c.sendControl("+OK"); err != nil {
		conn.Close()
		return
	}
	s.mu.Lock()
	s.conns[c.id] = c
	s.mu.Unlock()

	go c.writeLoop()
	c.readLoop()
	s.removeClient(c)
}

// readHello reads the first line, "HELLO <name>", one byte at a time so that
// nothing after it is consumed.
func readHello(conn net.Conn) (string, error) {
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	defer conn.SetReadDeadline(time.Time{})
	var line []byte
	one := make([]byte, 1)
	for len(line) < 128 {
		if _, err := conn.Read(one); err != nil {
			return "", err
		}
		if one[0] == '\n' {
			line = bytes.TrimSuffix(line, []byte("\r"))
			name, ok := bytes.CutPrefix(line, []byte("HELLO "))
			if !ok || len(name) == 0 {
				return "", fmt.Errorf("bad hello %q", line)
			}
			return string(name), nil
		}
		line = append(line, one[0])
	}
	return "", errors.New("hello line too long")
}

func (s *Server) subscribe(c *client, topic string, sid uint32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	subs := s.topics[topic]
	if subs == nil {
		subs = make(map[*client]uint32)
		s.topics[topic] = subs
	}
	subs[c] = sid
}

func (s *Server) removeClient(c *client) {
	s.mu.Lock()
	delete(s.conns, c.id)
	for topic, subs := range s.topics {
		delete(subs, c)
		if len(subs) == 0 {
			delete(s.topics, topic)
		}
	}
	s.mu.Unlock()
	c.close()
}

// publish delivers payload to every subscriber of topic and reports how many
// subscribers got it. payload is not retained.
func (s *Server) publish(topic string, payload []byte) int {
	s.published.Add(1)
	retain(topic, payload)

	s.mu.RLock()
	defer s.mu.RUnlock()
	n := 0
	for c, sid := range s.topics[topic] {
		frame := buildFrame(topic, sid, payload)
		select {
		case c.out <- frame:
			n++
		case <-time.After(s.opts.SendTimeout):
			c.slow.Add(1)
			s.dropped.Add(1)
		}
	}
	s.delivered.Add(uint64(n))
	return n
}

// Stats is a /varz-style snapshot.
type Stats struct {
	Connections int    `json:"connections"`
	Topics      int    `json:"topics"`
	Retained    int    `json:"retained"`
	Published   uint64 `json:"published"`
	Delivered   uint64 `json:"delivered"`
	Dropped     uint64 `json:"dropped"`
	Timeouts    uint64 `json:"publish_timeouts"`
}

// Stats returns current counters.
func (s *Server) Stats() Stats {
	s.mu.RLock()
	st := Stats{Connections: len(s.conns), Topics: len(s.topics)}
	s.mu.RUnlock()
	st.Retained = retainedCount()
	st.Published = s.published.Load()
	st.Delivered = s.delivered.Load()
	st.Dropped = s.dropped.Load()
	st.Timeouts = s.timeouts.Load()
	return st
}
