package discord

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"filippo.io/edwards25519"
	"github.com/bwmarrin/discordgo"
)

// TestVerifierMatchesStandardLibrary: for valid signatures, single-bit changes to them,
// other messages and timestamps, non-canonical S, and keys of small order, the verifier
// and crypto/ed25519.Verify agree.
func TestVerifierMatchesStandardLibrary(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	verifiers := map[string]*verifier{}
	check := func(pub ed25519.PublicKey, prefix string, msg, sig []byte) bool {
		t.Helper()
		want := ed25519.Verify(pub, append([]byte(prefix), msg...), sig)
		v, ok := verifiers[string(pub)]
		if !ok {
			var err error
			if v, err = newVerifier(pub); err != nil {
				if want {
					t.Fatalf("key %x refused, but the standard library accepts a signature with it", pub)
				}
				return false
			}
			verifiers[string(pub)] = v
		}
		got := v.verify(prefix, msg, sig)
		if got != want {
			t.Fatalf("verify(%x, %q, %x, %x) = %v, crypto/ed25519 says %v", pub, prefix, msg, sig, got, want)
		}
		return got
	}
	accepted := 0
	const keys, perKey = 8, 25
	for n := range keys {
		seed := make([]byte, ed25519.SeedSize)
		for i := range seed {
			seed[i] = byte(rng.Uint32())
		}
		priv := ed25519.NewKeyFromSeed(seed)
		pub := priv.Public().(ed25519.PublicKey)
		for m := range perKey {
			msg := make([]byte, rng.IntN(2000))
			for i := range msg {
				msg[i] = byte(rng.Uint32())
			}
			prefix := "1700000000"
			sig := ed25519.Sign(priv, append([]byte(prefix), msg...))
			if check(pub, prefix, msg, sig) {
				accepted++
			}
			for bit := (n + m) % 61; bit < 8*len(sig); bit += 61 {
				bad := append([]byte(nil), sig...)
				bad[bit/8] ^= 1 << (bit % 8)
				check(pub, prefix, msg, bad)
			}
			if len(msg) > 0 {
				check(pub, prefix, msg[1:], sig)
			}
			check(pub, "1700000001", msg, sig)
			// S + L signs the same equation but is not canonical: both must refuse it.
			check(pub, prefix, msg, withNonCanonicalS(t, sig))
		}
	}
	if accepted != keys*perKey {
		t.Errorf("accepted %d of %d valid signatures", accepted, keys*perKey)
	}
	// Small-order and non-canonically encoded keys, with R the identity (canonical or
	// not) or another small-order point, and S = 0: what a verifier that re-encodes the key
	// or compares points instead of encodings would get wrong.
	odd := []string{
		"0100000000000000000000000000000000000000000000000000000000000000", // identity
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
		"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
		"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
		"0000000000000000000000000000000000000000000000000000000000000080", // order 4, x = 0 with the sign bit
		"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1: the identity, non-canonical
		"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p: order 4, non-canonical
		"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
		"0100000000000000000000000000000000000000000000000000000000000080", // the identity with the sign bit
	}
	for _, k := range odd {
		pub, _ := hex.DecodeString(k)
		for _, r := range odd {
			sig := make([]byte, 64)
			hex.Decode(sig[:32], []byte(r))
			for _, msg := range []string{"x", "{}", "{\"type\":1}", "abc", "0", ""} {
				check(pub, "1700000000", []byte(msg), sig)
			}
		}
	}
	// Keys with a small-order component (aB + T): signed honestly, crypto/ed25519 accepts
	// the signature only when k·T happens to vanish.
	torsion, _ := new(edwards25519.Point).SetBytes(mustHex(t, "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"))
	mixedAccepted := 0
	for n := range 64 {
		a := randomScalar(rng)
		tn := edwards25519.NewIdentityPoint()
		for range n % 8 {
			tn.Add(tn, torsion)
		}
		pubPoint := new(edwards25519.Point).ScalarBaseMult(a)
		pubPoint.Add(pubPoint, tn)
		pub := pubPoint.Bytes()
		msg := []byte(fmt.Sprintf("{\"n\":%d}", n))
		r := randomScalar(rng)
		rPoint := new(edwards25519.Point).ScalarBaseMult(r)
		if n%3 == 0 {
			rPoint.Add(rPoint, torsion) // small-order part in R too
		}
		rBytes := rPoint.Bytes()
		h := sha512.New()
		h.Write(rBytes)
		h.Write(pub)
		h.Write([]byte("1700000000"))
		h.Write(msg)
		k, _ := edwards25519.NewScalar().SetUniformBytes(h.Sum(nil))
		sig := append(rBytes, edwards25519.NewScalar().MultiplyAdd(k, a, r).Bytes()...)
		if check(pub, "1700000000", msg, sig) {
			mixedAccepted++
		}
	}
	if mixedAccepted == 0 || mixedAccepted == 64 {
		t.Errorf("%d of 64 mixed-order signatures accepted: the case does not test both outcomes", mixedAccepted)
	}
}

