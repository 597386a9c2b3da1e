package bot_test

import (
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

// Another occupation in the asker's story, told before a question about this occupation,
// is context: the question is answered. Asked about in a clause of its own, it is declined.
func TestOccupationToldBefore(t *testing.T) {
	b := newBot(t, bot.Options{})
	if r := ask(b, "i worked ten years as a welder, is this job mostly at a desk?"); !r.Answered {
		t.Errorf("a welder's story: answered false (%q), want an answer", r.Lead)
	}
	if r := ask(b, "what do welders make, and is this job at a desk?"); r.Answered && r.Note == "" {
		t.Errorf("welders asked about: answered %v with no word on welders", r.Intents)
	}
	// So is a related occupation: the asker's own job, not one the bot sends them to.
	if r := ask(b, "I make $42k as a medical biller in Kansas. What's the typical pay nationally for this occupation?"); !strings.Contains(r.Lead, "$55,560") {
		t.Errorf("a medical biller's story: %q, want the occupation's median", r.Lead)
	}
	if r := ask(b, "what do medical billers make?"); r.Answered {
		t.Errorf("medical billers asked about: answered %v, want the related-occupation decline", r.Intents)
	}
}

// The asker's story told before the question is no part of what is asked, unless the
// question points back at it.
func TestStoryBeforeQuestion(t *testing.T) {
	b := newBot(t, bot.Options{})
	if r := ask(b, "my son wants to study biology in college, what salary can he expect?"); strings.Join(r.Intents, " ") != "pay" {
		t.Errorf("a story, then the pay: %v (%q), want pay alone", r.Intents, r.Lead)
	}
	// A workplace in the story is where the asker works, not what is asked about.
	if r := ask(b, "i work the front desk at a clinic making like 17/hr, would this job pay more?"); !strings.Contains(r.Lead, "$55,560") {
		t.Errorf("a clinic in the story: %q, want the occupation's median", r.Lead)
	}
	if r := ask(b, "i work at a hospital, how much do they make there?"); !strings.Contains(r.Lead, "$49,550") {
		t.Errorf("a story pointed back at with 'there': %q, want the hospitals' median", r.Lead)
	}
}

// A word that only looks like a job ("filter") in a question with nothing about work is
// not declined as another occupation; a job asked about is.
func TestGuessedOccupationReason(t *testing.T) {
	b := newBot(t, bot.Options{})
	other := ask(b, "what do welders make").Lead
	if r := ask(b, "where do i buy a filter for my fish tank"); r.Answered || r.Lead == other {
		t.Errorf("a fish tank filter: answered %v, lead %q; want declined, not as an occupation", r.Answered, r.Lead)
	}
}

// A sentence that tells (names the asker, neither ends with "?" nor opens by asking) is no
// part of a multi-part answer when another sentence asks; a sentence that asks is, and a
// question of one sentence is read whole.
func TestToldSentenceIsNoPart(t *testing.T) {
	b := newBot(t, bot.Options{})
	for _, tt := range []struct{ q, want string }{
		{"hey, what are the main responsibilities? trying to see if i'd hate it before i spend money on school", "duties"},
		{"I'd finish school in like 3 years. Are openings expected to keep coming up over the next decade?", "outlook"},
		{"what degree do they need? and what's the pay?", "education pay"},
		{"I want to know the salary. What degree do they need?", "pay education"},
		{"what degree do they need and what's the pay", "education pay"},
	} {
		if r := ask(b, tt.q); strings.Join(r.Intents, " ") != tt.want {
			t.Errorf("%q: %v (%q), want %s", tt.q, r.Intents, r.Lead, tt.want)
		}
	}
}

// What the profile lacks or the asker's own situation, named only in a sentence told, is
// not what is asked: the question after it is answered.
func TestToldSituationIsNotAsked(t *testing.T) {
	wantIntents(t, newBot(t, bot.Options{}), []intentCase{
		{"i am from the philippines and thinking to study this. will there be many jobs in this field?", "outlook"},
		{"I make 32k as a receptionist and my salary is awful. What do these jobs pay?", "pay"},
		{"what do they make in ohio?", ""},
		{"I'm moving to California in the spring. What's the median salary for this job there?", ""},
		{"My brother-in-law insists these jobs pay under $30,000 a year. Is that accurate?", "pay"},
		{"my salary is 40k, is that good?", ""},
		// A year or a "there" inside the story is the story's.
		{"I have a bachelor's in computer science from 2012. Can a computer degree count for this job?", "education"},
		{"I got my degree in 2012. What is the median pay?", "pay"},
		{"My friend in the UK said you need a special degree over there. In the US, what degree is needed?", "education"},
		{"I live in Ohio. What's the pay there?", ""},
		// Words the bot does not know, in a sentence told, leave the question as clear.
		{"What does RHIT stand for? Everyone in my cohort throws it around and I'm too embarrassed to ask my instructor lol.", "certification"},
	})
}

// An occupation named in a sentence told, or describing a thing ("a nursing degree"), is
// context; one asked about is declined.
func TestOccupationAsContext(t *testing.T) {
	b := newBot(t, bot.Options{})
	for _, tt := range []struct {
		q        string
		answered bool
	}{
		{"As a teacher I'm on my feet talking to kids all day. What's the work setting like in this field?", true},
		{"I'm an RN. Would a nursing degree count as an acceptable background?", true},
		{"As a vet, I want to know what types of organizations hire for this.", true},
		{"so as a school counselor, which classes should students take?", true},
		{"how much do nurses make?", false},
		{"I'm a teacher. How much do teachers make?", false},
		// A label the asker opens with names the asker; one the question points back at
		// does not.
		{"Disabled vet. Would I mostly be working in hospitals or in physician offices?", true},
		{"Nurse switching careers: do I need analytical skills for this?", true},
		{"nurse practitioners in rural areas, what do they make?", false},
		{"nurses vs doctors: which pays more?", false},
	} {
		if r := ask(b, tt.q); r.Answered != tt.answered {
			t.Errorf("%q: answered %v %v (%q), want answered %v", tt.q, r.Answered, r.Intents, r.Lead, tt.answered)
		}
	}
}

// A run-on message has its sentences between commas: a clause that tells is no part of the
// answer, while the asker's own situation stays theirs when the message asks about it.
func TestRunOnMessage(t *testing.T) {
	wantIntents(t, newBot(t, bot.Options{}), []intentCase{
		{"so i finally finished my associates in HIM after 3 years of night classes, what certifications could i go after next", "certification"},
		{"my hospital pays me $41k as a registrar, is that fair", ""},
		{"what do they make, and what degree do they need", "pay education"},
		{"is there a specific credential for documentation improvement in this field, my manager mentioned it in my review", "certification"},
		{"my boss won't promote me, what do i do", ""},
		{"Community college student: how many jobs open each year and what's the median pay?", "outlook pay"},
	})
}

// intentCase is a question and the intents its answer must have, space-separated; "" when
// it must be declined.
type intentCase struct{ q, want string }

func wantIntents(t *testing.T, b *bot.Bot, cases []intentCase) {
	t.Helper()
	for _, tt := range cases {
		r := ask(b, tt.q)
		if got := strings.Join(r.Intents, " "); tt.want == "" && r.Answered || tt.want != "" && got != tt.want {
			t.Errorf("%q: answered %v %v (%q), want %q", tt.q, r.Answered, r.Intents, r.Lead, tt.want)
		}
	}
}
