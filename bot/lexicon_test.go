package bot

import (
	"fmt"
	"strings"
	"testing"
)

func TestLexiconEmbeddedLoads(t *testing.T) {
	l, err := parseLexicon(lexiconName, lexiconData)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.stopwords) < 200 || len(l.Reading.Contractions) < 30 || l.RightNow.Word == "" {
		t.Errorf("lexicon looks short: %d stopwords, %d contractions", len(l.stopwords), len(l.Reading.Contractions))
	}
}

// lineOf is the 1-based line of the first line of the embedded lexicon starting with
// prefix.
func lineOf(t *testing.T, prefix string) int {
	for i, l := range strings.Split(string(lexiconData), "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return 0
}

// TestLexiconBrokenCopy breaks copies of the embedded lexicon: each error names the file,
// the line and the field.
func TestLexiconBrokenCopy(t *testing.T) {
	at := func(prefix string) string { return fmt.Sprintf("%s:%d: ", lexiconName, lineOf(t, prefix)) }
	tests := []struct {
		name, old, new string
		want           []string
	}{
		{"unknown field", "  there_is:", "  there_iz:", []string{
			at("  there_is:") + "follow_up.there_iz: unknown field",
			"follow_up.there_is: missing",
		}},
		{"missing section", "mine: my\n", "", []string{at("reading:") + "mine: missing"}},
		{"list for a word", "mine: my", "mine: [my]", []string{at("mine:") + "mine: want one lower-case word"}},
		{"upper case", "  family: [wife,", "  family: [Wife,", []string{
			at("  family:") + `self_description.family: "Wife": want lower-case words separated by single spaces`,
		}},
		{"phrase for a word", "  family: [wife,", "  family: [my wife,", []string{`self_description.family: "my wife": want one word`}},
		{"twice", "  family: [wife,", "  family: [wife, wife,", []string{`self_description.family: "wife" is listed twice`}},
		{"empty list", "  demonstratives: [that, it, this, those, these]", "  demonstratives: []", []string{
			at("  demonstratives:") + "follow_up.demonstratives: empty list",
		}},
		{"not a number", "{typed: z, reads: s, longer_than: 3}", "{typed: z, reads: s, longer_than: three}", []string{
			"reading.chat_endings[1].longer_than: cannot unmarshal",
		}},
		{"symbol missing", "    \"+\": and\n", "", []string{`reading.symbols: "+" is missing`}},
		{"contraction without apostrophe", "    what's: [what, is]", "    whats: [what, is]", []string{
			at("    what's:") + `reading.contractions: "whats": want one lower-case word with an apostrophe`,
		}},
		{"article among names", "  articles: [a, an, the]", "  articles: [a, an, the, they]", []string{
			at("  articles: [a, an, the]") + `stand_ins.articles: "they" is among the names too`,
		}},
		{"bad yaml", "mine: my", "mine: [my", []string{lexiconName + ": yaml: line"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := string(lexiconData)
			if !strings.Contains(src, tt.old) {
				t.Fatalf("the lexicon has no %q", tt.old)
			}
			_, err := parseLexicon(lexiconName, []byte(strings.Replace(src, tt.old, tt.new, 1)))
			if err == nil {
				t.Fatal("broken copy loaded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not say %q", err, w)
				}
			}
		})
	}
	if _, err := parseLexicon(lexiconName, nil); err == nil || !strings.Contains(err.Error(), lexiconName+": file is empty") {
		t.Errorf("empty file: %v", err)
	}
}

// TestLexiconRules checks the rules read from the lexicon do what its comments say.
func TestLexiconRules(t *testing.T) {
	for w, want := range map[string]string{
		"salaries": "salary", "certifying": "certify", "nursing": "nursing", "morning": "morning",
		"certified": "certifi", "jobs": "job", "class": "class", "status": "status", "basis": "basis",
		"bed": "bed", "": "",
	} {
		if got := stem(w); got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
	for _, tt := range []struct {
		in, want string
	}{
		{"$$$ & 10% + top10 90th 1st", "money and 10 percent and top 10 90th 1st"},
		{"it's y'all mustn't the nurse's", "it's y'all mustn't the nurse's"},
	} {
		if got := strings.Join(strings.Fields(string(lowerText(nil, tt.in))), " "); got != tt.want {
			t.Errorf("lowerText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for w, want := range map[string][]string{"it's": {"it", "is"}, "mustn't": {"must", "not"}, "nurse's": {"nurse"}} {
		if got := expandWord(w); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("expandWord(%q) = %q, want %q", w, got, want)
		}
	}
}
