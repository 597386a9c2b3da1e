package bot

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestReviewFindings pins answers a reviewer found wrong: each must now be right, or an
// honest "the profile does not say".
func TestReviewFindings(t *testing.T) {
	b := newTestBot(t)
	tests := []struct {
		q        string
		answered bool
		lead     string // the lead must contain this
		not      string // and must not contain this
	}{
		{"which industry pays the lowest", true, "$44,990", "$77,290"},
		{"recruiter q: do candidates need to be certified before hire", true, "certification", ""},
		{"as a former ER tech, is the setting for this job a quiet office?", true, "office setting", ""},
		{"how much does a former nurse make", false, "that occupation", "$55,560"},
		{"what should my high schooler take in school to prepare for this", true, "anatomy", ""},
		{"nursing student here - do health info techs ever see patients", true, "advise organizations", ""},
		{"which industry pays the least", true, "$44,990", "$77,290"},
		{"which industry has the fewest jobs", true, "only the five largest", ""},
		{"how many jobs in 2041", false, "no figures for other years", "39,900"},
		{"how much did they make in 2020", false, "does not say which year", "$55,560"},
		{"salary in 2031?", false, "does not say which year", "$55,560"},
		{"how many jobs will there be in 2031", true, "46,900", ""},
		{"how much do health information managers make", false, "medical and health services managers", "$55,560"},
		{"what is the starting salary", false, "no figures by experience", "$55,560"},
		{"highest paid in hospitals", true, "only the median for each industry", "$98,490"},
		{"how much do medical registrars make in the federal government", false, "five largest employers", "$55,560"},
		{"median wage in nursing homes", false, "five largest employers", ""},
		{"define health informatics", true, "advise organizations", "median wage is the wage"},
		{"do they work weekends", false, "nothing about nights, weekends", ""},
		{"k", false, "Okay", "welcome"},
		{"rhit salary", true, "$55,560", ""},
		// "difference between * and *" does not take "a medical" of the related occupation.
		{"what's the difference between this and a medical records specialist", true, "Related occupations", ""},
		{"does this job need charisma?", true, "Important qualities", ""},
		// what is set aside ("without going back to school") is not what is asked
		{"Can health information technologists become medical and health services managers without going back to school?", true, "sometimes advance", "typically need"},
		// "uniform" alone is no dress code
		{"Is pay in this field pretty uniform, or does it vary a lot depending on the type of employer?", true, "$", "dress"},
		{"what's the usual next role", true, "medical and health services managers", ""},
		{"is this something a quiet person could do", true, "qualities", ""},
		{"Do cancer registrars earn more than health information technologists?", false, "not by credential or specialty", ""},
		{"how many cancer registrars are there", false, "not for cancer registrars alone", ""},
		{"what's the 25th percentile wage", false, "only the median", ""},
		{"what was the growth last decade", false, "no figures for other years", ""},
		{"hospitals vs doctors offices pay", true, "$44,990", ""},
		// the asker's own pay, exam logistics, another country's health service, a law, the
		// whole industry, a vendor's certification, another job: declined, not the profile's figure
		{"my hospital pays me 50k as an rhit, am i underpaid", false, "own situation", "$55,560"},
		{"how much will i make next year as a registrar", false, "own situation", "$55,560"},
		{"when is the rhit exam offered", false, "exam details", ""},
		{"does the rhit expire", false, "exam details", ""},
		{"how do i become an hit in the nhs", false, "national (U.S.) figures only", ""},
		{"what does the privacy law say about my rights", false, "does not quote laws", ""},
		{"job growth for the healthcare industry", false, "no figures for other workers", "17 percent"},
		// a reason that fits: a price that is not this work's is not the cost of school
		{"what's the price of bitcoin?", false, "the economy", "schools"},
		{"how much does a used car cost?", false, "not about health information technologists", "schools"},
		{"how much does a house cost in Denver?", false, "not about health information technologists", "schools"},
		{"how much does the RHIT exam cost?", false, "does not name schools, costs or exam details", ""},
		{"when is my next paycheck?", false, "own situation", ""},
		{"what's my chance of getting hired?", false, "own situation", ""},
		{"is the job stressful?", false, "stress", ""},
		{"how do I renew my driver's license?", false, "not about health information technologists", "schools"},
		{"how do I apply for unemployment benefits?", false, "not about health information technologists", "schools"},
		{"how do I apply for a job as a medical registrar?", false, "how to apply for jobs", "schools"},
		{"how expensive is the RHIT exam?", false, "costs or exam details", ""},
		{"what should I be paid as a new RHIT?", false, "own situation", ""},
		{"is the work stressful?", false, "stress", ""},
		{"what is the price of a new laptop?", false, "not about health information technologists", "schools"},
		{"how much is car insurance?", false, "not about health information technologists", "benefits"},
		// a raise asked as what a credential brings is not the subject a clause goes on with
		{"will the RHIT raise pay and lead to promotion?", true, "advance", ""},
		// a clause going on with the market as its subject is not asked apart from it
		{"Is the stock market going to crash and hurt hospital hiring?", false, "the economy", "46%"},
		{"will the economy tank and cut their pay", false, "the economy", "$55,560"},
		{"what's the stock market doing, and what's the salary here", true, "$55,560", ""},
		{"do i need an epic certification", false, "does not name particular software", ""},
		{"what does a medical scribe do", false, "", "advise organizations"},
		{"find articles to help me advance my position", false, "own situation", "medical and health services managers"},
		{"whats a good job search website for HIM jobs", false, "can't do things for you", ""},
		{"how do registrars advance their position", true, "medical and health services managers", ""},
		{"who could i ask about this career", true, "AHIMA", ""},
		{"which jobs share skills with this one", true, "Related occupations", ""},
		{"do i need a masters for a promotion", true, "advance", ""},
		// the goal ("if I want a promotion") and the doubt ("is this data from the government")
		// are what is asked, not the degree named on the way
		{"is an associate's degree enough if i want a promotion later", true, "advance", ""},
		// a degree or credential asked as the means to advance: the advancement answer, which
		// says what it takes (knowledge: advancement covers education and certification)
		{"do you have to go back to school to advance?", true, "advance", ""},
		{"to move up into management, is a master's useful?", true, "advance", ""},
		// the covered topic's words only told, besides, do not keep it asked
		{"Would a bachelor's help me advance later on? I'm starting with an associate's but I'm ambitious.", true, "advance", "typically need"},
		{"what's the education path and can you advance to management later", true, "degree to enter the occupation. Some positions require a bachelor's or master's degree. They sometimes advance", ""},
		{"is this data from the government or from a college selling degrees", true, "Occupational Outlook Handbook", "associate's"},
		{"which credential is for coding", true, "Registered Health Information Technician", ""},
		{"how does it compare to other occupations for growth", true, "projected to grow", ""},
		{"what's the source for the pay figures", true, "Occupational Outlook Handbook", "$55,560"},
		{"i'm failing biology, should i switch majors", false, "", "associate's"},
		{"which hospitals are hiring right now", false, "can't do things for you", ""},
		{"i'm not a nurse, what do they do all day", true, "advise organizations", ""},
		{"is turnover high in this field", false, "no figures on turnover", ""},
		{"are health info techs happy in their jobs?", false, "how satisfied", ""},
		{"how much more do CHDA holders get paid", false, "not by credential", ""},
		// "there" points back at the place: both parts are about Arizona
		{"how many jobs are there now in Arizona and how fast will it grow there", false, "national (U.S.) figures only", ""},
		{"what other certifications are out there", true, "Registered Health Information Technician", ""},
		{"do health info techs get hazard pay for working near the ER?", false, "does not cover benefits", ""},
		{"what's the typical commute for health info techs?", false, "does not cover benefits, remote work", ""},
		{"is there an age limit for getting the RHIT?", false, "exam details", ""},
		{"it's not only coding, right? what else is there to the job", true, "advise organizations", ""},
		{"what do they do hour to hour", true, "advise organizations", ""},
		{"what's the interest on a cash advance", false, "not about", "advance to"},
		{"when does the school year start", false, "not about", ""},
		{"call an employment agency for me", false, "can't do things for you", ""},
		{"would you earn more working for a consulting firm or at a hospital", true, "$77,290", ""},
		// liking computers is an interest; working at one all day is the work setting
		{"i love biology and computers, how do i get into this", true, "associate's", "office"},
		{"do they use computers all day", true, "office", ""},
		{"do they review records for completeness", true, "advise organizations", ""},
		{"do they check records or just type it in", true, "advise organizations", ""},
		{"what's the number 2 employer", true, "Offices of physicians, 11%", ""},
		{"what's the second highest paying industry", true, "Management of companies and enterprises, $74,040", ""},
		{"how many total jobs by 2031", true, "46,900", ""},
		{"how many work for physicians", true, "11%", ""},
		{"salary for the management of companies industry", true, "$74,040", ""},
		{"can i get certified after i get hired", true, "after being hired", ""},
		{"do employers pay for certification", false, "costs", ""},
		{"which pays more, hospitals or physician offices", true, "$49,550", ""},
		{"what's on the CTR exam", false, "exam details", ""},
		{"how long does it take to become a medical registrar", false, "does not say how long", ""},
		{"Which EHR software do they use, Epic or Cerner?", false, "particular software", ""},
		// A related occupation named for its own figures: its profile, never "did you mean".
		{"what do medical and health services managers make", false, "medical and health services managers", "$55,560"},
		// "how much" before schooling or training asks how much of it, not pay.
		{"how much training is needed before I can apply?", true, "associate's degree", "$55,560"},
		{"how much schooling would I need", true, "associate's degree", "CAHIIM"},
		{"how much education do you need for this", true, "associate's degree", "$55,560"},
		// The economy, markets and the national jobs report are not the occupation's figures.
		{"how many jobs did the US add in October?", false, "the economy", "39,900"},
		{"what's the outlook for interest rates?", false, "the economy", "17%"},
		// Growth compared with all occupations is what the profile's outlook says.
		{"is their growth faster than for other jobs overall?", true, "much faster than the average", ""},
		{"how does their job growth stack up against all occupations?", true, "much faster than the average", ""},
		{"what's the median wage for all occupations", false, "the economy", "$55,560"},
		{"where do the majority of them work?", true, "46%", ""},
		{"which certifications would make my resume stronger?", true, "(RHIT)", "$55,560"},
		// Batch 14's first run: declines with the reason that fits.
		{"remote?", false, "remote work", ""},
		{"is it stressful", false, "does not cover", ""},
		{"will i pass the RHIT exam", false, "own situation", ""},
		{"how much will i make if i start next year", false, "no figures by experience", "$55,560"},
		{"how much would i get paid at my local hospital", false, "national (U.S.) figures", "$49,550"},
		{"what's the difference between RHIT and RHIA", false, "says nothing about others", ""},
		{"how much does a computer support technician make", false, "that occupation", "$55,560"},
		{"what does a health services manager do all day", false, "profile of their own", ""},
		{"can i become a health services manager later", true, "advance", ""},
		{"does Epic pay well for this kind of role", false, "five largest employers", ""},
		// What the profile lacks asked first, then a question after "and": both said.
		{"is it remote and what does it pay", true, "$55,560", ""},
		{"Do they get benefits like health insurance and paid vacation?", false, "does not cover benefits", ""},
		// A condition names where; the question before it asks what.
		{"what does it pay if you work for a consulting or technical services firm", true, "$77,290", ""},
		{"how many jobs exist now and how many openings per year", true, "39,900", "$55,560"},
		// Math: the profile names it only among the high school classes that help.
		{"can I do this if I hate math", true, "and math", ""},
		{"do i have to be good at math for this", true, "and math", ""},
		// Declines say a reason that fits: rent or a house in a city is not this profile's.
		{"what's the average rent in Chicago", false, "not about", "national (U.S.) figures"},
		{"what's the average price of a house in Chicago", false, "", "schools, costs"},
		{"can they work from home", false, "does not cover benefits, remote work", ""},
		// Words inside a longer anchor ("full time", "this job") are no work words alone,
		// and what the profile lacks is said only for a question about work.
		{"what time is it in dallas", false, "", "national (U.S.) figures"},
		{"look up daily dog kennels in my area", false, "", "national (U.S.) figures"},
		{"how much does a nintendo switch cost", false, "", "schools, costs"},
		{"tell me the full name of my health plan", false, "", "full time"},
		{"is medical records specialist the same thing as this", true, "medical records specialists", ""},
		// Markets, all of health care and other occupations' figures are declined, with a
		// reason that fits; never the occupation's outlook or pay.
		{"whats the outlook for healthcare stocks", false, "the economy", "17%"},
		{"housing market outlook for next year?", false, "the economy", "17%"},
		{"projected job growth for all of healthcare", false, "health care as a whole", "17%"},
		{"whats the growth outlook for the medical device industry", false, "the economy", "17%"},
		{"how much do hospitals charge for an MRI", false, "health care as a whole", "$55,560"},
		{"oncologist salary?", false, "that occupation", "$55,560"},
		{"what certs do cybersecurity analysts need", false, "that occupation", "RHIT"},
		{"did I pass my RHIT exam, I took it Tuesday", false, "anyone's own", ""},
		{"can you calculate my take-home pay after taxes on 55k", false, "anyone's own", "$55,560"},
		{"when is the next CTR exam date", false, "exam details", ""},
		{"what percent of cancer registrars are women", false, "who the workers are", "46%"},
		{"what does the HIPAA privacy rule say word for word", false, "does not quote laws", ""},
		// AI, robots and a crowded field ask about the outlook; how current the data is asks
		// about the source; a year for the wages is still what the profile lacks.
		{"will robots replace me", true, "17%", ""},
		{"is it oversaturated", true, "17%", ""},
		{"how current is this data", true, "projections to 2031", ""},
		{"when were these projections made", true, "Occupational Outlook Handbook", ""},
		{"what year were the wages", false, "does not say which year", "$55,560"},
		{"links?", true, "(AHIMA)", ""},
		{"Which organizations can provide further information about this profession?", true, "For more information", ""},
		{"What academic credentials are typically required for entry into this occupation?", true, "associate's degree", ""},
		{"do i need to be certified or is a degree enough", true, "certification", ""},
		{"is there a license exam like nurses have", true, "RHIT", "exam details"},
		{"Which competencies are employers looking for?", true, "Important qualities", ""},
		{"Does the salary differ by the industry of employment?", true, "varies by industry", ""},
		{"Kindly state the median annual compensation.", true, "$55,560", ""},
		// A task asked about gets the task: designing systems, following recovery.
		{"I would like to know whether these professionals are involved in designing electronic healthcare systems.", true, "design and develop electronic healthcare systems", ""},
		{"do medical registrars follow how patients recover after treatment", true, "Track treatment, survival, and recovery", ""},
		// Bills, banking, taxes and the meaning of life are not about the occupation.
		{"what is the minimum amount i can pay on my gas bill", false, "not about", "$29,680"},
		{"how much do i pay the irs", false, "not about", "$55,560"},
		{"i need to know what the point of life is", false, "not about", "advise"},
		{"do they work nights", false, "nothing about nights", ""},
		{"how much is my state taxes", false, "not about", "national (U.S.) figures"},
		{"payy", true, "$55,560", ""},
		{"do higher certs help you get promoted", true, "higher level certification", ""},
		{"I'm a high school biology teacher, which school subjects does the profile say help prepare people for this?", true, "anatomy", "schools, costs"},
		{"which school should i go to for an him degree", false, "schools, costs", ""},
		{"how long is the bank open until", false, "not about", "openings"},
		// an occupation the bot only guesses from its ending is context when it is the asker's
		{"I'm a counselor putting together a resource sheet. What organizations should students visit for more information on this career?", true, "American Health Information Management Association", ""},
		// "this field" is the occupation, not a degree's field
		{"What is the minimum level of education required to obtain employment in this field?", true, "associate's", "A degree may be in"},
		{"How much salary they give in first year?", false, "no figures by experience", "$55,560"},
		// a greeting and who the asker is, nothing asked yet: the greeting
		{"hi, im a high school junior", true, "I answer questions about", "anatomy"},
		{"hi im a junior and i want to know the pay", true, "$55,560", ""},
		{"yo I'm 19 how much does this job pay", true, "$55,560", ""},
		{"how many people apply for each opening?", false, "applicants", "39,900"},
		// the accrediting commission is not pay on commission
		{"whats the name of the commission that accredits HIM degrees", true, "Commission on Accreditation", ""},
		{"do they work on commission", false, "no figures by experience", ""},
		// a topic word inside a question about the bot asks about the bot
		{"what other subjects can I ask you about?", true, "I answer questions about", "degree"},
		// declines with the reason that fits, even where the learned model decides
		{"should i invest in healthcare stocks", false, "the economy", ""},
		{"how many people work in healthcare", false, "health care as a whole", "39,900"},
		{"will i get the job i interviewed for", false, "own situation", ""},
		{"can you help me with my resume", false, "can't do things for you", ""},
		{"what's the best state to work in for this", false, "national (U.S.) figures only", ""},
		{"do registrars at universities do the same thing", false, "not about", ""},
	}
	for _, tt := range tests {
		r := b.Answer(context.Background(), Request{Text: tt.q})
		if r.Answered != tt.answered || !strings.Contains(r.Lead, tt.lead) || tt.not != "" && strings.Contains(r.Lead, tt.not) {
			t.Errorf("Answer(%q) = answered %v, lead %q; want answered %v, lead containing %q and not %q", tt.q, r.Answered, r.Lead, tt.answered, tt.lead, tt.not)
		}
	}
}

