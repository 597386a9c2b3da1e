package bot

import "github.com/careerbot/careerbot/knowledge"

// oneAnswer holds the slices of a one-topic answer in one allocation. It is kept within
// 512 bytes, the largest size the allocator serves without a per-object header; answers
// with more fields get them from a second allocation.
type oneAnswer struct {
	intents [1]string
	parts   [1]Part
	suggest [3]Suggestion
	fields  [4]knowledge.Field
}

// owner hands out copies of precomputed parts for one reply, from as few allocations as
// the reply allows: one for every string slice (intents, table columns and cells), one for
// every part's fields, one for the tables and one for their rows. Each slice handed out is
// capped (s[i:j:j]), so appending to it copies rather than running into the next one.
type owner struct {
	strs   []string
	fields []knowledge.Field
	tables []knowledge.Table
	rows   [][]string
}

// newOwner makes room for copies of n strings and of parts, using fields and tables when
// they are long enough.
func newOwner(n int, parts []Part, fields []knowledge.Field, tables []knowledge.Table) owner {
	var nf, nt, nr int
	for _, p := range parts {
		nf += len(p.Fields)
		if t := p.Table; t != nil {
			nt++
			nr += len(t.Rows)
			n += len(t.Columns)
			for _, row := range t.Rows {
				n += len(row)
			}
		}
	}
	o := owner{fields: fields, tables: tables}
	if n > 0 {
		o.strs = make([]string, n)
	}
	if nf > len(fields) {
		o.fields = make([]knowledge.Field, nf)
	}
	if nt > len(tables) {
		o.tables = make([]knowledge.Table, nt)
	}
	if nr > 0 {
		o.rows = make([][]string, nr)
	}
	return o
}

// strings copies s (nil stays nil, empty stays empty).
func (o *owner) strings(s []string) []string {
	if s == nil {
		return nil
	}
	if len(s) == 0 {
		return []string{}
	}
	n := copy(o.strs, s)
	out := o.strs[:n:n]
	o.strs = o.strs[n:]
	return out
}

// part copies p's fields and table.
func (o *owner) part(p Part) Part {
	if p.Fields != nil {
		n := copy(o.fields, p.Fields)
		p.Fields = o.fields[:n:n]
		o.fields = o.fields[n:]
	}
	if t := p.Table; t != nil {
		c := &o.tables[0]
		o.tables = o.tables[1:]
		c.Columns = o.strings(t.Columns)
		if t.Rows != nil {
			n := len(t.Rows)
			c.Rows = o.rows[:n:n]
			o.rows = o.rows[n:]
			for i, row := range t.Rows {
				c.Rows[i] = o.strings(row)
			}
		}
		p.Table = c
	}
	return p
}
