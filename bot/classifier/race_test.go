//go:build race

package classifier_test

// raceEnabled: the race detector makes training ten models several times slower, and the
// cross-validation has no concurrency for it to check.
const raceEnabled = true
