package bot

// Words as the matcher reads them: knowledge-file text through contractions, synonyms and
// stems, and the stems themselves.

import (
	"bytes"
	"slices"
	"strings"
)

// words turns text into normalized words the way questions are read, without spelling
// correction (the vocabulary is what corrections aim at).
func (ix *builder) words(s string) []string {
	ix.buf = lowerText(ix.buf[:0], s)
	b := ix.buf
	// Results are carved from one shared array (full slice expressions keep them apart):
	// thousands of small slices at start-up become a few large ones.
	if n := 1 + bytes.Count(b, []byte{' '}); cap(ix.wordPool)-len(ix.wordPool) < 2*n {
		ix.wordPool = make([]string, 0, max(4096, 2*n))
	}
	start := len(ix.wordPool)
	out := ix.wordPool[start:start:cap(ix.wordPool)]
	for len(b) > 0 {
		i := bytes.IndexByte(b, ' ')
		var wb []byte
		if i < 0 {
			wb, b = b, nil
		} else {
			wb, b = b[:i], b[i+1:]
		}
		if len(wb) == 0 || len(wb) == 1 && (wb[0] == ',' || wb[0] == '.' || wb[0] == '?') {
			continue
		}
		// One lookup per word: what it reads as, through contractions, synonyms and stems.
		toks, ok := ix.readAs[string(wb)]
		if !ok {
			w := string(wb)
			// Carved from a shared array too, reserving room for a contraction read
			// through synonyms; a longer reading outgrows it into its own array.
			if cap(ix.tokPool)-len(ix.tokPool) < 8 {
				ix.tokPool = make([]string, 0, 2048)
			}
			mark := len(ix.tokPool)
			toks = ix.tokPool[mark:mark:cap(ix.tokPool)]
			if strings.IndexByte(w, '\'') < 0 {
				toks = ix.appendWord(toks, w)
			} else {
				for _, x := range expandWord(w) {
					toks = ix.appendWord(toks, x)
				}
			}
			if cap(toks) == cap(ix.tokPool)-mark {
				ix.tokPool = ix.tokPool[:mark+len(toks)]
			}
			toks = toks[:len(toks):len(toks)]
			ix.readAs[w] = toks
			// Every word read at start-up is one the bot knows: each enters the
			// vocabulary once, here, rather than once per phrase that uses it.
			for _, t := range toks {
				ix.vocab[t] = true
			}
		}
		out = append(out, toks...)
	}
	if len(out) > 0 && cap(out) == cap(ix.wordPool)-start {
		ix.wordPool = ix.wordPool[:start+len(out)]
	}
	return out[:len(out):len(out)]
}

func (ix *builder) appendWord(out []string, w string) []string {
	if syn, ok := ix.synonyms[w]; ok {
		for _, y := range syn {
			out = append(out, canon(y))
		}
		return out
	}
	return append(out, canon(w))
}

// canon is the form a word is matched in: stemmed, except stopwords, which are matched as
// they are ("does" is not "doe").
func canon(w string) string {
	if stopwords[w] {
		return w
	}
	return stem(w)
}

// expandWord splits contractions ("don't", and by the negative ending "mustn't") and drops
// the possessive ending ("nurse's").
func expandWord(w string) []string {
	if !strings.Contains(w, "'") {
		return []string{w}
	}
	if c, ok := contractions[w]; ok {
		return c
	}
	r := &lex.Reading
	if neg := string(r.NegativeEnding); strings.HasSuffix(w, neg) {
		return []string{strings.TrimSuffix(w, neg), string(r.NegativeWord)}
	}
	w = strings.TrimSuffix(w, string(r.PossessiveEnding))
	return []string{strings.ReplaceAll(w, "'", "")}
}

func allStop(ws []string) bool {
	for _, w := range ws {
		if !stopwords[w] {
			return false
		}
	}
	return true
}

// spellBuckets files the words spelling correction aims at by first letter and length, each
// list sorted so that corrections are the same on every run.
func spellBuckets(vocab map[string]bool) map[byte][][]string {
	b := map[byte][][]string{}
	for w := range vocab {
		if len(w) < 3 || len(w) > 40 || isNumber(w) {
			continue
		}
		byLen := b[w[0]]
		for len(byLen) <= len(w) {
			byLen = append(byLen, nil)
		}
		byLen[len(w)] = append(byLen[len(w)], w)
		b[w[0]] = byLen
	}
	for _, byLen := range b {
		for _, ws := range byLen {
			slices.Sort(ws)
		}
	}
	return b
}

func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// stem strips common English endings so "certifying" finds "certify" and "salaries"
// finds "salary", by the lexicon's stemming rules, the first that fits. It is deliberately
// crude: it only links words already in the vocabulary.
func stem(w string) string {
	if w == "" {
		return w
	}
	for _, r := range lex.stemByLast[w[len(w)-1]] {
		if len(w) <= r.LongerThan || !strings.HasSuffix(w, string(r.Ending)) || r.Except.has(w) || r.keeps(w) {
			continue
		}
		cut := w[:len(w)-len(r.Ending)]
		if r.Becomes == "" {
			return cut
		}
		return cut + string(r.Becomes)
	}
	return w
}

// keeps says whether w has an ending the rule leaves alone ("class", "status", "basis").
func (r *stemRule) keeps(w string) bool {
	for _, e := range r.UnlessEnding.list {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}
