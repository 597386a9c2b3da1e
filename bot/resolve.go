package bot

// Stage 2, hits: overlapping phrases settled.

// resolve settles overlapping hits: a name owns its words, so "doctors offices" is an
// industry (not the office work setting), "offices of physicians" is not about physicians,
// and "hospital administrator" is another occupation, not the hospital industry.
func (a *analysis) resolve() {
	inside := func(h, o hit) bool {
		return h.start >= o.start && h.end <= o.end && o.end-o.start > h.end-h.start
	}
	isName := func(k roleKind) bool {
		return k == roleEntity || k == roleSubject || k == roleRelated || k == roleOther || k == roleUnsupported
	}
	kept := a.hits[:0]
	for _, h := range a.hits {
		drop := false
		for _, o := range a.hits {
			if h.r.kind == roleKeyword && o.r.kind == roleKeyword && o.r.topic != h.r.topic && inside(h, o) {
				drop = true // a phrase beats its parts: "learn more" is not "learn"
				break
			}
			if (h.r.kind == roleKeyword || h.r.kind == roleFacet) && o.r.kind == roleSmalltalk && inside(h, o) {
				drop = true // "what other subjects can I ask you about" asks about the bot
				break
			}
			if h.r.kind == roleOther && o.r.kind == roleSmalltalk && inside(h, o) {
				drop = true // "new to this server" is chat, not a waiter
				break
			}
			if h.r.kind == roleSmalltalk && o.r.kind == roleKeyword && inside(h, o) {
				drop = true // "letters after your name" asks about credentials, not the bot's name
				break
			}
			if h.r.kind == roleFacet && o.r.kind == roleAnchor && inside(h, o) {
				drop = true // "this field" is the occupation, not the field of a degree
				break
			}
			if h.r.kind == roleKeyword && (o.r.kind == roleRelated || o.r.kind == roleOther) && h.start < o.start && h.end > o.start && h.end < o.end {
				drop = true // "difference between * and *" ends in "a medical" of "a medical records specialist"
				break
			}
			if h.r.kind == roleUnsupported && o.r.kind == roleSmalltalk && inside(h, o) {
				drop = true // "good night" says goodbye; it asks nothing about night shifts
				break
			}
			if !isName(o.r.kind) || !inside(h, o) && !(h.r.kind == roleOther && o.r.kind != roleOther && h.start >= o.start && h.end <= o.end) {
				continue
			}
			switch {
			case o.r.kind == roleUnsupported && h.r.kind != roleOther:
				// An unsupported phrase ("nursing homes") only outranks an occupation
				// ("nursing") inside it; its own words still count for topics.
			case h.r.kind == roleKeyword, h.r.kind == roleEntity, h.r.kind == roleSubject, h.r.kind == roleRelated, h.r.kind == roleOther, h.r.kind == roleUnsupported:
				drop = true
			}
		}
		if !drop {
			kept = append(kept, h)
		}
	}
	a.hits = kept
}
