package knowledge

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/gob"
	"fmt"
	"io"
)

// The embedded knowledge file is also checked in parsed and validated, as a snapshot:
// decoding it takes about a twelfth of the time parsing the YAML does, and parsing was
// the largest part of a new process's start-up (`careerbot ask --json`). The snapshot is
// a cache, never a second source: it starts with the SHA-256 of the YAML it was made
// from, and load uses it only when that is the embedded file byte for byte. After an
// edit to the YAML the bot parses it, as before, until `go generate ./knowledge` makes
// the snapshot again; TestSnapshotIsFresh fails meanwhile.
//
//go:generate go run ./gen

// SnapshotFile is where the snapshot of the embedded knowledge file is, beside it.
const SnapshotFile = "data/health-information-technologists.snapshot"

//go:embed data/health-information-technologists.snapshot
var defaultSnapshot []byte

// WriteSnapshot parses and validates the knowledge file data and writes its snapshot:
// the data's SHA-256, then the Base as gob, which its derived facts are built from again.
func WriteSnapshot(w io.Writer, name string, data []byte) error {
	b, err := Parse(name, data)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	if _, err := w.Write(sum[:]); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	if err := gob.NewEncoder(w).Encode(b); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	return nil
}

// load returns the Base of the knowledge file data: decoded from snap when snap was made
// from data, parsed otherwise.
func load(name string, data, snap []byte) (*Base, error) {
	if b, ok := fromSnapshot(data, snap); ok {
		return b, nil
	}
	return Parse(name, data)
}

// fromSnapshot decodes snap if it was made from data. A snapshot of other data, or one
// that does not decode (written by an older version of the types), is not used.
func fromSnapshot(data, snap []byte) (*Base, bool) {
	if len(snap) < sha256.Size {
		return nil, false
	}
	if sum := sha256.Sum256(data); !bytes.Equal(snap[:sha256.Size], sum[:]) {
		return nil, false
	}
	b := &Base{}
	if err := gob.NewDecoder(bytes.NewReader(snap[sha256.Size:])).Decode(b); err != nil {
		return nil, false
	}
	b.buildFacts() // derived, and unexported: not in the snapshot
	return b, true
}
