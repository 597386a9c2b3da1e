package bot

import (
	"strings"
)

// Text renders a reply as plain text: the reference rendering, used by the CLI, in
// notifications and in logs. Every other rendering carries the same content.
func Text(r Reply) string {
	var sb strings.Builder
	sb.Grow(1024) // most replies fit: one allocation
	multi := len(r.Parts) > 1
	if len(r.Parts) == 0 {
		sb.WriteString(r.Lead)
		sb.WriteByte('\n')
	}
	for i, p := range r.Parts {
		if i > 0 {
			sb.WriteByte('\n')
		}
		if multi {
			sb.WriteString(p.Title)
			sb.WriteString(": ")
		}
		sb.WriteString(p.Lead)
		sb.WriteByte('\n')
		for _, f := range p.Fields {
			writeAll(&sb, "  • ", f.Label, ": ", f.Value, "\n")
		}
		if t := p.Table; t != nil && len(t.Columns) >= 2 {
			writeAll(&sb, "  ", t.Columns[0], " — ", t.Columns[1], "\n")
			for _, row := range t.Rows {
				if len(row) >= 2 {
					writeAll(&sb, "    ", row[0], " — ", row[1], "\n")
				}
			}
		}
	}
	if r.Note != "" {
		sb.WriteString(r.Note)
		sb.WriteByte('\n')
	}
	// A fallback's note already says what can be asked, and a "did you mean" lead names
	// its suggestions: one line of either is enough.
	if len(r.Suggestions) > 0 && !(r.Kind == KindFallback && r.Note != "") && r.Kind != KindClarify {
		l := r.labels().AlsoAsk
		if !r.Answered {
			l = r.labels().Try
		}
		if l != "" {
			writeAll(&sb, l, ": ")
		}
		for i, s := range r.Suggestions {
			if i > 0 {
				sb.WriteString(", ")
			}
			writeAll(&sb, "\"", s.Question, "\"")
		}
		sb.WriteByte('\n')
	}
	if r.Answered && r.Source != "" && r.Kind == KindAnswer {
		sb.WriteString(r.SourceLabel())
		sb.WriteString(r.Source)
		if r.SourceURL != "" {
			sb.WriteString(" — ")
			sb.WriteString(r.SourceURL)
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

// writeAll writes each string in turn; fmt would cost a third of the time of answering.
func writeAll(sb *strings.Builder, ss ...string) {
	for _, s := range ss {
		sb.WriteString(s)
	}
}
