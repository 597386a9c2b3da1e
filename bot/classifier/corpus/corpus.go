// Package corpus reads the labelled questions the classifier is trained and evaluated on:
// bot/testdata's tuning files, its held-out files (for evaluation only), and the CLINC150
// files, each of which is split into a training half and an evaluation half.
package corpus

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"

	"github.com/careerbot/careerbot/bot/classifier"
)

// TuningFiles are the question files the matcher was tuned on (purpose tune in
// testdata/manifest.yaml, but for the two-turn follow-ups, which are conversations); the
// classifier trains on them and cross-validates by leaving one out at a time.
var TuningFiles = []string{
	"tune/01-first-batch.tsv", "tune/02-varied-phrasings.tsv", "tune/03-indirect-tricky-negatives.tsv",
	"tune/04-personas.tsv", "tune/05-fragments-textspeak.tsv", "tune/06-non-native-formal-yes-no.tsv",
	"tune/07-student-worksheet.tsv", "tune/08-career-changers-near-misses.tsv", "tune/09-hinted-topics.tsv",
	"tune/10-realistic-mix.tsv", "tune/11-indirect-rambling-textspeak.tsv", "tune/12-subjobs-negation-short-yesno.tsv",
	"tune/13-blind-mixed-realistic.tsv", "tune/14-blind-varied-askers.tsv", "tune/15-blind-indirect-topics.tsv", "tune/16-blind-realistic-users.tsv",
	"tune/17-blind-mixed-askers.tsv", "tune/18-blind-worried-indirect.tsv", "tune/19-blind-textspeak-non-native.tsv", "tune/20-blind-formal-askers.tsv",
	"tune/ex-heldout1-five-users.tsv",
	"tune/21-blind-students-yes-no.tsv",
	"tune/22-blind-career-changers.tsv",
	"tune/23-blind-terse-paraphrases.tsv",
	"tune/24-blind-realistic-mix.tsv",
	"tune/25-blind-hinted-topics.tsv",
	"tune/26-blind-multi-sentence.tsv",
	"tune/27-blind-specific-facts.tsv",
	"tune/28-blind-near-pairs.tsv",
	"tune/29-blind-short-natural.tsv",
	"tune/30-blind-broad-mix.tsv",
	"tune/31-blind-misconceptions.tsv",
	"tune/32-blind-rambling.tsv",
	"tune/33-blind-broad-styles.tsv",
	"tune/34-blind-fragments.tsv",
	"tune/35-blind-life-situations.tsv",
	"tune/36-blind-non-native.tsv",
	"tune/37-blind-worried-indirect.tsv",
	"tune/38-blind-near-miss-pairs.tsv",
	"tune/39-blind-slack-discord.tsv",
	"tune/40-blind-two-things.tsv",
	"tune/41-blind-everyday-hints.tsv",
	"tune/42-blind-on-behalf.tsv",
	"tune/43-blind-issue-styles.tsv",
	"tune/44-blind-specific-details.tsv",
}

// HeldOutFiles are never trained or tuned on: only evaluated, once per policy. A sealed
// set (written, not yet run) is not among them until it is unsealed.
var HeldOutFiles = []string{
	"heldout/heldout2-mixed-styles.tsv", "heldout/heldout3-after-probes.tsv", "heldout/heldout4-before-rebuild.tsv",
	"heldout/blind5.tsv",
}

// CLINCFiles are questions written for other assistants (CLINC150, CC BY 3.0; see
// testdata/clinc/SOURCES.md), under the testdata directory.
var CLINCFiles = []string{
	"clinc/clinc_oos.txt", "clinc/clinc_offtopic.tsv", "clinc/clinc_confusable.tsv", "clinc/clinc_conversational.tsv",
}

// Question is one labelled question.
type Question struct {
	File     string // as named in TuningFiles, HeldOutFiles or CLINCFiles
	Line     int
	Text     string
	Expect   []string // topic ids (several for a multi-part question), or none, help, smalltalk
	Contains string   // what the answer's lead must contain, when the file says
	Intent   string   // CLINC's intent, for CLINC files
}

// Training is what the classifier trains on: the tuning files but leaveOut ("" for none),
// and the training half of each CLINC file, in file order.
func Training(testdata, leaveOut string) ([]classifier.Example, error) {
	var qs []Question
	for _, f := range TuningFiles {
		if f == leaveOut {
			continue
		}
		q, err := Read(testdata, f)
		if err != nil {
			return nil, err
		}
		qs = append(qs, q...)
	}
	for _, f := range CLINCFiles {
		q, err := Read(testdata, f)
		if err != nil {
			return nil, err
		}
		train, _ := Split(q)
		qs = append(qs, train...)
	}
	return Examples(qs), nil
}

// Examples turns questions into training examples: a multi-part question ("pay+outlook")
// is one example per topic, since it is evidence for each.
func Examples(qs []Question) []classifier.Example {
	var out []classifier.Example
	for _, q := range qs {
		for _, l := range q.Expect {
			out = append(out, classifier.Example{Text: q.Text, Label: l})
		}
	}
	return out
}

// Split divides CLINC questions into a training half and an evaluation half by a hash of
// the text (FNV-1a, 64 bits, even or odd), so the split is the same on every run and a
// question repeated in another file lands on the same side.
func Split(qs []Question) (train, eval []Question) {
	for _, q := range qs {
		h := fnv.New64a()
		h.Write([]byte(q.Text))
		if h.Sum64()%2 == 0 {
			train = append(train, q)
		} else {
			eval = append(eval, q)
		}
	}
	return train, eval
}

// Read reads one question file, testdata-relative: a question file (question<TAB>expect
// [<TAB>contains], "#" comments) or a CLINC file, labelled as careerbot must treat it.
func Read(testdata, file string) ([]Question, error) {
	path := filepath.Join(testdata, file)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read questions: %w", err)
	}
	defer f.Close()
	clinc := strings.HasPrefix(file, "clinc/")
	var out []Question
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		q := Question{File: file, Line: n}
		switch {
		case clinc && strings.HasSuffix(file, ".txt"):
			q.Text, q.Expect = line, []string{"none"}
		case clinc:
			if n == 1 {
				continue // the header: intent, query
			}
			intent, text, ok := strings.Cut(line, "\t")
			if !ok {
				return nil, fmt.Errorf("%s:%d: want intent<TAB>query, got %q", path, n, line)
			}
			q.Text, q.Intent, q.Expect = text, intent, []string{clincLabel(file, intent)}
		default:
			if strings.HasPrefix(line, "#") {
				continue
			}
			cols := strings.Split(line, "\t")
			if len(cols) < 2 || cols[1] == "" {
				return nil, fmt.Errorf("%s:%d: want question<TAB>expect[<TAB>contains], got %q", path, n, line)
			}
			q.Text, q.Expect = cols[0], strings.Split(cols[1], "+")
			if len(cols) > 2 {
				q.Contains = cols[2]
			}
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// clincLabel is what careerbot should do with a CLINC question (SOURCES.md): decline
// everything but "what can I ask you" (help) and the conversational set, where a greeting
// gets help and the rest ("thanks", "are you a bot", "yes") small talk.
func clincLabel(file, intent string) string {
	switch {
	case intent == "what_can_i_ask_you", intent == "greeting":
		return "help"
	case strings.HasSuffix(file, "conversational.tsv"):
		return "smalltalk"
	}
	return "none"
}