// TestOtherOccupationOrContext: an occupation named as the asker's own, or "rn" meaning
// "right now", does not turn a question about this occupation into one about another;
// a question about the other occupation is still declined.
func TestOtherOccupationOrContext(t *testing.T) {
	b := newTestBot(t)
	tests := []struct {
		q        string
		answered bool
		lead     string
	}{
		{"is hit growing rn", true, "projected to grow"},
		{"how much do they make rn", true, "$55,560"},
		{"how much do rns make", false, "that occupation"},
		{"whats the pay for an rn", false, "that occupation"},
		{"teacher here, what degree would i need for this", true, "associate's"},
		{"career changer here (paralegal). how much do HITs earn", true, "$55,560"},
		{"how much do paralegals earn", false, "that occupation"},
		{"is rn a good career", false, "that occupation"},
		{"who hires rn", false, "that occupation"},
		{"rn, how much do they make", true, "$55,560"},
		{"how much does a nurse in a hospital make", false, "that occupation"},
		{"I'm a nurse, how much do we make", false, "that occupation"},
		{"teacher here, is my field growing", false, "that occupation"},
		{"I work as a receptionist in a doctor's office, what do these workers earn in physicians' offices?", true, "$44,990"},
		{"as a nurse how much would i make", false, "that occupation"},
		{"do I need a license to work as a medical assistant", false, "that occupation"},
		{"I work as a medical assistant, do I need a license for this job", true, "certification"},
		{"as a nurse", false, "that occupation"},
		{"i worked 6 years as a pharmacy tech, what degree do i need for this", true, "associate's"},
		{"my doctor told me this field is growing, how many jobs are there", true, "39,900"},
		{"what does my doctor earn", false, "that occupation"},
		{"im a medical coder, what do I need to become a registrar", true, "associate's"},
		{"i work in IT help desk making 40k, would i make more here", true, "$55,560"},
		{"what do medical coders earn", false, "medical records specialists"},
		// Compared with, or quoted: context.
		{"Are most of them employed by hospitals the way nurses are?", true, "46%"},
		{"my teacher says ethics matter in health data, why would integrity be important", true, "Integrity"},
		{"they work alone or together with team of doctors and nurses?", true, "healthcare team"},
		{"do they make doctor money", true, "$55,560"},
		{"what do doctors make", false, "that occupation"},
	}
	for _, tt := range tests {
		r := b.Answer(context.Background(), Request{Text: tt.q})
		if r.Answered != tt.answered || !strings.Contains(r.Lead, tt.lead) {
			t.Errorf("Answer(%q) = answered %v, lead %q; want answered %v, lead containing %q", tt.q, r.Answered, r.Lead, tt.answered, tt.lead)
		}
	}
}

