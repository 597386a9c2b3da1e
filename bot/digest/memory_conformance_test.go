package digest_test

import (
	"testing"

	"github.com/careerbot/careerbot/bot/digest"
	"github.com/careerbot/careerbot/bot/digest/storetest"
)

func TestMemoryStoreConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) digest.Store { return digest.NewMemoryStore() })
}
