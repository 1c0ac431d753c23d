// Command load drives pushsvc with a bounded, reproducible workload on
// loopback: TCP subscribers (a few of them slow), TCP publishers sending
// bursts of mixed-size messages, HTTP publishers sending gzip bodies, and a
// few connections with a bad handshake. It stops by itself after -duration.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/s2"
)

type config struct {
	tcp, http  string
	duration   time.Duration
	subs, slow int
	pubs       int
	rate       int // messages per second per TCP publisher
	httpPubs   int
	httpRate   int // requests per second per HTTP publisher
	rooms      int
	bad        int
	seed       uint64
}

type counters struct {
	sent, frames, bytes, httpOK, httpErr atomic.Int64
}

func main() {
	var cfg config
	flag.StringVar(&cfg.tcp, "tcp", "127.0.0.1:4242", "pushsvc TCP address")
	flag.StringVar(&cfg.http, "http", "127.0.0.1:8242", "pushsvc HTTP address")
	flag.DurationVar(&cfg.duration, "duration", 5*time.Second, "how long to run (at most 2m)")
	flag.IntVar(&cfg.subs, "subs", 24, "subscriber connections")
	flag.IntVar(&cfg.slow, "slow", 3, "of which slow readers")
	flag.IntVar(&cfg.pubs, "pubs", 4, "TCP publisher connections")
	flag.IntVar(&cfg.rate, "rate", 500, "messages per second per TCP publisher")
	flag.IntVar(&cfg.httpPubs, "http-pubs", 2, "HTTP publishers")
	flag.IntVar(&cfg.httpRate, "http-rate", 40, "requests per second per HTTP publisher")
	flag.IntVar(&cfg.rooms, "rooms", 8, "number of shared topics")
	flag.IntVar(&cfg.bad, "bad", 4, "connections with a bad handshake")
	flag.Uint64Var(&cfg.seed, "seed", 1, "random seed")
	flag.Parse()
	if cfg.duration > 2*time.Minute {
		cfg.duration = 2 * time.Minute
	}
	for _, a := range []string{cfg.tcp, cfg.http} {
		host, _, err := net.SplitHostPort(a)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			log.Fatalf("%s: only loopback addresses are allowed", a)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), cfg.duration)
	defer cancel()
	var c counters
	var wg sync.WaitGroup
	corpus := makeCorpus(cfg.seed)

	for i := range cfg.subs {
		slow := i < cfg.slow
		wg.Go(func() { subscriber(ctx, cfg, i, slow, &c) })
	}
	time.Sleep(500 * time.Millisecond) // let subscriptions settle
	for i := range cfg.pubs {
		wg.Go(func() { publisher(ctx, cfg, i, corpus, &c) })
	}
	for i := range cfg.httpPubs {
		wg.Go(func() { httpPublisher(ctx, cfg, i, corpus, &c) })
	}
	for i := range cfg.bad {
		wg.Go(func() { badClient(ctx, cfg, i) })
	}
	wg.Wait()
	fmt.Printf("load: sent=%d frames=%d bytes=%d http_ok=%d http_err=%d\n",
		c.sent.Load(), c.frames.Load(), c.bytes.Load(), c.httpOK.Load(), c.httpErr.Load())
}

// makeCorpus returns compressible JSON-like text that payloads are cut from.
func makeCorpus(seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 99))
	words := []string{"price", "volume", "user", "session", "event", "ok", "delta",
		"ts", "region", "eu-west", "us-east", "status", "active", "count", "score"}
	var b bytes.Buffer
	for b.Len() < 96*1024 {
		fmt.Fprintf(&b, "{%q:%d,%q:%q},", words[rng.IntN(len(words))], rng.IntN(100000),
			words[rng.IntN(len(words))], words[rng.IntN(len(words))])
	}
	return b.Bytes()
}

// payloadSize: mostly small, some medium, a few large messages.
func payloadSize(rng *rand.Rand) int {
	switch p := rng.IntN(100); {
	case p < 65:
		return 128 + rng.IntN(4*1024)
	case p < 92:
		return 4*1024 + rng.IntN(24*1024)
	default:
		return 30*1024 + rng.IntN(34*1024)
	}
}

func payload(rng *rand.Rand, corpus []byte) []byte {
	n := payloadSize(rng)
	off := rng.IntN(len(corpus) - n)
	return corpus[off : off+n]
}

func dial(ctx context.Context, cfg config, name string) (net.Conn, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", cfg.tcp)
	if err != nil {
		return nil, err
	}
	context.AfterFunc(ctx, func() { conn.Close() })
	if _, err := fmt.Fprintf(conn, "HELLO %s\r\n", name); err != nil {
		conn.Close()
		return nil, err
	}
	if _, _, err := readFrame(conn, nil); err != nil { // +OK
		conn.Close()
		return nil, err
	}
	return conn, nil
}

