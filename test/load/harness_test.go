package load_test

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"text/tabwriter"
	"time"
)

// binary is the careerbot executable every test runs, built once by TestMain.
var binary string

// full is the long mode: CAREERBOT_LOAD=full.
var full = os.Getenv("CAREERBOT_LOAD") == "full"

// pick returns short in the default mode and long in the full mode.
func pick[T any](short, long T) T {
	if full {
		return long
	}
	return short
}

func TestMain(m *testing.M) {
	if runtime.GOOS != "linux" {
		fmt.Println("load suite skipped: it reads server memory and file descriptors from /proc")
		os.Exit(0)
	}
	binary = os.Getenv("CAREERBOT_LOAD_BINARY")
	var dir string
	if binary == "" {
		var err error
		if dir, err = os.MkdirTemp("", "careerbot-load-"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		binary = filepath.Join(dir, "careerbot")
		// A plain build, never -race: the figures are the production binary's.
		build := exec.Command(goTool(), "build", "-o", binary, "github.com/careerbot/careerbot/cmd/careerbot")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintf(os.Stderr, "building careerbot: %v\n", err)
			os.RemoveAll(dir)
			os.Exit(1)
		}
	}
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// childEnv is the test's environment without careerbot's, Slack's or Discord's settings,
// plus extra.
func childEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "CAREERBOT_") || strings.HasPrefix(kv, "SLACK_") || strings.HasPrefix(kv, "DISCORD_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// server is one `careerbot serve` child process.
type server struct {
	t       *testing.T
	cmd     *exec.Cmd
	URL     string // http://127.0.0.1:port
	Addr    string // 127.0.0.1:port
	secret  string // SLACK_SIGNING_SECRET
	discord ed25519.PrivateKey

	mu     sync.Mutex
	logs   []map[string]any // stderr, one decoded JSON line each
	raw    []string
	exited chan struct{}
	state  *os.ProcessState
}

// serverConfig is what differs between tests.
type serverConfig struct {
	apiURL  string   // SLACK_API_URL; must end in /
	env     []string // more K=V settings, e.g. CAREERBOT_OUTBOUND_WORKERS=4
	dataDir string   // --data-dir; empty: a fresh one
}

// startServer runs careerbot serve on a free port with a fresh data directory and waits
// for the "careerbot serving" log line. The process is killed at the end of the test if
// it is still running.
func startServer(t *testing.T, cfg serverConfig) *server {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, secret: randomHex(16), discord: priv, exited: make(chan struct{})}
	if cfg.dataDir == "" {
		cfg.dataDir = t.TempDir()
	}
	s.cmd = exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--data-dir", cfg.dataDir)
	s.cmd.Env = childEnv(append([]string{
		"SLACK_BOT_TOKEN=xoxb-test",
		"SLACK_SIGNING_SECRET=" + s.secret,
		"SLACK_API_URL=" + cfg.apiURL,
		"DISCORD_PUBLIC_KEY=" + hex.EncodeToString(pub),
	}, cfg.env...)...)
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			var m map[string]any
			if json.Unmarshal([]byte(line), &m) != nil {
				m = nil
			}
			s.mu.Lock()
			s.raw = append(s.raw, line)
			if m != nil {
				s.logs = append(s.logs, m)
			}
			s.mu.Unlock()
			if m["msg"] == "careerbot serving" {
				if a, ok := m["addr"].(string); ok {
					select {
					case addr <- a:
					default:
					}
				}
			}
		}
		s.cmd.Wait() // after every read from the pipe, as os/exec asks
		s.mu.Lock()
		s.state = s.cmd.ProcessState
		s.mu.Unlock()
		close(s.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-s.exited:
		default:
			s.cmd.Process.Kill()
			<-s.exited
		}
	})
	select {
	case s.Addr = <-addr:
	case <-s.exited:
		t.Fatalf("careerbot serve exited before serving:\n%s", s.stderr())
	case <-time.After(20 * time.Second):
		t.Fatalf("careerbot serve did not log its address within 20 s:\n%s", s.stderr())
	}
	s.URL = "http://" + s.Addr
	return s
}

func (s *server) pid() int { return s.cmd.Process.Pid }

// stderr is everything the server logged so far.
func (s *server) stderr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.raw, "\n")
}

// logLine returns the last JSON log line whose msg is msg.
func (s *server) logLine(msg string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.logs) - 1; i >= 0; i-- {
		if s.logs[i]["msg"] == msg {
			return s.logs[i], true
		}
	}
	return nil, false
}

// countLogs counts log lines whose msg is msg.
func (s *server) countLogs(msg string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, l := range s.logs {
		if l["msg"] == msg {
			n++
		}
	}
	return n
}

// terminate sends SIGTERM and waits up to limit for the process to exit. It reports the
// exit code (-1 if it was killed after limit) and how long the exit took.
func (s *server) terminate(limit time.Duration) (code int, took time.Duration) {
	start := time.Now()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(limit):
		s.t.Errorf("careerbot did not exit within %v of SIGTERM; killed", limit)
		s.cmd.Process.Kill()
		<-s.exited
		return -1, time.Since(start)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.ExitCode(), time.Since(start)
}

// memory is the server's resident set now and at its peak, in MiB.
func (s *server) memory() (rss, peak float64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.pid()))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v) // "12345 kB"
		if len(f) == 0 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[0], 64)
		switch k {
		case "VmRSS":
			rss = kb / 1024
		case "VmHWM":
			peak = kb / 1024
		}
	}
	return rss, peak
}

// fds counts the server's open file descriptors.
func (s *server) fds() int {
	ents, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", s.pid()))
	if err != nil {
		return -1
	}
	return len(ents)
}

// slackRequest signs body as Slack does, at time at.
func (s *server) slackRequest(path, contentType, body string, at time.Time) *http.Request {
	req, err := http.NewRequest(http.MethodPost, s.URL+path, strings.NewReader(body))
	if err != nil {
		panic(err)
	}
	stamp := strconv.FormatInt(at.Unix(), 10)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", slackSignature(s.secret, stamp, body))
	return req
}

// slackSignature is Slack's v0 signature: HMAC-SHA256 over "v0:timestamp:body".
func slackSignature(secret, stamp, body string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// discordRequest signs body as Discord does, at time at.
func (s *server) discordRequest(body string, at time.Time) *http.Request {
	req, err := http.NewRequest(http.MethodPost, s.URL+"/discord/interactions", strings.NewReader(body))
	if err != nil {
		panic(err)
	}
	stamp := strconv.FormatInt(at.Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", stamp)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(s.discord, []byte(stamp+body))))
	return req
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// logTable prints rows as an aligned table under a title.
func logTable(t *testing.T, title string, rows ...[]string) {
	t.Helper()
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 4, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	tw.Flush()
	t.Logf("%s (%s mode)\n%s", title, pick("short", "full"), buf.String())
}

// mib formats MiB.
func mib(v float64) string { return fmt.Sprintf("%.1fMB", v) }

// waitFor polls cond every 50 ms until it holds or limit passes.
func waitFor(limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}
