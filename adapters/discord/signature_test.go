package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"filippo.io/edwards25519"
)

// TestVerifierMatchesStandardLibrary: for valid signatures, every single-bit change to
// them, non-canonical S, and keys of small order, the verifier and crypto/ed25519.Verify
// agree, so decoding the key once changes nothing but the cost.
func TestVerifierMatchesStandardLibrary(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(pub ed25519.PublicKey, prefix string, msg, sig []byte) {
		t.Helper()
		want := ed25519.Verify(pub, append([]byte(prefix), msg...), sig)
		v, err := newVerifier(pub)
		if err != nil {
			if want {
				t.Fatalf("key %x refused, but the standard library accepts a signature with it", pub)
			}
			return
		}
		if got := v.verify(prefix, msg, sig); got != want {
			t.Fatalf("verify(%x, %q, %x, %x) = %v, crypto/ed25519 says %v", pub, prefix, msg, sig, got, want)
		}
	}
	accepted := 0
	for n := range 40 {
		seed := make([]byte, ed25519.SeedSize)
		for i := range seed {
			seed[i] = byte(rng.Uint32())
		}
		priv := ed25519.NewKeyFromSeed(seed)
		pub := priv.Public().(ed25519.PublicKey)
		msg := make([]byte, rng.IntN(2000))
		for i := range msg {
			msg[i] = byte(rng.Uint32())
		}
		prefix := "1700000000"
		sig := ed25519.Sign(priv, append([]byte(prefix), msg...))
		check(pub, prefix, msg, sig)
		if v, _ := newVerifier(pub); v.verify(prefix, msg, sig) {
			accepted++
		}
		for bit := n % 7; bit < 8*len(sig); bit += 7 {
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
	if accepted != 40 {
		t.Errorf("accepted %d of 40 valid signatures", accepted)
	}
	// The identity and other small-order points as keys, with an identity R and S = 0.
	for _, k := range []string{
		"0100000000000000000000000000000000000000000000000000000000000000",
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
		"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
	} {
		pub, _ := hex.DecodeString(k)
		sig := make([]byte, 64)
		sig[0] = 1
		check(pub, "", []byte("x"), sig)
		check(pub, "1", []byte("{}"), sig)
	}
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
