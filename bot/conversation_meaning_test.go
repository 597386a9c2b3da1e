package bot_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

// jsonContexts keeps each turn as JSON, as a store shared by replicas would: what the bot
// means by a turn must survive being written down, and must hold no question text.
type jsonContexts struct {
	mu    sync.Mutex
	turns map[string][]byte
	t     *testing.T
	said  []string // every question asked, none of which may be stored
}

func (c *jsonContexts) Last(_ context.Context, conv string) (bot.Turn, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.turns[conv]
	if !ok {
		return bot.Turn{}, false, nil
	}
	var t bot.Turn
	err := json.Unmarshal(b, &t)
	return t, true, err
}

func (c *jsonContexts) Remember(_ context.Context, conv string, t bot.Turn) error {
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, q := range c.said {
		if strings.Contains(strings.ToLower(string(b)), strings.ToLower(q)) {
			c.t.Errorf("stored turn %s holds the question %q", b, q)
		}
	}
	c.turns[conv] = b
	return nil
}

// TestConversationMeaning: follow-ups that only make sense as what the last turn meant
// (issue 11): the facet and what it ranked, the entity, the figure, the occupation asked
// about, and what was declined.
func TestConversationMeaning(t *testing.T) {
	for _, tt := range meaningCases {
		t.Run(tt.name, func(t *testing.T) {
			store := &jsonContexts{turns: map[string][]byte{}, t: t, said: tt.turns}
			b := newBot(t, bot.Options{Contexts: store})
			const conv = "slack:T1:C1:1700000000.000100"
			var r bot.Reply
			for _, q := range tt.turns {
				r = askIn(b, conv, q)
			}
			last := tt.turns[len(tt.turns)-1]
			if got := r.Intent(); got != tt.intent {
				t.Errorf("after %q, Answer(%q) = %s %v, lead %q; want intent %s", tt.turns[:len(tt.turns)-1], last, r.Kind, r.Intents, r.Lead, tt.intent)
			}
			if !strings.Contains(r.Lead, tt.lead) {
				t.Errorf("after %q, Answer(%q).Lead = %q, want it to contain %q", tt.turns[:len(tt.turns)-1], last, r.Lead, tt.lead)
			}
			if tt.notLead != "" && strings.Contains(r.Lead, tt.notLead) {
				t.Errorf("after %q, Answer(%q).Lead = %q, want it not to contain %q", tt.turns[:len(tt.turns)-1], last, r.Lead, tt.notLead)
			}
		})
	}
}

