package classifier_test

import (
	"sync"

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
