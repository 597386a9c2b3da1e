package classifier

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Example is one labelled question to train on.
type Example struct {
	Text  string
	Label string
}

// Training settings. They are constants, not options: the checked-in weights are a pure
// function of the training files, and TestModelIsFresh checks exactly that. They were
// chosen by the model's cross-validated accuracy alone (leave one question file out, first
// label), giving up about one point of it for a weights file a thirteenth the size
// (133 KB instead of 1.7 MB with AdaGrad and pruning alone).
const (
	epochs = 20
	alpha  = 5.0          // FTRL's step size: a coordinate's rate is alpha/(beta+√(its squared gradients))
	beta   = 1.0          // keeps the first steps of a coordinate from being too large
	l1     = 0.3          // drives weights that do not earn their keep to exactly zero: the sparsity
	l2     = 1e-4         // keeps the rest small
	prune  = 0.02         // and what is left below this barely moves a score, so it is dropped too
	seedHi = 0x63617265   // "care"
	seedLo = 0x6572626f74 // "erbot"
)

// encoded is one training question as the trainer sees it: its distinct features, each
// with its count scaled by 1/√(features), as Predict scales them.
type encoded struct {
	feat  []int32 // compact feature ids
	value []float64
	label int
}

// Train fits the model to examples: multinomial logistic regression by FTRL-Proximal
// (McMahan et al., 2013), which is AdaGrad's per-coordinate rates with L1 and L2 applied
// in closed form, so weights that do not matter come out exactly zero; then small weights
// are pruned. It makes a fixed number of epochs over the examples in an order shuffled by
// a PCG generator with a fixed seed, in float64 arithmetic in a fixed order, so the same
// examples always give the same weights, bit for bit. Labels are the examples' distinct
// labels, sorted.
func Train(examples []Example) (*Model, error) {
	f, err := train(examples)
	if err != nil {
		return nil, err
	}
	return f.model()
}

func train(examples []Example) (*weightsFile, error) {
	labels := distinctLabels(examples)
	if len(labels) < 2 || len(labels) > maxLabels {
		return nil, fmt.Errorf("train: %d labels, want 2 to %d", len(labels), maxLabels)
	}
	data, bucketOf := encode(examples, labels)
	k := len(labels)
	// Per coordinate (feature×k + label): the weight, FTRL's z, its sum of squared
	// gradients and that sum's square root, kept so it is taken once per update. The bias is
	// a plain AdaGrad coordinate without regularization.
	w := make([]float64, len(bucketOf)*k)
	z := make([]float64, len(w))
	n := make([]float64, len(w))
	root := make([]float64, len(w))
	bias, nb := make([]float64, k), make([]float64, k)
	p := make([]float64, k)

	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	rng := rand.NewPCG(seedHi, seedLo)
	for range epochs {
		shuffle(order, rng)
		for _, i := range order {
			e := &data[i]
			for _, fi := range e.feat {
				for j := int(fi) * k; j < int(fi+1)*k; j++ {
					w[j] = weight(z[j], root[j])
				}
			}
			probabilities(e, w, bias, p)
			d := p // now the loss's gradient with respect to each score
			d[e.label] -= 1
			for c := range k {
				nb[c] += float64(d[c] * d[c])
				bias[c] -= float64(alpha*d[c]) / (beta + math.Sqrt(nb[c]))
			}
			// Every coordinate's update reads only itself and d, so the order of
			// these loops does not change a bit of the result; this one is the
			// order in memory.
			for fj, fi := range e.feat {
				for c := range k {
					j := int(fi)*k + c
					grad := float64(d[c] * e.value[fj])
					n[j] += float64(grad * grad)
					next := math.Sqrt(n[j])
					sigma := (next - root[j]) / alpha
					z[j] += grad - float64(sigma*w[j])
					root[j] = next
				}
			}
		}
	}
	for j := range w {
		w[j] = weight(z[j], root[j])
	}
	return pack(labels, bias, w, bucketOf), nil
}

// weight is FTRL-Proximal's weight for a coordinate from its z and the square root of its
// sum of squared gradients: zero while |z| ≤ l1.
func weight(z, root float64) float64 {
	if math.Abs(z) <= l1 {
		return 0
	}
	return -(z - math.Copysign(l1, z)) / (float64((beta+root)/alpha) + l2)
}

// probabilities sets p to the model's softmax for e.
func probabilities(e *encoded, w, bias, p []float64) {
	k := len(p)
	hi := math.Inf(-1)
	for c := range k {
		s := bias[c]
		for j, fi := range e.feat {
			s += float64(w[int(fi)*k+c] * e.value[j])
		}
		p[c] = s
		hi = max(hi, s)
	}
	sum := 0.0
	for c := range k {
		p[c] = exp(p[c] - hi)
		sum += p[c]
	}
	for c := range k {
		p[c] /= sum
	}
}

// shuffle is Fisher–Yates driven by PCG's output directly: rand.Shuffle's way of drawing
// an index is not promised to stay the same across Go releases, PCG's sequence is.
func shuffle(order []int, rng *rand.PCG) {
	for i := len(order) - 1; i > 0; i-- {
		j := int(rng.Uint64() % uint64(i+1))
		order[i], order[j] = order[j], order[i]
	}
}

func distinctLabels(examples []Example) []string {
	var labels []string
	for _, e := range examples {
		labels = append(labels, e.Label)
	}
	slices.Sort(labels)
	return slices.Compact(labels)
}

// encode turns examples into feature lists. Features get compact ids in order of first
// appearance, so the trainer's arrays hold only features that occur; bucketOf maps an id
// back to its hash bucket.
func encode(examples []Example, labels []string) ([]encoded, []uint32) {
	id := make([]int32, buckets)
	for i := range id {
		id[i] = -1
	}
	var bucketOf []uint32
	out := make([]encoded, len(examples))
	var s sink
	for i, ex := range examples {
		s = sink{list: s.list[:0]}
		extract(ex.Text, &s)
		list := s.list
		slices.Sort(list)
		scale := 0.0
		if len(list) > 0 {
			scale = 1 / math.Sqrt(float64(len(list)))
		}
		e := encoded{label: slices.Index(labels, ex.Label)}
		for j := 0; j < len(list); {
			n := 1
			for j+n < len(list) && list[j+n] == list[j] {
				n++
			}
			b := list[j]
			if id[b] < 0 {
				id[b] = int32(len(bucketOf))
				bucketOf = append(bucketOf, b)
			}
			e.feat = append(e.feat, id[b])
			e.value = append(e.value, float64(n)*scale)
			j += n
		}
		out[i] = e
	}
	return out, bucketOf
}
