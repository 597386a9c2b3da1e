package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// mdLink is a Markdown link's target: [text](target).
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestReadmeAndDocs: the README stays short enough for a newcomer (180 lines at most) and
// links every file in docs/ (the Grafana dashboard too); every relative link in the README and
// docs/*.md resolves.
func TestReadmeAndDocs(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(readme), "\n"); n > 180 {
		t.Errorf("README.md has %d lines; keep it to 180 and move detail to docs/", n)
	}
	all, _ := filepath.Glob(filepath.Join(root, "docs", "*"))
	for _, d := range all {
		if name := "docs/" + filepath.Base(d); !strings.Contains(string(readme), "("+name+")") {
			t.Errorf("README.md does not link %s", name)
		}
	}
	docs, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	for _, file := range append([]string{filepath.Join(root, "README.md")}, docs...) {
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(string(body), -1) {
			target := strings.SplitN(m[1], "#", 2)[0]
			if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(file), target)); err != nil {
				t.Errorf("%s links %s, which does not exist", filepath.Base(file), m[1])
			}
		}
	}
}
