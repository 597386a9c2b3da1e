package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/knowledge"
)

func newBot(t *testing.T) *bot.Bot {
	t.Helper()
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(kb, bot.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAskJSONLongAndOddLines(t *testing.T) {
	b := newBot(t)
	long := strings.Repeat("salary ", 100_000) // 700 KB on one line
	in := long + "\nwhat's the outlook\n"
	var out bytes.Buffer
	if err := AskJSON(context.Background(), b, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d result lines, want 2", len(lines))
	}
	var first, second Result
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal([]byte(lines[1]), &second)
	if first.Intent != "pay" || len(first.Question) > maxLine {
		t.Errorf("long line: intent %q, question %d bytes; want pay and at most %d bytes", first.Intent, len(first.Question), maxLine)
	}
	if second.Intent != "outlook" {
		t.Errorf("line after a long one: intent %q, want outlook", second.Intent)
	}
}

func TestChatPromptsOnlyOnATerminal(t *testing.T) {
	b := newBot(t)
	for _, prompt := range []bool{true, false} {
		var out bytes.Buffer
		if err := Chat(context.Background(), b, strings.NewReader("hi\nexit\n"), &out, prompt); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(out.String(), "> "); got != prompt {
			t.Errorf("Chat(prompt=%v) printed a prompt: %v\n%s", prompt, got, out.String())
		}
		if !strings.Contains(out.String(), "I answer questions about") {
			t.Errorf("Chat(prompt=%v) did not answer the greeting:\n%s", prompt, out.String())
		}
	}
}

func TestTopicsListsEveryTopic(t *testing.T) {
	b := newBot(t)
	var out bytes.Buffer
	if err := Topics(b.Topics(), &out); err != nil {
		t.Fatal(err)
	}
	for _, tp := range b.Topics() {
		if !strings.Contains(out.String(), tp.ID) || !strings.Contains(out.String(), tp.Question) {
			t.Errorf("topics output lacks %s (%q):\n%s", tp.ID, tp.Question, out.String())
		}
	}
}

// TestChatExplainTracesEachTurnInContext: each answer is followed by its trace, and a
// follow-up is answered (and traced) in the context of the turn before.
func TestChatExplainTracesEachTurnInContext(t *testing.T) {
	b := newBot(t)
	var out bytes.Buffer
	in := "how much do health information technologists make?\nand the highest?\n"
	if err := ChatExplain(context.Background(), b, strings.NewReader(in), &out, false); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if n := strings.Count(got, "decided by "); n != 2 {
		t.Errorf("ChatExplain traced %d turns, want 2:\n%s", n, got)
	}
	// The second answer comes after the first trace and before the second.
	turns := strings.Split(got, "decided by ")
	if len(turns) != 3 || !strings.Contains(turns[1], "highest 10 percent") {
		t.Errorf("the follow-up was not answered with the highest wage after the pay question:\n%s", got)
	}
}
