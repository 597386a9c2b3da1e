package knowledge

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// DefaultName is the name of the embedded knowledge file, as error messages show it.
const DefaultName = "knowledge/data/health-information-technologists.yaml"

// maxFileSize bounds what LoadFile reads, so a wrong path (a log, a disk image) fails fast.
const maxFileSize = 4 << 20

//go:embed data/health-information-technologists.yaml
var defaultData []byte

// Default returns the embedded knowledge base: from its snapshot when that was made from
// the embedded file as it is (snapshot.go), parsed otherwise.
func Default() (*Base, error) { return load(DefaultName, defaultData, defaultSnapshot) }

// LoadFile reads and validates a knowledge file.
func LoadFile(path string) (*Base, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open knowledge file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read knowledge file %s: %w", path, err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("knowledge file %s: larger than %d bytes", path, maxFileSize)
	}
	return Parse(path, data)
}

// Error is one problem in a knowledge file: which file, line and field, and what is wrong.
type Error struct {
	File  string
	Line  int
	Field string
	Msg   string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Field, e.Msg)
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// Parse decodes and validates a knowledge file. name is used in error messages. All
// problems are reported at once, each as an *Error, joined.
func Parse(name string, data []byte) (*Base, error) {
	// One parse, by go.yaml.in/yaml/v3 alone: the node tree gives line numbers, unknown
	// fields and the typed decode.
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlErrors(name, err)
	}
	if len(root.Content) == 0 {
		return nil, &Error{File: name, Line: 1, Msg: "file is empty"}
	}
	b := &Base{Name: name}
	if errs := unknownFields(name, root.Content[0], reflect.TypeOf(b).Elem(), func() string { return "" }); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if err := root.Content[0].Decode(b); err != nil {
		return nil, fieldNames(yamlErrors(name, err), root.Content[0])
	}
	v := &validator{file: name, root: root.Content[0]}
	v.profile(&b.Profile)
	if len(v.errs) > 0 {
		return nil, errors.Join(v.errs...)
	}
	b.buildFacts()
	v.topics(b)
	v.replies(&b.Replies)
	v.compare(b, &b.Replies.Compare)
	v.template(b, "replies.obtain", b.Replies.Obtain, KindCertification)
	if len(v.errs) > 0 {
		return nil, errors.Join(v.errs...)
	}
	return b, nil
}

