package classifier

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/gob"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"sync"
)

// WeightsFile is where `go generate` writes the weights, in this package's directory.
const WeightsFile = "weights.gob"

//go:embed weights.gob
var embedded []byte

// qMax is the largest quantized weight.
const qMax = math.MaxInt16

// formatVersion changes whenever the layout of weightsFile or the meaning of a feature
// changes; Load refuses any other.
const formatVersion = 1

// weightsFile is the checked-in model, written with encoding/gob. Only buckets with a
// weight left after pruning are stored, in increasing order:
//
//   - Gaps[i] is bucket i's distance from the previous stored bucket (the first from 0), so
//     that gob's variable-length integers stay one or two bytes;
//   - Counts[i] is how many labels bucket i has a weight for, and the next Counts[i]
//     entries of Label and Q are those label indexes (increasing) and weights;
//   - a weight is Q·Scale: 16 bits are plenty, and half the size of a float32.
type weightsFile struct {
	Version int
	Bits    int
	Labels  []string
	Bias    []float32
	Scale   float32
	Gaps    []uint32
	Counts  []uint8
	Label   []uint8
	Q       []int16
}

// pack prunes and quantizes trained weights (w[feature*k+label]; bucketOf maps a feature to
// its bucket) into the file's layout.
func pack(labels []string, bias, w []float64, bucketOf []uint32) *weightsFile {
	k := len(labels)
	f := &weightsFile{Version: formatVersion, Bits: Bits, Labels: labels, Bias: make([]float32, k)}
	for c, b := range bias {
		f.Bias[c] = float32(b)
	}
	// Features that share a bucket (hash collisions) add up, as they do when predicting:
	// visit features in bucket order, ties in feature order, never in map order.
	byBucket := make([]int, len(bucketOf))
	for fi := range byBucket {
		byBucket[fi] = fi
	}
	slices.SortStableFunc(byBucket, func(a, b int) int { return cmp.Compare(bucketOf[a], bucketOf[b]) })
	var rows []uint32 // distinct buckets, increasing
	var sums []float64
	for i, fi := range byBucket {
		if i == 0 || bucketOf[fi] != rows[len(rows)-1] {
			rows = append(rows, bucketOf[fi])
			sums = append(sums, make([]float64, k)...)
		}
		row := sums[len(sums)-k:]
		for c := range k {
			row[c] += w[fi*k+c]
		}
	}
	hi := 0.0
	for _, x := range sums {
		hi = max(hi, math.Abs(x))
	}
	f.Scale = float32(hi / qMax)
	last := uint32(0)
	for i, b := range rows {
		n := 0
		for c, x := range sums[i*k : (i+1)*k] {
			if math.Abs(x) < prune {
				continue
			}
			f.Label = append(f.Label, uint8(c))
			f.Q = append(f.Q, int16(math.Round(x/float64(f.Scale))))
			n++
		}
		if n > 0 {
			f.Gaps = append(f.Gaps, b-last)
			f.Counts = append(f.Counts, uint8(n))
			last = b
		}
	}
	return f
}

// Encode writes the model's file: what `go generate` checks in.
func (f *weightsFile) encode(w io.Writer) error {
	if err := gob.NewEncoder(w).Encode(f); err != nil {
		return fmt.Errorf("encode weights: %w", err)
	}
	return nil
}

// model checks the file and builds the model's bucket index from it.
func (f *weightsFile) model() (*Model, error) {
	k := len(f.Labels)
	switch {
	case f.Version != formatVersion:
		return nil, fmt.Errorf("weights format %d, want %d", f.Version, formatVersion)
	case f.Bits != Bits:
		return nil, fmt.Errorf("weights hashed into 2^%d buckets, want 2^%d", f.Bits, Bits)
	case k < 2 || k > maxLabels || len(f.Bias) != k:
		return nil, fmt.Errorf("weights have %d labels and %d biases, want 2 to %d of each", k, len(f.Bias), maxLabels)
	case len(f.Gaps) != len(f.Counts) || len(f.Label) != len(f.Q):
		return nil, fmt.Errorf("weights have %d buckets and %d counts, %d labels and %d weights", len(f.Gaps), len(f.Counts), len(f.Label), len(f.Q))
	}
	m := &Model{labels: f.Labels, bias: f.Bias, present: make([]uint64, buckets/64), rank: make([]uint32, buckets/64),
		dense: make([]float32, len(f.Gaps)*k)}
	b, j := uint64(0), 0
	for i, gap := range f.Gaps {
		b += uint64(gap)
		if b >= buckets || (i > 0 && gap == 0) {
			return nil, fmt.Errorf("weights: bucket %d out of order or range", b)
		}
		m.present[b/64] |= 1 << (b % 64)
		n := int(f.Counts[i])
		if j+n > len(f.Label) {
			return nil, fmt.Errorf("weights: bucket %d's %d weights run past the end", b, n)
		}
		row := m.dense[i*k : (i+1)*k]
		for ; n > 0; n, j = n-1, j+1 {
			c := int(f.Label[j])
			if c >= k {
				return nil, fmt.Errorf("weight %d is for label %d of %d", j, c, k)
			}
			row[c] = float32(f.Q[j]) * f.Scale
		}
	}
	if j != len(f.Label) {
		return nil, fmt.Errorf("weights: %d weights, the buckets hold %d", len(f.Label), j)
	}
	n := uint32(0)
	for w, set := range m.present {
		m.rank[w] = n
		n += uint32(bits.OnesCount64(set))
	}
	return m, nil
}

func decode(data []byte) (*Model, error) {
	var f weightsFile
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&f); err != nil {
		return nil, fmt.Errorf("decode weights: %w", err)
	}
	m, err := f.model()
	if err != nil {
		return nil, fmt.Errorf("load weights: %w", err)
	}
	return m, nil
}

var loaded = sync.OnceValues(func() (*Model, error) { return decode(embedded) })

// Load returns the model of the embedded weights. They are decoded on the first call
// only; later calls return the same Model.
func Load() (*Model, error) { return loaded() }

// Write trains on examples and writes the weights file to w: what `go generate` runs, and
// what TestModelIsFresh compares with the embedded file.
func Write(w io.Writer, examples []Example) error {
	f, err := train(examples)
	if err != nil {
		return err
	}
	return f.encode(w)
}
