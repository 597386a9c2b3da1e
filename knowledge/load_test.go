package knowledge_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"go.yaml.in/yaml/v3"

	"github.com/careerbot/careerbot/knowledge"
)

// dataFile is the knowledge file that knowledge.Default embeds, read from disk so the
// broken variants below are built from exactly what ships.
const dataFile = "data/health-information-technologists.yaml"

func readData(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(dataFile)
	if err != nil {
		t.Fatalf("read %s: %v", dataFile, err)
	}
	return string(data)
}

// lineOf returns the 1-based number of the nth (from 1) line of text that is exactly line.
func lineOf(t *testing.T, text, line string, nth int) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if l == line {
			if nth--; nth == 0 {
				return i + 1
			}
		}
	}
	t.Fatalf("no line %q in the test data", line)
	return 0
}

// knowledgeErrors returns every *knowledge.Error inside err, which Parse joins.
func knowledgeErrors(err error) []*knowledge.Error {
	if err == nil {
		return nil
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		var out []*knowledge.Error
		for _, e := range u.Unwrap() {
			out = append(out, knowledgeErrors(e)...)
		}
		return out
	}
	var ke *knowledge.Error
	if errors.As(err, &ke) {
		return []*knowledge.Error{ke}
	}
	return nil
}

func TestDefaultLoads(t *testing.T) {
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatalf("Default() error: %v", err)
	}
	if kb.Name != knowledge.DefaultName {
		t.Errorf("Default().Name = %q, want %q", kb.Name, knowledge.DefaultName)
	}
	if len(kb.Topics) == 0 {
		t.Errorf("Default() has no topics")
	}
	// Facts as answers state them: every figure is formatted once, at load.
	facts := []struct {
		name, want string
	}{
		{"occupation", "health information technologists and medical registrars"},
		{"source.publisher", "U.S. Bureau of Labor Statistics"},
		{"pay.median", "$55,560"},
		{"pay.lowest_10", "$29,680"},
		{"pay.highest_10", "$98,490"},
		{"employment.jobs", "39,900"},
		{"employment.year", "2021"},
		{"employment.top_employer_share", "46%"},
		{"outlook.growth", "17%"},
		{"outlook.base_year", "2021"},
		{"outlook.projected_year", "2031"},
		{"outlook.openings_per_year", "3,400"},
		{"outlook.employment", "39,900"},
		{"outlook.projected_employment", "46,900"},
		{"outlook.change", "7,000"},
		{"pay.top_industry_wage", "$77,290"},
		{"pay.bottom_industry_wage", "$44,990"},
		{"related.names", "medical records specialists and medical and health services managers"},
	}
	for _, f := range facts {
		got, ok := kb.Fact(f.name)
		if !ok {
			t.Errorf("Default().Fact(%q) not found", f.name)
			continue
		}
		if got.Text != f.want {
			t.Errorf("Default().Fact(%q).Text = %q, want %q", f.name, got.Text, f.want)
		}
	}
	// Every {fact} in every answer was resolved at load, so none is left for a user to see.
	for _, t0 := range kb.Topics {
		leads := []string{t0.Answer.Lead}
		for _, f := range t0.Facets {
			if f.Entity == "" {
				leads = append(leads, f.Lead)
			}
		}
		for _, l := range leads {
			if got := kb.Expand(l, nil); strings.ContainsAny(got, "{}") {
				t.Errorf("topic %q: Expand(%q) = %q, want no { } left", t0.ID, l, got)
			}
		}
	}
}

// brokenCase is one broken copy of the default file, and the error it must give.
type brokenCase struct {
	name     string
	old, new string // the line (with its newline) replaced in the default file
	// The error that must be among those returned: its field, the line it points at
	// (the first line of the broken file equal to wantLine, or the nth when nth > 0),
	// and part of its message.
	wantField string
	wantLine  string
	nth       int
	wantMsg   string
}

