package bot

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/careerbot/careerbot/bot/classifier"
)

// Trace says why a question got its reply, stage by stage: what was read, what the
// matcher found, how the topics scored, and which rule decided. `careerbot ask --explain`
// prints it; `ask --json --explain` adds it as "trace".
type Trace struct {
	// Read is the text after each step of reading, ending with the tokens: a word
	// corrected for spelling ends in "~", one the bot does not know in "?", a stopword is
	// in parentheses, a clause boundary is "|".
	Read []Step `json:"read"`
	// Words are the typed words not read as typed: each with what it became and why
	// (synonym, stem, chat spelling, spelling correction, number), and the words the bot
	// does not know.
	Words []WordRead `json:"words"`
	// Hits are the phrases found, after overlapping ones were settled.
	Hits []Hit `json:"hits"`
	// Signals are what the hits and words say about the question as a whole.
	Signals []string `json:"signals"`
	// Scores are the topics with any evidence, best first.
	Scores []Score `json:"scores"`
	// Rules are the decision rules tried, in order, up to the one that decided.
	Rules []RuleStep `json:"rules"`
	// Decided is the rule that decided; Confidence the reply's.
	Decided    string  `json:"decided"`
	Confidence float64 `json:"confidence"`
	// Model is the learned second opinion, when the rules got as far as asking it.
	Model *Opinion `json:"model,omitempty"`
}

// Opinion is what the learned model said: its best label and the runner-up, with their
// probabilities, and each rule that asked it, with what it needed to decide.
type Opinion struct {
	Label  string  `json:"label"`
	P      float64 `json:"p"`
	Second string  `json:"second"`
	P2     float64 `json:"p2"`
	// Needed is the probability the last rule to ask needed (AskedBy has every rule's).
	Needed  float64    `json:"needed"`
	AskedBy []ModelAsk `json:"asked_by"`
}

func (t *Trace) opinion(p *classifier.Prediction, asks []ModelAsk) {
	if p != nil {
		t.Model = &Opinion{Label: p.Label, P: p.P, Second: p.Second, P2: p.P2, AskedBy: asks}
		if len(asks) > 0 {
			t.Model.Needed = asks[len(asks)-1].At
		}
	}
}

// Step is the question after one step of reading.
type Step struct {
	Step string `json:"step"`
	Text string `json:"text"`
}

// Hit is one phrase found in the question.
type Hit struct {
	Words  string  `json:"words"`
	Kind   string  `json:"kind"`   // keyword, facet, entity, subject, other_occupation, …
	Target string  `json:"target"` // the topic, facet, entity, … it points at
	Weight float32 `json:"weight,omitempty"`
}

// Score is one topic's evidence.
type Score struct {
	Topic string  `json:"topic"`
	Score float32 `json:"score"`
}

// RuleStep is one rule tried.
type RuleStep struct {
	Rule    string `json:"rule"`
	Outcome string `json:"outcome"` // "pass", "decided", or what it adjusted
}

// Explain answers like Answer and says why.
func (b *Bot) Explain(ctx context.Context, req Request) (Reply, *Trace) {
	tr := &Trace{}
	return b.answer(ctx, req, tr), tr
}

func (t *Trace) rule(name string, decided bool, adjusted string) {
	out := "pass"
	switch {
	case decided:
		out = "decided"
	case adjusted != "":
		out = adjusted
	}
	t.Rules = append(t.Rules, RuleStep{Rule: name, Outcome: out})
}

// read records the reading steps again: each is a pure function of the text.
func (t *Trace) read(text string, a *analysis) {
	stripped := stripMarkup(clip(text))
	t.Read = append(t.Read,
		Step{"input", text},
		Step{"markup stripped, clipped", stripped},
		Step{"normalized", string(lowerText(nil, stripped))},
		Step{"tokens (words below)", tokenText(a.toks)})
}

func tokenText(toks []token) string {
	ws := make([]string, len(toks))
	for i, tk := range toks {
		w := tk.word
		switch {
		case tk.asks:
			w = "?"
		case tk.ends:
			w = "."
		case tk.sep:
			w = "|"
		case tk.stop:
			w = "(" + w + ")"
		case tk.fixed:
			w += "~"
		case !tk.known:
			w += "?"
		}
		ws[i] = w
	}
	return strings.Join(ws, " ")
}

var roleNames = map[roleKind]string{
	roleKeyword: "keyword", roleFacet: "facet", roleEntity: "entity", roleSubject: "subject",
	roleOther: "other_occupation", roleRelated: "related_occupation", rolePersonal: "personal",
	roleUnsupported: "unsupported", roleSmalltalk: "smalltalk", roleAnchor: "anchor",
}

// match records what the matcher found.
func (t *Trace) match(ix *index, a *analysis) {
	for _, h := range a.hits {
		words := make([]string, 0, h.end-h.start)
		for _, tk := range a.toks[h.start:min(h.end, len(a.toks))] {
			words = append(words, tk.word)
		}
		t.Hits = append(t.Hits, Hit{Words: strings.Join(words, " "), Kind: roleNames[h.r.kind], Target: ix.target(h.r), Weight: h.r.weight})
	}
	t.Signals = ix.signals(a)
	for i, s := range a.score {
		if s > 0 {
			t.Scores = append(t.Scores, Score{Topic: ix.topics[i].id, Score: s})
		}
	}
	slices.SortStableFunc(t.Scores, func(x, y Score) int { return cmp.Compare(y.Score, x.Score) })
}

