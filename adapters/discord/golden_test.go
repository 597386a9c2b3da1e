package discord

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./adapters/discord -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

// TestRegistrationPayload pins the command definitions sent to Discord's bulk overwrite.
func TestRegistrationPayload(t *testing.T) {
	got, err := json.MarshalIndent(Commands(newBot(t).Topics()), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "commands.json", append(got, '\n'))
}

// TestInteractionResponses pins the JSON of typical interaction responses.
func TestInteractionResponses(t *testing.T) {
	e := newEndpoint(t)
	for _, tt := range []struct{ name, body string }{
		{"ask_salary.json", command("ask", `{"name":"question","type":3,"value":"what's the salary"}`)},
		{"ask_top_10.json", command("ask", `{"name":"question","type":3,"value":"how much do the top 10 percent make?"}`)},
		{"ask_multi.json", command("ask", `{"name":"question","type":3,"value":"pay and outlook?"}`)},
		{"ask_fallback.json", command("ask", `{"name":"question","type":3,"value":"how much do nurses make"}`)},
		{"ask_caveat.json", command("ask", `{"name":"question","type":3,"value":"what's the salary, and do they get benefits?"}`)},
		{"autocomplete_sal.json", `{"id":"I2","type":4,"token":"t",` + member + `,"data":{"name":"career","type":1,"options":[{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":"sal","focused":true}]}]}}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, out := e.do(t, tt.body)
			got, _ := json.MarshalIndent(out, "", "  ")
			golden(t, tt.name, append(got, '\n'))
		})
	}
}
