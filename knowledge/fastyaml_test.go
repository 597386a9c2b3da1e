package knowledge

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"go.yaml.in/yaml/v3"
)

// TestFastParseMatchesYAML proves the fast reader builds the same tree as the YAML library
// for the embedded file: same kinds, values, resolved tags and lines.
func TestFastParseMatchesYAML(t *testing.T) {
	fast, ok := fastParse(defaultData)
	if !ok {
		t.Fatal("fastParse gave up on the embedded knowledge file; start-up would use the slow parser")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(defaultData, &doc); err != nil {
		t.Fatal(err)
	}
	if diff := compareNodes(fast, doc.Content[0], "$"); diff != "" {
		t.Error(diff)
	}
}

func compareNodes(a, b *yaml.Node, path string) string {
	if a.Kind != b.Kind || a.Value != b.Value || a.ShortTag() != b.ShortTag() || a.Line != b.Line {
		return fmt.Sprintf("%s: fast {%v %q %s line %d}, yaml {%v %q %s line %d}", path, a.Kind, a.Value, a.ShortTag(), a.Line, b.Kind, b.Value, b.ShortTag(), b.Line)
	}
	if len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: fast has %d children, yaml %d", path, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := compareNodes(a.Content[i], b.Content[i], fmt.Sprintf("%s.%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

func TestFastParseSubset(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"mapping", "a: 1\nb:\n  c: x # comment\n", true},
		{"sequence of mappings", "a:\n  - id: x\n    n: 2\n  - id: y\n", true},
		{"sequence at key indent", "a:\n- x\n- y\n", true},
		{"flow", "a: [x, 'y, z', \"q\"]\n", true},
		{"anchor", "a: &x 1\nb: *x\n", false},
		{"block scalar", "a: |\n  text\n", false},
		{"multi-line plain", "a: one\n  two\n", false},
		{"flow mapping", "a: {b: 1}\n", false},
		{"multi-line flow", "a: [x,\n  y]\n", false},
		{"tab", "a:\n\tb: 1\n", false},
		{"escape", "a: \"x\\ny\"\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fast, ok := fastParse([]byte(tt.in))
			if ok != tt.ok {
				t.Fatalf("fastParse(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			}
			if !ok {
				return
			}
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(tt.in), &doc); err != nil {
				t.Fatal(err)
			}
			if d := compareNodes(fast, doc.Content[0], "$"); d != "" {
				t.Errorf("fastParse(%q): %s", strings.TrimSpace(tt.in), d)
			}
		})
	}
}

// FuzzFastParse checks that whatever the fast reader accepts, the YAML library reads the
// same way.
func FuzzFastParse(f *testing.F) {
	f.Add("a: 1\nb:\n  - x\n  - y: [p, 'q', \"r\"]\n")
	f.Add("topics:\n  - id: pay # c\n    keywords: [a b, c]\n")
	f.Add(string(defaultData[:2000]))
	f.Fuzz(func(t *testing.T, in string) {
		fast, ok := fastParse([]byte(in))
		if !ok {
			return
		}
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(in), &doc); err != nil {
			t.Fatalf("fastParse accepted %q but yaml says %v", in, err)
		}
		if len(doc.Content) == 0 {
			t.Fatalf("fastParse accepted %q, yaml found no document", in)
		}
		if d := compareNodes(fast, doc.Content[0], "$"); d != "" {
			t.Fatalf("fastParse(%q): %s", in, d)
		}
	})
}

// TestFastDecodeMatchesYAML proves the fast decoder fills the knowledge base exactly as
// yaml/v3 does for the embedded file.
func TestFastDecodeMatchesYAML(t *testing.T) {
	top, ok := fastParse(defaultData)
	if !ok {
		t.Fatal("fastParse gave up on the embedded file")
	}
	var fast, slow Base
	if !fastDecode(top, reflect.ValueOf(&fast).Elem()) {
		t.Fatal("fastDecode gave up on the embedded file; loading would use yaml/v3")
	}
	if err := yaml.Unmarshal(defaultData, &slow); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(slow, fast, cmpopts.IgnoreUnexported(Base{})); diff != "" {
		t.Errorf("fastDecode differs from yaml/v3 (-yaml +fast):\n%s", diff)
	}
}

func TestFastDecodeGivesUp(t *testing.T) {
	tests := []string{
		"profile:\n  pay:\n    median: \"55560\"\n", // a number written as text
		"profile:\n  pay:\n    median: 5.5\n",
		"profile:\n  aliases: x\n", // a word where a list goes
		"topics: [a, b]\n",
	}
	for _, in := range tests {
		top, ok := fastParse([]byte(in))
		if !ok {
			t.Fatalf("fastParse(%q) gave up", in)
		}
		var b Base
		if fastDecode(top, reflect.ValueOf(&b).Elem()) {
			t.Errorf("fastDecode(%q) = true, want false so yaml/v3 reports the problem", in)
		}
	}
}

func TestFastParseQuotedEscapes(t *testing.T) {
	in := "a: \"say \\\"hi\\\" now\"\nb: \"\\\"x\\\"\"\n"
	fast, ok := fastParse([]byte(in))
	if !ok {
		t.Fatalf("fastParse(%q) gave up", in)
	}
	var doc yaml.Node
	yaml.Unmarshal([]byte(in), &doc)
	if d := compareNodes(fast, doc.Content[0], "$"); d != "" {
		t.Error(d)
	}
}
