package bot

import (
	"slices"
	"strings"
	"testing"
)

// TestEveryPhraseIsFound types each phrase of the index on its own and behind a word
// that starts many phrases, and checks that matching finds it there: the phrase table's
// split by second word must never hide a phrase that is in the text.
func TestEveryPhraseIsFound(t *testing.T) {
	b := newTestBot(t)
	ix := b.ix
	split := 0
	for first, f := range ix.phrases {
		if f.bySecond != nil {
			split++
		}
		for _, p := range f.all {
			if slices.Contains(p.words, "*") || first == "*" {
				continue // "*" stands for any of the occupation's names
			}
			for _, before := range []string{"", "how"} {
				words := append(strings.Fields(before), p.words...)
				a := &analysis{}
				for _, w := range words {
					a.toks = append(a.toks, token{word: w})
				}
				ix.findHits(a)
				at := len(words) - len(p.words)
				if !slices.ContainsFunc(a.hits, func(h hit) bool { return h.start == at && h.end == len(words) }) {
					t.Errorf("%q: the phrase %q is not found", strings.Join(words, " "), strings.Join(p.words, " "))
				}
			}
		}
	}
	if split == 0 {
		t.Fatal("no first word starts enough phrases to be split: the test checks nothing about the split")
	}
}
