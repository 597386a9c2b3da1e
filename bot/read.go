package bot

// Stage 1, read: text to tokens, through markup stripping, normalization, synonyms,
// stems and spelling correction.

import (
	"slices"
	"strings"
)

// read turns text into tokens.
func (ix *index) read(a *analysis, sp *speller, text string) {
	s := stripMarkup(clip(text)) // bound first: stripping scans the text
	a.text = s
	a.buf = lowerText(a.buf[:0], s)
	str := string(a.buf) // tokens are slices of it; one allocation per question
	for len(str) > 0 {
		if len(a.toks) >= readTokens && !a.keepQuestion() {
			break
		}
		i := strings.IndexByte(str, ' ')
		var w string
		if i < 0 {
			w, str = str, ""
		} else {
			w, str = str[:i], str[i+1:]
		}
		if w == "" {
			continue
		}
		ix.readWord(a, sp, w)
	}
	a.keepQuestion()
}

// readWord turns one word of the text into tokens.
func (ix *index) readWord(a *analysis, sp *speller, w string) {
	switch {
	case w == "," || w == "." || w == "?":
		a.separate(w)
	case strings.IndexByte(w, '\'') >= 0:
		for _, x := range expandWord(w) {
			ix.push(a, sp, x)
		}
	default:
		ix.push(a, sp, w)
	}
}

// keepQuestion cuts the tokens to maxTokens, keeping what is asked: whole sentences up to
// the end, or to the last question mark when the message ends telling, dropped from the
// start ("…We have a 3 year old. What's the usual schedule?"), and the start of a
// sentence longer than maxTokens. It says whether it made room to read on: a message is
// read to its end, within the 2,000 bytes clipped, and never holds more than readTokens.
func (a *analysis) keepQuestion() bool {
	n := len(a.toks)
	if n <= maxTokens {
		return true
	}
	end := n
	if last := a.toks[n-1]; last.ends && !last.asks { // it ends telling: end at the last question
		for k := n - 1; k >= 0; k-- {
			if a.toks[k].asks {
				end = k + 1
				break
			}
		}
	}
	from := max(end-maxTokens, 0)
	for from > 0 && !a.toks[from-1].ends && from < end {
		from++
	}
	if from == end { // one sentence longer than maxTokens: its start
		for from = max(end-maxTokens, 0); from > 0 && !a.toks[from-1].ends; from-- {
		}
	}
	a.toks = a.toks[:copy(a.toks, a.toks[from:min(end, from+maxTokens)])]
	return len(a.toks) < readTokens
}

// separate adds a clause boundary read from punctuation, one for a run of marks ("?!"),
// remembering whether it asked ("?") or ended a sentence.
func (a *analysis) separate(mark string) {
	n := len(a.toks)
	if n == 0 {
		return
	}
	if !a.toks[n-1].sep {
		a.toks = append(a.toks, token{word: ",", sep: true})
		n++
	}
	t := &a.toks[n-1]
	t.asks = t.asks || mark == "?"
	t.ends = t.ends || mark != ","
}

// push adds one word, through synonyms, stems and spelling correction, and when the
// question is explained, notes how the word was read.
func (ix *index) push(a *analysis, sp *speller, w string) {
	if len(a.toks) >= readTokens || w == "" {
		return
	}
	before := len(a.toks)
	how := ix.pushWord(a, sp, w)
	if a.wordsRead != nil {
		a.noteWord(ix, w, how, before)
	}
}

// How a word was read, for the trace.
const (
	readKnown    = "known" // as a synonym, a number or a word of the vocabulary (noteWord tells which)
	readChat     = "chat spelling"
	readEnglish  = "not known"
	readSpelling = "spelling"
	readUnknown  = "not known, no close word"
	readSynonym  = "synonym"
	readStem     = "stem"
	readNumber   = "number"
)

// pushWord is push's work; it says which way the word was read.
func (ix *index) pushWord(a *analysis, sp *speller, w string) string {
	if ts, ok := ix.reads[w]; ok {
		a.toks = append(a.toks, ts[:min(len(ts), readTokens-len(a.toks))]...)
		return readKnown
	}
	if ix.pushKnownWord(a, w) {
		return readKnown
	}
	c := canon(w)
	// Chat spellings the edit distance misses on short words (lexicon: chat_endings): a
	// dropped final g ("growin", "makin") and a z for a plural s ("jobz", "certz").
	endings := lex.Reading.ChatEndings
	for i := range endings {
		e := &endings[i]
		if n := len(w); n > e.LongerThan && strings.HasSuffix(w, string(e.Typed)) {
			if c := canon(w[:n-len(e.Typed)] + string(e.Reads)); ix.vocab[c] {
				ix.pushKnown(a, c, true)
				return readChat
			}
		}
	}
	if isEnglish(w) {
		// A real word the bot does not know ("incoming", "feet") is not a typo of one it
		// does ("income", "fees").
		a.toks = append(a.toks, token{word: c})
		return readEnglish
	}
	fixed := sp.correct(c)
	if fixed == "" && c != w {
		fixed = sp.correct(w)
	}
	if fixed != "" {
		if syn, ok := ix.synonyms[fixed]; ok {
			for _, x := range syn {
				ix.pushKnown(a, x, true)
			}
			return readSpelling
		}
		ix.pushKnown(a, fixed, true)
		return readSpelling
	}
	a.toks = append(a.toks, token{word: c})
	return readUnknown
}

// pushKnownWord adds w read as a synonym, a number or a word the bot knows, and says
// whether it could; each is read without the speller, so readKnownWords reads them ahead.
func (ix *index) pushKnownWord(a *analysis, w string) bool {
	if syn, ok := ix.synonyms[w]; ok {
		for _, x := range syn {
			ix.pushKnown(a, x, false)
		}
		return true
	}
	if isNumber(w) {
		a.toks = append(a.toks, token{word: w, num: true, known: true})
		return true
	}
	if c := canon(w); ix.vocab[c] {
		ix.pushKnown(a, c, false)
		return true
	}
	return false
}

// readKnownWords reads every word in the vocabulary once, at start-up, as pushKnownWord
// would: push then finds a word typed as the bot knows it with one lookup, not five.
func (ix *index) readKnownWords() {
	ix.reads = make(map[string][]token, len(ix.vocab))
	var a analysis
	for w := range ix.vocab {
		a.toks = a.toks[:0]
		if ix.pushKnownWord(&a, w) {
			ix.reads[w] = slices.Clone(a.toks)
		}
	}
}

func (ix *index) pushKnown(a *analysis, w string, fixed bool) {
	if len(a.toks) >= readTokens {
		return
	}
	t := token{word: w, known: true, stop: stopwords[w], fixed: fixed}
	if conjunctions[w] {
		t.sep = true
	}
	a.toks = append(a.toks, t)
}
