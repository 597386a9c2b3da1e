package classifier_test

import (
	"context"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/classifier"
	"github.com/careerbot/careerbot/bot/classifier/corpus"
	"github.com/careerbot/careerbot/knowledge"
)

// BenchmarkAnswerWithModel is the whole bot with the model asked on every question, as a
// veto would need (the chosen policy asks it only after "did you mean" or "I don't know"):
// the figure to compare with bot's BenchmarkAnswer and its 80,000 questions/s bar
// (go test -bench AnswerWithModel -benchmem -cpu 1 ./bot/classifier/).
func BenchmarkAnswerWithModel(b *testing.B) {
	kb, err := knowledge.Default()
	if err != nil {
		b.Fatal(err)
	}
	bt, err := bot.New(kb, bot.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m, err := classifier.Load()
	if err != nil {
		b.Fatal(err)
	}
	var qs []string
	for _, f := range []string{"tune/01-first-batch.tsv", "clinc/clinc_oos.txt"} {
		cs, err := corpus.Read("../testdata", f)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cs {
			qs = append(qs, c.Text)
		}
	}
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		q := qs[i%len(qs)]
		bt.Answer(ctx, bot.Request{Text: q})
		m.Predict(q)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "questions/s")
}