// profileCases break the profile's figures, the replies and the topics' shape.
var profileCases = []brokenCase{
	{
		name:      "median is a string",
		old:       "    median: 55560\n",
		new:       "    median: abc\n",
		wantField: "profile.pay.median",
		wantLine:  "    median: abc",
		wantMsg:   "abc",
	},
	{
		name:      "a reply with a placeholder it cannot fill",
		old:       "  unknown: \"I don't know that one.\"\n",
		new:       "  unknown: \"I don't know {question}.\"\n",
		wantField: "replies.unknown",
		wantLine:  "  unknown: \"I don't know {question}.\"",
		wantMsg:   "has {question}",
	},
	{
		name:      "a reply is missing",
		old:       "  clarify: \"I'm not sure what you're asking.\"\n",
		new:       "",
		wantField: "replies.clarify",
		wantLine:  "replies:",
		wantMsg:   "missing",
	},
	{
		name:      "median is missing",
		old:       "    median: 55560\n",
		new:       "",
		wantField: "profile.pay.median",
		wantLine:  "  pay:", // the deepest part of the path that exists
		wantMsg:   "greater than 0",
	},
	{
		name:      "median is zero",
		old:       "    median: 55560\n",
		new:       "    median: 0\n",
		wantField: "profile.pay.median",
		wantLine:  "    median: 0",
		wantMsg:   "greater than 0",
	},
	{
		name:      "unknown field",
		old:       "    median: 55560\n",
		new:       "    median: 55560\n    bonus: 3000\n",
		wantField: "profile.pay.bonus",
		wantLine:  "    bonus: 3000",
		wantMsg:   "unknown field",
	},
	{
		name:      "misspelt field",
		old:       "    median: 55560\n",
		new:       "    medain: 55560\n",
		wantField: "profile.pay.medain",
		wantLine:  "    medain: 55560",
		wantMsg:   "unknown field",
	},
	{
		name:      "pay out of order",
		old:       "    lowest_10: 29680\n",
		new:       "    lowest_10: 60000\n",
		wantField: "profile.pay",
		wantLine:  "  pay:",
		wantMsg:   "lowest_10 < median < highest_10",
	},
	{
		name:      "change does not match the projection",
		old:       "    change: 7000\n",
		new:       "    change: 7001\n",
		wantField: "profile.outlook.change",
		wantLine:  "    change: 7001",
		wantMsg:   "projected_employment - employment is 7000",
	},
	{
		name:      "projection does not match the change",
		old:       "    projected_employment: 46900\n",
		new:       "    projected_employment: 47900\n",
		wantField: "profile.outlook.change",
		wantLine:  "    change: 7000",
		wantMsg:   "projected_employment - employment is 8000",
	},
	{
		name:      "projected year before base year",
		old:       "    projected_year: 2031\n",
		new:       "    projected_year: 2011\n",
		wantField: "profile.outlook.projected_year",
		wantLine:  "    projected_year: 2011",
		wantMsg:   "after base_year",
	},
	{
		name:      "employment share over 100",
		old:       "      employment_share: 46\n",
		new:       "      employment_share: 146\n",
		wantField: "profile.industries.0.employment_share",
		wantLine:  "      employment_share: 146",
		wantMsg:   "between 1 and 100",
	},
	{
		name:      "duplicate topic id",
		old:       "  - id: work_environment\n",
		new:       "  - id: duties\n",
		wantField: "topics.1.id",
		wantLine:  "  - id: duties",
		nth:       2,
		wantMsg:   `duplicate topic id "duties"`,
	},
	{
		name:      "suggested topic that does not exist",
		old:       "suggest: [pay, outlook,",
		new:       "suggest: [wages, outlook,",
		wantField: "suggest.0",
		wantLine:  "suggest: [wages, outlook, education, certification, duties, employment]",
		wantMsg:   `unknown topic id "wages"`,
	},
	{
		name:      "a topic covering one that does not exist",
		old:       "    covers: [education, certification, qualities]\n",
		new:       "    covers: [education, credentials, qualities]\n",
		wantField: "topics.5.covers.1",
		wantLine:  "    covers: [education, credentials, qualities]",
		wantMsg:   `unknown topic id "credentials"`,
	},
	{
		name:      "two replies for other years",
		old:       "    - id: location\n",
		new:       "    - id: location\n      other_years: true\n",
		wantField: "language.unsupported.3.other_years",
		wantLine:  "      other_years: true",
		nth:       2,
		wantMsg:   "only one unsupported reply can be for other years",
	},
	{
		name:      "unsupported kind answering a topic that does not exist",
		old:       "      answers: pay\n",
		new:       "      answers: wages\n",
		wantField: "language.unsupported.10.answers",
		wantLine:  "      answers: wages",
		wantMsg:   `unknown topic id "wages"`,
	},
	{
		name:      "empty occupation",
		old:       "  occupation: health information technologists and medical registrars\n",
		new:       "  occupation: \"\"\n",
		wantField: "profile.occupation",
		wantLine:  `  occupation: ""`,
		wantMsg:   "missing or empty",
	},
}