// TestMultiPartOrContinuation: "and" between two questions, or two bare topics, asks
// both; "and" inside one longer question's phrase does not.
func TestMultiPartOrContinuation(t *testing.T) {
	b := newTestBot(t)
	tests := []struct {
		q    string
		want []string
	}{
		{"what's the salary and job outlook?", []string{"pay", "outlook"}},
		{"salary, outlook, and education?", []string{"pay", "outlook", "education"}},
		{"what do they earn and what degree do i need", []string{"pay", "education"}},
		{"Do accredited programs cover classification and coding systems and medical ethics?", []string{"education"}},
		{"As an HR manager, I would like to know the median wage for these workers in offices of physicians.", []string{"pay"}},
		{"what is the median annual wage for health information technologists and medical registrars and the projected growth", []string{"pay", "outlook"}},
		{"could someone explain what a cancer registrar does day to day? im a bio major trying to figure out my options", []string{"duties"}},
		// A part needs a keyword of its own, and its words must outweigh the other topic's in
		// some clause: "earn" beside credentials, "behind" beside the source, are no parts.
		{"Besides RHIT, which AHIMA credentials like CDIP or CHDA can these workers earn?", []string{"certification"}},
		{"Which agency publishes the occupational profile behind your wage and employment figures?", []string{"source"}},
		{"Please describe the typical working conditions and schedule.", []string{"work_environment"}},
		{"Does the CTR require an exam, and which organization accredits cancer registry programs?", []string{"certification", "education"}},
		{"how many jobs are there and how many will there be in 2031", []string{"employment", "outlook"}},
		// What they do and where they work is the duties and the work setting.
		{"what do they do and where do they usually work", []string{"duties", "work_environment"}},
		{"What they do in the job and where they work?", []string{"duties", "work_environment"}},
		{"For promotion, I need more study or no?", []string{"advancement"}},
		{"Which occupations share comparable duties or training?", []string{"related"}},
		{"would I be around sick people a lot? kinda squeamish tbh", []string{"work_environment"}},
		{"Will I be doing the same thing for 30 years or can I grow into something bigger?", []string{"advancement"}},
		{"I'm shy, is that a problem, and would I be working in an office all day", []string{"qualities", "work_environment"}},
		// Going to school at night asks about school; the job that compiles and maintains
		// patient files is a related career.
		{"I'm going back to school at night, what should I major in to become one of these?", []string{"education"}},
		{"the job where you compile and maintain patient files, is that this or something else", []string{"related"}},
		// "and" between two credentials is a list, not a second question.
		{"Are your RHIT and CTR details taken from the Occupational Outlook Handbook?", []string{"source"}},
	}
	for _, tt := range tests {
		r := b.Answer(context.Background(), Request{Text: tt.q})
		got := slices.Sorted(slices.Values(r.Intents))
		if !slices.Equal(got, slices.Sorted(slices.Values(tt.want))) {
			t.Errorf("Answer(%q).Intents = %v, want %v", tt.q, r.Intents, tt.want)
		}
	}
}

