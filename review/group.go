package review

import (
	"sort"
	"strings"
	"unicode"
)

// Group is near-duplicate entries: questions whose words mostly agree.
type Group struct {
	Example  string         // the first question of the group, as stored (masked)
	Count    int            // entries in the group
	Outcomes map[string]int // how they were answered
	Guess    string         // the topic the matcher or the learned model would guess today
	Topic    string         // the topic of the first entry (for votes: the topic voted on)
	Feedback bool           // a group of 👍/👎 votes, which hold no question
	words    map[string]bool
}

// similar is the share of words two questions must have in common (Jaccard) to be one group.
const similar = 0.6

// GroupEntries puts near-duplicates together, the largest groups first.
func GroupEntries(entries []Entry) []*Group {
	var groups []*Group
	for _, e := range entries {
		w, example := words(e.Question), e.Question
		if e.Question == "" { // a vote: one group per topic voted on
			w, example = map[string]bool{"\x00" + e.Topic: true}, "(feedback on an answer about "+e.Topic+")"
		}
		g := closest(groups, w)
		if g == nil {
			g = &Group{Example: example, Outcomes: map[string]int{}, Topic: e.Topic, Feedback: e.Question == "", words: w}
			groups = append(groups, g)
		}
		g.Count++
		g.Outcomes[e.Outcome]++
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Count > groups[j].Count })
	return groups
}

func closest(groups []*Group, w map[string]bool) *Group {
	var best *Group
	bestScore := similar
	for _, g := range groups {
		if s := jaccard(g.words, w); s >= bestScore {
			best, bestScore = g, s
		}
	}
	return best
}

// words is a question's words, lower-cased, without punctuation ("what's" is "whats").
func words(q string) map[string]bool {
	w := map[string]bool{}
	q = strings.NewReplacer("'", "", "’", "").Replace(strings.ToLower(q))
	for _, f := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w[f] = true
	}
	return w
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
