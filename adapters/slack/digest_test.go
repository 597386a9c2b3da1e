package slack

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/knowledge"
)

func testDigest(t *testing.T) digest.Digest {
	t.Helper()
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := digest.ParseSchedule("weekly monday 09:00", "UTC")
	if err != nil {
		t.Fatal(err)
	}
	return digest.NewComposer(kb).Compose(s, s.Next(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
}

func TestPostDigest(t *testing.T) {
	var body string
	reply := `{"ok":true,"channel":"C1","ts":"1.1"}`
	status := 200
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		if status == 429 {
			w.Header().Set("Retry-After", "7")
		}
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	defer srv.Close()
	a, _ := New(nil, Config{BotToken: "xoxb-t", SigningSecret: "s", APIURL: srv.URL + "/"})
	sub := digest.Subscription{Platform: "slack", ChannelID: "C1"}
	d := testDigest(t)
	if err := a.PostDigest(context.Background(), sub, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, "17%25") || !strings.Contains(body, "3%2C400") || !strings.Contains(body, "channel=C1") {
		t.Errorf("posted %q, want the outlook (17%%, 3,400) to C1", body)
	}
	reply = `{"ok":false,"error":"channel_not_found"}`
	if err := a.PostDigest(context.Background(), sub, d); !errors.Is(err, digest.ErrChannelGone) {
		t.Errorf("channel_not_found: %v, want ErrChannelGone", err)
	}
	reply = `{"ok":false,"error":"not_in_channel"}`
	if err := a.PostDigest(context.Background(), sub, d); !errors.Is(err, digest.ErrChannelGone) {
		t.Errorf("not_in_channel: %v, want ErrChannelGone", err)
	}
	status, reply = 429, `{"ok":false,"error":"ratelimited"}`
	var rl *digest.RateLimitedError
	if err := a.PostDigest(context.Background(), sub, d); !errors.As(err, &rl) || rl.After != 7*time.Second {
		t.Errorf("429: %v, want a 7s RateLimitedError", err)
	}
}
