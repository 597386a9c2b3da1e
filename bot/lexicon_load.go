package bot

// Loading lexicon/english.yaml: decoded field by field, so that every problem names the
// file, the line and the field, then the sets built once.

import (
	_ "embed"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// lexiconName is the embedded lexicon's name in error messages.
const lexiconName = "bot/lexicon/english.yaml"

//go:embed lexicon/english.yaml
var lexiconData []byte

// mustLoadLexicon loads the embedded lexicon. It is part of the program, so a broken one
// is a programming error: it stops the program with every problem found, before any
// question is read (and fails every test of the package).
func mustLoadLexicon() *lexicon {
	l, err := parseLexicon(lexiconName, lexiconData)
	if err != nil {
		panic(err)
	}
	return l
}

// lexiconError is one problem in a lexicon file.
type lexiconError struct {
	File  string
	Line  int
	Field string
	Msg   string
}

func (e *lexiconError) Error() string {
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Field, e.Msg)
}

// parseLexicon reads a lexicon file. name is used in error messages; all problems are
// reported at once, joined.
func parseLexicon(name string, data []byte) (*lexicon, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: file is empty", name)
	}
	l := new(lexicon)
	d := &lexDecoder{file: name}
	d.decode(root.Content[0], reflect.ValueOf(l).Elem(), "")
	if len(d.errs) == 0 {
		l.build(d)
	}
	if len(d.errs) > 0 {
		return nil, errors.Join(d.errs...)
	}
	return l, nil
}

// lexDecoder decodes a node tree into the lexicon's structs by their yaml tags, noting
// each problem with its field.
type lexDecoder struct {
	file string
	errs []error
}

func (d *lexDecoder) fail(line int, field, msg string) {
	d.errs = append(d.errs, &lexiconError{File: d.file, Line: line, Field: field, Msg: msg})
}

// failErr notes a decoding error, at the line of the entry it is about when it says.
func (d *lexDecoder) failErr(line int, field string, err error) {
	var ie *itemError
	var te *yaml.TypeError
	switch {
	case errors.As(err, &ie):
		d.fail(ie.line, field, ie.msg)
	case errors.As(err, &te):
		for _, m := range te.Errors {
			l, msg := line, m
			if rest, ok := strings.CutPrefix(m, "line "); ok {
				if n, after, ok := strings.Cut(rest, ": "); ok {
					fmt.Sscan(n, &l)
					msg = after
				}
			}
			d.fail(l, field, msg)
		}
	default:
		d.fail(line, field, err.Error())
	}
}

var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

// decode decodes n into v; path is v's field, dotted.
func (d *lexDecoder) decode(n *yaml.Node, v reflect.Value, path string) {
	switch {
	case reflect.PointerTo(v.Type()).Implements(unmarshalerType):
		if err := n.Decode(v.Addr().Interface()); err != nil {
			d.failErr(n.Line, path, err)
		}
	case v.Kind() == reflect.Struct:
		d.fields(n, v, path)
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct:
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			d.fail(n.Line, path, "want a non-empty list")
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content)))
		for i, c := range n.Content {
			d.decode(c, v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	default:
		if err := n.Decode(v.Addr().Interface()); err != nil {
			d.failErr(n.Line, path, err)
		}
	}
}

// fields decodes a mapping into struct v: unknown and repeated keys are errors, and so are
// missing fields unless tagged omitempty.
func (d *lexDecoder) fields(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.fail(n.Line, path, "want a mapping")
		return
	}
	t := v.Type()
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		p := dotted(path, k.Value)
		f, ok := fieldByKey(t, k.Value)
		switch {
		case !ok:
			d.fail(k.Line, p, "unknown field")
		case seen[k.Value]:
			d.fail(k.Line, p, "given twice")
		default:
			seen[k.Value] = true
			d.decode(n.Content[i+1], v.FieldByIndex(f.Index), p)
		}
	}
	for i := 0; i < t.NumField(); i++ {
		if key, optional := yamlKey(t.Field(i)); key != "" && !seen[key] && !optional {
			d.fail(n.Line, dotted(path, key), "missing")
		}
	}
}

// yamlKey is field f's key in the file, and whether it may be left out (omitempty).
func yamlKey(f reflect.StructField) (key string, optional bool) {
	if !f.IsExported() {
		return "", false
	}
	key, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return key, opts == "omitempty"
}

func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		if k, _ := yamlKey(t.Field(i)); k != "" && k == key {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

func dotted(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// build makes the sets the lexicon's lists are read through.
func (l *lexicon) build(d *lexDecoder) {
	r := &l.Reading
	l.stopwords = make(map[string]bool, len(r.Stopwords.set)+len(r.ChatFillers.set))
	for _, ws := range []*words{&r.Stopwords, &r.ChatFillers} {
		for w := range ws.set {
			l.stopwords[w] = true
		}
	}
	for i := range r.Stemming {
		rule := &r.Stemming[i]
		last := rule.Ending[len(rule.Ending)-1]
		l.stemByLast[last] = append(l.stemByLast[last], rule)
	}
	l.standIn = map[string]standIn{}
	for _, w := range l.StandIns.Names.list {
		l.standIn[w] = standName
	}
	for _, w := range l.StandIns.Articles.list {
		if l.standIn[w] != 0 {
			d.fail(l.StandIns.Articles.line, "stand_ins.articles", fmt.Sprintf("%q is among the names too", w))
		}
		l.standIn[w] = standArticle
	}
}
