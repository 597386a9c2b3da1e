package knowledge_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/careerbot/careerbot/knowledge"
)

// fixtureFile is a second, made-up profile: the model and its facts must fit any profile,
// not only the one careerbot ships with.
const fixtureFile = "testdata/fixture-profile.yaml"

func loadFixture(t *testing.T) *knowledge.Base {
	t.Helper()
	kb, err := knowledge.LoadFile(fixtureFile)
	if err != nil {
		t.Fatalf("LoadFile(%q) error: %v", fixtureFile, err)
	}
	return kb
}

// TestFixtureLoads loads the fixture and checks that its facts, those named from its own
// ids and abbreviations included, state its own figures.
func TestFixtureLoads(t *testing.T) {
	kb := loadFixture(t)
	// It must stay visibly a fixture wherever its source line is shown.
	for _, s := range []string{kb.Profile.Title, kb.Profile.Source.Publisher} {
		if !strings.Contains(strings.ToLower(s), "fixture") {
			t.Errorf("fixture title or publisher %q does not say it is a test fixture", s)
		}
	}
	if !strings.Contains(kb.Profile.Source.Publisher, "not BLS data") {
		t.Errorf("fixture publisher = %q, want it to say \"not BLS data\"", kb.Profile.Source.Publisher)
	}
	facts := []struct{ name, want string }{
		{"pay.median", "$61,230"},
		{"pay.lowest_10", "$33,410"},
		{"pay.highest_10", "$102,870"},
		{"pay.top_industry_wage", "$64,500"},
		{"pay.bottom_industry_wage", "$57,900"},
		{"employment.jobs", "12,300"},
		{"employment.top_employer_lower", "weather services"},
		{"employment.top_employer_share", "58%"},
		{"outlook.growth", "4%"},
		{"outlook.openings_per_year", "1,100"},
		{"outlook.change", "500"},
		{"outlook.projected_year_employment_sentence", "12,800 in 2032, an increase of 500 jobs (4%)."},
		{"duties.sub.storm_mappers", "Storm mappers chart the paths of storm clouds a day ahead."},
		{"duties.sub.storm_mappers.name", "storm mappers"},
		{"duties.sub.storm_mappers.tasks", "Track storm fronts. Warn harbours about squalls."},
		{"duties.sub_occupations", "storm mappers"},
		{"certification.ccc", "The Certified Cloud Cartographer (CCC) comes from the Guild of Cloud Cartographers (GCC)."},
		{"certification.gcc", "CCC (Certified Cloud Cartographer)"},
		{"certification.gcc.list", "Certified Cloud Cartographer (CCC)"},
		{"organizations.gcc", "Guild of Cloud Cartographers (GCC)"},
	}
	for _, f := range facts {
		got, ok := kb.Fact(f.name)
		if !ok {
			t.Errorf("fixture Fact(%q) not found", f.name)
			continue
		}
		if got.Text != f.want {
			t.Errorf("fixture Fact(%q).Text = %q, want %q", f.name, got.Text, f.want)
		}
	}
	if f, _ := kb.Fact("pay.industries"); f.Table == nil || len(f.Table.Rows) != 2 {
		t.Errorf("fixture pay.industries table = %+v, want 2 rows", f.Table)
	}
	certs := kb.Entities(knowledge.KindCertification)
	if len(certs) != 1 || certs[0].ID != "ccc" {
		t.Fatalf("fixture certification entities = %+v, want one, ccc", certs)
	}
	if got, want := certs[0].Facts["certification.issuer"].Text, "Guild of Cloud Cartographers"; got != want {
		t.Errorf("fixture CCC issuer = %q, want %q", got, want)
	}
}

