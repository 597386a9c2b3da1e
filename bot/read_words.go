package bot

import "strings"

// WordRead is how one typed word was read, for the trace: what it became and why. Words
// read as typed are left out.
type WordRead struct {
	Typed string `json:"typed"`
	Read  string `json:"read"` // the tokens it became, or "" when it added none
	How   string `json:"how"`  // synonym, stem, chat spelling, spelling, number, not known …
}

// noteWord records how push read w, which added a.toks[before:].
func (a *analysis) noteWord(ix *index, w, how string, before int) {
	var read []string
	for _, t := range a.toks[before:] {
		read = append(read, t.word)
	}
	joined := strings.Join(read, " ")
	if how == readKnown {
		// the same three ways pushKnownWord has, told apart again only when explaining
		switch _, syn := ix.synonyms[w]; {
		case syn:
			how = readSynonym
		case isNumber(w):
			how = readNumber
		case joined != w:
			how = readStem
		}
	}
	if joined == w && how != readEnglish && how != readUnknown {
		return
	}
	*a.wordsRead = append(*a.wordsRead, WordRead{Typed: w, Read: joined, How: how})
}