// shapeCases break the generic shapes: sub-occupations and credentials name facts, so
// their ids and abbreviations must be there, well formed and unique.
var shapeCases = []brokenCase{
	{
		name:      "duplicate sub-occupation id",
		old:       "      - id: medical_registrars\n        name: Medical registrars\n",
		new:       "      - id: technologists\n        name: Medical registrars\n",
		wantField: "profile.duties.sub_occupations.1.id",
		wantLine:  "      - id: technologists",
		nth:       2,
		wantMsg:   `duplicate sub-occupation id "technologists" (first at profile.duties.sub_occupations.0)`,
	},
	{
		name:      "sub-occupation id that cannot name a fact",
		old:       "      - id: medical_registrars\n        name: Medical registrars\n",
		new:       "      - id: Medical registrars\n        name: Medical registrars\n",
		wantField: "profile.duties.sub_occupations.1.id",
		wantLine:  "      - id: Medical registrars",
		wantMsg:   "lower-case letters, digits and _",
	},
	{
		name:      "duplicate specialty id",
		old:       "      - id: data_analysis\n",
		new:       "      - id: electronic_health_records\n",
		wantField: "profile.duties.specialties.1.id",
		wantLine:  "      - id: electronic_health_records",
		nth:       2,
		wantMsg:   `duplicate specialty id "electronic_health_records" (first at profile.duties.specialties.0)`,
	},
	{
		name:      "sub-occupation without a description",
		old:       "        description: Medical registrars create and maintain databases of information, such as those used to track a particular disease or condition.\n",
		new:       "",
		wantField: "profile.duties.sub_occupations.1.description",
		wantLine:  "      - id: medical_registrars",
		wantMsg:   "missing or empty",
	},
	{
		name:      "a field of the old, occupation-specific shape",
		old:       "    see_also: For information",
		new:       "    medical_registrars: Medical registrars create databases.\n    see_also: For information",
		wantField: "profile.duties.medical_registrars",
		wantLine:  "    medical_registrars: Medical registrars create databases.",
		wantMsg:   "unknown field",
	},
	{
		name:      "a template with a fact name from before sub-occupations",
		old:       `        lead: "{duties.sub.medical_registrars}"` + "\n",
		new:       `        lead: "{duties.medical_registrars}"` + "\n",
		wantField: "topics.0.facets.2.lead",
		wantLine:  `        lead: "{duties.medical_registrars}"`,
		wantMsg:   "unknown fact {duties.medical_registrars}",
	},
	{
		name:      "credential without abbr",
		old:       "          - abbr: CDIP\n            name: Certified Documentation Improvement Practitioner\n",
		new:       "          - name: Certified Documentation Improvement Practitioner\n",
		wantField: "profile.certification.issuers.0.credentials.1.abbr",
		wantLine:  "          - name: Certified Documentation Improvement Practitioner",
		wantMsg:   "missing or empty (it names the fact certification.<abbr>)",
	},
	{
		name:      "credential without about",
		old:       "            about: The Certified Health Data Analyst (CHDA) is one of the certifications from the American Health Information Management Association (AHIMA).\n",
		new:       "",
		wantField: "profile.certification.issuers.0.credentials.2.about",
		wantLine:  "          - abbr: CHDA",
		wantMsg:   "missing or empty",
	},
	{
		name:      "duplicate credential abbr, in another case",
		old:       "          - abbr: CDIP\n",
		new:       "          - abbr: rhit\n",
		wantField: "profile.certification.issuers.0.credentials.1.abbr",
		wantLine:  "          - abbr: rhit",
		wantMsg:   `"rhit" names the same fact, certification.rhit, as profile.certification.issuers.0.credentials.0.abbr`,
	},
	{
		name:      "credential abbr equal to an issuer's",
		old:       "          - abbr: CTR\n",
		new:       "          - abbr: AHIMA\n",
		wantField: "profile.certification.issuers.1.credentials.0.abbr",
		wantLine:  "          - abbr: AHIMA",
		wantMsg:   "certification.ahima, as profile.certification.issuers.0.abbr",
	},
	{
		name:      "credential abbr that names a fixed fact",
		old:       "          - abbr: CHDA\n",
		new:       "          - abbr: Summary\n",
		wantField: "profile.certification.issuers.0.credentials.2.abbr",
		wantLine:  "          - abbr: Summary",
		wantMsg:   "certification.summary, which is taken",
	},
	{
		name:      "credential abbr with no letter or digit",
		old:       "          - abbr: CHDA\n",
		new:       "          - abbr: \"--\"\n",
		wantField: "profile.certification.issuers.0.credentials.2.abbr",
		wantLine:  `          - abbr: "--"`,
		wantMsg:   "needs a letter or digit",
	},
	{
		name:      "named issuer without abbr",
		old:       "        abbr: AHIMA\n",
		new:       "",
		wantField: "profile.certification.issuers.0.abbr",
		wantLine:  "      - name: American Health Information Management Association",
		wantMsg:   "missing or empty",
	},
	{
		name:      "issuer abbr without a name",
		old:       "      - name: American Health Information Management Association\n        abbr: AHIMA\n",
		new:       "      - abbr: AHIMA\n",
		wantField: "profile.certification.issuers.0.name",
		wantLine:  "      - abbr: AHIMA",
		wantMsg:   `missing or empty (the issuer has abbr "AHIMA")`,
	},
	{
		name:      "a second group without an issuer",
		old:       "\n  advancement:\n",
		new:       "      - credentials:\n          - abbr: XYZ\n            name: X Y Z\n            about: About XYZ.\n\n  advancement:\n",
		wantField: "profile.certification.issuers.2",
		wantLine:  "      - credentials:",
		nth:       2,
		wantMsg:   "a second group without an issuer (the first is profile.certification.issuers.1)",
	},
	{
		name:      "issuer without credentials",
		old:       "      - credentials:\n          - abbr: CTR\n",
		new:       "      - name: Nobody\n        abbr: NOB\n        credentials: []\n      - credentials:\n          - abbr: CTR\n",
		wantField: "profile.certification.issuers.1.credentials",
		wantLine:  "        credentials: []",
		wantMsg:   "missing or empty",
	},
	{
		name:      "a certification field of the old shape",
		old:       "    issuers:\n",
		new:       "    list: []\n    issuers:\n",
		wantField: "profile.certification.list",
		wantLine:  "    list: []",
		wantMsg:   "unknown field",
	},
	{
		name:      "duplicate organization abbr",
		old:       "      abbr: CAHIIM\n      for: a list",
		new:       "      abbr: ahima\n      for: a list",
		wantField: "profile.organizations.1.abbr",
		wantLine:  "      abbr: ahima",
		wantMsg:   "organizations.ahima, as profile.organizations.0.abbr",
	},
}

