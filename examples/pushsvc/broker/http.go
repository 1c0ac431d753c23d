package broker

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

var errPublishTimeout = errors.New("publish timed out")

// Handler returns the HTTP API:
//
//	POST /publish?topic=T   body is the message (Content-Encoding: gzip allowed)
//	GET  /varz              counters as JSON
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /publish", s.handlePublish)
	mux.HandleFunc("GET /varz", s.handleVarz)
	return mux
}

func (s *Server) handlePublish(w http.ResponseWriter, r *http.Request) {
	topic := r.URL.Query().Get("topic")
	if topic == "" {
		http.Error(w, "missing topic", http.StatusBadRequest)
		return
	}
	var body io.Reader = http.MaxBytesReader(w, r.Body, int64(s.opts.MaxPayload))
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		defer zr.Close()
		body = zr
	}
	payload, err := io.ReadAll(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	n, err := s.publishWithTimeout(r.Context(), topic, payload)
	if err != nil {
		s.timeouts.Add(1)
		http.Error(w, err.Error(), http.StatusGatewayTimeout)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, "{\"topic\":%q,\"delivered\":%d}\n", topic, n)
}

// publishWithTimeout runs the fan-out but gives up waiting after
// PublishTimeout or when the request goes away.
func (s *Server) publishWithTimeout(ctx context.Context, topic string, payload []byte) (int, error) {
	done := make(chan int)
	go func() {
		done <- s.publish(topic, payload)
	}()
	select {
	case n := <-done:
		return n, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-time.After(s.opts.PublishTimeout):
		return 0, errPublishTimeout
	}
}

func (s *Server) handleVarz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(s.Stats())
}
