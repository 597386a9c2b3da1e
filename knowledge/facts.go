package knowledge

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Field is a labelled value shown beside an answer's lead sentence.
type Field struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Table is a small table, such as industries and their median wages.
type Table struct {
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"`
}

// Fact is one named piece of the profile, ready to be said: Text goes into sentences,
// Fields are how it is shown as supporting fields, Table when it is a table.
type Fact struct {
	Text   string
	Fields []Field
	Table  *Table
}

// Entity is a named thing inside the profile that a question can point at: an industry,
// a certification or a quality. Its facts are named "<kind>.<name>" (industry.median_wage).
type Entity struct {
	Kind    string
	ID      string
	Name    string
	Aliases []string
	Facts   map[string]Fact
}

// Entity kinds a facet can name.
const (
	KindIndustry      = "industry"
	KindCertification = "certification"
	KindQuality       = "quality"
)

// Fact returns the named profile fact.
func (b *Base) Fact(name string) (Fact, bool) {
	f, ok := b.facts[name]
	return f, ok
}

// FactNames lists every profile fact name, sorted; the README documents them.
func (b *Base) FactNames() []string {
	names := make([]string, 0, len(b.facts))
	for n := range b.facts {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// AllFacts yields every profile fact, in no particular order.
func (b *Base) AllFacts() iter.Seq2[string, Fact] { return maps.All(b.facts) }

// Entities returns the entities of one kind, in file order.
func (b *Base) Entities(kind string) []Entity { return b.entities[kind] }

// Lookup resolves a fact name against an entity first (when e is not nil), then the profile.
// A name that starts with an upper-case letter ({Occupation}) returns the text capitalized.
func (b *Base) Lookup(name string, e *Entity) (Fact, bool) {
	capital := false
	if r, _ := utf8.DecodeRuneInString(name); unicode.IsUpper(r) {
		capital = true
		name = lowerFirst(name)
	}
	var f Fact
	ok := false
	if e != nil {
		f, ok = e.Facts[name]
	}
	if !ok {
		f, ok = b.facts[name]
	}
	if ok && capital {
		f.Text = upperFirst(f.Text)
	}
	return f, ok
}

// Expand replaces each {fact} in tmpl with the fact's text. Unknown names were rejected at
// load, so they cannot reach here from a validated Base; they are left as written.
func (b *Base) Expand(tmpl string, e *Entity) string {
	if !strings.Contains(tmpl, "{") {
		return tmpl
	}
	var sb strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			break
		}
		sb.WriteString(tmpl[:i])
		name := tmpl[i+1 : i+j]
		if f, ok := b.Lookup(name, e); ok {
			sb.WriteString(f.Text)
		} else {
			sb.WriteString(tmpl[i : i+j+1])
		}
		tmpl = tmpl[i+j+1:]
	}
	sb.WriteString(tmpl)
	return sb.String()
}

// templateNames returns the {names} a template refers to.
func templateNames(tmpl string) []string {
	var names []string
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			return names
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			return names
		}
		names = append(names, tmpl[i+1:i+j])
		tmpl = tmpl[i+j+1:]
	}
}

// Dollars formats whole dollars as "$55,560".
func Dollars(n int) string { return "$" + Count(n) }

// Count formats a whole number with thousands separators: 39900 -> "39,900".
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var sb strings.Builder
	if neg {
		sb.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sb.WriteByte(',')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// Percent formats a whole percent as "17%".
func Percent(n int) string { return strconv.Itoa(n) + "%" }

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsLower(r) {
		return s
	}
	// Keep acronyms (IT, BLS) as they are.
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// joinList joins items as people write them: "a, b, and c".
func joinList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return items[0] + " and " + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + ", and " + items[len(items)-1]
}

func text(s string) Fact { return Fact{Text: s} }

func field(textValue, label, value string) Fact {
	return Fact{Text: textValue, Fields: []Field{{Label: label, Value: value}}}
}

// facts is the profile's named facts as they are built.
type facts map[string]Fact

