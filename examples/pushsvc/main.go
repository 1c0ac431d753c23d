// Command pushsvc is a small topic fan-out server used as a profiling target.
//
// Publishers send "PUB <topic> <size>" over TCP or POST /publish over HTTP;
// subscribers send "SUB <topic> <sid>" and receive s2-compressed frames.
// net/http/pprof is served on a separate loopback port.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gosleuth/examples/pushsvc/broker"
)

func main() {
	tcpAddr := flag.String("listen", "127.0.0.1:4242", "TCP address for the push protocol")
	httpAddr := flag.String("http", "127.0.0.1:8242", "HTTP API address")
	pprofAddr := flag.String("pprof", "127.0.0.1:6242", "net/http/pprof address")
	maxRun := flag.Duration("max-runtime", 10*time.Minute, "exit after this long")
	quiet := flag.Bool("quiet", false, "do not log handshake errors")
	flag.Parse()

	for _, a := range []string{*tcpAddr, *httpAddr, *pprofAddr} {
		if err := checkLoopback(a); err != nil {
			log.Fatal(err)
		}
	}

	opts := broker.Options{}
	if *quiet {
		opts.Logf = func(string, ...any) {}
	}
	srv := broker.NewServer(opts)

	ln, err := net.Listen("tcp", *tcpAddr)
	if err != nil {
		log.Fatal(err)
	}
	api := &http.Server{Addr: *httpAddr, Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second}
	prof := &http.Server{Addr: *pprofAddr, Handler: http.DefaultServeMux, ReadHeaderTimeout: 5 * time.Second}

	go func() { log.Fatal(srv.Serve(ln)) }()
	go serveHTTP(api)
	go serveHTTP(prof)
	log.Printf("pushsvc: tcp %s, http %s, pprof %s", *tcpAddr, *httpAddr, *pprofAddr)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	select {
	case <-ctx.Done():
	case <-time.After(*maxRun):
	}
	ln.Close()
	api.Close()
	prof.Close()
}

func serveHTTP(s *http.Server) {
	if err := s.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// checkLoopback refuses addresses that are not on the loopback interface.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%s: only loopback addresses are allowed", addr)
	}
	return nil
}