// yamlErrors turns the YAML library's messages into *Error values with file and line.
func yamlErrors(file string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var errs []error
	for _, m := range msgs {
		m = strings.TrimSpace(m)
		e := &Error{File: file, Line: 1, Msg: m}
		if g := yamlLine.FindStringSubmatch(m); g != nil {
			e.Line, _ = strconv.Atoi(g[1])
			e.Msg = g[2]
		}
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

// unknownFields reports mapping keys that no field of t takes: a misspelt "medain" must
// be an error, not a silently missing figure. path is built only for errors.
func unknownFields(file string, n *yaml.Node, t reflect.Type, path func() string) []error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var errs []error
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return nil // a type error, reported by Decode
		}
		fields := fieldIndexes(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			p := func() string {
				if pp := path(); pp != "" {
					return pp + "." + k.Value
				}
				return k.Value
			}
			idx, ok := fields[k.Value]
			if !ok {
				errs = append(errs, &Error{File: file, Line: k.Line, Field: p(), Msg: "unknown field"})
				continue
			}
			ft := t.FieldByIndex(idx).Type
			if kind := ft.Kind(); kind == reflect.Struct || kind == reflect.Slice || kind == reflect.Pointer {
				errs = append(errs, unknownFields(file, n.Content[i+1], ft, p)...)
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return nil
		}
		if k := t.Elem().Kind(); k != reflect.Struct && k != reflect.Pointer {
			return nil
		}
		for i, c := range n.Content {
			errs = append(errs, unknownFields(file, c, t.Elem(), func() string { return fmt.Sprintf("%s.%d", path(), i) })...)
		}
	}
	return errs
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

// fieldNames adds the dotted field path to each error that has only a line.
func fieldNames(err error, root *yaml.Node) error {
	var errs []error
	for _, e := range unjoin(err) {
		var ke *Error
		if errors.As(e, &ke) && ke.Field == "" {
			ke.Field = pathAt(root, ke.Line, "")
		}
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// pathAt returns the dotted path of the key on the given line ("profile.pay.median").
func pathAt(n *yaml.Node, line int, prefix string) string {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if prefix != "" {
				p = prefix + "." + p
			}
			if k.Line == line {
				return p
			}
			if got := pathAt(v, line, p); got != "" {
				return got
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if got := pathAt(c, line, fmt.Sprintf("%s.%d", prefix, i)); got != "" {
				return got
			}
		}
	}
	return ""
}

type validator struct {
	file string
	root *yaml.Node
	errs []error
}

// fail records a problem at path ("profile.pay.median", "topics.3.facets.0.lead"),
// on the line of the deepest part of the path that exists in the file.
func (v *validator) fail(path, format string, args ...any) {
	v.errs = append(v.errs, &Error{File: v.file, Line: v.line(path), Field: path, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) line(path string) int {
	n := v.root
	line := n.Line
	for _, seg := range strings.Split(path, ".") {
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					next = n.Content[i+1]
					line = n.Content[i].Line
					break
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
				line = next.Line
			}
		}
		if next == nil {
			return line
		}
		n = next
	}
	return line
}

func (v *validator) text(path, s string) {
	if strings.TrimSpace(s) == "" {
		v.fail(path, "is missing or empty")
	}
}

func (v *validator) positive(path string, n int) {
	if n <= 0 {
		v.fail(path, "must be a number greater than 0, got %d", n)
	}
}

func (v *validator) profile(p *Profile) {
	v.text("profile.id", p.ID)
	v.text("profile.title", p.Title)
	v.text("profile.occupation", p.Occupation)
	v.text("profile.source.publisher", p.Source.Publisher)
	v.text("profile.source.name", p.Source.Name)
	v.text("profile.source.page", p.Source.Page)
	v.duties(&p.Duties)
	v.text("profile.work.setting", p.Work.Setting)
	v.positive("profile.employment.jobs", p.Employment.Jobs)
	v.positive("profile.employment.year", p.Employment.Year)
	v.industries(p.Industries)
	v.text("profile.education.entry", p.Education.Entry)
	for i, a := range p.Education.Accreditors {
		at := fmt.Sprintf("profile.education.accreditors.%d", i)
		v.text(at+".name", a.Name)
		v.text(at+".abbr", a.Abbr)
	}
	v.certification(&p.Certification)
	for i, q := range p.Qualities {
		at := fmt.Sprintf("profile.qualities.%d", i)
		v.text(at+".id", q.ID)
		v.text(at+".name", q.Name)
		v.text(at+".description", q.Description)
	}
	v.pay(p.Pay)
	v.outlook(p.Outlook)
	v.organizations(p.Organizations)
}

// factID is what an id that names facts may look like: it goes into {duties.sub.<id>}.
var factID = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func (v *validator) duties(d *Duties) {
	v.text("profile.duties.summary", d.Summary)
	subs, specs := map[string]string{}, map[string]string{} // id -> path of its first use
	for i, s := range d.SubOccupations {
		at := fmt.Sprintf("profile.duties.sub_occupations.%d", i)
		v.text(at+".id", s.ID)
		v.factID(at, s.ID, "sub-occupation", "the facts "+subKey("<id>"), subs)
		v.text(at+".name", s.Name)
		v.text(at+".description", s.Description)
	}
	for i, s := range d.Specialties {
		v.factID(fmt.Sprintf("profile.duties.specialties.%d", i), s.ID, "specialty", "the fact duties.specialties.<id>", specs)
	}
}

// factID checks the id of the element at path at, which names facts (names says which):
// well formed and, among its kind, used once; seen maps the ids met so far to their
// element's path. An empty id names none.
func (v *validator) factID(at, id, kind, names string, seen map[string]string) {
	switch {
	case id == "":
	case !factID.MatchString(id):
		v.fail(at+".id", "%q must be lower-case letters, digits and _ (it names %s)", id, names)
	case seen[id] != "":
		v.fail(at+".id", "duplicate %s id %q (first at %s)", kind, id, seen[id])
	default:
		seen[id] = at
	}
}

func (v *validator) industries(industries []Industry) {
	seen := map[string]bool{}
	for i, in := range industries {
		at := fmt.Sprintf("profile.industries.%d", i)
		v.text(at+".id", in.ID)
		v.text(at+".name", in.Name)
		if seen[in.ID] {
			v.fail(at+".id", "duplicate industry id %q", in.ID)
		}
		seen[in.ID] = true
		if in.EmploymentShare <= 0 || in.EmploymentShare > 100 {
			v.fail(at+".employment_share", "must be a percent between 1 and 100, got %d", in.EmploymentShare)
		}
		v.positive(at+".median_wage", in.MedianWage)
	}
}

// certificationNames are the certification facts whose names do not come from the profile,
// and those of a certification entity: no credential or issuer may be named like them.
var certificationNames = []string{"summary", "specializations", "multiple", "list", "abbr", "name", "issuer", "about", "requirements"}

// certification checks the issuer groups and their credentials. Abbreviations name facts
// (certification.<abbr>), so two that give the same name are an error, not a silent overwrite.
func (v *validator) certification(c *Certification) {
	v.text("profile.certification.summary", c.Summary)
	keys := map[string]string{} // fact name part -> path of the abbr that took it
	claim := func(at, abbr string) {
		k := factKey(abbr)
		switch {
		case strings.TrimSpace(abbr) == "":
			v.fail(at, "is missing or empty (it names the fact certification.<abbr>)")
		case k == "":
			v.fail(at, "%q needs a letter or digit (it names the fact certification.<abbr>)", abbr)
		case slices.Contains(certificationNames, k):
			v.fail(at, "%q would name the fact certification.%s, which is taken", abbr, k)
		case keys[k] != "":
			v.fail(at, "%q names the same fact, certification.%s, as %s", abbr, k, keys[k])
		default:
			keys[k] = at
		}
	}
	unnamed := ""
	for i, g := range c.Issuers {
		at := fmt.Sprintf("profile.certification.issuers.%d", i)
		switch {
		case g.Name == "" && g.Abbr != "":
			v.fail(at+".name", "is missing or empty (the issuer has abbr %q)", g.Abbr)
		case g.Name == "" && unnamed != "":
			v.fail(at, "a second group without an issuer (the first is %s): put its credentials there", unnamed)
		case g.Name == "":
			unnamed = at
		default:
			claim(at+".abbr", g.Abbr)
		}
		if len(g.Credentials) == 0 {
			v.fail(at+".credentials", "is missing or empty")
		}
		for j, cr := range g.Credentials {
			cat := fmt.Sprintf("%s.credentials.%d", at, j)
			claim(cat+".abbr", cr.Abbr)
			v.text(cat+".name", cr.Name)
			v.text(cat+".about", cr.About)
		}
	}
}

func (v *validator) pay(pay Pay) {
	v.positive("profile.pay.median", pay.Median)
	v.positive("profile.pay.lowest_10", pay.Lowest10)
	v.positive("profile.pay.highest_10", pay.Highest10)
	if pay.Median > 0 && pay.Lowest10 > 0 && pay.Highest10 > 0 && !(pay.Lowest10 < pay.Median && pay.Median < pay.Highest10) {
		v.fail("profile.pay", "expected lowest_10 < median < highest_10, got %d, %d, %d", pay.Lowest10, pay.Median, pay.Highest10)
	}
}

func (v *validator) outlook(o Outlook) {
	v.positive("profile.outlook.base_year", o.BaseYear)
	v.positive("profile.outlook.projected_year", o.ProjectedYear)
	if o.BaseYear > 0 && o.ProjectedYear <= o.BaseYear {
		v.fail("profile.outlook.projected_year", "must be after base_year %d, got %d", o.BaseYear, o.ProjectedYear)
	}
	v.positive("profile.outlook.openings_per_year", o.OpeningsPerYear)
	v.positive("profile.outlook.employment", o.Employment)
	v.positive("profile.outlook.projected_employment", o.ProjectedEmployment)
	if o.Employment > 0 && o.ProjectedEmployment > 0 && o.ProjectedEmployment-o.Employment != o.Change {
		v.fail("profile.outlook.change", "is %d but projected_employment - employment is %d", o.Change, o.ProjectedEmployment-o.Employment)
	}
	v.text("profile.outlook.comparison", o.Comparison)
	if o.Change > 0 && o.GrowthPercent <= 0 || o.Change < 0 && o.GrowthPercent >= 0 {
		v.fail("profile.outlook.growth_percent", "is %d but employment changes by %d: missing or the wrong sign", o.GrowthPercent, o.Change)
	}
}

// organizations checks the "More information" list; an abbreviation names the facts
// organizations.<abbr> and organizations.<abbr>_for.
func (v *validator) organizations(orgs []Organization) {
	seen := map[string]string{}
	for i, o := range orgs {
		at := fmt.Sprintf("profile.organizations.%d", i)
		v.text(at+".name", o.Name)
		if o.Abbr == "" {
			continue
		}
		switch k := factKey(o.Abbr); {
		case k == "" || k == "list":
			v.fail(at+".abbr", "%q cannot name the fact organizations.<abbr>", o.Abbr)
		case seen[k] != "":
			v.fail(at+".abbr", "%q names the same fact, organizations.%s, as %s", o.Abbr, k, seen[k])
		default:
			seen[k] = at + ".abbr"
		}
	}
}

var entityKinds = map[string]bool{KindIndustry: true, KindCertification: true, KindQuality: true}

func (v *validator) topics(b *Base) {
	if len(b.Topics) == 0 {
		v.fail("topics", "at least one topic is needed")
	}
	ids := map[string]bool{}
	for i, t := range b.Topics {
		at := fmt.Sprintf("topics.%d", i)
		v.text(at+".id", t.ID)
		if ids[t.ID] {
			v.fail(at+".id", "duplicate topic id %q", t.ID)
		}
		ids[t.ID] = true
		v.text(at+".title", t.Title)
		v.text(at+".question", t.Question)
		if len(t.Keywords)+len(t.Examples) == 0 {
			v.fail(at, "needs keywords or examples, or it can never be matched")
		}
		v.answer(b, at+".answer", t.Answer, "")
		facets := map[string]bool{}
		for j, f := range t.Facets {
			fat := fmt.Sprintf("%s.facets.%d", at, j)
			v.text(fat+".id", f.ID)
			if facets[f.ID] {
				v.fail(fat+".id", "duplicate facet id %q in topic %q", f.ID, t.ID)
			}
			facets[f.ID] = true
			if f.Entity != "" && !entityKinds[f.Entity] {
				v.fail(fat+".entity", "unknown entity kind %q (want industry, certification or quality)", f.Entity)
			}
			if f.Entity == "" && len(f.Words) == 0 {
				v.fail(fat, "needs words or an entity, or it can never be chosen")
			}
			v.answer(b, fat, f.Answer, f.Entity)
		}
	}
	for i, s := range b.Smalltalk {
		at := fmt.Sprintf("smalltalk.%d", i)
		v.text(at+".id", s.ID)
		if s.Kind != "help" && s.Kind != "smalltalk" {
			v.fail(at+".kind", "must be help or smalltalk, got %q", s.Kind)
		}
		if len(s.Phrases) == 0 {
			v.fail(at+".phrases", "is missing or empty")
		}
		v.template(b, at+".reply", s.Reply, "")
	}
	for i, f := range b.Digest.Facts {
		v.template(b, fmt.Sprintf("digest.facts.%d", i), f, "")
	}
	if b.Digest.Footer != "" {
		v.template(b, "digest.footer", b.Digest.Footer, "")
	}
	for i, t := range b.Topics {
		for j, id := range t.Covers {
			if !ids[id] || id == t.ID {
				v.fail(fmt.Sprintf("topics.%d.covers.%d", i, j), "unknown topic id %q (or the topic itself)", id)
			}
		}
	}
	for i, id := range b.Suggest {
		if !ids[id] {
			v.fail(fmt.Sprintf("suggest.%d", i), "unknown topic id %q", id)
		}
	}
	years := 0
	for i, u := range b.Language.Unsupported {
		at := fmt.Sprintf("language.unsupported.%d", i)
		v.text(at+".id", u.ID)
		if u.Answers != "" && !ids[u.Answers] {
			v.fail(at+".answers", "unknown topic id %q", u.Answers)
		}
		if u.OtherYears {
			if years++; years > 1 {
				v.fail(at+".other_years", "only one unsupported reply can be for other years")
			}
		}
		if len(u.Words) == 0 {
			v.fail(at+".words", "is missing or empty")
		}
		v.template(b, at+".reply", u.Reply, "")
	}
}

func (v *validator) answer(b *Base, at string, a Answer, kind string) {
	v.template(b, at+".lead", a.Lead, kind)
	if a.Then != "" {
		v.template(b, at+".then", a.Then, kind)
	}
	for k, f := range a.Fields {
		if fact, ok := v.resolve(b, string(f), kind); !ok {
			v.fail(fmt.Sprintf("%s.fields.%d", at, k), "unknown fact %q", f)
		} else if len(fact.Fields) == 0 {
			v.fail(fmt.Sprintf("%s.fields.%d", at, k), "fact %q cannot be shown as a field", f)
		}
	}
	if a.Table != "" {
		if fact, ok := v.resolve(b, a.Table, kind); !ok || fact.Table == nil {
			v.fail(at+".table", "%q is not a table fact (want employment.industries or pay.industries)", a.Table)
		}
	}
}

func (v *validator) template(b *Base, at, tmpl, kind string) {
	v.text(at, tmpl)
	if !balanced(tmpl) {
		v.fail(at, "unbalanced { } in %q", tmpl)
		return
	}
	for _, name := range templateNames(tmpl) {
		if _, ok := v.resolve(b, name, kind); !ok {
			v.fail(at, "unknown fact {%s}", name)
		}
	}
}

// balanced says whether every "{" in tmpl is closed by a "}" before the next "{".
func balanced(tmpl string) bool {
	open := false
	for i := 0; i < len(tmpl); i++ {
		switch tmpl[i] {
		case '{':
			if open {
				return false
			}
			open = true
		case '}':
			if !open {
				return false
			}
			open = false
		}
	}
	return !open
}

// resolve looks a fact name up as a facet of the given entity kind would see it.
func (v *validator) resolve(b *Base, name, kind string) (Fact, bool) {
	var e *Entity
	if kind != "" {
		if es := b.entities[kind]; len(es) > 0 {
			e = &es[0]
		}
	}
	return b.Lookup(name, e)
}

// replies checks that every reply is there and uses only the placeholders it may.
func (v *validator) replies(r *Replies) {
	common := []string{"occupation", "source", "topics"}
	for _, c := range []struct {
		key, text string
		extra     []string
	}{
		{"empty", r.Empty, nil}, {"no_topic", r.NoTopic, nil},
		{"other_occupation", r.OtherOccupation, nil}, {"other_occupation_aside", r.OtherOccupationAside, nil},
		{"personal", r.Personal, nil}, {"related", r.Related, []string{"name", "relation"}},
		{"clarify", r.Clarify, nil}, {"did_you_mean", r.DidYouMean, []string{"suggestions"}},
		{"unknown", r.Unknown, nil}, {"declined_title", r.DeclinedTitle, nil},
		{"declined_note", r.DeclinedNote, nil}, {"help_title", r.HelpTitle, nil},
		{"smalltalk_title", r.SmalltalkTitle, nil}, {"topics_note", r.TopicsNote, nil},
		{"together", r.Together, []string{"name"}}, {"no_more", r.NoMore, []string{"title"}},
		{"feedback_up", r.FeedbackUp, nil}, {"feedback_down", r.FeedbackDown, nil},
		{"labels.also_ask", r.Labels.AlsoAsk, nil}, {"labels.try", r.Labels.Try, nil},
		{"labels.source", r.Labels.Source, nil},
	} {
		path := "replies." + c.key
		if c.key != "together" && c.key != "no_more" || c.text != "" { // optional
			v.text(path, c.text)
		}
		for _, m := range placeholder.FindAllStringSubmatch(c.text, -1) {
			if !slices.Contains(common, m[1]) && !slices.Contains(c.extra, m[1]) {
				v.fail(path, "has {%s}; it may use {%s}", m[1], strings.Join(append(common, c.extra...), "}, {"))
			}
		}
	}
}

// compare checks the comparison sentences: each is there and uses only {figure} and the
// profile's facts.
func (v *validator) compare(b *Base, c *Compare) {
	for _, x := range []struct{ key, text string }{
		{"below_median", c.BelowMedian}, {"at_median", c.AtMedian}, {"above_median", c.AboveMedian},
		{"growth", c.Growth}, {"nothing", c.Nothing},
	} {
		path := "replies.compare." + x.key
		v.text(path, x.text)
		if !balanced(x.text) {
			v.fail(path, "unbalanced { } in %q", x.text)
			continue
		}
		for _, name := range templateNames(x.text) {
			if _, ok := v.resolve(b, name, ""); !ok && name != "figure" {
				v.fail(path, "has {%s}; it may use {figure} and the profile's facts", name)
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{([a-z_]+)\}`)
