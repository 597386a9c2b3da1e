package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(t *testing.T, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestAsk(t *testing.T) {
	code, out, _ := runArgs(t, "", nil, "ask", "how much do medical registrars make?")
	if code != 0 {
		t.Fatalf("exit %d, want 0", code)
	}
	for _, want := range []string{"$55,560", "Source: U.S. Bureau of Labor Statistics"} {
		if !strings.Contains(out, want) {
			t.Errorf("ask output %q does not contain %q", out, want)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no command", nil},
		{"unknown command", []string{"frobnicate"}},
		{"ask without question", []string{"ask"}},
		{"ask blank question", []string{"ask", "   "}},
		{"unknown flag", []string{"ask", "--nope", "salary"}},
		{"json with argument", []string{"ask", "--json", "salary"}},
		{"chat with argument", []string{"chat", "salary"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runArgs(t, "", nil, tt.args...)
			if code != 2 {
				t.Errorf("run(%q) exit %d, want 2", tt.args, code)
			}
			if errOut == "" || !strings.Contains(errOut, "usage:") {
				t.Errorf("run(%q) stderr %q, want a usage message", tt.args, errOut)
			}
			if out != "" {
				t.Errorf("run(%q) stdout %q, want nothing", tt.args, out)
			}
		})
	}
}

// TestAskJSONContract pins the JSON-lines contract other programs depend on: one object per
// input line, in order, with question, intent, confidence, answered and text.
func TestAskJSONContract(t *testing.T) {
	in := "what's the salary?\n\nwhat's the weather\r\nhow many openings a year\n\xff\xfe bad utf8"
	code, out, errOut := runArgs(t, in, nil, "ask", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d lines, want 5 (one per input line):\n%s", len(lines), out)
	}
	want := []struct {
		intent   string
		answered bool
		text     string
	}{
		{"pay", true, "$55,560"},
		{"none", false, ""},
		{"none", false, "I only know about"},
		{"outlook", true, "3,400"},
		{"none", false, ""},
	}
	for i, line := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not JSON: %v: %q", i+1, err, line)
		}
		for _, k := range []string{"question", "intent", "confidence", "answered", "text"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d has no %q field: %s", i+1, k, line)
			}
		}
		if m["intent"] != want[i].intent || m["answered"] != want[i].answered {
			t.Errorf("line %d: intent %v answered %v, want %s %v", i+1, m["intent"], m["answered"], want[i].intent, want[i].answered)
		}
		if c, _ := m["confidence"].(float64); c < 0 || c > 1 {
			t.Errorf("line %d: confidence %v outside 0..1", i+1, m["confidence"])
		}
		if !strings.Contains(m["text"].(string), want[i].text) {
			t.Errorf("line %d: text %q does not contain %q", i+1, m["text"], want[i].text)
		}
	}
	var first map[string]any
	json.Unmarshal([]byte(lines[0]), &first)
	if first["question"] != "what's the salary?" {
		t.Errorf("question = %q, want the input line", first["question"])
	}
}

func TestChatKeepsContext(t *testing.T) {
	code, out, _ := runArgs(t, "what's the salary?\nand the top 10%?\nquit\nwhat's the outlook\n", nil, "chat")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "$98,490 a year") {
		t.Errorf("chat did not answer the follow-up with the top 10%%:\n%s", out)
	}
	if strings.Contains(out, "projected to grow") {
		t.Errorf("chat kept answering after quit:\n%s", out)
	}
}

func TestTopics(t *testing.T) {
	code, out, _ := runArgs(t, "", nil, "topics")
	if code != 0 || !strings.Contains(out, "pay") || !strings.Contains(out, "outlook") {
		t.Errorf("topics: exit %d, output %q", code, out)
	}
}

func TestProfileFlag(t *testing.T) {
	data, err := os.ReadFile("../../knowledge/data/health-information-technologists.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, bytes.Replace(data, []byte("median: 55560"), []byte("median: 55561"), 1), 0o600)
	code, out, _ := runArgs(t, "", nil, "ask", "--profile", good, "what's the median salary")
	if code != 0 || !strings.Contains(out, "$55,561") {
		t.Errorf("--profile: exit %d, output %q, want the edited figure $55,561", code, out)
	}
	code, out, _ = runArgs(t, "", map[string]string{"CAREERBOT_PROFILE": good}, "ask", "what's the median salary")
	if code != 0 || !strings.Contains(out, "$55,561") {
		t.Errorf("CAREERBOT_PROFILE: exit %d, output %q, want $55,561", code, out)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, bytes.Replace(data, []byte("median: 55560"), []byte("median: lots"), 1), 0o600)
	code, out, errOut := runArgs(t, "", nil, "ask", "--profile", bad, "salary")
	if code != 1 || out != "" || !strings.Contains(errOut, "bad.yaml:") || !strings.Contains(errOut, "line") && !strings.Contains(errOut, ":") {
		t.Errorf("broken profile: exit %d, stdout %q, stderr %q; want exit 1 and an error naming the file and line", code, out, errOut)
	}
	code, _, errOut = runArgs(t, "", nil, "ask", "--profile", filepath.Join(dir, "missing.yaml"), "salary")
	if code != 1 || !strings.Contains(errOut, "missing.yaml") {
		t.Errorf("missing profile: exit %d, stderr %q", code, errOut)
	}
}

func TestAskExplain(t *testing.T) {
	code, out, errOut := runArgs(t, "", nil, "ask", "--explain", "how much do nurses make?")
	if code != 0 || !strings.Contains(out, "I don't have information about that occupation.") ||
		!strings.Contains(out, "decided by other_occupation") || !strings.Contains(out, "tokens") {
		t.Fatalf("exit %d, stdout:\n%s\nstderr: %s\nwant the answer, then a trace decided by other_occupation", code, out, errOut)
	}
	code, out, _ = runArgs(t, "salary?\n", nil, "ask", "--json", "--explain")
	var res struct {
		Intent string `json:"intent"`
		Trace  struct {
			Decided string `json:"decided"`
			Scores  []struct {
				Topic string `json:"topic"`
			} `json:"scores"`
			Rules []struct{ Rule, Outcome string } `json:"rules"`
		} `json:"trace"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	if res.Intent != "pay" || res.Trace.Decided != "answer" || len(res.Trace.Scores) == 0 || res.Trace.Scores[0].Topic != "pay" || len(res.Trace.Rules) == 0 {
		t.Errorf("ask --json --explain = %+v, want pay decided by answer with pay scored first", res)
	}
	// Without --explain the JSON lines carry no trace: scripts see what they saw before.
	_, out, _ = runArgs(t, "salary?\n", nil, "ask", "--json")
	if strings.Contains(out, `"trace"`) {
		t.Errorf("ask --json without --explain has a trace: %s", out)
	}
}
