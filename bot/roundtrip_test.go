package bot_test

import (
	"bufio"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/knowledge"
)

// profilePath is a copy of shared/profile/health-information-technologists.txt, the BLS text
// the knowledge file was written from. It is copied because CI runs on a clean clone.
const (
	profilePath       = "testdata/profile.txt"
	sharedProfilePath = "../../shared/profile/health-information-technologists.txt"
)

// newBot returns a bot over the embedded knowledge base.
func newBot(t testing.TB, opts bot.Options) *bot.Bot {
	t.Helper()
	kb, err := knowledge.Default()
	if err != nil {
		t.Fatalf("knowledge.Default() error: %v", err)
	}
	b, err := bot.New(kb, opts)
	if err != nil {
		t.Fatalf("bot.New error: %v", err)
	}
	return b
}

func ask(b *bot.Bot, q string) bot.Reply {
	return b.Answer(context.Background(), bot.Request{Text: q})
}

// body is the reply text without the lines every answer carries (suggested questions and
// the source line), so a figure found in it is part of the answer itself.
func body(text string) string {
	var kept []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "Source: ") || strings.HasPrefix(l, "You could also ask: ") || strings.HasPrefix(l, "Try: ") {
			continue
		}
		kept = append(kept, l)
	}
	return strings.Join(kept, "\n")
}

// containsFigure is strings.Contains, except that a figure ("6%", "7,000", "$49,550") must
// not be the tail of a longer one ("46%", "17,000") or the head of one ("7,0001").
func containsFigure(s, want string) bool {
	if want == "" || !strings.ContainsAny(want[:1], "$0123456789") {
		return strings.Contains(s, want)
	}
	for i := 0; ; {
		j := strings.Index(s[i:], want)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(want)
		before := start > 0 && strings.ContainsAny(s[start-1:start], "0123456789,.$")
		after := end < len(s) && strings.ContainsAny(s[end:end+1], "0123456789")
		if !before && !after {
			return true
		}
		i = start + 1
	}
}

// TestProfileFiguresReachAnswers asks for each figure and name of the profile as a user
// would, and checks the answer a user sees states it.
func TestProfileFiguresReachAnswers(t *testing.T) {
	b := newBot(t, bot.Options{})
	tests := []struct {
		question string
		intent   string
		want     []string // all must be in the answer text
	}{
		// Pay.
		{"what's the salary?", "pay", []string{"$55,560"}},
		{"what do the lowest paid earn?", "pay", []string{"$29,680"}},
		{"how much do the top 10 percent make?", "pay", []string{"$98,490"}},
		{"what is the pay range?", "pay", []string{"$29,680", "$55,560", "$98,490"}},
		{"which industry pays the most?", "pay", []string{"$77,290"}},
		{"how much do they make in professional, scientific, and technical services?", "pay", []string{"$77,290"}},
		{"how much do they make in management of companies and enterprises?", "pay", []string{"$74,040"}},
		{"what is the pay in administrative and support services?", "pay", []string{"$59,080"}},
		{"how much do they make in hospitals?", "pay", []string{"$49,550"}},
		{"how much do they make in offices of physicians?", "pay", []string{"$44,990"}},
		{"what is the median pay by industry?", "pay", []string{"$77,290", "$74,040", "$59,080", "$49,550", "$44,990"}},
		// Jobs and employers.
		{"how many jobs are there?", "employment", []string{"39,900"}},
		{"what percent work in hospitals?", "employment", []string{"46%"}},
		{"what percent work in offices of physicians?", "employment", []string{"11%"}},
		{"what percent work in professional, scientific, and technical services?", "employment", []string{"7%"}},
		{"how many work in management of companies and enterprises?", "employment", []string{"management of companies and enterprises", "6%"}},
		{"how many work in administrative and support services?", "employment", []string{"administrative and support services", "6%"}},
		{"who are the largest employers?", "employment", []string{"46%", "11%", "7%", "6%"}},
		// Outlook.
		{"what's the job outlook?", "outlook", []string{"17%", "2021", "2031", "3,400", "39,900", "46,900"}},
		{"how many jobs will there be in 2031?", "outlook", []string{"46,900", "2031"}},
		{"how many new jobs will be added?", "outlook", []string{"7,000"}},
		{"how fast is employment growing?", "outlook", []string{"17%"}},
		{"how many openings are there each year?", "outlook", []string{"3,400"}},
		// Certification.
		{"what is the rhit?", "certification", []string{"RHIT", "Registered Health Information Technician"}},
		{"what is the cdip?", "certification", []string{"CDIP", "Certified Documentation Improvement Practitioner"}},
		{"what is the chda?", "certification", []string{"CHDA", "Certified Health Data Analyst"}},
		{"what certification do cancer registrars need?", "certification", []string{"CTR", "Certified Tumor Registrar"}},
		{"what certification do i need?", "certification", []string{"RHIT", "CDIP", "CHDA", "CTR", "American Health Information Management Association"}},
		// Organizations.
		{"where can i learn more?", "more_info", []string{"American Health Information Management Association"}},
		{"who accredits the programs?", "education", []string{"Commission on Accreditation for Health Informatics and Information Management Education", "National Cancer Registrars Association"}},
		{"where can i find accredited programs?", "more_info", []string{"Commission on Accreditation for Health Informatics and Information Management Education"}},
		{"is there a professional organization for cancer registrars?", "more_info", []string{"National Cancer Registrars Association"}},
		// Education.
		{"what degree do i need?", "education", []string{"associate's"}},
		{"do i need a master's degree?", "education", []string{"master's"}},
		{"what classes should i take in high school?", "education", []string{"anatomy and physiology"}},
		{"what courses are in the program?", "education", []string{"medical terminology"}},
		// Advancement and related careers.
		{"can i get promoted?", "advancement", []string{"medical and health services managers"}},
		{"what careers are related?", "related", []string{"medical records specialists", "medical and health services managers"}},
		// Work environment.
		{"is it full time?", "work_environment", []string{"full time"}},
		{"is it an office job?", "work_environment", []string{"office"}},
		// Qualities, each on its own and all together.
		{"are analytical skills important?", "qualities", []string{"Analytical skills"}},
		{"do i need to be detail oriented?", "qualities", []string{"Detail oriented"}},
		{"is integrity important?", "qualities", []string{"Integrity"}},
		{"do i need interpersonal skills?", "qualities", []string{"Interpersonal skills"}},
		{"do i need problem solving skills?", "qualities", []string{"Problem-solving skills"}},
		{"what skills do i need?", "qualities", []string{"analytical skills", "detail oriented", "integrity", "interpersonal skills", "problem-solving skills"}},
		// Source.
		{"where does this information come from?", "source", []string{"U.S. Bureau of Labor Statistics"}},
	}
	for _, tt := range tests {
		r := ask(b, tt.question)
		if !r.Answered || r.Intent() != tt.intent {
			t.Errorf("Answer(%q) = %s %v (answered=%v), want an answer about %s", tt.question, r.Kind, r.Intents, r.Answered, tt.intent)
		}
		text := body(bot.Text(r))
		for _, want := range tt.want {
			if !containsFigure(text, want) {
				t.Errorf("Answer(%q): text = %q, want it to contain %q", tt.question, text, want)
			}
		}
	}
}

