package bot

import (
	"context"
	"testing"

	"github.com/careerbot/careerbot/knowledge"
)

// BenchmarkAnswer answers the question sets round-robin: the figure to watch is
// questions/s on one core (go test -bench Answer -benchmem -cpu 1 ./bot/).
func BenchmarkAnswer(b *testing.B) {
	bt := newTestBot(b)
	var qs []string
	for _, f := range []string{"testdata/questions.tsv", "testdata/heldout.tsv"} {
		for _, c := range loadCases(b, f) {
			qs = append(qs, c.question)
		}
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		bt.Answer(ctx, Request{Text: qs[i%len(qs)]})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "questions/s")
}

// BenchmarkAnswerFollowUp answers with conversation context, as chat adapters do.
func BenchmarkAnswerFollowUp(b *testing.B) {
	bt := newTestBot(b)
	qs := []string{"what's the salary?", "and the top 10%?", "what about hospitals?", "what's the outlook", "why?"}
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		bt.Answer(ctx, Request{Text: qs[i%len(qs)], ConversationID: "bench"})
	}
}

// BenchmarkStartup loads, validates and indexes the embedded knowledge file: the work done
// before the first answer.
func BenchmarkStartup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		kb, err := knowledge.Default()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := New(kb, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
