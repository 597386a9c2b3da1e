package bot

import "testing"

// minAccuracy is the accuracy the tuning question set must reach, in percent.
const minAccuracy = 97.0

// TestQuestionSet runs the tuning questions, reported per topic: questions.tsv (the first
// batch), questions2.tsv (the topics people phrase most variously), questions3.tsv
// (indirect questions and tricky negatives), questions4.tsv (personas), questions5.tsv (chat
// style: fragments, text-speak, rambling) and questions6.tsv (non-native speakers, formal
// askers, yes/no questions); the last three were written from the profile text alone. Each
// was written separately, later.
func TestQuestionSet(t *testing.T) {
	b := newTestBot(t)
	var cases []evalCase
	for _, f := range []string{"testdata/questions.tsv", "testdata/questions2.tsv", "testdata/questions3.tsv", "testdata/questions4.tsv", "testdata/questions5.tsv", "testdata/questions6.tsv"} {
		cases = append(cases, loadCases(t, f)...)
	}
	per, ok, all := evaluate(t, b, cases)
	if acc := report(t, "questions.tsv … questions6.tsv", per, ok, all); acc < minAccuracy {
		t.Errorf("accuracy %.1f%%, want at least %.0f%%", acc, minAccuracy)
	}
}
