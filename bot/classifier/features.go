package classifier

import (
	"unicode"
	"unicode/utf8"
)

// Features are hashed into 2^Bits buckets. 2^18 leaves few collisions among the ~70,000
// distinct features of the training set, and a bucket costs 4 bytes of index in memory.
const (
	Bits    = 18
	buckets = 1 << Bits
	mask    = buckets - 1
)

// maxWordRunes bounds a word: a longer run of letters (a URL, a pasted ID) is cut to its
// first runes, so a question's cost grows with its length and nothing else.
const maxWordRunes = 32

// FNV-1a, 32 bits (hash/fnv's New32a), written out so that hashing allocates nothing.
const (
	fnvOffset uint32 = 2166136261
	fnvPrime  uint32 = 16777619
)

func fnvByte(h uint32, b byte) uint32 { return (h ^ uint32(b)) * fnvPrime }

// fnvRune hashes r's UTF-8 bytes, as hashing the lower-cased string would.
func fnvRune(h uint32, r rune) uint32 {
	if r < utf8.RuneSelf {
		return fnvByte(h, byte(r))
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, b := range buf[:n] {
		h = fnvByte(h, b)
	}
	return h
}

// Each kind of feature hashes a different first byte, so the word "the" and the character
// trigram "the" are different features.
const (
	kindWord   = 'w'
	kindBigram = 'b'
	kindChar   = 'c'
	wordSep    = ' '
	boundary   = '#' // pads words for character n-grams, and marks start and end of text for bigrams
)

// Character n-grams of 3 to 5 runes, over each word padded with a boundary mark on
// each side: "pay" gives #pa, pay, ay#, #pay, pay#, #pay#.
const minGram, maxGram = 3, 5

// sink receives the features of a text, one bucket per occurrence; a feature that occurs
// twice is sent twice. It is a concrete type rather than a callback so that Predict and the
// trainer share one extraction, and Predict does not allocate or call indirectly.
type sink struct {
	n int // features sent

	// Predict adds each feature's weights to scores.
	m      *Model
	scores [maxLabels]float32 // float32 like the weights: sums of a few hundred need no more

	// The trainer collects buckets instead.
	list []uint32
}

func (s *sink) add(h uint32) {
	b := (h ^ h>>Bits) & mask // fold the high bits in: FNV-1a's low bits alone mix less well
	s.n++
	if s.m == nil {
		s.list = append(s.list, b)
		return
	}
	w := s.m.weights(b)
	scores := s.scores[:len(w)]
	for c, x := range w {
		scores[c] += x
	}
}

// extract sends the features of text to s: lower-cased words (maximal runs of letters and
// digits; everything else separates), word unigrams, word bigrams including one from the
// start mark to the first word and one from the last word to the end mark, and character
// n-grams of each word.
func extract(text string, s *sink) {
	var word [maxWordRunes + 2]rune // the word, padded with boundary marks
	prev := fnvByte(fnvByte(fnvOffset, kindBigram), boundary)
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		// A word: lower-case its runes, hashing the unigram and the bigram as we go.
		n := 0
		uni := fnvByte(fnvOffset, kindWord)
		bi := fnvByte(prev, wordSep)
		cur := fnvByte(fnvOffset, kindBigram) // this word as the first half of the next bigram
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += size
			if n == maxWordRunes {
				continue
			}
			r = unicode.ToLower(r)
			word[n+1] = r
			n++
			uni, bi, cur = fnvRune(uni, r), fnvRune(bi, r), fnvRune(cur, r)
		}
		s.add(uni)
		s.add(bi)
		prev = cur
		word[0], word[n+1] = boundary, boundary
		chars(word[:n+2], s)
	}
	if s.n > 0 {
		s.add(fnvByte(fnvByte(prev, wordSep), boundary))
	}
}

// chars sends the character n-grams of a padded word: from each position, the n-grams
// of every size that fit, hashed incrementally.
func chars(w []rune, s *sink) {
	for start := 0; start+minGram <= len(w); start++ {
		h := fnvByte(fnvOffset, kindChar)
		for i, r := range w[start:min(len(w), start+maxGram)] {
			h = fnvRune(h, r)
			if i+1 >= minGram {
				s.add(h)
			}
		}
	}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
