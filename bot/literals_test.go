package bot

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// maxWordLiterals is issue 10's bar: words and phrases live in the knowledge file and the
// lexicon, not in Go. What is left are identifiers that happen to be words (reply kinds,
// rule names, trace labels, classifier labels) and a few flag and trace texts.
const maxWordLiterals = 60

// wordLiteral is a string literal that reads as a lower-case word or phrase.
var wordLiteral = regexp.MustCompile(`^[a-z][a-z' -]*$`)

// TestFewWordLiterals counts the lower-case word and phrase literals in the non-test Go
// files of bot/ and its packages, outside the digests. Not counted: import paths, error
// and log messages (errors.New, fmt.Errorf, log and slog calls, a validator's fail, error
// values' composite literals), and the conformance suites (packages named *test), which
// are test code imported only by tests.
func TestFewWordLiterals(t *testing.T) {
	var found []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path == "testdata" || path == "digest" || strings.HasSuffix(d.Name(), "test") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		lits, err := wordLiterals(path)
		found = append(found, lits...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d word literals (at most %d)", len(found), maxWordLiterals)
	if len(found) > maxWordLiterals {
		t.Errorf("%d lower-case word literals in bot/ Go code, want at most %d; move words to the lexicon or the knowledge file:\n%s",
			len(found), maxWordLiterals, strings.Join(found, "\n"))
	}
}

// wordLiterals lists one file's word literals as "path:line: literal".
func wordLiterals(path string) ([]string, error) {
	fset := gotoken.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		return nil, err
	}
	messages := map[*ast.BasicLit]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ImportSpec:
			messages[n.Path] = true
		case *ast.CallExpr:
			if isMessageCall(n.Fun) {
				markLiterals(n, messages)
			}
		case *ast.CompositeLit:
			if n.Type != nil && strings.Contains(exprName(n.Type), "rror") {
				markLiterals(n, messages)
			}
		}
		return true
	})
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != gotoken.STRING || messages[lit] {
			return true
		}
		if s, err := strconv.Unquote(lit.Value); err == nil && wordLiteral.MatchString(s) {
			out = append(out, fset.Position(lit.Pos()).String()+": "+lit.Value)
		}
		return true
	})
	return out, nil
}

func isMessageCall(fun ast.Expr) bool {
	name := exprName(fun)
	for _, m := range []string{"errors.New", "fmt.Errorf", "log.", "slog.", ".Error", ".Warn", ".Info", ".Debug", "fail"} {
		if strings.Contains(name, m) {
			return true
		}
	}
	return name == "panic"
}

func exprName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprName(e.X) + "." + e.Sel.Name
	case *ast.StarExpr:
		return exprName(e.X)
	}
	return ""
}

func markLiterals(n ast.Node, into map[*ast.BasicLit]bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok {
			into[lit] = true
		}
		return true
	})
}
