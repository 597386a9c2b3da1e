package bot_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/careerbot/careerbot/bot"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current replies")

// TestGolden compares the plain text of whole replies, as the CLI prints them, with files
// a person has read. After an intended change, run go test ./bot -run TestGolden -update
// and review the diff of testdata/golden.
func TestGolden(t *testing.T) {
	b := newBot(t, bot.Options{})
	tests := []struct {
		name     string
		question string
	}{
		{"pay", "what's the salary?"},
		{"pay_top_10", "how much do the top 10 percent make?"},
		{"pay_median", "what's the median salary?"},
		{"jobs", "how many jobs are there?"},
		{"work_environment", "is it an office job?"},
		{"did_you_mean", "the numbers for clinics"},
		{"pay_and_outlook", "what's the salary and the outlook?"},
		{"pay_by_industry", "how much do they make by industry?"},
		{"employers", "who are the largest employers?"},
		{"fallback_weather", "what's the weather"},
		{"help_hi", "hi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := bot.Text(ask(b, tt.question))
			path := filepath.Join("testdata", "golden", tt.name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./bot -run TestGolden -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("Text(Answer(%q)) differs from %s (-want +got):\n%s", tt.question, path, diff)
			}
		})
	}
}
