package knowledge

import "strings"

// Base is everything careerbot knows: one profile, the topics people ask about it, the
// small talk it answers, and the language rules used to read questions.
type Base struct {
	// Name is where the data came from (a file name), used in error messages.
	Name    string  `yaml:"-"`
	Profile Profile `yaml:"profile"`
	Topics  []Topic `yaml:"topics"`
	// Suggest lists the topic ids offered first as follow-ups ("you could also ask"),
	// the most asked first; the other topics follow in file order.
	Suggest   []string    `yaml:"suggest"`
	Smalltalk []Smalltalk `yaml:"smalltalk"`
	Digest    Digest      `yaml:"digest"`
	Replies   Replies     `yaml:"replies"`
	Language  Language    `yaml:"language"`

	facts    map[string]Fact
	entities map[string][]Entity
}

// Profile is one occupation's page of the Occupational Outlook Handbook, typed.
type Profile struct {
	ID            string         `yaml:"id"`
	Title         string         `yaml:"title"`
	Occupation    string         `yaml:"occupation"`
	Aliases       []string       `yaml:"aliases"`
	Source        Source         `yaml:"source"`
	Duties        Duties         `yaml:"duties"`
	Work          Work           `yaml:"work"`
	Employment    Employment     `yaml:"employment"`
	Industries    []Industry     `yaml:"industries"`
	Education     Education      `yaml:"education"`
	Certification Certification  `yaml:"certification"`
	Advancement   Advancement    `yaml:"advancement"`
	Qualities     []Quality      `yaml:"qualities"`
	Pay           Pay            `yaml:"pay"`
	Outlook       Outlook        `yaml:"outlook"`
	Related       Related        `yaml:"related"`
	Organizations []Organization `yaml:"organizations"`
}

// Source is the attribution every answer carries.
type Source struct {
	Publisher  string `yaml:"publisher"`
	Name       string `yaml:"name"`
	Page       string `yaml:"page"`
	URL        string `yaml:"url"`
	Permission string `yaml:"permission"`
}

// Duties is "What they do". Its facts are generic: duties.summary, duties.tasks,
// duties.specialties (and duties.specialties.<id>, see Specialty), duties.see_also, and
// per sub-occupation duties.sub.<id> (see
// SubOccupation), so a profile of any occupation fits without new Go.
type Duties struct {
	Summary string   `yaml:"summary"`
	Tasks   []string `yaml:"tasks"`
	// SubOccupations are the kinds of worker the profile describes on their own, inside
	// an occupation whose page covers several ("X and Y": what Y do).
	SubOccupations []SubOccupation `yaml:"sub_occupations"`
	Specialties    []Specialty     `yaml:"specialties"`
	SeeAlso        string          `yaml:"see_also"`
}

// SubOccupation is one kind of worker inside the occupation, with what the profile says
// they do. ID names its facts: duties.sub.<id> (the description, a field labelled Name),
// duties.sub.<id>.name and, when it has tasks, duties.sub.<id>.tasks.
type SubOccupation struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"` // plural, as a label: "Storm mappers"
	// Aliases are other names people use for it; Profile.Names lists them with the
	// occupation's own names.
	Aliases     []string `yaml:"aliases"`
	Description string   `yaml:"description"`
	Tasks       []string `yaml:"tasks"`
}

