package bot

import "testing"

// minAccuracy is the accuracy the tuning question set must reach, in percent.
const minAccuracy = 97.0

// TestQuestionSet runs the tuning questions, reported per topic: questions.tsv (the first
// batch), questions2.tsv (the topics people phrase most variously), questions3.tsv
// (indirect questions and tricky negatives) and questions4.tsv (personas, written from the
// profile text alone), each written separately, later.
func TestQuestionSet(t *testing.T) {
	b := newTestBot(t)
	var cases []evalCase
	for _, f := range []string{"testdata/questions.tsv", "testdata/questions2.tsv", "testdata/questions3.tsv", "testdata/questions4.tsv"} {
		cases = append(cases, loadCases(t, f)...)
	}
	per, ok, all := evaluate(t, b, cases)
	if acc := report(t, "questions.tsv … questions4.tsv", per, ok, all); acc < minAccuracy {
		t.Errorf("accuracy %.1f%%, want at least %.0f%%", acc, minAccuracy)
	}
}
