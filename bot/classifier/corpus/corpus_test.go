package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

const testdata = "../../testdata"

func TestCLINCLabels(t *testing.T) {
	for _, c := range []struct {
		file   string
		intent string // "" for the first row
		want   string
	}{
		{"clinc/clinc_oos.txt", "", "none"},
		{"clinc/clinc_offtopic.tsv", "", "none"},
		{"clinc/clinc_confusable.tsv", "income", "none"},
		{"clinc/clinc_confusable.tsv", "what_can_i_ask_you", "help"},
		{"clinc/clinc_conversational.tsv", "greeting", "help"},
		{"clinc/clinc_conversational.tsv", "thank_you", "smalltalk"},
	} {
		qs, err := Read(testdata, c.file)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(qs, func(q Question) bool { return c.intent == "" || q.Intent == c.intent })
		if i < 0 {
			t.Fatalf("%s has no %s question", c.file, c.intent)
		}
		if got := qs[i].Expect; !slices.Equal(got, []string{c.want}) {
			t.Errorf("%s %s %q: label %v, want %s", c.file, c.intent, qs[i].Text, got, c.want)
		}
	}
}

// The split is a function of the text: stable, about half and half, and training never
// sees an evaluation question.
func TestSplit(t *testing.T) {
	for _, f := range CLINCFiles {
		qs, err := Read(testdata, f)
		if err != nil {
			t.Fatal(err)
		}
		train, eval := Split(qs)
		again, _ := Split(qs)
		if !slices.EqualFunc(train, again, func(a, b Question) bool { return a.Text == b.Text }) {
			t.Errorf("%s: the split changed between calls", f)
		}
		if len(train) < len(qs)/3 || len(eval) < len(qs)/3 {
			t.Errorf("%s: %d to train, %d to evaluate: not about half", f, len(train), len(eval))
		}
		seen := map[string]bool{}
		for _, q := range train {
			seen[q.Text] = true
		}
		for _, q := range eval {
			if seen[q.Text] {
				t.Errorf("%s: %q is in both halves", f, q.Text)
			}
		}
	}
}

func TestTraining(t *testing.T) {
	all, err := Training(testdata, "")
	if err != nil {
		t.Fatal(err)
	}
	less, err := Training(testdata, "tune/05-fragments-textspeak.tsv")
	if err != nil {
		t.Fatal(err)
	}
	q5, err := Read(testdata, "tune/05-fragments-textspeak.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(all)-len(less), len(Examples(q5)); got != want {
		t.Errorf("leaving tune/05-fragments-textspeak.tsv out drops %d examples, want %d", got, want)
	}
	var multi Question
	for _, q := range q5 {
		if len(q.Expect) > 1 {
			multi = q
			break
		}
	}
	if ex := Examples([]Question{multi}); len(ex) != len(multi.Expect) {
		t.Errorf("%q (%v) gives %d examples, want one per topic", multi.Text, multi.Expect, len(ex))
	}
	for _, f := range HeldOutFiles {
		if slices.Contains(TuningFiles, f) {
			t.Errorf("%s is held out and a tuning file", f)
		}
	}
}

func TestReadRejects(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ file, text, want string }{
		{"missing.tsv", "", "no such file"},
		{"bad.tsv", "a question with no label\n", "want question<TAB>expect"},
		{"clinc/bad.tsv", "intent\tquery\nno tab here\n", "want intent<TAB>query"},
	} {
		if c.text != "" {
			writeFile(t, dir, c.file, c.text)
		}
		if _, err := Read(dir, c.file); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.file, err, c.want)
		}
	}
}
func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCorpusMatchesManifest: the classifier trains on every tuning set of single questions
// in the manifest (conversations are judged in context, so they are not examples) and
// reports every unsealed held-out set of them, and on no other.
func TestCorpusMatchesManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testdata, "manifest.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Sets []struct {
			File, Purpose, Format string
			Sealed                bool
			Model                 *bool // false: a tuning set the model does not train on
		}
	}
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	var tune, held []string
	for _, s := range m.Sets {
		switch {
		case s.Purpose == "tune" && (s.Format == "" || s.Format == "questions") && (s.Model == nil || *s.Model):
			tune = append(tune, s.File)
		case s.Purpose == "heldout" && !s.Sealed && (s.Format == "" || s.Format == "questions"):
			held = append(held, s.File)
		}
	}
	if !slices.Equal(sorted(tune), sorted(TuningFiles)) {
		t.Errorf("TuningFiles %v, the manifest's tuning sets %v", TuningFiles, tune)
	}
	if !slices.Equal(sorted(held), sorted(HeldOutFiles)) {
		t.Errorf("HeldOutFiles %v, the manifest's unsealed held-out sets %v", HeldOutFiles, held)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
