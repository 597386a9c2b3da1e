package bot

import "testing"

// minAccuracy is the accuracy the tuning question set must reach, in percent.
const minAccuracy = 97.0

func TestQuestionSet(t *testing.T) {
	b := newTestBot(t)
	per, ok, all := evaluate(t, b, loadCases(t, "testdata/questions.tsv"))
	if acc := report(t, "questions.tsv", per, ok, all); acc < minAccuracy {
		t.Errorf("accuracy %.1f%%, want at least %.0f%%", acc, minAccuracy)
	}
}
