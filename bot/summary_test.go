package bot

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// summaryPath is the table of scores that go test ./bot -run TestEval -update writes.
const summaryPath = "testdata/SUMMARY.md"

// updating reports whether -update was given. The flag is defined once, in golden_test.go
// (package bot_test, built into the same test binary), so it is looked up by name here.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// checkSummary rewrites testdata/SUMMARY.md under -update, or else compares it with the
// scores and fails when it is stale, so the summary committed is always today's. It
// does nothing unless every set that is not sealed has run (a -run filter, a failure that
// stopped a set), since the summary would be missing rows.
func checkSummary(t *testing.T, sets []evalSet, results map[string]setResult) {
	t.Helper()
	for _, s := range sets {
		if _, ok := results[s.Name]; !ok && !s.Sealed {
			t.Logf("%s not compared: set %s did not run to the end", summaryPath, s.Name)
			return
		}
	}
	want := renderSummary(sets, results)
	if updating() {
		if err := os.WriteFile(summaryPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", summaryPath)
		return
	}
	got, err := os.ReadFile(summaryPath)
	switch {
	case err != nil:
		t.Errorf("%s: %v: run go test ./bot -run TestEval -update to write it", summaryPath, err)
	case string(got) != want:
		t.Errorf("%s is stale (the scores or the manifest changed): run go test ./bot -run TestEval -update and commit it", summaryPath)
	}
}

// renderSummary is SUMMARY.md: one row per set in manifest order, then each held-out
// set's accuracy per topic.
func renderSummary(sets []evalSet, results map[string]setResult) string {
	var sb strings.Builder
	sb.WriteString("# Evaluation summary\n\n")
	sb.WriteString("Written by `go test ./bot -run TestEval -update` from `manifest.yaml`; do not edit by hand.\n")
	sb.WriteString("Without `-update` the test compares this file and fails when it is stale.\n\n")
	sb.WriteString("| set | purpose | questions | right | % | threshold | first run |\n")
	sb.WriteString("| --- | --- | ---: | ---: | ---: | ---: | --- |\n")
	for _, s := range sets {
		first := s.FirstRun
		if first == "" {
			first = "—"
		}
		set := fmt.Sprintf("%s (`%s`)", s.Name, s.File)
		r, ok := results[s.Name]
		if !ok {
			fmt.Fprintf(&sb, "| %s | %s | sealed | — | — | %g | not yet run |\n", set, s.Purpose, s.Threshold)
			continue
		}
		fmt.Fprintf(&sb, "| %s | %s | %d | %d | %.1f | %g | %s |\n", set, s.Purpose, r.all, r.ok, percent(r.ok, r.all), s.Threshold, first)
	}
	sb.WriteString("\n## Held-out sets by topic\n")
	for _, s := range sets {
		r, ok := results[s.Name]
		if s.Purpose != "heldout" {
			continue
		}
		fmt.Fprintf(&sb, "\n### %s (`%s`)\n\n", s.Name, s.File)
		if !ok {
			sb.WriteString("Sealed: not yet run.\n")
			continue
		}
		writeTopics(&sb, r.per)
	}
	return sb.String()
}

// writeTopics writes one set's accuracy per topic (expect value; multi-part together).
func writeTopics(sb *strings.Builder, per map[string]*score) {
	keys := make([]string, 0, len(per))
	for k := range per {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sb.WriteString("| topic | questions | right | % |\n| --- | ---: | ---: | ---: |\n")
	for _, k := range keys {
		s := per[k]
		fmt.Fprintf(sb, "| %s | %d | %d | %.1f |\n", k, s.all, s.ok, percent(s.ok, s.all))
	}
}
