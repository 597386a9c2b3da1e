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
// better. TestPolicies cross-validates ways of combining the two and reports them on the
// held-out sets. The policy it chooses: the rules decide, gates included; only when their
// reply is "did you mean" (KindClarify) or the last-resort "I don't know that one" may the
// model's label be used instead, and only when its probability is at least 0.5 (bot's
// Policy.SecondOpinion; TestPolicies logs the threshold cross-validation chooses).
package classifier