// meaningCases are TestConversationMeaning's conversations.
var meaningCases = []struct {
	name    string
	turns   []string // every turn but the last is context
	intent  string   // of the last turn's reply; "none" for a decline
	lead    string   // the last reply's lead contains it
	notLead string   // and not this ("" for no check)
}{
	{"worst after the best-paying industry is the worst-paying industry",
		[]string{"what sector pays them best", "and worst?"}, "pay", "$44,990", "$29,680"},
	{"the least after industries ranked by pay",
		[]string{"which industries employ medical registrars", "which one pays the most", "and the least"}, "pay", "offices of physicians", "10 percent"},
	{"the least after the largest employers is what the profile says of the smallest",
		[]string{"which industry employs the most", "and the least?"}, "employment", "only the five largest employers", "39,900 jobs."},
	{"the lowest after the median is still the lowest 10 percent",
		[]string{"what's the salary?", "and the lowest?"}, "pay", "$29,680", ""},
	{"a good salary after pay in hospitals compares it with the median",
		[]string{"pay in hospitals?", "is that a good salary?"}, "pay", "$49,550 is below the occupation's median annual wage of $55,560", ""},
	{"a lot after the top industry is above the median",
		[]string{"what do they earn in professional scientific and technical services", "is that a lot?"}, "pay", "$77,290 is above the occupation's median annual wage of $55,560", ""},
	{"above average after the worst-paying industry",
		[]string{"what sector pays them best", "and worst?", "above average?"}, "pay", "$44,990 is below", ""},
	{"good after the median says it is the median",
		[]string{"median pay?", "is that good?"}, "pay", "$55,560 is the occupation's median", ""},
	{"fast after the growth is the profile's own comparison",
		[]string{"what's the job outlook", "is that fast?"}, "outlook", "much faster than the average for all occupations", ""},
	{"a lot after the number of jobs says honestly there is nothing to compare",
		[]string{"how many jobs are there", "is that a lot?"}, "employment", "does not compare", "39,900"},
	{"earn that after the CDIP is the CDIP",
		[]string{"tell me about the CDIP", "how would I earn that"}, "certification", "does not say what it takes to earn the Certified Documentation Improvement Practitioner (CDIP)", "$55,560"},
	{"earn that after the CTR is what the CTR requires",
		[]string{"what's the CTR", "how would I earn that"}, "certification", "formal education program", ""},
	{"this occupation after pharmacists is this occupation's pay",
		[]string{"what do pharmacists earn", "fine, and for this occupation?"}, "pay", "$55,560", ""},
	{"health info techs after medical assistants' pay is pay, not duties",
		[]string{"what do medical assistants make", "and for health info techs?"}, "pay", "$55,560", ""},
	{"that after another occupation is still declined",
		[]string{"i'm thinking about nursing", "how much does that pay?"}, "none", "", "$55,560"},
	{"the lowest after another occupation's pay is still theirs",
		[]string{"what do nurses make", "and the lowest?"}, "none", "", "$29,680"},
	{"this occupation after another's lowest pay is this one's lowest",
		[]string{"what do nurses make", "and the lowest?", "ok and for this occupation?"}, "pay", "$29,680", ""},
	{"this job after another occupation named alone asks the topic before it",
		[]string{"what skills do they need", "and for nurses?", "and for this job?"}, "qualities", "Important qualities", ""},
	{"why after the salary is not the salary again",
		[]string{"what's the salary", "why"}, "none", "", "$55,560"},
	{"where after the hours is the work setting",
		[]string{"how many hours do health info techs work", "where"}, "work_environment", "office setting", ""},
	{"now after a projection is the jobs there are",
		[]string{"how many health information technologist jobs will there be in 2031", "and now?"}, "employment", "39,900 jobs", "2031"},
	{"going up after the number of jobs is the outlook",
		[]string{"yo how many health info tech jobs r there", "is that number going up"}, "outlook", "much faster than the average", ""},
	{"its pay after a credential is what the profile lacks about it",
		[]string{"tell me about the rhit", "how much does it pay"}, "none", "not by credential", ""},
	{"a state after the median gets the national-figures note",
		[]string{"median pay?", "in ohio?"}, "none", "national (U.S.) figures only", ""},
	{"the whole US after a state is the national median",
		[]string{"median pay?", "in ohio?", "ok and for the whole US?"}, "pay", "$55,560", ""},
	{"nationally after a declined state question is its topic",
		[]string{"how many health information technologist jobs are in texas", "nationally?"}, "employment", "39,900", ""},
	{"the occupation after software developers' pay is pay, not what 'software' hints at",
		[]string{"what do software developers make", "ok, health information technologists?"}, "pay", "$55,560", ""},
	{"compared to other jobs after the growth",
		[]string{"how fast is employment growing for medical registrars", "compared to other jobs?"}, "outlook", "much faster than the average", ""},
	{"an industry alone after pay in another is pay there",
		[]string{"what do they earn in professional scientific and technical services", "is that a lot?", "and management of companies?"}, "pay", "$74,040", ""},
	{"which pays more after two industries is both",
		[]string{"what do hospitals pay health info techs", "and doctors' offices?", "which pays more"}, "pay", "$49,550", ""},
	{"pay there after a follow-up keeps the industry named before it",
		[]string{"how many health info techs work in offices of physicians", "how many is that", "what do they pay there"}, "pay", "$44,990", ""},
	{"the occupation alone after pay is pay",
		[]string{"what's the salary", "ok and for health information technologists"}, "pay", "$55,560", ""},
	{"why after a quality is the quality",
		[]string{"are medical registrars detail oriented?", "why"}, "qualities", "accuracy", ""},
	{"an industry in a city after an industry's share is the national-figures note",
		[]string{"what share is admin and support services", "and professional, scientific, and technical services?", "how about in hospitals in boston"}, "none", "national (U.S.) figures only", "46%"},
	{"how long after an answer gets the duration note",
		[]string{"what's the salary", "how long does that take"}, "none", "does not say how long", ""},
	{"weekends after an answer gets the hours note",
		[]string{"is it an office job?", "weekends?"}, "none", "nights, weekends", ""},
	{"per month after pay gets the per-month note",
		[]string{"what's the salary", "per month?"}, "none", "per month", ""},
	{"doctors after the outlook is the occupation, not doctors' offices",
		[]string{"what's the job outlook", "what about for doctors?"}, "none", "", "17%"},
	{"openings for this occupation after doctors is this occupation's openings",
		[]string{"what's the job outlook", "what about for doctors?", "and how many openings for this occupation"}, "outlook", "3,400", ""},
	{"the best industry after pay in one is the best-paying industry",
		[]string{"how much do they make in hospitals", "which industry is best?"}, "pay", "$77,290", "46%"},
	{"the workforce after pay is how many work, not pay again",
		[]string{"median salary in hospitals?", "and how much of the workforce is that"}, "employment", "39,900", "$"},
	{"they after cancer registrars are still cancer registrars",
		[]string{"tell me what cancer registrars do", "which certification do they need"}, "certification", "Certified Tumor Registrar", ""},
	{"what they pay after the industries is pay by industry",
		[]string{"which industries employ the most", "what do they pay"}, "pay", "varies by industry", ""},
	{"there after the lowest-paying industry is that industry",
		[]string{"which industry pays the most", "and the least", "how many work there"}, "employment", "offices of physicians", "professional"},
	{"above the median after an industry's pay compares it",
		[]string{"pay in doctors offices?", "is that above the median"}, "pay", "$44,990 is below", ""},
	{"by how much after the growth is the growth, not pay",
		[]string{"what's the outlook", "by how much"}, "outlook", "17%", "$"},
	{"that job after a promotion to another occupation is that occupation",
		[]string{"can they get promoted", "what does that job pay"}, "none", "medical and health services managers", "$55,560"},
	{"those after the related careers are those careers",
		[]string{"what careers are related", "what do those pay"}, "none", "", "$55,560"},
	{"this occupation after those is this occupation's pay",
		[]string{"what careers are related", "what do those pay", "ok and this job?"}, "pay", "$55,560", ""},
	{"the base year after a projection is the jobs then",
		[]string{"how many jobs in 2031", "and in 2021"}, "employment", "39,900", "46,900"},
	{"a year after the salary is the note on years",
		[]string{"what's the salary", "and in 2021?"}, "none", "does not say which year its wage figures are for", "$55,560"},
	{"cancer registrars after the growth is the note that it is the whole occupation's",
		[]string{"whats the growth rate", "and cancer registrars?"}, "none", "not for cancer registrars alone", "17%"},
	{"cancer registrars after their duties' topic is their duties",
		[]string{"what do they do", "and cancer registrars?"}, "duties", "Cancer registrars", ""},
	{"more than another industry after one's pay is both",
		[]string{"tell me about pay in management of companies", "is that more than hospitals"}, "pay", "$74,040", ""},
	{"before taxes after the salary is the note on what the wages are",
		[]string{"what's the salary", "is that before taxes"}, "none", "annual wages for the whole occupation", ""},
	{"who gives it after a credential is that credential's issuer",
		[]string{"what's the chda", "who gives it"}, "certification", "Certified Health Data Analyst (CHDA) is one of the certifications from the American Health Information Management Association", "RHIT"},
	{"is that a year after the top 10 percent is that answer, not the median",
		[]string{"what do the top earners make", "is that a year"}, "pay", "highest 10 percent", "$55,560"},
	{"same for another industry after one's share is that one's share",
		[]string{"how many health info techs work in hospitals", "same for doctors offices?"}, "employment", "11%", ""},
	{"a subject the last answer named is that answer again",
		[]string{"which high school classes help", "and math?"}, "education", "High school students", "associate's"},
	{"per year after the lowest 10 percent is that answer, not the openings per year",
		[]string{"what do the lowest paid make", "is that per year?"}, "pay", "lowest 10 percent", "openings"},
	{"do employers require it after a credential is whether it is required",
		[]string{"what's RHIT", "do employers require it"}, "certification", "", "46%"},
	{"got it and thanks after an answer is small talk, not the figure again",
		[]string{"what's the salary", "got it, thx!"}, "smalltalk", "", "$55,560"},
	{"that's all after an answer is small talk",
		[]string{"what's the job outlook", "ok that's all i needed"}, "smalltalk", "", "17%"},
	{"tell me more after the whole topic says that is all, not 'I don't know'",
		[]string{"can they advance", "tell me more"}, "none", "That is all the profile says about advancement", ""},
	{"more details after pay is not the quality 'detail oriented'",
		[]string{"what's the salary", "any more details?"}, "none", "That is all the profile says about pay", "Detail oriented"},
	{"how so after a facet is the whole topic",
		[]string{"what does a cancer registrar do", "how so"}, "duties", "advise organizations", ""},
	{"what's required after the CTR is what the CTR requires",
		[]string{"what's the CTR", "what's required"}, "certification", "formal education program", ""},
	{"what's required after the degree is the entry degree",
		[]string{"what degree do they need", "what's required"}, "education", "associate's degree", ""},
	{"that industry after the largest employer is that industry",
		[]string{"which industry employs the most?", "what is the pay in that industry?"}, "pay", "$49,550", "$77,290"},
	{"a whole question with 'this' after the pay is what it asks, not the pay again",
		[]string{"what's the salary", "is this a dead end job"}, "advancement", "", "$55,560"},
	{"what a cancer registrar does after the pay is their duties, a question of its own",
		[]string{"what's the salary", "what does a cancer registrar do"}, "duties", "Cancer registrars", ""},
	{"good with people after the pay is the qualities, not a comparison of the pay",
		[]string{"what's the salary", "do u have to be good with people"}, "qualities", "", "$55,560"},
	{"top employers after the median is the employers, not the best-paying industry",
		[]string{"what's the salary", "who are the top employers"}, "employment", "46%", ""},
	{"a whole question about this field after another occupation is this occupation's",
		[]string{"what do nurses make", "is there upward mobility in this field"}, "advancement", "", ""},
	{"per hour for this job after another occupation is the note on hourly pay",
		[]string{"what do nurses make", "How much does this job pay per hour?"}, "none", "per hour", "$55,560"},
	{"pay in physicians' offices after the outlook is that pay, not another occupation",
		[]string{"what's the job outlook", "what do they make in physician offices"}, "pay", "$44,990", ""},
	{"studying for a credential after it is what the profile lacks",
		[]string{"what's the CDIP", "how long does it take to study for it"}, "none", "does not name schools, costs or exam details", ""},
}

