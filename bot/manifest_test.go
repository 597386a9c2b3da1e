package bot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// manifestPath lists every evaluation set: what it is for and the bar it must keep.
const manifestPath = "testdata/manifest.yaml"

// evalSet is one entry of testdata/manifest.yaml (see testdata/README.md).
type evalSet struct {
	Name      string  `yaml:"name"`
	File      string  `yaml:"file"`     // testdata-relative
	Purpose   string  `yaml:"purpose"`  // tune, heldout or others
	Measures  string  `yaml:"measures"` // one line
	Format    string  `yaml:"format"`   // questions (the default), followups or conversations; others sets are CLINC files
	Check     string  `yaml:"check"`    // others only: declined, help-or-declined or conversational
	Threshold float64 `yaml:"threshold"`
	SHA256    string  `yaml:"sha256"`    // heldout only: the frozen file's hash
	FirstRun  string  `yaml:"first_run"` // the score before any tuning on it, when known
	Sealed    bool    `yaml:"sealed"`    // written blind and not yet run: never opened by a test
	// Model false: a tuning set the learned model does not train on (bot/classifier's
	// corpus leaves it out); the rules are tuned on it all the same.
	Model *bool `yaml:"model"`
}

// othersChecks are what an others set may check, in the order README.md gives them.
var othersChecks = []string{"declined", "help-or-declined", "conversational"}

// loadManifest reads and checks testdata/manifest.yaml; unknown fields are errors, so a
// misspelt key cannot silently drop a bar.
func loadManifest(t testing.TB) []evalSet {
	t.Helper()
	data, err := os.ReadFile(manifestPath)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Sets []evalSet `yaml:"sets"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("%s: %v", manifestPath, err)
	}
	if len(m.Sets) == 0 {
		t.Fatalf("%s: no sets", manifestPath)
	}
	names, files := map[string]bool{}, map[string]bool{}
	for i, s := range m.Sets {
		if err := s.valid(); err != nil {
			t.Fatalf("%s: set %d (%s): %v", manifestPath, i+1, s.Name, err)
		}
		if names[s.Name] || files[s.File] {
			t.Fatalf("%s: set %s (%s) is listed twice", manifestPath, s.Name, s.File)
		}
		names[s.Name], files[s.File] = true, true
	}
	return m.Sets
}

// valid says what is wrong with one manifest entry, or nil.
func (s evalSet) valid() error {
	switch {
	case s.Name == "" || s.File == "" || s.Measures == "":
		return errors.New("name, file and measures are required")
	case s.Threshold <= 0 || s.Threshold > 100:
		return fmt.Errorf("threshold %g: want a percentage above 0", s.Threshold)
	case s.SHA256 != "" && s.Purpose != "heldout":
		return errors.New("only held-out sets are frozen by sha256")
	case s.Purpose == "heldout" && s.SHA256 == "" && !s.Sealed:
		return errors.New("a held-out set is frozen: give its sha256")
	}
	switch s.Purpose {
	case "tune", "heldout":
		if !strings.HasPrefix(s.File, s.Purpose+"/") {
			return fmt.Errorf("a %s set lives under %s/", s.Purpose, s.Purpose)
		}
		if s.Check != "" {
			return errors.New("check is for others sets")
		}
		if s.Format != "" && s.Format != "questions" && s.Format != "followups" && s.Format != "conversations" {
			return fmt.Errorf("format %q: want questions, followups or conversations", s.Format)
		}
	case "others":
		if !strings.HasPrefix(s.File, "clinc/") {
			return errors.New("others sets live under clinc/")
		}
		if !slices.Contains(othersChecks, s.Check) {
			return fmt.Errorf("check %q: want one of %v", s.Check, othersChecks)
		}
		if s.Format != "" {
			return errors.New("format is for tune and heldout sets")
		}
	default:
		return fmt.Errorf("purpose %q: want tune, heldout or others", s.Purpose)
	}
	return nil
}

// TestManifestListsEveryFile wants every question file under tune/, heldout/ and clinc/ in
// the manifest, and every file the manifest lists on disk; only a sealed set whose hash is
// not recorded yet may be missing. Nothing here opens a question file.
func TestManifestListsEveryFile(t *testing.T) {
	sets := loadManifest(t)
	listed := map[string]bool{}
	for _, s := range sets {
		listed[s.File] = true
		if _, err := os.Stat(filepath.Join("testdata", s.File)); err != nil {
			if s.Sealed && s.SHA256 == "" && errors.Is(err, fs.ErrNotExist) {
				t.Logf("%s: sealed and not written yet", s.File)
				continue
			}
			t.Errorf("%s lists %s (set %s): %v", manifestPath, s.File, s.Name, err)
		}
	}
	for _, dir := range []string{"tune", "heldout", "clinc"} {
		err := filepath.WalkDir(filepath.Join("testdata", dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel("testdata", path)
			rel = filepath.ToSlash(rel)
			if ext := filepath.Ext(rel); (ext == ".tsv" || ext == ".txt") && !listed[rel] {
				t.Errorf("testdata/%s is not in %s: add it (see testdata/README.md)", rel, manifestPath)
			}
			return nil
		})
		if err != nil {
			t.Error(err)
		}
	}
}

// checkFrozen fails a held-out set whose file no longer has the hash the manifest froze.
func checkFrozen(t *testing.T, s evalSet) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", s.File))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != strings.ToLower(s.SHA256) {
		t.Errorf("testdata/%s changed (sha256 %s, %s froze %s): a held-out set must not be edited. "+
			"Undo the edit; or, if it has been tuned on, move it to tune/ and say so in its header "+
			"(testdata/README.md); or, for a new held-out set, record the hash of its final text",
			s.File, got, manifestPath, s.SHA256)
	}
}

// questionFiles are the testdata paths of every set in question format (question, expect,
// contains) that may be run: tuning and held-out sets, not follow-ups, CLINC or sealed sets.
func questionFiles(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, s := range loadManifest(t) {
		if s.Sealed || s.Purpose == "others" || s.Format == "followups" {
			continue
		}
		out = append(out, filepath.Join("testdata", s.File))
	}
	return out
}
