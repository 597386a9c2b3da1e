package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/digest"
)

// historyFake is a Slack Web API that keeps what chat.postMessage posted, metadata
// included, and returns it from conversations.history as Slack documents: newest first,
// with each message's metadata only when include_all_metadata is set.
type historyFake struct {
	mu   sync.Mutex
	msgs map[string][]map[string]any // channel -> messages, oldest first
}

func (f *historyFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	w.Header().Set("Content-Type", "application/json")
	f.mu.Lock()
	defer f.mu.Unlock()
	ch := r.Form.Get("channel")
	switch {
	case strings.HasSuffix(r.URL.Path, "chat.postMessage"):
		m := map[string]any{"type": "message", "text": r.Form.Get("text"), "ts": fmt.Sprintf("%d.000100", time.Now().Unix())}
		var md map[string]any
		if json.Unmarshal([]byte(r.Form.Get("metadata")), &md) == nil {
			m["metadata"] = md
		}
		f.msgs[ch] = append(f.msgs[ch], m)
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":%q}`, ch, m["ts"])
	case strings.HasSuffix(r.URL.Path, "conversations.history"):
		var out []map[string]any
		for i := len(f.msgs[ch]) - 1; i >= 0; i-- {
			m := map[string]any{}
			for k, v := range f.msgs[ch][i] {
				if k != "metadata" || r.Form.Get("include_all_metadata") == "1" {
					m[k] = v
				}
			}
			out = append(out, m)
		}
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "messages": out, "has_more": false})
	default:
		w.Write([]byte(`{"ok":true}`))
	}
}

// TestDigestFoundInHistory: a digest carries its subscription and slot as message metadata,
// and Posted finds exactly that slot's digest in the channel's history.
func TestDigestFoundInHistory(t *testing.T) {
	srv := httptest.NewServer(&historyFake{msgs: map[string][]map[string]any{}})
	defer srv.Close()
	a, _ := New(nil, Config{BotToken: "xoxb-t", SigningSecret: "s", APIURL: srv.URL + "/"})
	sub := digest.Subscription{ID: 7, Platform: "slack", ChannelID: "C1"}
	d := testDigest(t)
	ctx := context.Background()
	if found, err := a.Posted(ctx, sub, d.Slot); found || err != nil {
		t.Fatalf("before posting: Posted = %v, %v; want false", found, err)
	}
	if err := a.PostDigest(ctx, sub, d); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		sub  digest.Subscription
		slot time.Time
		want bool
	}{
		{"the slot posted", sub, d.Slot, true},
		{"the next slot", sub, d.Slot.Add(7 * 24 * time.Hour), false},
		{"another subscription", digest.Subscription{ID: 8, Platform: "slack", ChannelID: "C1"}, d.Slot, false},
		{"another channel", digest.Subscription{ID: 7, Platform: "slack", ChannelID: "C2"}, d.Slot, false},
	} {
		if found, err := a.Posted(ctx, tt.sub, tt.slot); found != tt.want || err != nil {
			t.Errorf("%s: Posted = %v, %v; want %v", tt.name, found, err, tt.want)
		}
	}
}
