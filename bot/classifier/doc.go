// Package classifier is careerbot's learned second opinion: a multinomial logistic
// regression over hashed word and character n-grams that labels a question with one of
// the profile's topics, none (decline), smalltalk or help.
//
// It is trained in pure Go, deterministically, by `go generate ./bot/classifier` (see
// gen), on bot/testdata's tuning files (purpose tune in its manifest) and the training half of each CLINC150 file
// (package corpus); never on the held-out files. The sparse weights are checked in and
// embedded; TestModelIsFresh fails when they are stale. Load decodes them once, in about
// a millisecond; Predict takes about 2 µs and does not allocate.
//
// The model is not meant to answer on its own: the rules answer in-scope questions far
// better. The bot's rules decide, gates included; the model may fill in for a "did you
// mean" or an "I don't know that one", veto an unsure answer, cut a multi-part answer to
// one part, or pick a topic the rules ranked lower, each at its own probability (bot's
// Policy). TestPolicyFolds chooses those by cross-validation with the bot itself and fails
// when the policy in use is no longer its choice; TestPolicies reports ways of combining
// the two on the held-out sets.
package classifier