func randomScalar(rng *rand.Rand) *edwards25519.Scalar {
	var wide [64]byte
	for i := range wide {
		wide[i] = byte(rng.Uint32())
	}
	s, _ := edwards25519.NewScalar().SetUniformBytes(wide[:])
	return s
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBaseTableMatchesScalarMult: the table sums give s·P for scalars whose signed
// digits carry at every byte, never carry, or sit at the ends of the range.
func TestBaseTableMatchesScalarMult(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var scalars []*edwards25519.Scalar
	for _, fill := range []byte{0x00, 0x01, 0x7f, 0x80, 0x81, 0xff} {
		b := bytes.Repeat([]byte{fill}, 32)
		b[31] &= 0x0f // below L
		s, err := edwards25519.NewScalar().SetCanonicalBytes(b)
		if err != nil {
			t.Fatal(err)
		}
		scalars = append(scalars, s)
	}
	one := make([]byte, 32)
	one[0] = 1
	sOne, _ := edwards25519.NewScalar().SetCanonicalBytes(one)
	scalars = append(scalars, sOne, edwards25519.NewScalar().Negate(sOne)) // 1 and L−1
	for range 40 {
		var wide [64]byte
		for i := range wide {
			wide[i] = byte(rng.Uint32())
		}
		s, _ := edwards25519.NewScalar().SetUniformBytes(wide[:])
		scalars = append(scalars, s)
	}
	points := []*edwards25519.Point{edwards25519.NewGeneratorPoint(), edwards25519.NewIdentityPoint()}
	for _, k := range []string{"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"} {
		b, _ := hex.DecodeString(k)
		p, err := new(edwards25519.Point).SetBytes(b)
		if err != nil {
			t.Fatal(err)
		}
		points = append(points, p)
	}
	var seed [32]byte
	seed[0] = 9
	pub := ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey)
	p, _ := new(edwards25519.Point).SetBytes(pub)
	points = append(points, p)
	for pi, p := range points {
		table := newBaseTable(p)
		for _, s := range scalars {
			got := edwards25519.NewIdentityPoint()
			table.addMult(got, s)
			want := new(edwards25519.Point).ScalarMult(s, p)
			if got.Equal(want) != 1 {
				t.Fatalf("point %d, scalar %x: table gives %x, ScalarMult %x", pi, s.Bytes(), got.Bytes(), want.Bytes())
			}
		}
	}
}

