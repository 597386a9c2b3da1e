package bot

// The lexicon's kinds of list, each checked as it is read (so an error has its line) and
// filed for matching without allocating.

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// wordShape says whether s is one word as questions are read: lower case, digits,
// apostrophes; or "," the comma that closes a clause. (A function, not a regexp: the
// lexicon is read while the package's variables are set, through yaml's interfaces, which
// the order of initialization cannot see.)
func wordShape(s string) bool {
	if s == "," {
		return true
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '\'') {
			return false
		}
	}
	return s != ""
}

// itemError is a problem with one entry of a list, at its own line.
type itemError struct {
	line int
	msg  string
}

func (e *itemError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// readList decodes a non-empty list of distinct entries of words of wordShape, at most
// maxWords each (0: any number).
func readList(n *yaml.Node, maxWords int) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, &itemError{n.Line, "want a list"}
	}
	if len(n.Content) == 0 {
		return nil, &itemError{n.Line, "empty list"}
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			return nil, &itemError{c.Line, "want a word or phrase"}
		}
		f := strings.Split(c.Value, " ")
		for _, w := range f {
			if !wordShape(w) {
				return nil, &itemError{c.Line, fmt.Sprintf("%q: want lower-case words separated by single spaces", c.Value)}
			}
		}
		if maxWords > 0 && len(f) > maxWords {
			return nil, &itemError{c.Line, fmt.Sprintf("%q: want one word", c.Value)}
		}
		for _, o := range out {
			if o == c.Value {
				return nil, &itemError{c.Line, fmt.Sprintf("%q is listed twice", c.Value)}
			}
		}
		out = append(out, c.Value)
	}
	return out, nil
}

// words is a list of single words, as a set.
type words struct {
	list           []string
	set            map[string]bool
	line           int // for errors found after loading
	minLen, maxLen int // bounds on the words' lengths
}

func (w *words) UnmarshalYAML(n *yaml.Node) (err error) {
	w.line = n.Line
	w.list, err = readList(n, 1)
	w.set = setOf(w.list...)
	for i, s := range w.list {
		if i == 0 || len(s) < w.minLen {
			w.minLen = len(s)
		}
		w.maxLen = max(w.maxLen, len(s))
	}
	return err
}

// has says whether s is one of the words. The lengths are checked first: most words of a
// question are not the length of any in a short list, and comparing costs less than hashing.
func (w *words) has(s string) bool {
	return len(s) >= w.minLen && len(s) <= w.maxLen && w.set[s]
}

// phrases is a list of phrases of one or more words, filed by first word.
type phrases struct {
	byFirst map[string][][]string // the words after the first, one slice per phrase
	longest int                   // words in the longest phrase
}

func (p *phrases) UnmarshalYAML(n *yaml.Node) error {
	list, err := readList(n, 0)
	p.byFirst = make(map[string][][]string, len(list))
	for _, s := range list {
		f := strings.Split(s, " ")
		p.byFirst[f[0]] = append(p.byFirst[f[0]], f[1:])
		p.longest = max(p.longest, len(f))
	}
	return err
}

// starts says whether some phrase starts with w.
func (p *phrases) starts(w string) bool { return len(p.byFirst[w]) > 0 }

// startsAt says whether some phrase is the tokens from position i.
func (p *phrases) startsAt(toks []token, i int) bool {
	if i < 0 || i >= len(toks) {
		return false
	}
	for _, rest := range p.byFirst[toks[i].word] {
		if wordsAt(toks, i+1, rest) {
			return true
		}
	}
	return false
}

// endsAt says whether some phrase is the tokens up to position end, inclusive.
func (p *phrases) endsAt(toks []token, end int) bool {
	if end < 0 || end >= len(toks) {
		return false
	}
	for n := 1; n <= p.longest && n <= end+1; n++ {
		start := end - n + 1
		for _, rest := range p.byFirst[toks[start].word] {
			if len(rest) == n-1 && wordsAt(toks, start+1, rest) {
				return true
			}
		}
	}
	return false
}

// lenAt is the number of words of the longest phrase that is the tokens from position i,
// or 0.
func (p *phrases) lenAt(toks []token, i int) int {
	n := 0
	if i < 0 || i >= len(toks) {
		return 0
	}
	for _, rest := range p.byFirst[toks[i].word] {
		if len(rest)+1 > n && wordsAt(toks, i+1, rest) {
			n = len(rest) + 1
		}
	}
	return n
}

// find is the positions of the tokens inside some phrase (up to 64).
func (p *phrases) find(toks []token) uint64 {
	var m uint64
	for i := 0; i < len(toks) && i < 64; i++ {
		for _, rest := range p.byFirst[toks[i].word] {
			if wordsAt(toks, i+1, rest) {
				m |= spanMask(i, i+1+len(rest))
			}
		}
	}
	return m
}

// wordsAt says whether the tokens from position i are ws.
func wordsAt(toks []token, i int, ws []string) bool {
	if i+len(ws) > len(toks) {
		return false
	}
	for k, w := range ws {
		if toks[i+k].word != w {
			return false
		}
	}
	return true
}

// oneWord is a single word or ending ("rn", "n't").
type oneWord string

func (w *oneWord) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &itemError{n.Line, "want one lower-case word"}
	}
	if !wordShape(n.Value) {
		return &itemError{n.Line, fmt.Sprintf("%q: want one lower-case word", n.Value)}
	}
	*w = oneWord(n.Value)
	return nil
}

// contractionMap maps a word with an apostrophe to the words it stands for.
type contractionMap map[string][]string

func (m *contractionMap) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		return &itemError{n.Line, "want a mapping of contractions to their words"}
	}
	*m = make(contractionMap, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !strings.Contains(k.Value, "'") || !wordShape(k.Value) {
			return &itemError{k.Line, fmt.Sprintf("%q: want one lower-case word with an apostrophe", k.Value)}
		}
		if _, dup := (*m)[k.Value]; dup {
			return &itemError{k.Line, fmt.Sprintf("%q is listed twice", k.Value)}
		}
		ws, err := readList(v, 1)
		if err != nil {
			return err
		}
		(*m)[k.Value] = ws
	}
	return nil
}

// symbolWords are the words the symbols lowerText reads as words stand for, by symbol, each
// with its trailing space.
type symbolWords [128]string

// readSymbols are the symbols lowerText reads as words; each needs one.
const readSymbols = "$%&+"

func (m *symbolWords) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return &itemError{n.Line, "want a mapping of symbols to words"}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if len(k.Value) != 1 || !strings.Contains(readSymbols, k.Value) {
			return &itemError{k.Line, fmt.Sprintf("%q: want one of %q", k.Value, readSymbols)}
		}
		if v.Kind != yaml.ScalarNode || !wordShape(v.Value) || v.Value == "," {
			return &itemError{v.Line, fmt.Sprintf("%q: want one lower-case word", v.Value)}
		}
		m[k.Value[0]] = v.Value + " "
	}
	for _, s := range readSymbols {
		if m[s] == "" {
			return &itemError{n.Line, fmt.Sprintf("%q is missing", string(s))}
		}
	}
	return nil
}