// TestSmalltalkOpeners: a greeting, thanks or goodbye followed by nothing the bot can
// answer gets small talk; followed by a question, the question is answered.
func TestSmalltalkOpeners(t *testing.T) {
	b := newTestBot(t)
	tests := []struct {
		q    string
		kind Kind
	}{
		{"Thanks, this has given me a lot to think about.", KindSmalltalk},
		{"ok bye, gotta finish my worksheet", KindSmalltalk},
		{"Hi there, I'm just starting to research a career change.", KindHelp},
		{"thanks, what's the salary", KindAnswer},
		{"how do i use my microwaves defrost", KindFallback},
		{"hello! what's the weather today", KindFallback},
		{"good night, what's the job outlook", KindAnswer},
		// A small-talk phrase inside a longer topic phrase is that topic's.
		{"do employers care if you have letters after your name", KindAnswer},
		{"what's your name", KindSmalltalk},
		// An occupation's word inside small talk is chat: a Discord server is no waiter.
		{"hey there, new to this server. what kind of stuff do you know about?", KindHelp},
		{"yo. saw this bot pinned in the channel. what do you even do?", KindHelp},
		{"how much do servers make", KindFallback},
		// What the bot knows about is help, not the education topic's "subjects".
		{"what subjects are you experienced in", KindHelp},
		{"what kinds of things are you familiar with", KindHelp},
		{"haha", KindSmalltalk},
		{"you are a bot, right?", KindSmalltalk},
		{"lol who won the game last night", KindFallback},
		{"is the field shrinking", KindAnswer},
		{"any neighbouring jobs", KindAnswer},
		{"where can i get mor info", KindAnswer},
		{"is it ok to be a bit careless", KindAnswer},
		{"is it solo work", KindAnswer},
		{"registred health information technician?", KindAnswer},
		{"how many work in physician practices", KindAnswer},
		{"who plays han solo", KindFallback},
	}
	for _, tt := range tests {
		if r := b.Answer(context.Background(), Request{Text: tt.q}); r.Kind != tt.kind {
			t.Errorf("Answer(%q).Kind = %s (%q), want %s", tt.q, r.Kind, r.Lead, tt.kind)
		}
	}
}

