package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
)

// CheckPublicKey reports whether s is an application public key as Discord shows it:
// 32 bytes of hex. serve checks it before opening anything.
func CheckPublicKey(s string) error {
	if k, err := hex.DecodeString(s); err != nil || len(k) != ed25519.PublicKeySize {
		return fmt.Errorf("discord: DISCORD_PUBLIC_KEY must be %d bytes of hex", ed25519.PublicKeySize)
	}
	return nil
}
