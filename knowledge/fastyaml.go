package knowledge

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// A fast reader for the plain subset of YAML that knowledge files are written in: block
// mappings and sequences, one-line flow sequences, plain and quoted one-line scalars and
// comments. It builds the same yaml.Node tree as go.yaml.in/yaml/v3, about ten times faster,
// which keeps start-up within its budget. Anything outside the subset (anchors, tags, block
// scalars, multi-line values, flow mappings, tabs) makes it give up, and the full YAML
// parser reads the file instead, so every valid YAML file still loads.

type yline struct {
	n      int // 1-based line number
	indent int
	text   string // without indentation and comment
}

type fastParser struct {
	lines []yline
	i     int
	ok    bool
	arena []yaml.Node // nodes are handed out from here: one allocation per 512 nodes
}

func (p *fastParser) node(n yaml.Node) *yaml.Node {
	if len(p.arena) == cap(p.arena) {
		p.arena = make([]yaml.Node, 0, 512)
	}
	p.arena = append(p.arena, n)
	return &p.arena[len(p.arena)-1]
}

// fastParse returns the root mapping of data, or false when data is outside the subset.
func fastParse(data []byte) (*yaml.Node, bool) {
	if !utf8.Valid(data) || bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return nil, false
	}
	for i, c := range data {
		if c >= 0x20 && c < 0x7f {
			continue // printable ASCII, nearly every byte
		}
		switch {
		case c < 0x20 && c != '\n' && !(c == '\r' && i+1 < len(data) && data[i+1] == '\n') || c == 0x7f:
			return nil, false // control characters, tabs, lone carriage returns
		case c == 0xc2 && i+1 < len(data) && data[i+1] == 0x85,
			c == 0xe2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xa8 || data[i+2] == 0xa9):
			return nil, false // NEL and the Unicode line separators are line breaks to YAML
		}
	}
	p := &fastParser{ok: true, lines: make([]yline, 0, bytes.Count(data, []byte{'\n'})+1)}
	src := string(data)
	n := 0
	for len(src) > 0 {
		n++
		var line string
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			line, src = src, ""
		}
		line = strings.TrimRight(line, " \r")
		body := strings.TrimLeft(line, " ")
		if strings.HasPrefix(body, "\t") || strings.ContainsRune(line, '\t') {
			return nil, false
		}
		body = stripComment(body)
		if body == "" {
			continue
		}
		if strings.HasPrefix(body, "---") || strings.HasPrefix(body, "...") || strings.HasPrefix(body, "%") {
			return nil, false
		}
		p.lines = append(p.lines, yline{n: n, indent: len(line) - len(strings.TrimLeft(line, " ")), text: body})
	}
	if len(p.lines) == 0 || p.lines[0].indent != 0 || isItem(p.lines[0].text) {
		return nil, false
	}
	root := p.mapping(0)
	if !p.ok || p.i != len(p.lines) {
		return nil, false
	}
	return root, true
}

// stripComment removes a trailing "# comment" that is not inside quotes.
func stripComment(s string) string {
	if strings.IndexByte(s, '#') < 0 {
		return s // most lines: one vectorised search instead of a byte loop
	}
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if i == 0 || s[i-1] == ' ' || s[i-1] == '[' || s[i-1] == ',' || s[i-1] == ':' {
				quote = c
			}
		case c == '#' && (i == 0 || s[i-1] == ' '):
			return strings.TrimRight(s[:i], " ")
		}
	}
	return s
}

func isItem(s string) bool { return s == "-" || strings.HasPrefix(s, "- ") }

func (p *fastParser) fail() *yaml.Node {
	p.ok = false
	return p.node(yaml.Node{Kind: yaml.ScalarNode})
}

// block reads the node that starts at the current line, indented by ind.
func (p *fastParser) block(ind int) *yaml.Node {
	if isItem(p.lines[p.i].text) {
		return p.sequence(ind)
	}
	return p.mapping(ind)
}

func (p *fastParser) mapping(ind int) *yaml.Node {
	m := p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: p.lines[p.i].n, Column: ind + 1})
	for p.ok && p.i < len(p.lines) {
		l := p.lines[p.i]
		if l.indent < ind || l.indent == ind && isItem(l.text) {
			break
		}
		if l.indent > ind {
			return p.fail()
		}
		key, rest, ok := splitKey(l.text)
		if !ok {
			return p.fail()
		}
		for j := 0; j < len(m.Content); j += 2 {
			if m.Content[j].Value == key {
				return p.fail() // a duplicate key: the full parser reports it
			}
		}
		k := p.node(yaml.Node{Kind: yaml.ScalarNode, Value: key, Line: l.n, Column: ind + 1})
		p.i++
		var v *yaml.Node
		switch {
		case rest != "":
			v = p.inline(rest, l.n, ind+len(key)+3)
			if p.i < len(p.lines) && p.lines[p.i].indent > ind {
				return p.fail() // a value continued on the next lines
			}
		case p.i < len(p.lines) && p.lines[p.i].indent > ind:
			v = p.block(p.lines[p.i].indent)
		case p.i < len(p.lines) && p.lines[p.i].indent == ind && isItem(p.lines[p.i].text):
			v = p.sequence(ind)
		default:
			v = p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: l.n, Column: ind + len(key) + 2})
		}
		m.Content = append(m.Content, k, v)
	}
	return m
}