// Specialty is one way workers specialize. ID, when set, names the fact
// duties.specialties.<id>: the description alone, for a question about that specialty.
type Specialty struct {
	ID          string `yaml:"id"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
}

// Work is "Work environment".
type Work struct {
	Setting  string `yaml:"setting"`
	Schedule string `yaml:"schedule"`
}

// Employment is how many jobs the occupation holds, in which year.
type Employment struct {
	Jobs int `yaml:"jobs"`
	Year int `yaml:"year"`
}

// Industry is one of the largest employers, with its share of jobs and its median wage.
type Industry struct {
	ID              string   `yaml:"id"`
	Name            string   `yaml:"name"`
	Short           string   `yaml:"short"`
	Aliases         []string `yaml:"aliases"`
	EmploymentShare int      `yaml:"employment_share"` // percent of the occupation's jobs
	MedianWage      int      `yaml:"median_wage"`      // dollars a year
}

// Education is the education part of "How to become one".
type Education struct {
	Summary            string       `yaml:"summary"`
	Typical            string       `yaml:"typical"`
	Entry              string       `yaml:"entry"`
	Higher             string       `yaml:"higher"`
	HighSchoolSubjects []string     `yaml:"high_school_subjects"`
	DegreeFields       string       `yaml:"degree_fields"`
	Accreditors        []Accreditor `yaml:"accreditors"`
	Courses            []string     `yaml:"courses"`
}

// Accreditor accredits education programs.
type Accreditor struct {
	Name      string `yaml:"name"`
	Abbr      string `yaml:"abbr"`
	Accredits string `yaml:"accredits"`
}

// Certification is the licenses, certifications and registrations part of "How to become
// one". Credentials are grouped by the organization that issues them, as profiles group
// them ("certifications from the <issuer> include ..."); credentials whose issuer the
// profile does not name sit in one group with no name.
type Certification struct {
	Summary         string   `yaml:"summary"`
	Specializations string   `yaml:"specializations"`
	Multiple        string   `yaml:"multiple"`
	Issuers         []Issuer `yaml:"issuers"`
}

// Issuer is an organization that issues credentials, with the ones the profile names. Abbr
// names the group's facts: certification.<abbr> ("AB (A B), CD (C D)") and
// certification.<abbr>.list ("A B (AB), the C D (CD)"). Both are empty for the group of
// credentials with no named issuer, which has no group facts.
type Issuer struct {
	Name        string       `yaml:"name"`
	Abbr        string       `yaml:"abbr"`
	Credentials []Credential `yaml:"credentials"`
}

// Credential is one named certification, license or registration. Abbr names its fact,
// certification.<abbr> (what the profile says about it), and its entity.
type Credential struct {
	Abbr         string   `yaml:"abbr"`
	Name         string   `yaml:"name"`
	Aliases      []string `yaml:"aliases"`
	For          string   `yaml:"for"` // who needs it, when the profile says: "storm mappers"
	About        string   `yaml:"about"`
	Requirements string   `yaml:"requirements"`
}

// Advancement is where workers can advance to.
type Advancement struct {
	To           string `yaml:"to"`
	Summary      string `yaml:"summary"`
	Requirements string `yaml:"requirements"`
}

// Quality is one of the important qualities.
type Quality struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Aliases     []string `yaml:"aliases"`
	Description string   `yaml:"description"`
}

// Pay holds annual wages in dollars.
type Pay struct {
	Median           int    `yaml:"median"`
	Lowest10         int    `yaml:"lowest_10"`
	Highest10        int    `yaml:"highest_10"`
	MedianDefinition string `yaml:"median_definition"`
}

// Outlook is the employment projection.
type Outlook struct {
	GrowthPercent       int      `yaml:"growth_percent"`
	BaseYear            int      `yaml:"base_year"`
	ProjectedYear       int      `yaml:"projected_year"`
	Comparison          string   `yaml:"comparison"`
	OpeningsPerYear     int      `yaml:"openings_per_year"`
	Employment          int      `yaml:"employment"`
	ProjectedEmployment int      `yaml:"projected_employment"`
	Change              int      `yaml:"change"`
	Replacement         string   `yaml:"replacement"`
	Reasons             []string `yaml:"reasons"`
}

// Related lists the related occupations the profile names.
type Related struct {
	Summary     string              `yaml:"summary"`
	Occupations []RelatedOccupation `yaml:"occupations"`
}

// RelatedOccupation is another occupation the profile points to.
type RelatedOccupation struct {
	Name     string   `yaml:"name"`
	Relation string   `yaml:"relation"`
	Aliases  []string `yaml:"aliases"`
}

// Organization is a source of more information.
type Organization struct {
	Name string `yaml:"name"`
	Abbr string `yaml:"abbr"`
	For  string `yaml:"for"`
}

// Topic is something people ask about, with how to recognize it and how to answer it.
type Topic struct {
	ID       string `yaml:"id"`
	Title    string `yaml:"title"`
	Question string `yaml:"question"` // an example shown in help and suggestions
	// Default marks the topic answered when a question names the occupation and nothing
	// else ("what's a dental hygienist?").
	Default bool `yaml:"default"`
	// Undated marks a topic whose figures have no year in the profile (pay): a question
	// that names a year gets the "year" reply of language.unsupported instead.
	Undated bool `yaml:"undated"`
	// NamesOccupations marks a topic about other occupations (related careers,
	// advancement): naming one there is the question, not a reason to decline.
	NamesOccupations bool `yaml:"names_occupations"`
	// Covers names topics this one's answer covers when they are asked in the same clause
	// as this one: "is a bachelor's needed to advance" asks the advancement, whose answer
	// gives the degree it takes.
	Covers []string `yaml:"covers"`

	Keywords []string `yaml:"keywords"`
	// WeakKeywords point at the topic less surely ("make" for pay).
	WeakKeywords []string `yaml:"weak_keywords"`
	Examples     []string `yaml:"examples"`
	Answer       Answer   `yaml:"answer"`
	Facets       []Facet  `yaml:"facets"`
}

// Answer is how a topic or facet is answered: a lead sentence said first, supporting
// fields, and an optional table, all written with {fact} references.
type Answer struct {
	Lead string `yaml:"lead"`
	// Then is the lead when an earlier part of the same reply has named the occupation
	// ("Their median annual wage is …"); empty means Lead.
	Then   string     `yaml:"then"`
	Fields []FieldRef `yaml:"fields"`
	Table  string     `yaml:"table"`
}

// FieldRef names a fact shown as a field.
type FieldRef string

// Facet is a narrower question inside a topic. It applies when one of its Words is in the
// question, or, when Entity is set, when the question names an entity of that kind.
type Facet struct {
	ID     string   `yaml:"id"`
	Words  []string `yaml:"words"`
	Entity string   `yaml:"entity"`
	Answer `yaml:",inline"`
}

// Digest is what scheduled digests say besides the job outlook.
type Digest struct {
	// Facts are the "did you know" lines that rotate from one digest to the next.
	Facts []string `yaml:"facts"`
	// Footer tells readers how to ask follow-up questions.
	Footer string `yaml:"footer"`
}

// Smalltalk is a conversational message that is not a question about the profile.
type Smalltalk struct {
	ID      string   `yaml:"id"`
	Kind    string   `yaml:"kind"` // "help" or "smalltalk"
	Phrases []string `yaml:"phrases"`
	Reply   string   `yaml:"reply"`
	// AboutBot marks questions about the bot itself ("who do you work for"): they win over
	// a topic that shares their words, unless the topic is very clear.
	AboutBot bool `yaml:"about_bot"`
}

// Language holds the word lists used to read questions.
type Language struct {
	Synonyms map[string]string `yaml:"synonyms"`
	// Anchors are words that make a question about work or this occupation. A question
	// without one needs more evidence before it is answered, so "track a package" is not
	// read as a question about workers who track treatment.
	Anchors          []string `yaml:"anchors"`
	OtherOccupations []string `yaml:"other_occupations"`
	// Greetings open a message ("hi, what do they make"): a help phrase after one is small
	// talk, where the same phrase alone ("start") is a request.
	Greetings   []string      `yaml:"greetings"`
	Personal    []string      `yaml:"personal"`
	Unsupported []Unsupported `yaml:"unsupported"`
}

// Unsupported is a kind of fact the profile does not have, and what to say instead.
type Unsupported struct {
	ID    string   `yaml:"id"`
	Words []string `yaml:"words"`
	Reply string   `yaml:"reply"`
	// AnyQuestion: the reply fits a question that is not about work at all ("the average
	// rent in Chicago"); the others are said only for a question about work.
	AnyQuestion bool `yaml:"any_question"`
	// OtherYears: the reply for a question that names a year the profile has no figures
	// for, or asks which year an undated topic's figures are for. At most one has it.
	OtherYears bool `yaml:"other_years"`
	// Answers names the topic a question asking only this is answered with, the reply
	// said beside as a note: "how much do RHITs earn" gets the occupation's wage, with
	// "not by credential" after it. Without it the reply is said instead of an answer.
	Answers string `yaml:"answers"`
	// Place: a place; "there" after it points back at it, so what is asked there is asked
	// about the place too ("how many jobs in Arizona, and how fast will it grow there").
	Place bool `yaml:"place"`
}

// Replies are the sentences careerbot says when it is not answering from the profile: why
// it declines, what it can do. Each may hold {occupation}, {source} and {topics}; Related
// also {name} and {relation}, DidYouMean {suggestions}.
type Replies struct {
	Empty                string `yaml:"empty"`
	NoTopic              string `yaml:"no_topic"`
	OtherOccupation      string `yaml:"other_occupation"`
	OtherOccupationAside string `yaml:"other_occupation_aside"`
	Personal             string `yaml:"personal"`
	Related              string `yaml:"related"`
	Clarify              string `yaml:"clarify"`
	DidYouMean           string `yaml:"did_you_mean"`
	Unknown              string `yaml:"unknown"`
	DeclinedTitle        string `yaml:"declined_title"`
	DeclinedNote         string `yaml:"declined_note"`
	HelpTitle            string `yaml:"help_title"`
	SmalltalkTitle       string `yaml:"smalltalk_title"`
	TopicsNote           string `yaml:"topics_note"`
	// Compare answers "is that good?", "is that a lot?", "above average?" about the last
	// answer's figure, with what the profile gives to compare it with.
	Compare Compare `yaml:"compare"`
	// Obtain answers "how would I earn that" about a credential whose requirements the
	// profile does not give. It may hold the credential's facts ({certification.name},
	// {certification.issuer}) and the profile's.
	Obtain string `yaml:"obtain"`
	// Together answers a follow-up about one kind of worker inside the occupation ("and
	// cancer registrars?") after a figure the profile gives only for the whole occupation.
	// It may hold {name}, the sub-occupation's name. Optional: without it such a follow-up
	// is answered as any other.
	Together string `yaml:"together"`
	// NoMore answers "tell me more", "how so?" after an answer that already said all the
	// profile has on its topic. It may hold {title}, the topic's title. Optional.
	NoMore string `yaml:"no_more"`
	// FeedbackUp thanks whoever pressed 👍 under an answer; FeedbackDown answers a 👎 and
	// leads the other topics offered instead.
	FeedbackUp   string `yaml:"feedback_up"`
	FeedbackDown string `yaml:"feedback_down"`
	// Labels are the words put before a reply's suggestions and its source.
	Labels Labels `yaml:"labels"`
}

// Labels are the words renderers put before parts of a reply.
type Labels struct {
	AlsoAsk string `yaml:"also_ask"` // before the suggestions after an answer
	Try     string `yaml:"try"`      // before the suggestions after a decline
	Source  string `yaml:"source"`   // before the source
}

// Compare are the sentences that compare the last answer's figure with the profile's own.
// Each may hold {figure} (the figure as the last answer said it, "$49,550") and any fact
// of the profile ({pay.median}, {outlook.comparison}).
type Compare struct {
	BelowMedian string `yaml:"below_median"` // a wage below the occupation's median
	AtMedian    string `yaml:"at_median"`    // the median itself
	AboveMedian string `yaml:"above_median"` // a wage above the median
	Growth      string `yaml:"growth"`       // the projected growth, which the profile compares
	Nothing     string `yaml:"nothing"`      // a figure the profile gives nothing to compare with
}

// Names returns every name of the occupation: Occupation, Title, Aliases, then each
// sub-occupation's name and aliases, each once (ignoring case), in that order. A question
// that uses any of them is about this occupation.
func (p *Profile) Names() []string {
	seen := map[string]bool{}
	var names []string
	add := func(ns ...string) {
		for _, n := range ns {
			if k := strings.ToLower(strings.TrimSpace(n)); k != "" && !seen[k] {
				seen[k] = true
				names = append(names, n)
			}
		}
	}
	add(p.Occupation, p.Title)
	add(p.Aliases...)
	for _, s := range p.Duties.SubOccupations {
		add(s.Name)
		add(s.Aliases...)
	}
	return names
}
