package classifier

import (
	"math"
	"math/bits"
	"slices"
)

// maxLabels bounds the labels a model may have, so that Predict keeps its scores in a
// fixed array on the stack. careerbot has 15: the 12 topics, none, smalltalk and help.
const maxLabels = 16

// Model is a multinomial logistic regression over hashed word and character n-grams,
// with sparse weights. It is read-only after it is built, so safe for concurrent use.
type Model struct {
	labels []string
	bias   []float32 // per label
	// Most buckets have no weights left after training. The ones that do are rows: bucket
	// b is a row when bit b of present is set, and its row number is the count of set bits
	// before it (rank[b/64] plus those in its own word). The index takes 64 KB where an
	// offset per bucket would take 1 MB. Row r's weights, one per label, are
	// dense[r*k:(r+1)*k]: the file stores only the nonzero ones, but adding all k of a row
	// is quicker than adding a few by label, because those additions do not wait for each
	// other.
	present []uint64 // buckets/64
	rank    []uint32 // buckets/64
	dense   []float32
}

// Prediction is the model's best label and the runner-up, with their probabilities.
type Prediction struct {
	Label  string
	P      float64
	Second string
	P2     float64
}

// Labels lists the labels the model predicts, in its own order.
func (m *Model) Labels() []string { return slices.Clone(m.labels) }

// Predict classifies one question. It does not allocate.
func (m *Model) Predict(text string) Prediction {
	s := sink{m: m}
	extract(text, &s)
	return m.decide(&s.scores, s.n)
}

// decide turns the summed weights of n features into probabilities. The sum is scaled by
// 1/√n, as in training, so a long question is not more certain for being long.
func (m *Model) decide(sums *[maxLabels]float32, n int) Prediction {
	var scores [maxLabels]float64
	k := len(m.labels)
	scale := 0.0
	if n > 0 {
		scale = 1 / math.Sqrt(float64(n))
	}
	hi := math.Inf(-1)
	for i := range k {
		scores[i] = float64(float64(sums[i])*scale) + float64(m.bias[i])
		hi = max(hi, scores[i])
	}
	sum := 0.0
	for i := range k {
		scores[i] = exp(scores[i] - hi)
		sum += scores[i]
	}
	best, second := 0, -1
	for i := 1; i < k; i++ {
		switch {
		case scores[i] > scores[best]:
			best, second = i, best
		case second < 0 || scores[i] > scores[second]:
			second = i
		}
	}
	p := Prediction{Label: m.labels[best], P: scores[best] / sum}
	if second >= 0 {
		p.Second, p.P2 = m.labels[second], scores[second]/sum
	}
	return p
}

// weights returns bucket b's weights, one per label, or nil when it has none.
func (m *Model) weights(b uint32) []float32 {
	word, bit := b/64, b%64
	set := m.present[word]
	if set&(1<<bit) == 0 {
		return nil
	}
	k := uint32(len(m.labels))
	r := m.rank[word] + uint32(bits.OnesCount64(set&(1<<bit-1)))
	return m.dense[r*k : r*k+k]
}
