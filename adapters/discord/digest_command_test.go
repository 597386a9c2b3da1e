package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/knowledge"
)

func TestDigestCommands(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	kb, _ := knowledge.Default()
	a, err := New(newBot(t), Config{PublicKey: hex.EncodeToString(pub), Digests: digest.NewManager(digest.NewMemoryStore(), digest.NewComposer(kb), digest.ManagerOptions{})})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	e := endpoint{mux, priv}
	call := func(perms, sub, opts string) string {
		body := `{"id":"I","type":2,"token":"t","guild_id":"G1","channel_id":"C1","member":{"user":{"id":"U1"},"permissions":"` + perms + `"},` +
			`"data":{"name":"career","type":1,"options":[{"name":"digest","type":2,"options":[{"name":"` + sub + `","type":1,"options":[` + opts + `]}]}]}}`
		code, out := e.do(t, body)
		d := data(t, out)
		if code != 200 || d["flags"] != float64(64) {
			t.Errorf("/career digest %s: %d flags %v, want 200 and an ephemeral reply", sub, code, d["flags"])
		}
		embeds, _ := json.Marshal(d["embeds"])
		return d["content"].(string) + string(embeds)
	}
	opt := func(name, value string) string { return `{"name":"` + name + `","type":3,"value":"` + value + `"}` }
	weekly := opt("frequency", "weekly") + "," + opt("day", "monday") + "," + opt("time", "09:00") + "," + opt("timezone", "America/Chicago")
	tests := []struct{ perms, sub, opts, want string }{
		{"16", "list", "", "no digest"},
		{"0", "subscribe", weekly, "Manage Channels"},
		{"16", "subscribe", opt("frequency", "daily") + "," + opt("time", "25:00"), "not a time of day"},
		{"16", "subscribe", opt("frequency", "daily") + "," + opt("timezone", "Mars/Base"), "unknown time zone"},
		{"16", "subscribe", weekly, "every Monday at 09:00 (America/Chicago)"},
		{"8", "list", "", "every Monday at 09:00 (America/Chicago)"}, // administrators may too; anyone may list
		{"0", "preview", "", "17%"},
		{"0", "unsubscribe", "", "Manage Channels"},
		{"16", "unsubscribe", "", "Stopped"},
		{"16", "unsubscribe", "", "no digest to stop"},
	}
	for _, tt := range tests {
		if got := call(tt.perms, tt.sub, tt.opts); !strings.Contains(got, tt.want) {
			t.Errorf("/career digest %s (permissions %s) = %q, want it to contain %q", tt.sub, tt.perms, got, tt.want)
		}
	}
	// Time zone autocomplete.
	_, out := e.do(t, `{"id":"I","type":4,"token":"t","guild_id":"G1","channel_id":"C1","data":{"name":"career","type":1,"options":[{"name":"digest","type":2,"options":[{"name":"subscribe","type":1,"options":[{"name":"timezone","type":3,"value":"chic","focused":true}]}]}]}}`)
	choices, _ := data(t, out)["choices"].([]any)
	if len(choices) == 0 || choices[0].(map[string]any)["value"] != "America/Chicago" {
		t.Errorf("timezone autocomplete for chic: %v", choices)
	}
}
