package knowledge

import (
	"reflect"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// fastDecode sets v from n for the plain shapes knowledge files use (strings, whole
// numbers, lists, string maps, structs) without yaml/v3's general decoder, which is most of
// the cost of loading. It returns false at the first thing it does not handle (a number
// written as text, a list where a field wants a word…); the caller then decodes with
// yaml/v3, which reports the problem with its line.
func fastDecode(n *yaml.Node, v reflect.Value) bool {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return true // leave the zero value, as yaml/v3 does
	}
	switch v.Kind() {
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return false
		}
		v.SetString(n.Value)
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			return false
		}
		i, err := strconv.ParseInt(n.Value, 10, 64)
		if err != nil {
			return false
		}
		v.SetInt(i)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return false
		}
		switch n.Value {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		default:
			return false
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return false
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			if !fastDecode(c, s.Index(i)) {
				return false
			}
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode || v.Type().Key().Kind() != reflect.String {
			return false
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return false
			}
			val := reflect.New(v.Type().Elem()).Elem()
			if !fastDecode(n.Content[i+1], val) {
				return false
			}
			m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), val)
		}
		v.Set(m)
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return false
		}
		fields := fieldIndexes(v.Type())
		for i := 0; i+1 < len(n.Content); i += 2 {
			idx, ok := fields[n.Content[i].Value]
			if !ok || !fastDecode(n.Content[i+1], v.FieldByIndex(idx)) {
				return false
			}
		}
	default:
		return false
	}
	return true
}

var indexCache sync.Map // reflect.Type -> map[string][]int

// fieldIndexes maps the YAML keys of struct t, inline fields included, to field indexes.
func fieldIndexes(t reflect.Type) map[string][]int {
	if m, ok := indexCache.Load(t); ok {
		return m.(map[string][]int)
	}
	m := map[string][]int{}
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			idx := append(append([]int(nil), prefix...), i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			switch {
			case name == "-" || !f.IsExported():
			case opts == "inline":
				walk(f.Type, idx)
			case name == "":
				m[strings.ToLower(f.Name)] = idx
			default:
				m[name] = idx
			}
		}
	}
	walk(t, nil)
	indexCache.Store(t, m)
	return m
}