func TestContainsFigure(t *testing.T) {
	tests := []struct {
		s, want string
		ok      bool
	}{
		{"employ 6% of", "6%", true},
		{"employ 46% of", "6%", false},
		{"46% and 6%", "6%", true},
		{"grow 17%", "7%", false},
		{"+7,000 jobs", "7,000", true},
		{"17,000 jobs", "7,000", false},
		{"is $55,560.", "$55,560", true},
		{"is $55,5601", "$55,560", false},
		{"full time", "full time", true},
	}
	for _, tt := range tests {
		if got := containsFigure(tt.s, tt.want); got != tt.ok {
			t.Errorf("containsFigure(%q, %q) = %v, want %v", tt.s, tt.want, got, tt.ok)
		}
	}
}

// figure is a number with thousands separators, with or without a dollar sign.
var figure = regexp.MustCompile(`\$?\d{1,3}(?:,\d{3})+`)

func readQuestions(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, _, _ := strings.Cut(line, "\t")
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return qs
}

// TestNoFigureOutsideProfile checks that every figure the bot states, for every question of
// the question sets, is one the BLS profile states.
func TestNoFigureOutsideProfile(t *testing.T) {
	data, err := os.ReadFile(profilePath)
	if err != nil {
		t.Fatal(err)
	}
	profile := string(data)
	b := newBot(t, bot.Options{})
	checked := map[string]bool{}
	for _, path := range []string{"testdata/tune/01-first-batch.tsv", "testdata/tune/ex-heldout1-five-users.tsv"} {
		qs := readQuestions(t, path)
		if len(qs) == 0 {
			t.Fatalf("%s: no questions", path)
		}
		for _, q := range qs {
			text := bot.Text(ask(b, q))
			for _, fig := range figure.FindAllString(text, -1) {
				checked[fig] = true
				if !strings.Contains(profile, fig) {
					t.Errorf("%s: Answer(%q) states %q, which is not in %s:\n%s", path, q, fig, profilePath, text)
				}
			}
		}
	}
	// The question sets must reach every dollar figure, or this test proves little.
	for _, fig := range figure.FindAllString(profile, -1) {
		if strings.HasPrefix(fig, "$") && !checked[fig] {
			t.Errorf("no question in the question sets gets an answer stating %s", fig)
		}
	}
}

// TestProfileCopyIsCurrent checks testdata/profile.txt against the shared profile, when the
// checkout has it (CI runs on a clean clone that does not).
func TestProfileCopyIsCurrent(t *testing.T) {
	shared, err := os.ReadFile(sharedProfilePath)
	if err != nil {
		t.Skipf("no shared profile: %v", err)
	}
	local, err := os.ReadFile(profilePath)
	if err != nil {
		t.Fatal(err)
	}
	if string(local) != string(shared) {
		t.Errorf("%s differs from %s; copy it again", profilePath, sharedProfilePath)
	}
}