// buildFacts names every fact of the profile. It runs after validation, so the profile
// has what it needs; figures are formatted here, once, never in templates. Names that
// depend on the profile (duties.sub.<id>, certification.<abbr>, organizations.<abbr>) come
// from its ids and abbreviations, which validation keeps unique.
func (b *Base) buildFacts() {
	p := &b.Profile
	f := facts{}
	b.facts = f
	f["occupation"] = text(p.Occupation)
	f["title"] = text(p.Title)
	f.source(p.Source)
	f.duties(p.Duties)
	f["work.setting"] = field(p.Work.Setting, "Work setting", p.Work.Setting)
	f["work.schedule"] = field(p.Work.Schedule, "Schedule", p.Work.Schedule)
	f.employment(p.Employment, p.Industries)
	f.education(p.Education)
	f.certification(p.Certification)
	a := p.Advancement
	f["advancement.to"] = text(a.To)
	f["advancement.summary"] = text(a.Summary)
	f["advancement.requirements"] = field(a.Requirements, "To advance", a.Requirements)
	f.qualities(p.Qualities)
	f.pay(p.Pay, p.Industries)
	f.outlook(p.Outlook)
	f.related(p.Related)
	f.organizations(p.Organizations)
	b.buildEntities()
}

func (f facts) source(src Source) {
	f["source.publisher"] = text(src.Publisher)
	f["source.name"] = text(src.Name)
	f["source.page"] = text(src.Page)
	f["source.url"] = text(src.URL)
	line := fmt.Sprintf("%s, %s: %s", src.Publisher, src.Name, src.Page)
	if src.URL != "" {
		line += " (" + src.URL + ")"
	}
	f["source.line"] = text(line)
	f["source.sentence"] = field(fmt.Sprintf("Everything I say comes from the %s of the %s, page \"%s\".", src.Name, src.Publisher, src.Page), "Link", src.URL)
	f["source.permission"] = field(src.Permission, "Permission", src.Permission)
}

func (f facts) duties(d Duties) {
	f["duties.summary"] = text(d.Summary)
	f["duties.tasks"] = field(strings.Join(d.Tasks, " "), "Typical duties", strings.Join(d.Tasks, " "))
	var spec Fact
	var specNames []string
	for _, s := range d.Specialties {
		spec.Fields = append(spec.Fields, Field{Label: s.Name, Value: s.Description})
		specNames = append(specNames, strings.ToLower(s.Name))
		if s.ID != "" {
			f["duties.specialties."+s.ID] = text(s.Description)
		}
	}
	spec.Text = joinList(specNames)
	f["duties.specialties"] = spec
	var subs Fact
	var subNames []string
	for _, s := range d.SubOccupations {
		key := subKey(s.ID)
		f[key] = field(s.Description, s.Name, s.Description)
		f[key+".name"] = text(lowerFirst(s.Name))
		if len(s.Tasks) > 0 {
			tasks := strings.Join(s.Tasks, " ")
			f[key+".tasks"] = field(tasks, "What "+lowerFirst(s.Name)+" do", tasks)
		}
		subs.Fields = append(subs.Fields, Field{Label: s.Name, Value: s.Description})
		subNames = append(subNames, lowerFirst(s.Name))
	}
	if len(subNames) > 0 {
		subs.Text = joinList(subNames)
		f["duties.sub_occupations"] = subs
	}
	f["duties.see_also"] = field(d.SeeAlso, "See also", d.SeeAlso)
}

// subKey is the fact name of a sub-occupation: duties.sub.<id>.
func subKey(id string) string { return "duties.sub." + id }

func (f facts) employment(e Employment, industries []Industry) {
	f["employment.jobs"] = field(Count(e.Jobs), "Jobs", fmt.Sprintf("about %s (%d)", Count(e.Jobs), e.Year))
	f["employment.year"] = text(strconv.Itoa(e.Year))
	byShare := slices.Clone(industries)
	slices.SortStableFunc(byShare, func(a, b Industry) int { return cmp.Compare(b.EmploymentShare, a.EmploymentShare) })
	if len(byShare) > 0 {
		top := byShare[0]
		f["employment.top_employer"] = field(top.Name, "Largest employer", fmt.Sprintf("%s (%s of jobs)", top.Name, Percent(top.EmploymentShare)))
		f["employment.top_employer_lower"] = text(lowerFirst(top.Name))
		f["employment.top_employer_share"] = text(Percent(top.EmploymentShare))
	}
	shares := &Table{Columns: []string{"Largest employers", "Share of jobs"}}
	var ranked []string // one sentence per industry: their names hold commas and semicolons
	for _, in := range byShare {
		shares.Rows = append(shares.Rows, []string{in.Name, Percent(in.EmploymentShare)})
		ranked = append(ranked, fmt.Sprintf("%s, %s.", in.Name, Percent(in.EmploymentShare)))
	}
	f["employment.industries"] = Fact{Text: industryNames(byShare), Table: shares}
	f["employment.ranked"] = text(strings.Join(ranked, " "))
}