// TestFollowUpFragmentNote: a fragment that cannot be answered gets, after an answer, the
// same note as a whole question about it.
func TestFollowUpFragmentNote(t *testing.T) {
	tests := []struct{ first, fragment, alone string }{
		{"median pay?", "in ohio?", "what's the median salary in ohio?"},
		{"what's the salary", "how long does that take", "how long does it take to become one"},
		{"is it full time?", "weekends?", "do they work weekends?"},
		{"what's the salary", "per month?", "how much do they make per month?"},
	}
	for _, tt := range tests {
		b := newBot(t, bot.Options{})
		askIn(b, "c", tt.first)
		got := askIn(b, "c", tt.fragment)
		want := ask(b, tt.alone)
		if got.Answered || got.Lead != want.Lead {
			t.Errorf("after %q, Answer(%q).Lead = %q (answered=%v), want %q as for %q", tt.first, tt.fragment, got.Lead, got.Answered, want.Lead, tt.alone)
		}
	}
}

// TestLaterRepliesAreShort: once a conversation has had an answer, small talk is the reply
// alone and a decline that says something of its own is that sentence and a few
// suggestions, not the list of every topic; "I don't know that one" still says what can
// be asked.
func TestLaterRepliesAreShort(t *testing.T) {
	b := newBot(t, bot.Options{})
	askIn(b, "c", "what's the salary")
	if r := askIn(b, "c", "in ohio?"); r.Note != "" || len(r.Suggestions) == 0 || strings.Count(bot.Text(r), "\n") != 2 {
		t.Errorf("decline later in a conversation = %q (note %q), want its sentence and one line of suggestions", bot.Text(r), r.Note)
	}
	if r := askIn(b, "c", "thanks"); strings.Count(bot.Text(r), "\n") != 1 {
		t.Errorf("thanks later in a conversation = %q, want one line", bot.Text(r))
	}
	if r := askIn(b, "c", "👍"); r.Kind != bot.KindSmalltalk || strings.Count(bot.Text(r), "\n") != 1 {
		t.Errorf("👍 later in a conversation = %s %q, want small talk in one line", r.Kind, bot.Text(r))
	}
	if r := askIn(b, "c", "zxqv blorp"); r.Note == "" {
		t.Errorf("an unknown question later in a conversation = %q, want what can be asked", bot.Text(r))
	}
	if r := ask(b, "thanks"); r.Note == "" && len(r.Suggestions) == 0 {
		t.Errorf("thanks alone = %q, want what can be asked", bot.Text(r))
	}
}

// TestNamedOnce: a conversation says the occupation's full name once, then "they"; after
// another occupation was asked about, the full name again.
func TestNamedOnce(t *testing.T) {
	b := newBot(t, bot.Options{})
	occ := b.Occupation()
	if r := askIn(b, "c", "what do they do"); !strings.Contains(strings.ToLower(r.Lead), occ) {
		t.Errorf("first answer %q, want the occupation named", r.Lead)
	}
	if r := askIn(b, "c", "how much do they make"); strings.Contains(strings.ToLower(r.Lead), occ) || !strings.Contains(r.Lead, "$55,560") {
		t.Errorf("second answer %q, want the median without the full name", r.Lead)
	}
	askIn(b, "c", "what do nurses make")
	if r := askIn(b, "c", "and for this job?"); !strings.Contains(strings.ToLower(r.Lead), occ) {
		t.Errorf("answer after another occupation %q, want the occupation named again", r.Lead)
	}
}