// target names what a role points at.
func (ix *index) target(r role) string {
	switch r.kind {
	case roleKeyword:
		return ix.topics[r.topic].id
	case roleFacet:
		return ix.topics[r.topic].id + "/" + ix.topics[r.topic].facets[r.facet].id
	case roleEntity:
		kind := entityKinds[r.ekind]
		return kind + ": " + ix.entities[kind][r.idx].Name
	case roleRelated:
		return ix.kb.Profile.Related.Occupations[r.idx].Name
	case roleUnsupported:
		return ix.kb.Language.Unsupported[r.idx].ID
	case roleSmalltalk:
		return ix.small[r.idx].ID
	}
	return ""
}

// signals lists what the question says as a whole, as the rules read it.
func (ix *index) signals(a *analysis) []string {
	var out []string
	add := func(cond bool, format string, args ...any) {
		if cond {
			out = append(out, fmt.Sprintf(format, args...))
		}
	}
	add(a.subject, "names the occupation")
	add(a.anchored, "about work (an anchor word or the occupation)")
	add(a.personal, "personal: the asker's own pay, schedule or account")
	add(a.other != "", "another occupation: %q", a.other)
	add(a.related >= 0, "a related occupation: %s", ix.relatedName(a.related))
	add(a.unsupported >= 0, "asks what the profile lacks: %s", ix.unsupportedID(a.unsupported))
	for k, e := range a.entity {
		if e >= 0 {
			add(true, "names %s: %s", entityKinds[k], ix.entities[entityKinds[k]][e].Name)
		}
	}
	add(a.year != 0, "year %d (in the profile: %v)", a.year, !a.unknownYear)
	add(a.smalltalk >= 0, "small talk: %s", ix.smalltalkID(a.smalltalk))
	add(a.foreignMine, `"my" before an unknown word`)
	add(a.story != 0, "the asker's story, no evidence for what the question does not ask: %s", a.wordsIn(a.story))
	if told := a.told; told != 0 {
		add(true, "told, not asked (no part of a multi-part answer): %s", a.wordsIn(told))
	}
	out = append(out, fmt.Sprintf("%d content words, %d unknown", a.content, a.unknown))
	return out
}

func (ix *index) relatedName(i int) string {
	if i < 0 {
		return ""
	}
	return ix.kb.Profile.Related.Occupations[i].Name
}

func (ix *index) unsupportedID(i int) string {
	if i < 0 {
		return ""
	}
	return ix.kb.Language.Unsupported[i].ID
}

func (ix *index) smalltalkID(i int) string {
	if i < 0 {
		return ""
	}
	return ix.small[i].ID
}

// String is the trace as `ask --explain` prints it.
func (t *Trace) String() string {
	var sb strings.Builder
	sb.WriteString("read\n")
	for _, s := range t.Read {
		fmt.Fprintf(&sb, "  %-36s %s\n", s.Step+":", s.Text)
	}
	for _, w := range t.Words {
		read := w.Read
		if read == "" {
			read = "(nothing)"
		}
		fmt.Fprintf(&sb, "    %-34s %s (%s)\n", w.Typed+" →", read, w.How)
	}
	sb.WriteString("hits\n")
	for _, h := range t.Hits {
		fmt.Fprintf(&sb, "  %-28q %-18s %-32s %.2f\n", h.Words, h.Kind, h.Target, h.Weight)
	}
	if len(t.Hits) == 0 {
		sb.WriteString("  (none)\n")
	}
	sb.WriteString("signals\n")
	for _, s := range t.Signals {
		fmt.Fprintf(&sb, "  %s\n", s)
	}
	sb.WriteString("scores\n")
	for _, s := range t.Scores {
		fmt.Fprintf(&sb, "  %-18s %.3f\n", s.Topic, s.Score)
	}
	if len(t.Scores) == 0 {
		sb.WriteString("  (no topic has evidence)\n")
	}
	sb.WriteString("rules\n")
	for _, r := range t.Rules {
		fmt.Fprintf(&sb, "  %-30s %s\n", r.Rule, r.Outcome)
	}
	if m := t.Model; m != nil {
		fmt.Fprintf(&sb, "model\n  %s %.3f, then %s %.3f\n", m.Label, m.P, m.Second, m.P2)
		for _, a := range m.AskedBy {
			fmt.Fprintf(&sb, "  asked by %s: decides at %.2f or more, for %s\n", a.Rule, a.At, a.Wants)
		}
	}
	fmt.Fprintf(&sb, "decided by %s, confidence %.3f\n", t.Decided, t.Confidence)
	return sb.String()
}

// wordsIn is the words at the positions of m, as read, for the trace.
func (a *analysis) wordsIn(m uint64) string {
	var ws []string
	for i, t := range a.toks {
		if i < 64 && m&(1<<i) != 0 {
			ws = append(ws, t.word)
		}
	}
	return strings.Join(ws, " ")
}