// payCases break the pay topic, wherever it is in the file.
func payCases(payAt string) []brokenCase {
	payLead := `      lead: "The median annual wage for {occupation} is {pay.median}."`
	payFields := "      fields: [pay.lowest_10, pay.highest_10]"
	return []brokenCase{
		{
			name:      "lead refers to an unknown fact",
			old:       payLead + "\n",
			new:       `      lead: "The median annual wage for {occupation} is {no.such.fact}."` + "\n",
			wantField: payAt + ".answer.lead",
			wantLine:  `      lead: "The median annual wage for {occupation} is {no.such.fact}."`,
			wantMsg:   "{no.such.fact}",
		},
		{
			name:      "lead with unbalanced braces",
			old:       payLead + "\n",
			new:       `      lead: "The median annual wage for {occupation} is {pay.median."` + "\n",
			wantField: payAt + ".answer.lead",
			wantLine:  `      lead: "The median annual wage for {occupation} is {pay.median."`,
			wantMsg:   "unbalanced",
		},
		{
			name:      "then lead refers to an unknown fact",
			old:       `      then: "Their median annual wage is {pay.median}."` + "\n",
			new:       `      then: "Their median annual wage is {pay.nope}."` + "\n",
			wantField: payAt + ".answer.then",
			wantLine:  `      then: "Their median annual wage is {pay.nope}."`,
			wantMsg:   "{pay.nope}",
		},
		{
			name:      "field refers to an unknown fact",
			old:       payFields + "\n",
			new:       "      fields: [pay.lowest_10, pay.nope]\n",
			wantField: payAt + ".answer.fields.1",
			wantLine:  "      fields: [pay.lowest_10, pay.nope]",
			wantMsg:   `"pay.nope"`,
		},
	}
}

