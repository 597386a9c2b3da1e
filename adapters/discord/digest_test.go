package discord

import (
	"context"
	"encoding/json"
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

func TestDigestPoster(t *testing.T) {
	kb, _ := knowledge.Default()
	s, _ := digest.ParseSchedule("daily 09:00", "UTC")
	d := digest.NewComposer(kb).Compose(s, s.Next(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	var status int
	var reply, path, body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		path, body = r.URL.Path, string(b)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	defer srv.Close()
	sess, err := NewSession(GatewayConfig{Token: "t", APIURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	p := DigestPoster{Session: sess}
	sub := digest.Subscription{Platform: "discord", ChannelID: "C9"}

	status, reply = 200, `{"id":"1","channel_id":"C9"}`
	if err := p.PostDigest(context.Background(), sub, d); err != nil {
		t.Fatal(err)
	}
	var msg map[string]any
	json.Unmarshal([]byte(body), &msg)
	embeds, _ := json.Marshal(msg["embeds"])
	if path != "/api/v9/channels/C9/messages" || !strings.Contains(string(embeds), "17%") || !strings.Contains(string(embeds), "Did you know?") {
		t.Errorf("posted %s %s, want the digest embed to channel C9", path, embeds)
	}
	if am, _ := json.Marshal(msg["allowed_mentions"]); string(am) != `{"parse":[],"replied_user":false}` {
		t.Errorf("allowed_mentions %s", am)
	}
	// The slot's nonce, enforced: Discord returns the earlier message for a second post of
	// the same slot instead of posting twice.
	nonce, _ := msg["nonce"].(string)
	if nonce == "" || len(nonce) > 25 || msg["enforce_nonce"] != true {
		t.Errorf("nonce %q (%d chars), enforce_nonce %v; want a nonce of at most 25 characters, enforced", nonce, len(nonce), msg["enforce_nonce"])
	}
	if other := digestNonce(sub.ID, d.Slot.Add(time.Hour)); other == nonce {
		t.Errorf("two slots share the nonce %q", nonce)
	}
	if long := digestNonce(1<<62, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)); len(long) > 25 {
		t.Errorf("nonce %q is %d characters, Discord allows 25", long, len(long))
	}

	status, reply = 404, `{"code":10003,"message":"Unknown Channel"}`
	if err := p.PostDigest(context.Background(), sub, d); !errors.Is(err, digest.ErrChannelGone) {
		t.Errorf("Unknown Channel: %v, want ErrChannelGone", err)
	}
	status, reply = 403, `{"code":50001,"message":"Missing Access"}`
	if err := p.PostDigest(context.Background(), sub, d); !errors.Is(err, digest.ErrChannelGone) {
		t.Errorf("Missing Access: %v, want ErrChannelGone", err)
	}
	status, reply = 403, `{"code":50013,"message":"Missing Permissions"}`
	if err := p.PostDigest(context.Background(), sub, d); err == nil || errors.Is(err, digest.ErrChannelGone) {
		t.Errorf("Missing Permissions: %v, want a retryable error", err)
	}
	status, reply = 404, `<html>not found</html>`
	if err := p.PostDigest(context.Background(), sub, d); err == nil || errors.Is(err, digest.ErrChannelGone) {
		t.Errorf("a 404 that is not Discord's: %v, want a retryable error", err)
	}
	status, reply = 429, `{"retry_after":0.05,"global":false,"message":"You are being rate limited."}`
	var rl *digest.RateLimitedError
	if err := p.PostDigest(context.Background(), sub, d); !errors.As(err, &rl) || rl.After <= 0 {
		t.Errorf("429: %v, want a RateLimitedError", err)
	}
	status, reply = 500, `{}`
	if err := p.PostDigest(context.Background(), sub, d); err == nil || errors.Is(err, digest.ErrChannelGone) {
		t.Errorf("500: %v, want a plain error", err)
	}
}

func TestDigestEmbedWithinLimits(t *testing.T) {
	d := digest.Digest{Title: strings.Repeat("t", 400), Lead: strings.Repeat("l", 5000), Fact: strings.Repeat("f", 3000), Footer: strings.Repeat("x", 3000)}
	e := DigestEmbed(d)
	if size(e) > maxEmbedTotal || len([]rune(e.Title)) > maxTitle || len([]rune(e.Description)) > maxDescription {
		t.Errorf("digest embed over Discord's limits: %d characters", size(e))
	}
}
