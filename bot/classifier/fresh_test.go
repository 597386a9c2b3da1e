package classifier_test

import (
	"bytes"
	"crypto/sha256"
	"os"
	"testing"

	"github.com/careerbot/careerbot/bot/classifier"
	"github.com/careerbot/careerbot/bot/classifier/corpus"
)

// TestModelIsFresh retrains on the training files and fails when the checked-in weights
// are not what that gives: a question file changed, or the features or the trainer did,
// and nobody ran go generate. Training is deterministic, so equal means byte for byte.
func TestModelIsFresh(t *testing.T) {
	examples, err := corpus.Training("../testdata", "")
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := classifier.Write(&want, examples); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(classifier.WeightsFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("%s is stale (sha256 %x, training gives %x, %d bytes): run go generate ./bot/classifier",
			classifier.WeightsFile, sha256.Sum256(got), sha256.Sum256(want.Bytes()), want.Len())
	}
}

// TestTrainingIsDeterministic trains twice on the same examples, in one process, and
// wants the same bytes: nothing in training may depend on map order or timing.
func TestTrainingIsDeterministic(t *testing.T) {
	examples, err := corpus.Training("../testdata", "tune/03-indirect-tricky-negatives.tsv")
	if err != nil {
		t.Fatal(err)
	}
	examples = examples[:len(examples)/3]
	var a, b bytes.Buffer
	if err := classifier.Write(&a, examples); err != nil {
		t.Fatal(err)
	}
	if err := classifier.Write(&b, examples); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings on the same examples wrote different weights")
	}
}