// FuzzVerifier: on any key, message and signature, the verifier and crypto/ed25519
// agree. Seeds include valid signatures, which the fuzzer then mutates.
func FuzzVerifier(f *testing.F) {
	for i := range 4 {
		seed := bytes.Repeat([]byte{byte(i + 1)}, ed25519.SeedSize)
		priv := ed25519.NewKeyFromSeed(seed)
		prefix, body := fmt.Sprintf("17000000%02d", i), fmt.Sprintf("{\"type\":%d}", i)
		f.Add([]byte(priv.Public().(ed25519.PublicKey)), prefix, []byte(body), ed25519.Sign(priv, []byte(prefix+body)))
	}
	verifiers := map[string]*verifier{}
	f.Fuzz(func(t *testing.T, pub []byte, prefix string, msg, sig []byte) {
		whole := append([]byte(prefix), msg...)
		v, ok := verifiers[string(pub)]
		if !ok {
			var err error
			if v, err = newVerifier(pub); err != nil {
				if len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, whole, sig) {
					t.Fatalf("key %x refused, but crypto/ed25519 accepts %x with it", pub, sig)
				}
				return
			}
			if len(verifiers) < 64 {
				verifiers[string(pub)] = v
			}
		}
		if got, want := v.verify(prefix, msg, sig), ed25519.Verify(pub, whole, sig); got != want {
			t.Fatalf("verify(%x, %q, %x, %x) = %v, crypto/ed25519 says %v", pub, prefix, msg, sig, got, want)
		}
	})
}

func withNonCanonicalS(t *testing.T, sig []byte) []byte {
	t.Helper()
	// L, little-endian.
	l := []byte{0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10}
	out := append([]byte(nil), sig...)
	carry := 0
	for i := range 32 {
		v := int(out[32+i]) + int(l[i]) + carry
		out[32+i], carry = byte(v), v>>8
	}
	if _, err := edwards25519.NewScalar().SetCanonicalBytes(out[32:]); err == nil {
		t.Fatal("S + L is still canonical")
	}
	return out
}

func TestNewRefusesInvalidPublicKey(t *testing.T) {
	// y = 2 is not the y-coordinate of any point on the curve.
	bad := "0200000000000000000000000000000000000000000000000000000000000000"
	if _, err := New(newBot(t), Config{PublicKey: bad}); err == nil {
		t.Errorf("New accepted %s, which is not a point", bad)
	}
	for _, k := range []string{"zz", "abcd"} {
		if _, err := New(newBot(t), Config{PublicKey: k}); err == nil {
			t.Errorf("New accepted public key %q", k)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	body := []byte(fullAsk(b, "what's the salary"))
	sig := ed25519.Sign(priv, append([]byte("1700000000"), body...))
	v, err := newVerifier(pub)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if !v.verify("1700000000", body, sig) {
			b.Fatal("valid signature refused")
		}
	}
}

// BenchmarkNewVerifier is the start-up cost of the HTTP endpoint: decoding the key and
// building its table.
func BenchmarkNewVerifier(b *testing.B) {
	pub, _, _ := ed25519.GenerateKey(nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := newVerifier(pub); err != nil {
			b.Fatal(err)
		}
	}
}

// TestVerifyMatchesDiscordgo: the endpoint accepts exactly the requests
// discordgo.VerifyInteraction accepts (it makes the same check without reading the body
// twice), whatever is wrong with the headers.
func TestVerifyMatchesDiscordgo(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	a, err := New(newBot(t), Config{PublicKey: hex.EncodeToString(pub)})
	if err != nil {
		t.Fatal(err)
	}
	body := fullAsk(t, "what's the salary")
	sig := ed25519.Sign(priv, []byte("1700000000"+body))
	good := hex.EncodeToString(sig)
	tampered := append([]byte(nil), sig...)
	tampered[10] ^= 4
	for _, h := range []struct{ sig, ts string }{
		{good, "1700000000"},
		{strings.ToUpper(good), "1700000000"},
		{hex.EncodeToString(tampered), "1700000000"},
		{good, "1700000001"},
		{good, ""},
		{"", "1700000000"},
		{good[:126], "1700000000"},
		{good + "00", "1700000000"},
		{"zz" + good[2:], "1700000000"},
		{good, " 1700000000"},
	} {
		r := httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader(body))
		r.Header.Set("X-Signature-Ed25519", h.sig)
		r.Header.Set("X-Signature-Timestamp", h.ts)
		want := discordgo.VerifyInteraction(r, pub)
		if got := a.verify(r.Header, []byte(body)); got != want {
			t.Errorf("signature %.16q… timestamp %q: endpoint says %v, discordgo.VerifyInteraction %v", h.sig, h.ts, got, want)
		}
	}
}