func TestParseBrokenFile(t *testing.T) {
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatalf("Default() error: %v", err)
	}
	payTopic := slices.IndexFunc(kb.Topics, func(tp knowledge.Topic) bool { return tp.ID == "pay" })
	if payTopic < 0 {
		t.Fatal("Default() has no pay topic")
	}
	tests := slices.Concat(profileCases, shapeCases, payCases("topics."+strconv.Itoa(payTopic)))
	runBroken(t, readData(t), tests)
}

// runBroken parses each broken copy and checks the error names the file, line and field.
func runBroken(t *testing.T, orig string, tests []brokenCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(orig, tt.old) {
				t.Fatalf("the default file has no line %q to replace; update the test", tt.old)
			}
			broken := strings.Replace(orig, tt.old, tt.new, 1)
			wantLine := lineOf(t, broken, tt.wantLine, max(tt.nth, 1))
			const name = "broken.yaml"
			kb, err := knowledge.Parse(name, []byte(broken))
			if err == nil {
				t.Fatalf("Parse(%s) = %v, nil; want an error for %s", tt.name, kb, tt.wantField)
			}
			if kb != nil {
				t.Errorf("Parse(%s) returned a Base along with error %v", tt.name, err)
			}
			var first *knowledge.Error
			if !errors.As(err, &first) {
				t.Fatalf("Parse(%s) error %v (%T) is not a *knowledge.Error", tt.name, err, err)
			}
			var found *knowledge.Error
			for _, e := range knowledgeErrors(err) {
				if e.File != name {
					t.Errorf("Parse(%s): error %q has File %q, want %q", tt.name, e, e.File, name)
				}
				if e.Line < 1 {
					t.Errorf("Parse(%s): error %q has Line %d, want >= 1", tt.name, e, e.Line)
				}
				if e.Field == tt.wantField {
					found = e
				}
			}
			if found == nil {
				t.Fatalf("Parse(%s) error = %v, want one with Field %q", tt.name, err, tt.wantField)
			}
			if found.Line != wantLine {
				t.Errorf("Parse(%s): %s error Line = %d, want %d (%q)", tt.name, tt.wantField, found.Line, wantLine, tt.wantLine)
			}
			if !strings.Contains(found.Msg, tt.wantMsg) {
				t.Errorf("Parse(%s): %s error Msg = %q, want it to contain %q", tt.name, tt.wantField, found.Msg, tt.wantMsg)
			}
			// The message a person reads names all three: file, line and field.
			msg := err.Error()
			for _, want := range []string{name + ":" + strconv.Itoa(wantLine) + ":", tt.wantField, tt.wantMsg} {
				if !strings.Contains(msg, want) {
					t.Errorf("Parse(%s).Error() = %q, want it to contain %q", tt.name, msg, want)
				}
			}
		})
	}
}

// yamlCase is a variant of the shipped file that differs only in what YAML itself gives
// meaning to.
type yamlCase struct {
	name     string
	old, new string // the line (with its newline) replaced in the default file
	// wantField and wantMsg describe the error Parse must return; both empty when the
	// file must load.
	wantField, wantMsg string
	// check looks at what loaded, when it must load; it returns a problem or "".
	check func(*knowledge.Base) string
}

