package bot

import (
	_ "embed"
	"strings"
)

// english is a sorted list of English words, one per line (see lexicon/README.md).
//
//go:embed lexicon/english.txt
var english string

// isEnglish says whether w is an English word. It searches the embedded list in place, so
// it costs nothing at start-up and allocates nothing.
func isEnglish(w string) bool {
	lo, hi := 0, len(english)
	for lo < hi {
		mid := (lo + hi) / 2
		start := strings.LastIndexByte(english[:mid], '\n') + 1
		end := strings.IndexByte(english[mid:], '\n')
		if end < 0 {
			end = len(english)
		} else {
			end += mid
		}
		switch word := english[start:end]; {
		case word == w:
			return true
		case word < w:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}
