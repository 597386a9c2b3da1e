package classifier

import (
	"hash/fnv"
	"math"
	"slices"
	"testing"
)

// The inline FNV-1a is hash/fnv's, byte for byte, for ASCII and for other runes.
func TestFNV(t *testing.T) {
	for _, s := range []string{"", "a", "pay", "#café#", "日本語", "\U0001F600"} {
		h := fnv.New32a()
		h.Write([]byte(s))
		got := fnvOffset
		for _, r := range s {
			got = fnvRune(got, r)
		}
		if want := h.Sum32(); got != want {
			t.Errorf("fnv(%q) = %#x, want %#x", s, got, want)
		}
	}
}

func features(text string) []uint32 {
	var s sink
	extract(text, &s)
	return s.list
}

func TestFeatures(t *testing.T) {
	for _, c := range []struct {
		text string
		n    int // features sent
	}{
		{"", 0},
		{"?!", 0},
		// "hi": unigram, bigram from the start, #hi hi# #hi#, bigram to the end.
		{"hi", 6},
		// "pay": unigram, bigram, #pa pay ay# #pay pay# #pay#, end bigram.
		{"pay", 9},
		{"hi pay", 1 + 1 + 3 + 1 + 1 + 6 + 1},
		// A word is cut to 32 runes: 34 padded runes give 32+31+30 n-grams.
		{"abcdefghijklmnopqrstuvwxyzabcdefghijklmnop", 1 + 1 + 93 + 1},
	} {
		if got := len(features(c.text)); got != c.n {
			t.Errorf("%q: %d features, want %d", c.text, got, c.n)
		}
	}
	// What does not change the features: case, separators, padding; what does: order.
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"How much?", "how much", true},
		{"what's the pay", "WHAT S  THE\tPAY!!", true},
		{"ÉCOLE", "école", true},
		{"pay outlook", "outlook pay", false},
		{"pay", "pays", false},
	} {
		a, b := features(c.a), features(c.b)
		slices.Sort(a)
		slices.Sort(b)
		if slices.Equal(a, b) != c.same {
			t.Errorf("features of %q and %q: same = %v, want %v", c.a, c.b, !c.same, c.same)
		}
	}
}

func TestExp(t *testing.T) {
	for _, x := range []float64{0, -1e-10, -0.1, -0.5, -1, -2.5, -10, -33.3, -100, -699, 1, 5} {
		got, want := exp(x), math.Exp(x)
		if math.Abs(got-want) > 1e-14*want {
			t.Errorf("exp(%g) = %g, want %g", x, got, want)
		}
	}
	if exp(-800) != 0 || !math.IsInf(exp(800), 1) {
		t.Error("exp does not saturate")
	}
}