func (f facts) education(ed Education) {
	f["education.summary"] = text(ed.Summary)
	f["education.typical"] = text(ed.Typical)
	f["education.entry"] = field(ed.Entry, "Typical entry", ed.Entry)
	f["education.higher"] = field(ed.Higher, "Higher degrees", ed.Higher)
	f["education.high_school_subjects"] = field(joinList(ed.HighSchoolSubjects), "High school classes", upperFirst(joinList(ed.HighSchoolSubjects))+".")
	f["education.degree_fields"] = field(ed.DegreeFields, "Degree fields", ed.DegreeFields)
	var acc []string
	var accShort []string
	for _, a := range ed.Accreditors {
		acc = append(acc, fmt.Sprintf("the %s (%s) accredits %s", a.Name, a.Abbr, a.Accredits))
		accShort = append(accShort, fmt.Sprintf("%s (%s): %s.", a.Abbr, a.Name, a.Accredits))
	}
	accText := upperFirst(strings.Join(acc, "; ")) + "."
	f["education.accreditation"] = field(accText, "Accredited programs", strings.Join(accShort, " "))
	f["education.courses"] = field(joinList(ed.Courses), "Program courses", upperFirst(joinList(ed.Courses))+".")
}

// certification names the section's facts: one per credential (certification.<abbr>),
// two per named issuer (certification.<abbr>, certification.<abbr>.list), and the list.
func (f facts) certification(c Certification) {
	f["certification.summary"] = field(c.Summary, "Required?", c.Summary)
	f["certification.specializations"] = text(c.Specializations)
	f["certification.multiple"] = field(c.Multiple, "More than one", c.Multiple)
	var list Fact
	var all []string
	for _, g := range c.Issuers {
		var short, long []string
		for _, cr := range g.Credentials {
			list.Fields = append(list.Fields, Field{Label: cr.Abbr, Value: cr.About})
			short = append(short, fmt.Sprintf("%s (%s)", cr.Abbr, cr.Name))
			long = append(long, fmt.Sprintf("the %s (%s)", cr.Name, cr.Abbr))
			label := cr.Name
			if cr.For != "" {
				label = "For " + cr.For
			}
			f[credentialKey(cr.Abbr)] = field(cr.About, label, cr.About)
		}
		all = append(all, short...)
		if g.Abbr == "" {
			continue // no named issuer, no group facts
		}
		key := credentialKey(g.Abbr)
		f[key] = field(joinList(short), "From the "+g.Name, joinList(short)+".")
		f[key+".list"] = text(strings.TrimPrefix(joinList(long), "the "))
	}
	list.Text = strings.Join(all, ", ")
	f["certification.list"] = list
}

// credentialKey is the fact name of a credential or an issuer: certification.<abbr>.
func credentialKey(abbr string) string { return "certification." + factKey(abbr) }

// factKey turns an abbreviation into a fact name part: lower case, and every run of
// anything but letters and digits one "_" ("CPC-A" -> "cpc_a"), so {...} names stay plain.
func factKey(s string) string {
	var sb strings.Builder
	under := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if under && sb.Len() > 0 {
				sb.WriteByte('_')
			}
			under = false
			sb.WriteRune(r)
			continue
		}
		under = true
	}
	return sb.String()
}