// yamlCases are read by TestParseReadsYAMLAsYAMLv3Does.
var yamlCases = []yamlCase{
	{
		// YAML reads a leading 0 as octal: 055560 is 23408, below the lowest 10 percent.
		name:      "median with a leading zero is octal",
		old:       "    median: 55560\n",
		new:       "    median: 055560\n",
		wantField: "profile.pay",
		wantMsg:   "got 29680, 23408, 98490",
	},
	{
		name: "null list item is dropped",
		old:  "    - health information technologist\n",
		new:  "    - null\n",
		check: func(kb *knowledge.Base) string {
			if slices.Contains(kb.Profile.Aliases, "") {
				return fmt.Sprintf("profile.aliases = %q, want no empty alias", kb.Profile.Aliases)
			}
			return ""
		},
	},
	{
		name: "tilde list item is dropped",
		old:  "    - health information technologist\n",
		new:  "    - ~\n",
		check: func(kb *knowledge.Base) string {
			if slices.Contains(kb.Profile.Aliases, "") {
				return fmt.Sprintf("profile.aliases = %q, want no empty alias", kb.Profile.Aliases)
			}
			return ""
		},
	},
	{
		name: "null key is dropped",
		old:  "    wat: what\n",
		new:  "    null: what\n",
		check: func(kb *knowledge.Base) string {
			for _, k := range []string{"null", ""} {
				if v, ok := kb.Language.Synonyms[k]; ok {
					return fmt.Sprintf("language.synonyms[%q] = %q, want no such key", k, v)
				}
			}
			return ""
		},
	},
	{
		name: "tilde key is dropped",
		old:  "    wat: what\n",
		new:  "    ~: what\n",
		check: func(kb *knowledge.Base) string {
			for _, k := range []string{"~", ""} {
				if v, ok := kb.Language.Synonyms[k]; ok {
					return fmt.Sprintf("language.synonyms[%q] = %q, want no such key", k, v)
				}
			}
			return ""
		},
	},
	{
		name:    "merge key with a scalar",
		old:     "    wat: what\n",
		new:     "    <<: what\n",
		wantMsg: "map merge requires map or sequence of maps",
	},
	{
		name:    "C1 control character in a value",
		old:     "    wat: what\n",
		new:     "    wat: wh\u0086at\n",
		wantMsg: "control characters are not allowed",
	},
	{
		name:    "C1 control character in the title",
		old:     "  title: Health information technologists and medical registrars\n",
		new:     "  title: Health information\u0080 technologists and medical registrars\n",
		wantMsg: "control characters are not allowed",
	},
}

