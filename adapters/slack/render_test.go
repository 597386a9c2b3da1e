package slack

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/knowledge"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestBlockKitGolden pins the Block Kit JSON of typical replies, as Slack receives it.
func TestBlockKitGolden(t *testing.T) {
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(kb, bot.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, question string
		share          bool
	}{
		{"pay", "what's the salary?", false},
		{"pay_command_share", "how much do the top 10% make", true},
		{"pay_by_industry", "which industry pays the most", false},
		{"multi_part", "what's the salary and the outlook?", false},
		{"answer_and_caveat", "what's the salary, and do they get benefits?", false},
		{"fallback", "how much do nurses make?", false},
		{"help", "hi", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.Answer(context.Background(), bot.Request{Text: tt.question})
			got, err := json.MarshalIndent(slack.Msg{Text: Text(r), Blocks: slack.Blocks{BlockSet: Blocks(r, tt.share)}}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.name+".json")
			if *update {
				os.MkdirAll("testdata", 0o755)
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./adapters/slack -update)", err)
			}
			if diff := cmp.Diff(strings.TrimSpace(string(want)), string(got)); diff != "" {
				t.Errorf("Block Kit for %q (-want +got):\n%s", tt.question, diff)
			}
			checkLimits(t, got)
		})
	}
}

// checkLimits fails on messages Slack would reject.
func checkLimits(t *testing.T, msgJSON []byte) {
	t.Helper()
	var m struct {
		Blocks []struct {
			Type     string
			Text     *struct{ Text string }
			Fields   []struct{ Text string }
			Elements []json.RawMessage
		}
	}
	json.Unmarshal(msgJSON, &m)
	if len(m.Blocks) > 50 {
		t.Errorf("%d blocks, Slack allows 50", len(m.Blocks))
	}
	for _, b := range m.Blocks {
		if b.Type == "header" && b.Text != nil && len([]rune(b.Text.Text)) > 150 {
			t.Errorf("header of %d characters, Slack allows 150", len([]rune(b.Text.Text)))
		}
		if b.Type == "section" && b.Text != nil && len([]rune(b.Text.Text)) > 3000 {
			t.Errorf("section text of %d characters, Slack allows 3000", len([]rune(b.Text.Text)))
		}
		if len(b.Fields) > 10 {
			t.Errorf("section with %d fields, Slack allows 10", len(b.Fields))
		}
		if b.Type == "actions" && len(b.Elements) > 25 {
			t.Errorf("actions block with %d elements", len(b.Elements))
		}
	}
}

func TestEscapeKeepsMarkupOut(t *testing.T) {
	r := bot.Reply{Kind: bot.KindFallback, Title: "x", Lead: "<!channel> & <@U1>"}
	got, _ := json.Marshal(Blocks(r, false))
	if strings.Contains(string(got), "<!channel>") || strings.Contains(string(got), "<@U1>") {
		t.Errorf("Blocks let markup through: %s", got)
	}
}
