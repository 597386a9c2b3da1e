package bot

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/knowledge"
)

// case_ is one line of a question set.
type evalCase struct {
	file     string
	line     int
	question string
	expect   []string // topic ids, or help, smalltalk, none
	contains string
}

func loadCases(t testing.TB, path string) []evalCase {
	t.Helper()
	var out []evalCase
	for _, r := range tsvRows(t, path, 2, "question<TAB>expect[<TAB>contains]") {
		c := evalCase{file: path, line: r.line, question: r.cols[0], expect: strings.Split(r.cols[1], "+")}
		if len(r.cols) > 2 {
			c.contains = r.cols[2]
		}
		out = append(out, c)
	}
	return out
}

type tsvRow struct {
	line int
	cols []string
}

// tsvRows reads a tab-separated test file, skipping blank lines and # comments; a row
// with fewer than min columns fails the test, saying what the format (want) is.
func tsvRows(t testing.TB, path string, min int, want string) []tsvRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []tsvRow
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < min {
			t.Fatalf("%s:%d: want %s, got %q", path, n, want, line)
		}
		out = append(out, tsvRow{n, cols})
	}
	return out
}

func newTestBot(t testing.TB) *Bot {
	t.Helper()
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(kb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// check says why a reply is wrong for a case, or "".
func check(c evalCase, r Reply) string {
	got := r.Intents
	want := c.expect
	switch {
	case len(want) == 1 && want[0] == "none":
		if r.Answered {
			return fmt.Sprintf("answered %v, want a fallback", got)
		}
		return ""
	case len(want) == 1 && (want[0] == "help" || want[0] == "smalltalk"):
		if r.Kind != KindHelp && r.Kind != KindSmalltalk {
			return fmt.Sprintf("got %s %v, want %s", r.Kind, got, want[0])
		}
		return ""
	}
	if !r.Answered {
		return fmt.Sprintf("not answered (%s, %q), want %v", r.Kind, r.Lead, want)
	}
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		return fmt.Sprintf("intents %v, want %v", got, want)
	}
	if c.contains != "" {
		where := r.Lead
		if len(want) > 1 {
			where = Text(r)
		}
		if !strings.Contains(strings.ToLower(norm(where)), strings.ToLower(norm(c.contains))) {
			return fmt.Sprintf("lead %q does not contain %q", r.Lead, c.contains)
		}
	}
	return ""
}

func norm(s string) string {
	return strings.NewReplacer("’", "'", " percent", "%").Replace(s)
}

type score struct{ ok, all int }

// evaluate answers the cases, counting them per expected topic; miss says each wrong one.
func evaluate(b *Bot, cases []evalCase, miss logf) (map[string]*score, int, int) {
	per := map[string]*score{}
	ok := 0
	for _, c := range cases {
		r := b.Answer(context.Background(), Request{Text: c.question})
		key := strings.Join(c.expect, "+")
		if len(c.expect) > 1 {
			key = "multi-part"
		}
		s := per[key]
		if s == nil {
			s = &score{}
			per[key] = s
		}
		s.all++
		if why := check(c, r); why != "" {
			miss("%s:%d: %q: %s", c.file, c.line, c.question, why)
			continue
		}
		s.ok++
		ok++
	}
	return per, ok, len(cases)
}

func report(t *testing.T, name string, per map[string]*score, ok, all int) float64 {
	keys := make([]string, 0, len(per))
	for k := range per {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	for _, k := range keys {
		s := per[k]
		fmt.Fprintf(&sb, "  %-18s %3d/%3d  %5.1f%%\n", k, s.ok, s.all, 100*float64(s.ok)/float64(s.all))
	}
	acc := 100 * float64(ok) / float64(all)
	t.Logf("%s: %d/%d = %.1f%%\n%s", name, ok, all, acc, sb.String())
	return acc
}
