package bot

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// conversation is one conversation of a conversations-format set: turns separated from the
// next conversation by a blank line.
type conversation struct {
	line  int // of its first turn
	turns []evalCase
}

// readConversations reads a conversations-format file: turn<TAB>expect[<TAB>contains],
// conversations separated by blank lines, # comments.
func readConversations(t testing.TB, path string) []conversation {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []conversation
	var cur conversation
	flush := func() {
		if len(cur.turns) > 0 {
			out = append(out, cur)
		}
		cur = conversation{}
	}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#"):
			continue
		case strings.TrimSpace(line) == "":
			flush()
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			t.Fatalf("%s:%d: want turn<TAB>expect[<TAB>contains], got %q", path, n, line)
		}
		c := evalCase{file: filepath.Base(path), line: n, question: cols[0], expect: strings.Split(cols[1], "+")}
		if len(cols) > 2 {
			c.contains = cols[2]
		}
		if cur.turns == nil {
			cur.line = n
		}
		cur.turns = append(cur.turns, c)
	}
	flush()
	return out
}

// figure is a number a reply may state: money, a share, a count of jobs.
var figure = regexp.MustCompile(`\$[0-9][0-9,]*|[0-9]+(\.[0-9]+)?%|[0-9]{1,3}(,[0-9]{3})+`)

// runConversations asks every turn of every conversation in its own conversation and
// judges each as a question is judged. It also counts the worst kind of wrong turn: a
// figure stated about something other than what was asked; and a conversation that shows
// the source URL twice fails the test (it is given once, with the first answer).
func runConversations(t *testing.T, b *Bot, path string, miss logf) (ok, all int) {
	name := filepath.Base(path)
	wrongFigures, sourceTwice := 0, 0
	for _, c := range readConversations(t, path) {
		conv := name + ":" + strconv.Itoa(c.line)
		urls := 0
		for i, turn := range c.turns {
			r := b.Answer(context.Background(), Request{Text: turn.question, ConversationID: conv})
			all++
			if r.SourceURL != "" && strings.Contains(Text(r), r.SourceURL) {
				if urls++; urls == 2 {
					sourceTwice++
					t.Errorf("%s:%d: the conversation shows the source URL twice", name, c.line)
				}
			}
			why := check(turn, r)
			if why == "" {
				ok++
				continue
			}
			if r.Answered && figure.MatchString(r.Lead) {
				wrongFigures++
				why += " [a figure about something else]"
			}
			miss("%s:%d: turn %d %q: %s", name, turn.line, i+1, turn.question, why)
		}
	}
	t.Logf("%s: %d/%d turns = %.1f%%; %d wrong turns state a figure; %d conversations show the source URL twice", name, ok, all, percent(ok, all), wrongFigures, sourceTwice)
	return ok, all
}

func TestReadConversations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.tsv")
	data := "# comment\nwhat's the salary?\tpay\t$55,560\nand the lowest?\tpay\n\n\nhi\thelp\nthanks\tsmalltalk\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	cs := readConversations(t, path)
	if len(cs) != 2 || len(cs[0].turns) != 2 || len(cs[1].turns) != 2 {
		t.Fatalf("read %+v, want two conversations of two turns", cs)
	}
	if c := cs[0].turns[0]; c.contains != "$55,560" || c.expect[0] != "pay" || cs[0].line != 2 || cs[1].line != 6 {
		t.Errorf("first turn %+v, lines %d and %d; want pay with $55,560 at lines 2 and 6", c, cs[0].line, cs[1].line)
	}
}