// TestGeneratedFactNames checks the names the shipped profile's sub-occupations and
// credentials give their facts, and that the names they replaced are gone.
func TestGeneratedFactNames(t *testing.T) {
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatalf("Default() error: %v", err)
	}
	tests := []struct {
		name      string
		wantLabel string // the label of the fact's one field; "" when it has none
		wantText  string // a part of its text
	}{
		{"duties.sub.technologists", "Health information technologists", "apply their knowledge"},
		{"duties.sub.medical_registrars", "Medical registrars", "create and maintain databases"},
		{"duties.sub.cancer_registrars", "Cancer registrars", "databases of cancer patients"},
		{"duties.sub.cancer_registrars.tasks", "What cancer registrars do", "pathology reports"},
		{"duties.sub_occupations", "", "health information technologists, medical registrars, and cancer registrars"},
		{"duties.specialties.electronic_health_records", "", "implementing the systems and educating staff"},
		{"duties.specialties.data_analysis", "", "to evaluate programs and services"},
		{"outlook.reason.2", "", "demand for medical registrars to update clinical registries"},
		{"certification.ahima", "From the American Health Information Management Association", "RHIT (Registered Health Information Technician)"},
		{"certification.ahima.list", "", "Registered Health Information Technician (RHIT), the Certified"},
		{"certification.rhit", "Registered Health Information Technician", "(RHIT) is one of"},
		{"certification.ctr", "For cancer registrars", "Certified Tumor Registrar (CTR) credential"},
	}
	for _, tt := range tests {
		f, ok := kb.Fact(tt.name)
		if !ok {
			t.Errorf("Default().Fact(%q) not found", tt.name)
			continue
		}
		if !strings.Contains(f.Text, tt.wantText) {
			t.Errorf("Default().Fact(%q).Text = %q, want it to contain %q", tt.name, f.Text, tt.wantText)
		}
		if tt.wantLabel != "" && (len(f.Fields) != 1 || f.Fields[0].Label != tt.wantLabel) {
			t.Errorf("Default().Fact(%q).Fields = %+v, want one labelled %q", tt.name, f.Fields, tt.wantLabel)
		}
	}
	for _, old := range []string{"duties.technologists", "duties.medical_registrars", "duties.cancer_registrars", "duties.cancer_registrar_tasks", "certification.ahima_list"} {
		if _, ok := kb.Fact(old); ok {
			t.Errorf("Default().Fact(%q) exists; the generic model names it otherwise", old)
		}
	}
}

func TestProfileNames(t *testing.T) {
	tests := []struct {
		name string
		p    knowledge.Profile
		want []string
	}{
		{
			name: "occupation, title and aliases",
			p:    knowledge.Profile{Occupation: "cloud cartographers", Title: "Cloud cartographers", Aliases: []string{"cloud mapper", ""}},
			want: []string{"cloud cartographers", "cloud mapper"},
		},
		{
			name: "sub-occupations after, each name once",
			p: knowledge.Profile{
				Occupation: "cloud cartographers", Aliases: []string{"storm mappers"},
				Duties: knowledge.Duties{SubOccupations: []knowledge.SubOccupation{
					{Name: "Storm mappers", Aliases: []string{"storm mapper", "squall chaser"}},
					{Name: "Fog surveyors"},
				}},
			},
			want: []string{"cloud cartographers", "storm mappers", "storm mapper", "squall chaser", "Fog surveyors"},
		},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.p.Names()); diff != "" {
			t.Errorf("%s: Profile.Names() mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestOutlookDecline loads the fixture with employment falling: the facts must say so,
// not "+-500 jobs" or "an increase of -500".
func TestOutlookDecline(t *testing.T) {
	data, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, r := range [][2]string{
		{"    growth_percent: 4\n", "    growth_percent: -4\n"},
		{"    projected_employment: 12800\n", "    projected_employment: 11800\n"},
		{"    change: 500\n", "    change: -500\n"},
	} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("the fixture has no line %q to replace; update the test", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	kb, err := knowledge.Parse("decline.yaml", []byte(s))
	if err != nil {
		t.Fatalf("Parse(decline.yaml) error: %v", err)
	}
	tests := []struct{ name, want string }{
		{"outlook.growth", "-4%"},
		{"outlook.projected_year_employment_sentence", "11,800 in 2032, a decrease of 500 jobs (-4%)."},
	}
	for _, tt := range tests {
		if f, _ := kb.Fact(tt.name); f.Text != tt.want {
			t.Errorf("declining Fact(%q).Text = %q, want %q", tt.name, f.Text, tt.want)
		}
	}
	if f, _ := kb.Fact("outlook.change"); len(f.Fields) != 1 || f.Fields[0].Value != "-500 jobs" {
		t.Errorf("declining outlook.change fields = %+v, want value %q", f.Fields, "-500 jobs")
	}
}
