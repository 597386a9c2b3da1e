package bot

import (
	"sync"

	"github.com/sahilm/fuzzy"
)

// Spelling correction. sahilm/fuzzy finds candidates where the typed word is a subsequence
// of a known word (dropped letters: "salry", "certfication", "outlok"); it cannot see
// swapped, doubled or wrong letters, so a bounded Damerau-Levenshtein (OSA) pass over
// words of similar length adds those ("slaary", "sallary", "educaton"). Either way a
// candidate is accepted only within the edit-distance bound, so "nurses" never becomes
// "courses".

const (
	minCorrectLen  = 4 // shorter words are too ambiguous to correct ("pai": pay? pain?)
	maxCacheWords  = 8192
	fuzzyMinCover  = 0.6 // typed length / candidate length, below it fuzzy only guesses
	maxLengthSlack = 3
)

// maxEdits is the edit-distance bound for a word of n bytes.
func maxEdits(n int) int {
	switch {
	case n < minCorrectLen:
		return 0
	case n <= 6:
		return 1
	default:
		return 2
	}
}

// speller corrects unknown words against the vocabulary. Its cache is shared by all
// goroutines; unknown words repeat a lot in real traffic ("sallary"), and a miss costs a
// fuzzy scan.
type speller struct {
	// buckets files the vocabulary by first letter, then by length. It is built at the
	// first word that needs correcting, not at start-up: many processes answer their
	// first questions without one.
	buckets map[byte][][]string
	vocab   map[string]bool
	once    sync.Once

	mu    sync.Mutex
	cache map[string]string // typed -> corrected, "" when nothing was close enough
}

func newSpeller(vocab map[string]bool) *speller {
	return &speller{vocab: vocab, cache: make(map[string]string)}
}

// correct returns the known word w most likely meant, or "".
func (s *speller) correct(w string) string {
	if len(w) < minCorrectLen || len(w) > 40 {
		return ""
	}
	s.mu.Lock()
	c, ok := s.cache[w]
	s.mu.Unlock()
	if ok {
		return c
	}
	c = s.find(w)
	s.mu.Lock()
	if len(s.cache) >= maxCacheWords {
		clear(s.cache) // a crude bound; the cache refills with what is asked now
	}
	s.cache[w] = c
	s.mu.Unlock()
	return c
}

// lengthRange calls f with the lists of words of b whose length is in [lo, hi].
func lengthRange(b [][]string, lo, hi int, f func([]string)) {
	for n := max(lo, 0); n <= hi && n < len(b); n++ {
		if len(b[n]) > 0 {
			f(b[n])
		}
	}
}

func (s *speller) find(w string) string {
	s.once.Do(func() { s.buckets = spellBuckets(s.vocab) })
	bound := maxEdits(len(w))
	best, bestD := "", bound+1
	consider := func(c string) {
		// A four-letter word one letter away is usually another real word ("feet" and
		// "fees", "play" and "pay"); only swapped letters count as typos that short.
		if len(w) == minCorrectLen && !swapped(w, c) {
			return
		}
		if d := osa(w, c, bound); d < bestD {
			best, bestD = c, d
		}
	}
	bucket := s.buckets[w[0]]
	// Dropped letters: the typed word is a subsequence of the candidate.
	lengthRange(bucket, len(w), len(w)+maxLengthSlack, func(words []string) {
		for _, m := range fuzzy.Find(w, words) {
			if len(m.MatchedIndexes) == 0 || m.MatchedIndexes[0] != 0 {
				continue
			}
			if float64(len(w))/float64(len(m.Str)) < fuzzyMinCover {
				continue
			}
			consider(m.Str)
		}
	})
	// Swapped, doubled, extra or wrong letters.
	lengthRange(bucket, len(w)-bound, len(w)+bound, func(words []string) {
		for _, c := range words {
			consider(c)
		}
	})
	// The first two letters swapped ("oulook" is fine above, "uotlook" is not).
	if len(w) > 1 && w[0] != w[1] {
		lengthRange(s.buckets[w[1]], len(w)-bound, len(w)+bound, func(words []string) {
			for _, c := range words {
				if len(c) > 1 && c[1] == w[0] {
					consider(c)
				}
			}
		})
	}
	if bestD > bound {
		return ""
	}
	return best
}

// swapped says whether b is a with two adjacent letters exchanged.
func swapped(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i+1 < len(a); i++ {
		if a[i] != b[i] {
			return a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
		}
	}
	return false
}

// osa is the optimal string alignment distance between a and b (edits: insert, delete,
// substitute, swap adjacent), or bound+1 as soon as it must exceed bound.
func osa(a, b string, bound int) int {
	if d := len(a) - len(b); d > bound || -d > bound {
		return bound + 1
	}
	if len(a) > 40 || len(b) > 40 {
		return bound + 1
	}
	var rows [3][42]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > bound {
			return bound + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], bound+1)
}
