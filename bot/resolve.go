package bot

// Stage 2, hits: overlapping phrases settled.

// resolve settles overlapping hits: a name owns its words, so "doctors offices" is an
// industry (not the office work setting), "offices of physicians" is not about physicians,
// and "hospital administrator" is another occupation, not the hospital industry.
func (a *analysis) resolve() {
	// Every hit is judged against all the others as found, then the outranked go: a hit
	// that gives way still outranks its own parts.
	var out [maxHitsJudged]bool
	for i, h := range a.hits {
		if i < maxHitsJudged {
			out[i] = a.outranked(h)
		}
	}
	kept := a.hits[:0]
	for i, h := range a.hits {
		if i >= maxHitsJudged || !out[i] {
			kept = append(kept, h)
		}
	}
	a.hits = kept
}

// maxHitsJudged bounds the hits settled against each other; 48 words find fewer.
const maxHitsJudged = 256

// outranked says whether another hit owns h's words.
func (a *analysis) outranked(h hit) bool {
	inside := func(h, o hit) bool {
		return h.start >= o.start && h.end <= o.end && o.end-o.start > h.end-h.start
	}
	isName := func(k roleKind) bool {
		return k == roleEntity || k == roleSubject || k == roleRelated || k == roleOther || k == roleUnsupported
	}
	for _, o := range a.hits {
		if h.r.kind == roleKeyword && o.r.kind == roleKeyword && o.r.topic != h.r.topic && inside(h, o) {
			return true // a phrase beats its parts: "learn more" is not "learn"
		}
		if (h.r.kind == roleKeyword || h.r.kind == roleFacet) && o.r.kind == roleSmalltalk && inside(h, o) {
			return true // "what other subjects can I ask you about" asks about the bot
		}
		if h.r.kind == roleOther && o.r.kind == roleSmalltalk && inside(h, o) {
			return true // "new to this server" is chat, not a waiter
		}
		if h.r.kind == roleSmalltalk && o.r.kind == roleKeyword && inside(h, o) {
			return true // "letters after your name" asks about credentials, not the bot's name
		}
		if h.r.kind == roleFacet && o.r.kind == roleAnchor && inside(h, o) {
			return true // "this field" is the occupation, not the field of a degree
		}
		if h.r.kind == roleKeyword && (o.r.kind == roleRelated || o.r.kind == roleOther) && h.start < o.start && h.end > o.start && h.end < o.end {
			return true // "difference between * and *" ends in "a medical" of "a medical records specialist"
		}
		if h.r.kind == roleUnsupported && o.r.kind == roleSmalltalk && inside(h, o) {
			return true // "good night" says goodbye; it asks nothing about night shifts
		}
		if !isName(o.r.kind) || !inside(h, o) && !(h.r.kind == roleOther && o.r.kind != roleOther && h.start >= o.start && h.end <= o.end) {
			continue
		}
		switch {
		case o.r.kind == roleUnsupported && h.r.kind != roleOther:
			// An unsupported phrase ("nursing homes") only outranks an occupation
			// ("nursing") inside it; its own words still count for topics.
		case h.r.kind == roleKeyword, h.r.kind == roleEntity, h.r.kind == roleSubject, h.r.kind == roleRelated, h.r.kind == roleOther, h.r.kind == roleUnsupported:
			return true
		}
	}
	return false
}
