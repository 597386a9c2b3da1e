package bot

import (
	"fmt"
	"strings"
)

// Text renders a reply as plain text: the reference rendering, used by the CLI, in
// notifications and in logs. Every other rendering carries the same content.
func Text(r Reply) string {
	var sb strings.Builder
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
			fmt.Fprintf(&sb, "  • %s: %s\n", f.Label, f.Value)
		}
		if t := p.Table; t != nil && len(t.Columns) >= 2 {
			fmt.Fprintf(&sb, "  %s — %s\n", t.Columns[0], t.Columns[1])
			for _, row := range t.Rows {
				if len(row) >= 2 {
					fmt.Fprintf(&sb, "    %s — %s\n", row[0], row[1])
				}
			}
		}
	}
	if r.Note != "" {
		sb.WriteString(r.Note)
		sb.WriteByte('\n')
	}
	if len(r.Suggestions) > 0 {
		label := "You could also ask"
		if !r.Answered {
			label = "Try"
		}
		q := make([]string, len(r.Suggestions))
		for i, s := range r.Suggestions {
			q[i] = "\"" + s.Question + "\""
		}
		fmt.Fprintf(&sb, "%s: %s\n", label, strings.Join(q, ", "))
	}
	if r.Answered && r.Source != "" && r.Kind == KindAnswer {
		sb.WriteString("Source: ")
		sb.WriteString(r.Source)
		if r.SourceURL != "" {
			sb.WriteString(" — ")
			sb.WriteString(r.SourceURL)
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}