// TestParseReadsYAMLAsYAMLv3Does loads variants of the shipped file that differ from it only
// in ways YAML itself gives meaning to, and checks that Parse reads each exactly as
// go.yaml.in/yaml/v3 does: the same typed values when yaml/v3 decodes it, an error carrying
// yaml/v3's message when yaml/v3 rejects it. A profile must never load with figures or words
// that the YAML library would read differently.
func TestParseReadsYAMLAsYAMLv3Does(t *testing.T) {
	orig := readData(t)
	for _, tt := range yamlCases {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(orig, tt.old) {
				t.Fatalf("the default file has no line %q to replace; update the test", tt.old)
			}
			data := []byte(strings.Replace(orig, tt.old, tt.new, 1))
			const name = "variant.yaml"
			kb, err := knowledge.Parse(name, data)

			// What the YAML library itself makes of the file.
			ref := knowledge.Base{Name: name}
			yerr := yaml.Unmarshal(data, &ref)
			if yerr != nil {
				if err == nil {
					t.Fatalf("Parse loaded the file; yaml/v3 rejects it: %v", yerr)
				}
				if want := strings.TrimPrefix(yerr.Error(), "yaml: "); !strings.Contains(err.Error(), want) {
					t.Errorf("Parse error = %q, want it to carry yaml/v3's %q", err, want)
				}
			}

			if tt.wantMsg != "" {
				if err == nil {
					t.Fatalf("Parse loaded the file, want an error containing %q", tt.wantMsg)
				}
				var found bool
				for _, e := range knowledgeErrors(err) {
					if e.File != name || e.Line < 1 {
						t.Errorf("error %q: File %q, Line %d; want %q and a line", e, e.File, e.Line, name)
					}
					found = found || e.Field == tt.wantField && strings.Contains(e.Msg, tt.wantMsg)
				}
				if !found {
					t.Errorf("Parse error = %v, want one with Field %q and a message containing %q", err, tt.wantField, tt.wantMsg)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse error: %v (yaml/v3: %v)", err, yerr)
			}
			if diff := cmp.Diff(&ref, kb, cmpopts.IgnoreUnexported(knowledge.Base{})); diff != "" {
				t.Errorf("Parse read the file differently from yaml/v3 (-yaml/v3 +Parse):\n%s", diff)
			}
			if tt.check != nil {
				if msg := tt.check(kb); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
}

func TestParseEmptyOrMalformed(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		wantMsg string // part of the first error's message; "" for any
	}{
		{"empty", "", "empty"},
		{"blank lines", "\n\n   \n", "empty"},
		{"only a comment", "# nothing here\n", "empty"},
		{"not YAML", "profile: [\n", ""},
		{"a list, not a mapping", "- a\n- b\n", ""},
		{"empty profile", "profile: {}\n", "missing or empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const name = "empty.yaml"
			kb, err := knowledge.Parse(name, []byte(tt.data))
			if err == nil {
				t.Fatalf("Parse(%q) = %v, nil; want an error", tt.data, kb)
			}
			var ke *knowledge.Error
			if !errors.As(err, &ke) {
				t.Fatalf("Parse(%q) error %v (%T) is not a *knowledge.Error", tt.data, err, err)
			}
			if ke.File != name {
				t.Errorf("Parse(%q): File = %q, want %q", tt.data, ke.File, name)
			}
			if ke.Line < 1 {
				t.Errorf("Parse(%q): Line = %d, want >= 1", tt.data, ke.Line)
			}
			if !strings.Contains(ke.Msg, tt.wantMsg) {
				t.Errorf("Parse(%q): Msg = %q, want it to contain %q", tt.data, ke.Msg, tt.wantMsg)
			}
		})
	}
}

func TestLoadFile(t *testing.T) {
	orig := readData(t)
	dir := t.TempDir()
	write := func(name, data string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", orig)
	bad := write("bad.yaml", strings.Replace(orig, "    median: 55560\n", "    median: abc\n", 1))
	big := write("big.yaml", orig+strings.Repeat("#", 5<<20))
	missing := filepath.Join(dir, "no-such-file.yaml")

	t.Run("valid file", func(t *testing.T) {
		kb, err := knowledge.LoadFile(good)
		if err != nil {
			t.Fatalf("LoadFile(%q) error: %v", good, err)
		}
		if kb.Name != good {
			t.Errorf("LoadFile(%q).Name = %q, want %q", good, kb.Name, good)
		}
		if f, _ := kb.Fact("pay.median"); f.Text != "$55,560" {
			t.Errorf("LoadFile(%q): pay.median = %q, want %q", good, f.Text, "$55,560")
		}
	})
	t.Run("invalid file", func(t *testing.T) {
		_, err := knowledge.LoadFile(bad)
		var ke *knowledge.Error
		if !errors.As(err, &ke) {
			t.Fatalf("LoadFile(%q) error = %v, want a *knowledge.Error", bad, err)
		}
		if ke.File != bad {
			t.Errorf("LoadFile(%q): File = %q, want the path", bad, ke.File)
		}
		if want := lineOf(t, strings.Replace(orig, "    median: 55560\n", "    median: abc\n", 1), "    median: abc", 1); ke.Line != want {
			t.Errorf("LoadFile(%q): Line = %d, want %d", bad, ke.Line, want)
		}
		if ke.Field != "profile.pay.median" {
			t.Errorf("LoadFile(%q): Field = %q, want %q", bad, ke.Field, "profile.pay.median")
		}
	})
	t.Run("missing file", func(t *testing.T) {
		kb, err := knowledge.LoadFile(missing)
		if err == nil {
			t.Fatalf("LoadFile(%q) = %v, nil; want an error", missing, kb)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("LoadFile(%q) error = %v, want one that wraps fs.ErrNotExist", missing, err)
		}
		if !strings.Contains(err.Error(), missing) {
			t.Errorf("LoadFile(%q) error = %q, want it to name the path", missing, err)
		}
	})
	t.Run("file too large", func(t *testing.T) {
		_, err := knowledge.LoadFile(big)
		if err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("LoadFile(%q) error = %v, want it to say the file is larger than the limit", big, err)
		}
	})
}
