package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeDiscordHTTP is the issue's acceptance run: `DISCORD_PUBLIC_KEY=<hex> careerbot
// serve` answers signed interactions in the HTTP response and rejects a wrong signature.
func TestServeDiscordHTTP(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	addr := freeAddr(t)
	env := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "CAREERBOT_DATA_DIR": t.TempDir()}
	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, &stderr)
	}()
	base := "http://" + addr
	for i := 0; i < 100; i++ {
		if resp, err := http.Get(base + "/readyz"); err == nil && resp.StatusCode == 200 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	post := func(body string, sign bool) (int, string) {
		stamp := strconv.FormatInt(time.Now().Unix(), 10)
		sig := ed25519.Sign(priv, []byte(stamp+body))
		if !sign {
			sig[0] ^= 1
		}
		req, _ := http.NewRequest(http.MethodPost, base+"/discord/interactions", strings.NewReader(body))
		req.Header.Set("X-Signature-Timestamp", stamp)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	who := `"guild_id":"G1","channel_id":"C1","member":{"user":{"id":"U1"}}`
	ask := `{"id":"1","type":2,"token":"t",` + who + `,"data":{"name":"career","type":1,"options":[{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":"what's the salary"}]}]}}`
	if code, body := post(ask, true); code != 200 || !strings.Contains(body, "$55,560") || !strings.Contains(body, `"embeds"`) {
		t.Errorf("/career ask: %d %s", code, body)
	}
	auto := `{"id":"2","type":4,"token":"t",` + who + `,"data":{"name":"career","type":1,"options":[{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":"sal","focused":true}]}]}}`
	if code, body := post(auto, true); code != 200 || !strings.Contains(strings.ToLower(body), "salary") || !strings.Contains(body, `"type":8`) {
		t.Errorf("autocomplete: %d %s", code, body)
	}
	if code, body := post(`{"id":"3","type":1,"token":"t"}`, true); code != 200 || strings.TrimSpace(body) != `{"type":1}` {
		t.Errorf("PING: %d %s, want {\"type\":1}", code, body)
	}
	if code, _ := post(ask, false); code != 401 {
		t.Errorf("wrong signature: %d, want 401", code)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d\n%s", code, stderr.String())
	}
}

func TestDiscordRegister(t *testing.T) {
	var mu sync.Mutex
	var stored string
	puts := 0
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path != "/api/v9/applications/A1/guilds/G1/commands" {
			http.Error(w, "unexpected "+r.URL.Path, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.Method {
		case http.MethodGet:
			io.WriteString(w, "["+strings.Trim(stored, "[]")+"]")
		case http.MethodPut:
			b, _ := io.ReadAll(r.Body)
			stored = string(b)
			puts++
			w.Write(b)
		}
	}))
	defer fake.Close()
	env := map[string]string{"DISCORD_BOT_TOKEN": "tok", "DISCORD_APP_ID": "A1", "DISCORD_API_URL": fake.URL}
	code, out, errOut := runArgs(t, "", env, "discord", "register", "--guild", "G1")
	if code != 0 || !strings.Contains(out, "create /career") || puts != 1 {
		t.Fatalf("first register: exit %d, out %q, err %q, %d PUTs", code, out, errOut, puts)
	}
	code, out, _ = runArgs(t, "", env, "discord", "register", "--guild", "G1")
	if code != 0 || !strings.Contains(out, "unchanged /career") || puts != 1 {
		t.Errorf("second register: exit %d, out %q, %d PUTs (want no second PUT)", code, out, puts)
	}
	if code, _, errOut := runArgs(t, "", nil, "discord", "register"); code != 1 || !strings.Contains(errOut, "DISCORD_APP_ID") {
		t.Errorf("register without credentials: exit %d, %q", code, errOut)
	}
	if code, _, _ := runArgs(t, "", nil, "discord"); code != 2 {
		t.Errorf("discord without subcommand: exit %d, want 2", code)
	}
}
