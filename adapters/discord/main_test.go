package discord

import (
	"bufio"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"testing"
)

// TestMain lets the test binary run as a stand-alone interactions server for
// BenchmarkInteractionsServer, so the server can be measured on a core of its own.
func TestMain(m *testing.M) {
	if key := os.Getenv("CAREERBOT_BENCH_SERVER_KEY"); key != "" {
		benchServer(key)
		return
	}
	os.Exit(m.Run())
}

// benchServer serves /discord/interactions on a loopback port, prints the address, and
// exits when its standard input closes.
func benchServer(key string) {
	priv, err := hex.DecodeString(key)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pub := ed25519.PrivateKey(priv).Public().(ed25519.PublicKey)
	a, err := New(newBot(&testing.B{}), Config{PublicKey: hex.EncodeToString(pub)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ln.Addr().String())
	go http.Serve(ln, mux)
	bufio.NewReader(os.Stdin).ReadString('\n') // until the benchmark closes it
}
