package classifier_test

import (
	"os"
	"sync"
	"testing"

	"github.com/careerbot/careerbot/bot/classifier"
	"github.com/careerbot/careerbot/bot/classifier/corpus"
)

// foldModels are the models trained leaving one tuning file out, in corpus.TuningFiles'
// order, trained once for every cross-validating test of the package.
var foldModels = sync.OnceValues(func() ([]*classifier.Model, error) {
	ms := make([]*classifier.Model, len(corpus.TuningFiles))
	errs := make([]error, len(ms))
	var wg sync.WaitGroup
	for i, file := range corpus.TuningFiles {
		wg.Go(func() {
			examples, err := corpus.Training("../testdata", file)
			if err != nil {
				errs[i] = err
				return
			}
			ms[i], errs[i] = classifier.Train(examples)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return ms, nil
})

// needsCrossValidation skips a test that trains a model per tuning file (44 models, 5 to 8
// minutes on two CPUs: near go test's default 10-minute timeout on a busy machine) unless
// CAREERBOT_CV=1 asks for it, as .ci/run does, and in -short and -race runs.
func needsCrossValidation(t *testing.T) {
	t.Helper()
	switch {
	case testing.Short() || raceEnabled:
		t.Skip("trains a model per tuning file: not in -short or -race runs")
	case os.Getenv("CAREERBOT_CV") != "1":
		t.Skip("SKIPPED: cross-validation trains 44 models (5-8 minutes); run it with CAREERBOT_CV=1 go test -timeout 30m ./bot/classifier (CI does)")
	}
}