func (p *fastParser) sequence(ind int) *yaml.Node {
	s := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.lines[p.i].n, Column: ind + 1})
	for p.ok && p.i < len(p.lines) {
		l := p.lines[p.i]
		if l.indent != ind || !isItem(l.text) {
			if l.indent > ind {
				return p.fail()
			}
			break
		}
		rest := strings.TrimLeft(strings.TrimPrefix(l.text, "-"), " ")
		col := ind + len(l.text) - len(rest)
		switch {
		case rest == "":
			p.i++
			if p.i >= len(p.lines) || p.lines[p.i].indent <= ind {
				return p.fail()
			}
			s.Content = append(s.Content, p.block(p.lines[p.i].indent))
		case looksLikeKey(rest):
			// "- key: value" starts a mapping indented to where "key" is.
			p.lines[p.i] = yline{n: l.n, indent: col, text: rest}
			s.Content = append(s.Content, p.mapping(col))
		default:
			p.i++
			s.Content = append(s.Content, p.inline(rest, l.n, col+1))
			if p.i < len(p.lines) && p.lines[p.i].indent > ind {
				return p.fail()
			}
		}
	}
	return s
}

// splitKey splits "key: value" (or "key:") into its parts.
func splitKey(s string) (key, rest string, ok bool) {
	if s == "" || strings.ContainsAny(s[:1], "\"'[]{}&*!|>%@`?:,-#") && !(s[0] == '-' && len(s) > 1 && s[1] != ' ') {
		return "", "", false
	}
	i := strings.Index(s, ": ")
	if i < 0 {
		if !strings.HasSuffix(s, ":") {
			return "", "", false
		}
		i = len(s) - 1
	}
	key = s[:i]
	if key == "" || key != strings.TrimSpace(key) || anyOf(key, &keyUnsafe) {
		return "", "", false
	}
	return key, strings.TrimLeft(s[i+1:], " "), true
}

func looksLikeKey(s string) bool {
	_, _, ok := splitKey(s)
	return ok && !strings.HasPrefix(s, "[") && !strings.HasPrefix(s, "\"") && !strings.HasPrefix(s, "'")
}

// inline reads a value written on one line: a scalar or a flow sequence.
func (p *fastParser) inline(s string, line, col int) *yaml.Node {
	if strings.HasPrefix(s, "[") {
		if !strings.HasSuffix(s, "]") {
			return p.fail()
		}
		seq := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: line, Column: col})
		body := strings.TrimSpace(s[1 : len(s)-1])
		seq.Content = make([]*yaml.Node, 0, strings.Count(body, ",")+1)
		for body != "" {
			item, tail := body, ""
			if body[0] == '"' || body[0] == '\'' {
				end := closingQuote(body)
				if end < 0 {
					return p.fail()
				}
				item, tail = body[:end+1], strings.TrimLeft(body[end+1:], " ")
				if tail != "" && tail[0] != ',' {
					return p.fail()
				}
				tail = strings.TrimPrefix(tail, ",")
			} else if i := strings.IndexByte(body, ','); i >= 0 {
				item, tail = body[:i], body[i+1:]
			}
			item = strings.TrimSpace(item)
			if item == "" {
				return p.fail()
			}
			seq.Content = append(seq.Content, p.scalar(item, line, col))
			body = strings.TrimSpace(tail)
		}
		return seq
	}
	return p.scalar(s, line, col)
}

// plainScalar says whether s, unquoted, is a plain YAML scalar the fast path reads as
// written: no ": " or trailing ":" (a mapping), no " #" (a comment), no flow
// indicators and no tabs. One pass: this runs for every list item of the profile.
func plainScalar(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{', '}', '[', ']', '\t':
			return false
		case ':':
			if i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case '#':
			if i > 0 && s[i-1] == ' ' {
				return false
			}
		}
	}
	return true
}

// keyUnsafe marks the bytes a mapping key may not hold on the fast path.
var keyUnsafe = byteSet("#\"'{}[],&*!|>%@`\t")

func byteSet(chars string) (set [256]bool) {
	for i := 0; i < len(chars); i++ {
		set[chars[i]] = true
	}
	return set
}

func anyOf(s string, set *[256]bool) bool {
	for i := 0; i < len(s); i++ {
		if set[s[i]] {
			return true
		}
	}
	return false
}

// yamlWords are the plain words YAML may read as something other than a string.
var yamlWords = map[string]bool{"null": true, "true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true}

func closingQuote(s string) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}

func (p *fastParser) scalar(s string, line, col int) *yaml.Node {
	n := p.node(yaml.Node{Kind: yaml.ScalarNode, Line: line, Column: col})
	switch s[0] {
	case '"':
		if closingQuote(s) != len(s)-1 {
			return p.fail()
		}
		inner := s[1 : len(s)-1]
		if strings.ContainsRune(inner, '\\') {
			if strings.Count(inner, "\\") != strings.Count(inner, "\\\"") {
				return p.fail() // escapes other than \" are left to the full parser
			}
			inner = strings.ReplaceAll(inner, "\\\"", "\"")
		}
		n.Value, n.Style, n.Tag = inner, yaml.DoubleQuotedStyle, "!!str"
	case '\'':
		if closingQuote(s) != len(s)-1 {
			return p.fail()
		}
		n.Value, n.Style, n.Tag = strings.ReplaceAll(s[1:len(s)-1], "''", "'"), yaml.SingleQuotedStyle, "!!str"
	case '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', ',', '#':
		return p.fail()
	default:
		if !plainScalar(s) || s[0] == ':' || s[0] == '?' || s[0] == '-' && (len(s) == 1 || s[1] < '0' || s[1] > '9') {
			return p.fail()
		}
		n.Value = s
		if c := s[0]; '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == '~' || len(s) <= 5 && yamlWords[strings.ToLower(s)] {
			n.Tag = n.ShortTag() // resolve as YAML does: 55560 is an int, null is null
		} else {
			n.Tag = "!!str"
		}
	}
	return n
}
