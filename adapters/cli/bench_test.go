package cli

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/knowledge"
)

// BenchmarkAskJSON measures `careerbot ask --json` without process start-up: the tuning
// questions, one per line, answered and written as JSON lines.
func BenchmarkAskJSON(b *testing.B) {
	kb, err := knowledge.Default()
	if err != nil {
		b.Fatal(err)
	}
	bt, err := bot.New(kb, bot.Options{})
	if err != nil {
		b.Fatal(err)
	}
	input := questions(b)
	n := strings.Count(input, "\n")
	b.ResetTimer()
	for range b.N {
		if err := AskJSON(context.Background(), bt, strings.NewReader(input), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "questions/s")
}

func questions(b *testing.B) string {
	files, err := filepath.Glob("../../bot/testdata/tune/*.tsv")
	if err != nil || len(files) == 0 {
		b.Fatalf("no question files: %v", err)
	}
	var sb strings.Builder
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if q, _, _ := strings.Cut(sc.Text(), "\t"); q != "" && !strings.HasPrefix(q, "#") {
				sb.WriteString(q + "\n")
			}
		}
		fh.Close()
	}
	return sb.String()
}
