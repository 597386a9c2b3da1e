package sqlite

import (
	"context"
	"testing"

	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/bot/digest/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) digest.Store {
		s, err := Open(context.Background(), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
