package bot

import (
	"context"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/careerbot/careerbot/knowledge"
)

// BenchmarkAnswer answers the question sets round-robin: the figure to watch is
// questions/s on one core (go test -bench Answer -benchmem -cpu 1 ./bot/).
func BenchmarkAnswer(b *testing.B) {
	bt := newTestBot(b)
	var qs []string
	for _, f := range []string{"testdata/tune/01-first-batch.tsv", "testdata/tune/ex-heldout1-five-users.tsv"} {
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

// BenchmarkStartup loads, validates and indexes the embedded knowledge file: the work a
// new process does before its first answer. A new process runs no garbage collection
// before its heap reaches 4 MB and start-up allocates about 2 MB, so the collector is
// paused while timing and run between iterations instead; BenchmarkStartupSteady shows the
// same work with the collector cleaning up after earlier iterations.
func BenchmarkStartup(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	b.ReportAllocs()
	for range b.N {
		b.StopTimer()
		runtime.GC()
		b.StartTimer()
		startup(b)
	}
}

// BenchmarkStartupSteady is start-up over and over, garbage collection included.
func BenchmarkStartupSteady(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		startup(b)
	}
}

func startup(b *testing.B) {
	kb, err := knowledge.Default()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := New(kb, Options{}); err != nil {
		b.Fatal(err)
	}
}
