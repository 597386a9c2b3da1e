package bot

// Policy is where the learned model (bot/classifier) may speak over the rules: the
// probability it needs at each place. The values in use, DefaultPolicy, are chosen by
// cross-validation with the bot itself (bot/classifier's TestPolicyFolds: each tuning
// file answered by a bot whose model never saw it), never on a held-out set.
type Policy struct {
	// SecondOpinion is what the model needs before its label replaces a "did you mean"
	// or an "I don't know that one".
	SecondOpinion float64
	// SecondOpinionUnanchored is what the model needs to name a topic for a question that
	// names neither the occupation nor anything about work ("how many prime numbers are
	// there between 0 and 100" is jobs to it at 0.82).
	SecondOpinionUnanchored float64
	// SecondOpinionNoEvidence is what the model needs to name a topic the rules found no
	// word for, in a question whose words they all know or that is about work ("I hate
	// math, can I still do this?" is qualities to it at 0.69). Under it, the rules'
	// evidence is needed.
	SecondOpinionNoEvidence float64
	// Veto is the probability of "none" at which the model turns a rules answer into a
	// decline, considered only for answers under VetoBelow confidence: a prediction costs
	// a third of an answer, so the model is not asked about answers the rules are sure of.
	Veto, VetoBelow float64
	// OnePart is the probability at which the model cuts a multi-part answer to the one
	// part it names (learned_one_part), unless its second label is another of the parts
	// at OtherPart or more.
	OnePart, OtherPart float64
	// RunnerUp is the probability at which the model picks, over the rules' first, another
	// topic they found evidence for (learned_runner_up).
	RunnerUp float64
}

// DefaultPolicy is the policy in use unless Options.Policy says otherwise. It is read by
// bot.New; change it only through TestPolicyFolds' choice, never at run time.
var DefaultPolicy = Policy{
	SecondOpinion: 0.3, SecondOpinionUnanchored: 0.9, SecondOpinionNoEvidence: 0.8,
	Veto: 0.95, VetoBelow: 0.9, OnePart: 0.9, OtherPart: 0, RunnerUp: 0.9,
}