func (f facts) qualities(qs []Quality) {
	var qnames []string
	var ql Fact
	for _, q := range qs {
		qnames = append(qnames, strings.ToLower(q.Name))
		ql.Fields = append(ql.Fields, Field{Label: q.Name, Value: q.Description})
	}
	ql.Text = joinList(qnames)
	f["qualities.list"] = ql
	f["qualities.names"] = field(joinList(qnames), "Important qualities", upperFirst(joinList(qnames))+".")
}

func (f facts) pay(pay Pay, industries []Industry) {
	f["pay.median"] = field(Dollars(pay.Median), "Median annual wage", Dollars(pay.Median))
	f["pay.lowest_10"] = field(Dollars(pay.Lowest10), "Lowest 10%", "less than "+Dollars(pay.Lowest10))
	f["pay.highest_10"] = field(Dollars(pay.Highest10), "Highest 10%", "more than "+Dollars(pay.Highest10))
	f["pay.median_definition"] = field(pay.MedianDefinition, "What median means", pay.MedianDefinition)
	byWage := slices.Clone(industries)
	slices.SortStableFunc(byWage, func(a, b Industry) int { return cmp.Compare(b.MedianWage, a.MedianWage) })
	wages := &Table{Columns: []string{"Industry", "Median annual wage"}}
	var ranked []string
	for _, in := range byWage {
		wages.Rows = append(wages.Rows, []string{in.Name, Dollars(in.MedianWage)})
		ranked = append(ranked, fmt.Sprintf("%s, %s.", in.Name, Dollars(in.MedianWage)))
	}
	f["pay.industries"] = Fact{Text: industryNames(byWage), Table: wages}
	f["pay.ranked"] = text(strings.Join(ranked, " "))
	if n := len(byWage); n > 0 {
		top, bottom := byWage[0], byWage[n-1]
		f["pay.top_industry"] = text(top.Name)
		f["pay.top_industry_lower"] = text(lowerFirst(top.Name))
		f["pay.top_industry_wage"] = text(Dollars(top.MedianWage))
		f["pay.top_industry_sentence"] = text(fmt.Sprintf("Of the top industries, %s pays the highest median annual wage, %s.", lowerFirst(top.Name), Dollars(top.MedianWage)))
		f["pay.bottom_industry"] = text(bottom.Name)
		f["pay.bottom_industry_lower"] = text(lowerFirst(bottom.Name))
		f["pay.bottom_industry_wage"] = text(Dollars(bottom.MedianWage))
		f["pay.bottom_industry_sentence"] = text(fmt.Sprintf("Of the top industries, %s pays the lowest median annual wage, %s.", lowerFirst(bottom.Name), Dollars(bottom.MedianWage)))
	}
}

func (f facts) outlook(o Outlook) {
	period := fmt.Sprintf("%d–%02d", o.BaseYear, o.ProjectedYear%100)
	f["outlook.growth"] = field(Percent(o.GrowthPercent), "Growth, "+period, fmt.Sprintf("%s, %s", Percent(o.GrowthPercent), o.Comparison))
	f["outlook.base_year"] = text(strconv.Itoa(o.BaseYear))
	f["outlook.projected_year"] = text(strconv.Itoa(o.ProjectedYear))
	f["outlook.period"] = text(period)
	f["outlook.comparison"] = text(o.Comparison)
	f["outlook.openings_per_year"] = field(Count(o.OpeningsPerYear), "Openings each year", "about "+Count(o.OpeningsPerYear))
	f["outlook.employment"] = field(Count(o.Employment), fmt.Sprintf("Employment, %d", o.BaseYear), Count(o.Employment))
	f["outlook.projected_employment"] = field(Count(o.ProjectedEmployment), fmt.Sprintf("Projected employment, %d", o.ProjectedYear), Count(o.ProjectedEmployment))
	// Occupations decline too: the sign and the word follow the change.
	sign, change := "+", "an increase of "+Count(o.Change)+" jobs"
	switch {
	case o.Change < 0:
		sign, change = "", "a decrease of "+Count(-o.Change)+" jobs"
	case o.Change == 0:
		change = "no change"
	}
	f["outlook.change"] = field(Count(o.Change), "Change, "+period, fmt.Sprintf("%s%s jobs", sign, Count(o.Change)))
	f["outlook.projected_year_employment_sentence"] = text(fmt.Sprintf("%s in %d, %s (%s).", Count(o.ProjectedEmployment), o.ProjectedYear, change, Percent(o.GrowthPercent)))
	f["outlook.replacement"] = field(o.Replacement, "Where openings come from", o.Replacement)
	if len(o.Reasons) > 0 {
		f["outlook.reason_first"] = text(o.Reasons[0])
		var rest Fact
		for _, r := range o.Reasons[1:] {
			rest.Fields = append(rest.Fields, Field{Label: "Also", Value: r})
		}
		f["outlook.reasons_rest"] = rest
	}
	for i, r := range o.Reasons { // one reason alone: outlook.reason.1, .2, …
		f["outlook.reason."+strconv.Itoa(i+1)] = text(r)
	}
	f["outlook.reasons"] = field(strings.Join(o.Reasons, " "), "Why", strings.Join(o.Reasons, " "))
}

