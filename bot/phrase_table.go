package bot

// phraseTable holds the phrases by their first word, and for a first word that starts
// many of them ("how" starts about 190), by their second word too: a token then tries only
// the phrases that can follow it, not every phrase its word starts.
type phraseTable map[string]*firstWord

type firstWord struct {
	all []*phrase // longest first
	// Set only when the word starts many phrases: per second word, the phrases of all that
	// have it, or whose second word is "*" or missing; general holds just those two kinds.
	// Each keeps all's order, so matching finds the same hits in the same order.
	bySecond map[string][]*phrase
	general  []*phrase
}

// splitAt is how many phrases a first word starts before they are split by second word.
const splitAt = 8

// add appends p to the phrases its first word starts; split must run after the last add.
func (t phraseTable) add(p *phrase) {
	f := t[p.words[0]]
	if f == nil {
		f = &firstWord{}
		t[p.words[0]] = f
	}
	f.all = append(f.all, p)
}

// split builds bySecond and general for first words that start many phrases.
func (f *firstWord) split() {
	f.bySecond, f.general = nil, nil
	if len(f.all) < splitAt {
		return
	}
	f.bySecond = map[string][]*phrase{}
	for _, p := range f.all {
		if s := second(p); s != "" {
			f.bySecond[s] = nil
		}
	}
	for _, p := range f.all {
		s := second(p)
		if s != "" {
			f.bySecond[s] = append(f.bySecond[s], p)
			continue
		}
		f.general = append(f.general, p)
		for w, ps := range f.bySecond {
			f.bySecond[w] = append(ps, p)
		}
	}
}

// second is a phrase's second word, or "" when it has none or it is "*" (any stand-in).
func second(p *phrase) string {
	if len(p.words) < 2 || p.words[1] == "*" {
		return ""
	}
	return p.words[1]
}

// at is the phrases that may start at toks[i], longest first.
func (t phraseTable) at(toks []token, i int) []*phrase {
	f := t[toks[i].word]
	switch {
	case f == nil:
		return nil
	case f.bySecond == nil:
		return f.all
	case i+1 < len(toks):
		if ps, ok := f.bySecond[toks[i+1].word]; ok {
			return ps
		}
	}
	return f.general
}
