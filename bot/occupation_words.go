package bot

// Words that may or may not name another occupation: "rn" for right now or a registered
// nurse, an unknown word that ends like a person noun.

import "strings"

// rightNow says whether right_now's word ("rn") at position i is chat for "right now" ("is
// it growing rn", "im a cashier rn w/ a diploma", "rn, how much do they make") rather than
// a registered nurse ("how much do rn make", "who hires rn", "is rn a good career"): no
// article, preposition or verb before it makes it a noun, and nothing asked about nurses
// follows.
func rightNow(toks []token, i int) bool {
	rn := &lex.RightNow
	if toks[i].word != string(rn.Word) {
		return false
	}
	ends := i+1 == len(toks) || toks[i+1].sep
	if i == 0 {
		return ends
	}
	if rn.NounBefore.has(toks[i-1].word) {
		return false
	}
	if ends {
		return true
	}
	next := toks[i+1].word
	if rn.NounAfter.has(next) {
		return false
	}
	if rn.ChatAfter.starts(next) { // "rn or not" is chat; "rn or lpn" is not
		return rn.ChatAfter.startsAt(toks, i+1)
	}
	return true
}

// looksLikeOccupation says whether an unknown word is probably another job: it ends like a
// person noun ("welders", "baristas") and sits where a job goes ("do welders", "as a barista").
func looksLikeOccupation(toks []token, i int) bool {
	og := &lex.OccupationGuess
	w := toks[i].word
	suffix := false
	for _, s := range og.PersonEndings.list {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			suffix = true
			break
		}
	}
	if !suffix || i == 0 || og.ThingsNotPeople.has(w) {
		return false
	}
	return og.SlotBefore.has(toks[i-1].word)
}
