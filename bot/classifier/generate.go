package classifier

// The weights are trained from bot/testdata's question files and checked in;
// TestModelIsFresh fails when they no longer match what training gives.
//go:generate go run ./gen
