package load_test

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/store/postgres/pgtest"
)

// pgProxy forwards TCP to PostgreSQL and can cut every connection and refuse new ones, as
// a database that goes away does.
type pgProxy struct {
	ln     net.Listener
	target string

	mu    sync.Mutex
	down  bool
	conns []net.Conn
}

func newPGProxy(t *testing.T, target string) *pgProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &pgProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.setDown(true) })
	go p.accept()
	return p
}

func (p *pgProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.down {
			p.mu.Unlock()
			c.Close()
			continue
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			p.mu.Unlock()
			c.Close()
			continue
		}
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		go func() { io.Copy(up, c); up.Close() }()
		go func() { io.Copy(c, up); c.Close() }()
	}
}

func (p *pgProxy) setDown(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
	if down {
		for _, c := range p.conns {
			c.Close()
		}
		p.conns = nil
	}
}

func readyz(s *server) int {
	resp, err := http.Get(s.URL + "/readyz")
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestReadyzFollowsTheDatabase: a replica whose database goes away says so on /readyz
// (503), keeps running, and is ready again when the database is back.
func TestReadyzFollowsTheDatabase(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := newPGProxy(t, u.Host)
	u.Host = proxy.ln.Addr().String()
	s := startServer(t, serverConfig{apiURL: "http://127.0.0.1:1/", env: []string{"CAREERBOT_DATABASE_URL=" + u.String()}})
	if got := readyz(s); got != http.StatusOK {
		t.Fatalf("/readyz with the database up = %d, want 200", got)
	}
	proxy.setDown(true)
	if !waitFor(5*time.Second, func() bool { return readyz(s) == http.StatusServiceUnavailable }) {
		t.Fatal("/readyz stayed 200 with the database gone")
	}
	select {
	case <-s.exited:
		t.Fatalf("serve exited when the database went away:\n%s", s.stderr())
	case <-time.After(2 * time.Second):
	}
	proxy.setDown(false)
	if !waitFor(10*time.Second, func() bool { return readyz(s) == http.StatusOK }) {
		t.Fatalf("/readyz did not come back with the database:\n%s", s.stderr())
	}
}