// TestAnswerWithCaveat: a question that asks something the profile has, and then, apart,
// something it lacks, gets the answer and a note on the rest; asked together, or about
// the asker's own situation, it gets only the honest "the profile does not say".
func TestAnswerWithCaveat(t *testing.T) {
	b := newTestBot(t)
	tests := []struct {
		q        string
		answered bool
		lead     string
		note     string
	}{
		{"what's the salary and do they get benefits", true, "$55,560", "does not cover benefits"},
		{"what degree do i need and how much is tuition", true, "associate's degree", "does not name schools, costs"},
		{"I'm 45 and work retail; what would I earn and how long is school", true, "$55,560", "how long programs take"},
		{"what's the salary, and is it different in texas", true, "$55,560", "national (U.S.) figures only"},
		{"salary in texas", false, "national (U.S.) figures only", ""},
		{"what's the salary", true, "$55,560", ""},
		{"im an HIT at mercy hospital, can i switch to day shift", false, "", ""},
		{"Do they get benefits like health insurance and paid vacation?", false, "does not cover benefits", ""},
		{"what do they earn, and what do nurses make", true, "$55,560", "the other occupation you asked about"},
		{"how much do nurses make and what about HITs", false, "that occupation", ""},
		// The second part goes on about the nurses: nothing of it is this occupation's.
		{"what do nurses make and what degree do they need", false, "that occupation", ""},
		{"what do nurses make, and what degree do health information technologists need", true, "associate's degree", "the other occupation you asked about"},
	}
	for _, tt := range tests {
		r := b.Answer(context.Background(), Request{Text: tt.q})
		if r.Answered != tt.answered || !strings.Contains(r.Lead, tt.lead) || !strings.Contains(r.Note, tt.note) || tt.note == "" && tt.answered && r.Note != "" {
			t.Errorf("Answer(%q) = answered %v, lead %q, note %q; want answered %v, lead with %q, note with %q", tt.q, r.Answered, r.Lead, r.Note, tt.answered, tt.lead, tt.note)
		}
	}
}
