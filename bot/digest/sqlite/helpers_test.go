package sqlite

import (
	"testing"

	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/knowledge"
)

func composer(t testing.TB) *digest.Composer {
	t.Helper()
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	return digest.NewComposer(kb)
}