func (f facts) related(r Related) {
	var rnames []string
	var rl Fact
	for _, o := range r.Occupations {
		rnames = append(rnames, o.Name)
		rl.Fields = append(rl.Fields, Field{Label: upperFirst(o.Name), Value: upperFirst(o.Relation) + "."})
	}
	rl.Text = joinList(rnames)
	f["related.names"] = text(joinList(rnames))
	f["related.list"] = rl
	f["related.summary"] = text(r.Summary)
}

func (f facts) organizations(orgs []Organization) {
	var ol Fact
	var onames []string
	for _, o := range orgs {
		ol.Fields = append(ol.Fields, Field{Label: fmt.Sprintf("%s (%s)", o.Name, o.Abbr), Value: upperFirst(o.For) + "."})
		onames = append(onames, o.Name)
	}
	ol.Text = joinList(onames)
	f["organizations.list"] = ol
	for _, o := range orgs {
		if o.Abbr == "" {
			continue // named only in the list
		}
		key := "organizations." + factKey(o.Abbr)
		f[key] = text(fmt.Sprintf("%s (%s)", o.Name, o.Abbr))
		f[key+"_for"] = text(o.For)
	}
}

// industryNames lists industries with semicolons: their names have commas of their own.
func industryNames(in []Industry) string {
	names := make([]string, len(in))
	for i, x := range in {
		names[i] = lowerFirst(x.Name)
	}
	return strings.Join(names, "; ")
}

func (b *Base) buildEntities() {
	p := &b.Profile
	b.entities = map[string][]Entity{}
	for _, in := range p.Industries {
		short := cmp.Or(in.Short, lowerFirst(in.Name))
		b.entities[KindIndustry] = append(b.entities[KindIndustry], Entity{
			Kind: KindIndustry, ID: in.ID, Name: in.Name, Aliases: in.Aliases,
			Facts: map[string]Fact{
				"industry.name":             text(in.Name),
				"industry.name_lower":       text(lowerFirst(in.Name)),
				"industry.short":            text(short),
				"industry.employment_share": field(Percent(in.EmploymentShare), "Share of jobs in "+short, Percent(in.EmploymentShare)),
				"industry.median_wage":      field(Dollars(in.MedianWage), "Median annual wage in "+short, Dollars(in.MedianWage)),
			},
		})
	}
	for _, g := range p.Certification.Issuers {
		for _, c := range g.Credentials {
			b.entities[KindCertification] = append(b.entities[KindCertification], Entity{
				Kind: KindCertification, ID: strings.ToLower(c.Abbr), Name: c.Abbr, Aliases: c.Aliases,
				Facts: map[string]Fact{
					"certification.abbr":         text(c.Abbr),
					"certification.name":         text(c.Name),
					"certification.issuer":       field(g.Name, "Issued by", g.Name),
					"certification.about":        text(c.About),
					"certification.requirements": field(c.Requirements, "Requirements", c.Requirements),
				},
			})
		}
	}
	for _, q := range p.Qualities {
		b.entities[KindQuality] = append(b.entities[KindQuality], Entity{
			Kind: KindQuality, ID: q.ID, Name: q.Name, Aliases: q.Aliases,
			Facts: map[string]Fact{
				"quality.name":        text(q.Name),
				"quality.description": field(q.Description, q.Name, q.Description),
			},
		})
	}
}
