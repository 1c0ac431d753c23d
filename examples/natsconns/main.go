// natsconns drives a NATS server over plain TCP with the standard library
// only (no client module to download), for gosleuth's real-data fixtures:
//
//	natsconns -mode idle -addr 127.0.0.1:4222 -conns 1000 -hold 10s
//	natsconns -mode pub  -addr 127.0.0.1:4222 -conns 4 -size 512 -duration 12s
//
// idle: N connections, each CONNECT + one SUB (user.<i>.>) + PING/PONG, then
// held open (answering the server's PINGs) for -hold; prints "holding N
// connections" once all are established.
// pub: one subscriber on load.> and -conns publishers sending -size byte
// messages as fast as the server reads them, for -duration; write deadlines
// keep a stalled server from blocking it forever. Publishers do not answer
// the server's PINGs (one writer per connection).
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var (
	mode     = flag.String("mode", "idle", "idle | pub")
	addr     = flag.String("addr", "127.0.0.1:4222", "server address (loopback)")
	conns    = flag.Int("conns", 100, "connections (idle) or publishers (pub)")
	hold     = flag.Duration("hold", 10*time.Second, "idle: how long to hold the connections")
	size     = flag.Int("size", 512, "pub: payload size")
	duration = flag.Duration("duration", 10*time.Second, "pub: how long to publish")
)

const connect = `CONNECT {"verbose":false,"pedantic":false,"lang":"go","version":"natsconns","protocol":1,"echo":true,"headers":true,"no_responders":true}` + "\r\n"

// dial connects, reads INFO and sends CONNECT plus extra, then waits for the PONG.
func dial(extra string) (net.Conn, *bufio.Reader, error) {
	c, err := net.DialTimeout("tcp", *addr, 5*time.Second)
	if err != nil {
		return nil, nil, err
	}
	r := bufio.NewReader(c)
	c.SetDeadline(time.Now().Add(10 * time.Second))
	line, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "INFO ") {
		c.Close()
		return nil, nil, fmt.Errorf("no INFO: %q %v", line, err)
	}
	if _, err := io.WriteString(c, connect+extra+"PING\r\n"); err != nil {
		c.Close()
		return nil, nil, err
	}
	for {
		line, err = r.ReadString('\n')
		if err != nil {
			c.Close()
			return nil, nil, err
		}
		if strings.HasPrefix(line, "PONG") {
			break
		}
		if strings.HasPrefix(line, "-ERR") {
			c.Close()
			return nil, nil, fmt.Errorf("server: %s", strings.TrimSpace(line))
		}
	}
	c.SetDeadline(time.Time{})
	return c, r, nil
}

// answerPings replies PONG to the server's PINGs and discards anything else.
func answerPings(c net.Conn, r *bufio.Reader) {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		if strings.HasPrefix(line, "PING") {
			io.WriteString(c, "PONG\r\n")
		}
	}
}

func idle() error {
	held := make([]net.Conn, 0, *conns)
	for i := 0; i < *conns; i++ {
		c, r, err := dial(fmt.Sprintf("SUB user.%d.> %d\r\n", i, i+1))
		if err != nil {
			return fmt.Errorf("connection %d: %w", i, err)
		}
		go answerPings(c, r)
		held = append(held, c)
	}
	fmt.Println("holding", len(held), "connections")
	time.Sleep(*hold)
	for _, c := range held {
		c.Close()
	}
	return nil
}

func pub() error {
	sub, sr, err := dial("SUB load.> 1\r\n")
	if err != nil {
		return err
	}
	var received atomic.Int64
	go func() {
		n, _ := io.Copy(io.Discard, sr)
		received.Add(n)
	}()
	payload := bytes.Repeat([]byte("x"), *size)
	var sent atomic.Int64
	var wg sync.WaitGroup
	stop := time.Now().Add(*duration)
	for p := 0; p < *conns; p++ {
		c, r, err := dial("")
		if err != nil {
			return err
		}
		// Only the publishing goroutine writes to c: a PONG written from
		// another goroutine would land inside a message. The server's PINGs
		// go unanswered, which it tolerates for minutes.
		go io.Copy(io.Discard, r)
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			defer c.Close()
			var batch bytes.Buffer
			for i := 0; i < 64; i++ {
				fmt.Fprintf(&batch, "PUB load.%d.%d %d\r\n", p, i, *size)
				batch.Write(payload)
				batch.WriteString("\r\n")
			}
			w := bufio.NewWriterSize(c, 64*1024)
			for time.Now().Before(stop) {
				c.SetWriteDeadline(time.Now().Add(10 * time.Second))
				if _, err := w.Write(batch.Bytes()); err != nil {
					return
				}
				sent.Add(64)
			}
			w.Flush()
		}(p)
	}
	wg.Wait()
	sub.Close()
	fmt.Println("published", sent.Load(), "messages")
	return nil
}

func main() {
	flag.Parse()
	var err error
	switch *mode {
	case "idle":
		err = idle()
	case "pub":
		err = pub()
	default:
		err = fmt.Errorf("unknown mode %q", *mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "natsconns:", err)
		os.Exit(1)
	}
}
