package bot

import "testing"

// TestQuestionSet runs the tuning questions, reported per topic, in two groups with a bar
// each. Batches 1–3 were written alongside the matcher: questions.tsv (the first batch),
// questions2.tsv (the topics people phrase most variously) and questions3.tsv (indirect
// questions and tricky negatives). Batches 4–10 were written later, each separately, by
// writers who saw only the profile text and the topic list: questions4.tsv (personas),
// questions5.tsv (chat fragments, text-speak, rambling), questions6.tsv (non-native
// speakers, formal askers, yes/no questions), questions7.tsv (students filling in a
// career worksheet), questions8.tsv (career changers weighing a decision, tricky
// near-misses), questions9.tsv (the topics people hint at rather than name) and
// questions10.tsv (a realistic mix, written last). Each file's header gives its score
// before any tuning on it.
func TestQuestionSet(t *testing.T) {
	groups := []struct {
		name  string
		files []string
		min   float64 // percent
	}{
		{"batches 1–3", []string{"testdata/questions.tsv", "testdata/questions2.tsv", "testdata/questions3.tsv"}, 97},
		{"batches 4–10", []string{"testdata/questions4.tsv", "testdata/questions5.tsv", "testdata/questions6.tsv", "testdata/questions7.tsv", "testdata/questions8.tsv", "testdata/questions9.tsv", "testdata/questions10.tsv"}, 92},
	}
	b := newTestBot(t)
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			var cases []evalCase
			for _, f := range g.files {
				cases = append(cases, loadCases(t, f)...)
			}
			per, ok, all := evaluate(t, b, cases)
			if acc := report(t, g.name, per, ok, all); acc < g.min {
				t.Errorf("accuracy %.1f%%, want at least %.0f%%", acc, g.min)
			}
		})
	}
}