func readFrame(r io.Reader, buf []byte) (byte, []byte, error) {
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return 0, nil, err
	}
	n := int(binary.BigEndian.Uint32(hdr[:4]))
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	_, err := io.ReadFull(r, buf)
	return hdr[4], buf, err
}

// subscriber joins two or three shared rooms and reads frames. Slow
// subscribers join only the last room, which the HTTP publishers feed, and
// read two frames a second through a small socket buffer.
func subscriber(ctx context.Context, cfg config, id int, slow bool, c *counters) {
	conn, err := dial(ctx, cfg, fmt.Sprintf("sub-%d", id))
	if err != nil {
		log.Printf("sub %d: %v", id, err)
		return
	}
	defer conn.Close()
	var cmds bytes.Buffer
	if slow {
		conn.(*net.TCPConn).SetReadBuffer(4096)
		fmt.Fprintf(&cmds, "SUB room.%d 1\r\n", cfg.rooms-1)
	} else {
		for k := range 2 + id%2 {
			fmt.Fprintf(&cmds, "SUB room.%d %d\r\n", (id+k)%(cfg.rooms-1), k+1)
		}
	}
	if _, err := conn.Write(cmds.Bytes()); err != nil {
		return
	}
	var buf, plain []byte
	for n := 0; ; n++ {
		kind, b, err := readFrame(conn, buf)
		if err != nil {
			return
		}
		buf = b
		c.frames.Add(1)
		c.bytes.Add(int64(len(b)))
		if kind == 0 && n%64 == 0 {
			if plain, err = s2.Decode(plain[:cap(plain)], b); err != nil {
				log.Printf("sub %d: bad frame: %v", id, err)
				return
			}
		}
		if slow {
			time.Sleep(500 * time.Millisecond)
		}
	}
}

// publisher sends PUB commands in bursts every 10ms to the shared rooms
// (except the last) and, one time in ten, to a topic of its own.
func publisher(ctx context.Context, cfg config, id int, corpus []byte, c *counters) {
	conn, err := dial(ctx, cfg, fmt.Sprintf("pub-%d", id))
	if err != nil {
		log.Printf("pub %d: %v", id, err)
		return
	}
	defer conn.Close()
	go io.Copy(io.Discard, conn) // PONGs and errors
	rng := rand.New(rand.NewPCG(cfg.seed, uint64(id)))
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	var batch bytes.Buffer
	owed, seq := 0.0, 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		owed += float64(cfg.rate) / 100 * (0.5 + rng.Float64())
		batch.Reset()
		before := seq
		for ; owed >= 1; owed-- {
			topic := fmt.Sprintf("room.%d", rng.IntN(cfg.rooms-1))
			if rng.IntN(10) == 0 {
				topic = fmt.Sprintf("user.%d.%d.state", id, seq)
			}
			p := payload(rng, corpus)
			fmt.Fprintf(&batch, "PUB %s %d\r\n", topic, len(p))
			batch.Write(p)
			batch.WriteString("\r\n")
			seq++
		}
		if seq%50 == 0 {
			batch.WriteString("PING\r\n")
		}
		if _, err := conn.Write(batch.Bytes()); err != nil {
			return
		}
		c.sent.Add(int64(seq - before))
	}
}

// httpPublisher POSTs gzip-compressed messages to the shared rooms and, half
// of the time to the last room, which the slow subscribers are in.
func httpPublisher(ctx context.Context, cfg config, id int, corpus []byte, c *counters) {
	rng := rand.New(rand.NewPCG(cfg.seed, uint64(1000+id)))
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(time.Second / time.Duration(cfg.httpRate))
	defer tick.Stop()
	var body bytes.Buffer
	zw := gzip.NewWriter(&body)
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		body.Reset()
		zw.Reset(&body)
		zw.Write(payload(rng, corpus))
		zw.Close()
		room := rng.IntN(cfg.rooms - 1)
		if rng.IntN(2) == 0 {
			room = cfg.rooms - 1
		}
		url := fmt.Sprintf("http://%s/publish?topic=room.%d", cfg.http, room)
		req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body.Bytes()))
		if err != nil {
			return
		}
		req.Header.Set("Content-Encoding", "gzip")
		resp, err := client.Do(req)
		if err != nil {
			c.httpErr.Add(1)
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			c.httpOK.Add(1)
		} else {
			c.httpErr.Add(1)
		}
		c.sent.Add(1)
	}
}

// badClient opens connections that do not speak the protocol, once a second.
func badClient(ctx context.Context, cfg config, id int) {
	for {
		var d net.Dialer
		if conn, err := d.DialContext(ctx, "tcp", cfg.tcp); err == nil {
			fmt.Fprintf(conn, "GET /%d HTTP/1.0\r\n\r\n", id)
			conn.Close()
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}
