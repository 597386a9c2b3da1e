package bot

// Who a question is about: an occupation named as the asker's own or as people the job
// works with is context, not the subject.

import (
	"strings"
)

// selfDescription says whether the occupation at position i is context rather than what is
// asked about: the asker's own ("I'm a medical assistant and ..."), or people the job works
// with ("do they teach nurses", "help patients but not be a nurse").
func selfDescription(toks []token, i int) bool {
	// "teacher here", "career changer here (teacher)": who is asking, not what about.
	if i+1 < len(toks) && toks[i+1].word == "here" {
		return true
	}
	if i >= 1 {
		switch toks[i-1].word {
		case "teach", "train", "help", "support", "with", "than", "like", "besides", "beside", "from", "here":
			return true
		case "do": // "I do help desk at a clinic"
			if i >= 2 && toks[i-2].word == "i" {
				return true
			}
		case "in": // "I work in IT help desk"
			if i >= 2 {
				switch toks[i-2].word {
				case "work", "working", "worked", "job":
					return true
				}
			}
		case "and", "or": // "teach nurses and doctors"
			if i >= 2 && !toks[i-2].stop && selfDescription(toks, i-2) {
				return true
			}
		}
	}
	// "i am a high school biology teacher": look back over a few words that describe
	// the occupation to the article.
	for k := 1; k <= 4 && i-k >= 1; k++ {
		w := toks[i-k]
		if w.sep || w.stop && w.word != "a" && w.word != "an" {
			break
		}
		if w.word == "a" || w.word == "an" {
			i = i - k + 1
			break
		}
	}
	if i < 2 || toks[i-1].word != "a" && toks[i-1].word != "an" {
		return false
	}
	switch toks[i-2].word {
	case "am", "was", "currently", "im", "been", "former", "than", "like":
		return true
	case "be":
		return i >= 3 && toks[i-3].word == "not"
	case "as": // "I work as a receptionist"; but "as a nurse, how much would I make" asks about nursing
		if i >= 3 {
			switch toks[i-3].word {
			case "work", "working", "worked", "employed", "job":
				return true
			}
		}
	case "is": // "my wife is a pharmacy tech"
		if i >= 3 && family[toks[i-3].word] {
			return true
		}
	}
	return false
}

// family are the people whose jobs an asker mentions as context.
var family = setOf("wife", "husband", "partner", "son", "daughter", "kid", "child", "friend", "mom",
	"dad", "mother", "father", "sister", "brother", "cousin", "aunt", "uncle", "boyfriend", "girlfriend",
	"roommate", "neighbor", "grandma", "grandpa")

// ownWork says whether the question asks about the asker's own line of work ("I'm a
// nurse, how much do we make", "teacher here, is my field growing"): then the occupation
// they named is what is asked about after all.
func ownWork(toks []token) bool {
	for i, t := range toks {
		switch t.word {
		case "we", "our", "ours", "us":
			return true
		case "my":
			if i+1 < len(toks) {
				switch toks[i+1].word {
				case "field", "job", "occupation", "profession", "career", "industry", "line", "work", "role", "trade", "position":
					return true
				}
			}
		case "like":
			if i+1 < len(toks) && toks[i+1].word == "me" && i > 0 && (toks[i-1].word == "people" || toks[i-1].word == "someone" || toks[i-1].word == "folks") {
				return true
			}
		}
	}
	return false
}

// rightNow says whether "rn" at position i is chat for "right now" ("is it growing rn",
// "im a cashier rn w/ a diploma", "rn, how much do they make") rather than a registered
// nurse ("how much do rn make", "who hires rn", "is rn a good career"): no article,
// preposition or verb before it makes it a noun, and nothing asked about nurses follows.
func rightNow(toks []token, i int) bool {
	if toks[i].word != "rn" {
		return false
	}
	ends := i+1 == len(toks) || toks[i+1].sep
	if i == 0 {
		return ends
	}
	switch toks[i-1].word {
	case "a", "an", "the", "as", "for", "of", "to", "be", "become", "becoming", "being", "my", "your", "their", "other", "fellow", "than", "like", "vs", "versus", "or", "and", "do", "does", "many", "most", "some", "all", "is", "are",
		"hire", "hires", "hiring", "employ", "employs", "pay", "pays", "paid", "need", "needs", "want", "wants":
		return false
	}
	if ends {
		return true
	}
	switch toks[i+1].word {
	case "make", "makes", "earn", "earns", "get", "gets", "do", "does", "work", "works", "salary", "pay", "job", "jobs",
		"program", "programs", "degree", "license", "vs", "versus", "nurse", "nurses", "school", "a", "an", "the", "worth", "in":
		return false
	case "or":
		return i+2 < len(toks) && toks[i+2].word == "not"
	}
	return true
}

// looksLikeOccupation says whether an unknown word is probably another job: it ends like a
// person noun ("welders", "baristas") and sits where a job goes ("do welders", "as a barista").
func looksLikeOccupation(toks []token, i int) bool {
	w := toks[i].word
	suffix := false
	for _, s := range []string{"er", "ist", "ian", "or", "ista"} {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			suffix = true
			break
		}
	}
	if !suffix || i == 0 || thingsNotPeople[w] {
		return false
	}
	switch toks[i-1].word {
	case "do", "does", "are", "a", "an", "as", "become", "becoming", "for", "being":
		return true
	}
	return false
}

// thingsNotPeople end like person nouns but name things: "citation for a paper".
var thingsNotPeople = setOf("paper", "computer", "number", "answer", "letter", "order", "center",
	"centre", "matter", "semester", "quarter", "chapter", "summer", "winter", "error", "color",
	"colour", "floor", "door", "major", "minor", "factor", "sector", "monitor", "printer", "folder",
	"poster", "flyer", "calculator", "browser", "register", "perfectionist", "optimist",
	"pessimist", "realist", "idealist", "minimalist", "introvert", "extrovert", "ambivert")
