package knowledge

import (
	"bytes"
	"crypto/sha256"
	"os"
	"reflect"
	"testing"
)

// TestSnapshotIsFresh: the checked-in snapshot was made from the embedded file as it is.
// A stale one is not wrong (it is not used), only slow.
func TestSnapshotIsFresh(t *testing.T) {
	if _, ok := fromSnapshot(defaultData, defaultSnapshot); !ok {
		t.Fatalf("%s was not made from the embedded knowledge file (sha256 %x) or does not decode: run go generate ./knowledge", SnapshotFile, sha256.Sum256(defaultData))
	}
	onDisk, err := os.ReadFile(SnapshotFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk[:sha256.Size], defaultSnapshot[:sha256.Size]) {
		t.Fatal("the embedded snapshot is not the one on disk")
	}
}

// TestSnapshotIsTheParse: the Base decoded from the snapshot, derived facts included, is
// the one parsing the embedded file gives, so the bot answers the same either way.
func TestSnapshotIsTheParse(t *testing.T) {
	fromSnap, ok := fromSnapshot(defaultData, defaultSnapshot)
	if !ok {
		t.Fatal("the snapshot is stale: run go generate ./knowledge")
	}
	parsed, err := Parse(DefaultName, defaultData)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromSnap, parsed) {
		t.Fatal("the snapshot decodes to another Base than parsing gives: a field gob does not carry (unexported, or an empty slice read back as nil) needs building after decoding, in fromSnapshot")
	}
	if len(fromSnap.facts) == 0 || fromSnap.Entities(KindCertification) == nil {
		t.Fatal("the snapshot's derived facts and entities were not built")
	}
}

// TestSnapshotOfOtherDataIsNotUsed: after an edit to the knowledge file, or with a
// snapshot that does not decode, the file itself is parsed: its edit is what the bot
// answers with, and its mistakes are reported.
func TestSnapshotOfOtherDataIsNotUsed(t *testing.T) {
	edited := bytes.Replace(defaultData, []byte("Health information technologists and medical registrars"), []byte("Edited registrars"), 1)
	if bytes.Equal(edited, defaultData) {
		t.Fatal("the edit changed nothing")
	}
	b, err := load(DefaultName, edited, defaultSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	if b.Profile.Title != "Edited registrars" {
		t.Fatalf("the snapshot was used for edited data: title %q", b.Profile.Title)
	}
	corrupt := append(bytes.Clone(defaultSnapshot[:sha256.Size]), "not gob"...)
	if _, ok := fromSnapshot(defaultData, corrupt); ok {
		t.Fatal("a snapshot that does not decode was used")
	}
	if _, err := load(DefaultName, []byte("profile: [broken"), defaultSnapshot); err == nil {
		t.Fatal("a broken file loaded: its snapshot, made from other data, was used")
	}
}
