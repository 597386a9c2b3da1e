// Package inbound reads webhook bodies from the platforms under three bounds: the size of
// one body, how many bodies are read at once, and how long one body may take to arrive.
// Callers check the request's headers first (a missing or stale signature header costs no
// read), so what an unauthenticated client can make the process hold is at most
// Concurrent × MaxBody bytes, whatever the number of connections.
package inbound

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Config bounds a Reader. Zero values take the defaults.
type Config struct {
	// MaxBody is the largest body read; 0 means 128 KiB. Larger bodies get 413.
	MaxBody int64
	// Concurrent is how many bodies may be read at once; 0 means 64. Over it: 503 with
	// Retry-After, which both Slack and Discord treat as "try again".
	Concurrent int
	// ReadTimeout bounds the reading of one body; 0 means 10 s. A client trickling a body
	// holds a slot at most this long.
	ReadTimeout time.Duration
	// RetryAfter is the Retry-After sent with 503; 0 means 1 s.
	RetryAfter time.Duration
}

// Reader reads bodies within its bounds. It is safe for concurrent use.
type Reader struct {
	max        int64
	slots      chan struct{}
	timeout    time.Duration
	retryAfter string
}

// New builds a Reader.
func New(cfg Config) *Reader {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 128 << 10
	}
	if cfg.Concurrent <= 0 {
		cfg.Concurrent = 64
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = 10 * time.Second
	}
	if cfg.RetryAfter <= 0 {
		cfg.RetryAfter = time.Second
	}
	return &Reader{
		max: cfg.MaxBody, slots: make(chan struct{}, cfg.Concurrent), timeout: cfg.ReadTimeout,
		retryAfter: strconv.Itoa(int(max(cfg.RetryAfter.Round(time.Second), time.Second) / time.Second)),
	}
}

// MaxBody is the largest body Read accepts.
func (rd *Reader) MaxBody() int64 { return rd.max }

// Read reads r's body. When it cannot, it has written the response (413, 503 or 400) and
// returns false.
func (rd *Reader) Read(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if r.ContentLength > rd.max {
		// Refused before a byte is read: the client said how much it would send.
		Refuse(w)
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return nil, false
	}
	select {
	case rd.slots <- struct{}{}:
		defer func() { <-rd.slots }()
	default:
		Refuse(w)
		w.Header().Set("Retry-After", rd.retryAfter)
		http.Error(w, "busy, try again", http.StatusServiceUnavailable)
		return nil, false
	}
	// Not every ResponseWriter supports deadlines (httptest's recorder does not); the
	// server's own ReadTimeout still applies then.
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(rd.timeout))
	body, err := read(http.MaxBytesReader(w, r.Body, rd.max), r.ContentLength)
	if err != nil {
		Refuse(w)
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		} else {
			http.Error(w, "cannot read request body", http.StatusBadRequest)
		}
		return nil, false
	}
	return body, true
}

// read reads the body in one allocation when its length is announced (and already known
// to be within the limit), instead of growing a buffer to twice its size.
func read(body io.Reader, n int64) ([]byte, error) {
	if n <= 0 {
		return io.ReadAll(body)
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(body, buf); err != nil {
		return nil, err
	}
	// A body longer than announced is a broken client, not more to read.
	return buf, nil
}

// Refuse marks a response to a request whose body will not be read as the connection's
// last. Otherwise Go's server, to keep the connection, first reads up to 256 KiB of the
// unread body, and a client that announced a body and trickles it delays the answer.
func Refuse(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
}
