package classifier

import "math"

// exp is e^x for the softmax, in plain float64 arithmetic. math.Exp has assembly versions on
// some architectures that may differ from the pure-Go one in the last bit, and the checked-in
// weights must come out bit for bit the same wherever `go generate` runs. Every product is
// converted explicitly, which the Go spec says rounds it, so no compiler may fuse a multiply
// and an add into one FMA instruction either. Accurate to about 1e-15 relative for x ≤ 0,
// which is all the softmax needs (it subtracts the largest score first).
func exp(x float64) float64 {
	switch {
	case x < -700:
		return 0
	case x > 700:
		return math.Inf(1)
	}
	// x = k·ln2 + r with |r| ≤ ln2/2; ln2 is split in two so that k·ln2Hi is exact.
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		log2e = 1.44269504088896338700e+00
	)
	k := math.Floor(float64(x*log2e) + 0.5)
	r := float64(x-float64(k*ln2Hi)) - float64(k*ln2Lo)
	// Taylor series of e^r to the r^13 term, by Horner's rule: the first omitted term is
	// below 2^-53 for |r| ≤ 0.35.
	p := 1.0
	for n := 13; n >= 1; n-- {
		p = 1 + float64(float64(r*p)/float64(n))
	}
	return math.Ldexp(p, int(k))
}
