package bot

// Language rules that do not depend on the profile. Word lists about the occupation, slang
// and synonyms live in the knowledge file, where they can be edited without Go.

// stopwords carry no topic on their own. Words that do point somewhere ("much", "many",
// "where", "why", "who", "how") are deliberately not here.
var stopwords = setOf(
	"a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does",
	"did", "doing", "done", "i", "me", "my", "mine", "myself", "you", "your", "yours", "we", "us", "our",
	"they", "them", "their", "theirs", "it", "its", "this", "that", "these", "those", "he", "she",
	"him", "her", "his", "to", "of", "in", "on", "at", "for", "with", "as", "by", "from", "about",
	"into", "onto", "what", "which", "can", "could", "would", "should", "will", "shall", "may",
	"might", "must", "there", "here", "and", "or", "but", "so", "if", "then", "than", "just",
	"really", "very", "please", "tell", "know", "want", "some", "any", "also", "too", "um", "uh",
	"lol", "like", "kind", "sort", "thing", "things", "someone", "somebody", "anyone", "anybody",
	"one", "ones", "not", "no", "yes", "have", "has", "had", "having", "get", "got", "gets", "getting",
	"go", "going", "goes", "let", "lets", "say", "said", "see", "ok", "okay", "hey", "hi", "hello",
	"thanks", "thank", "pls", "plz", "ya", "yeah", "guys", "guy", "folks", "all", "now", "still",
	"even", "ever", "much", "many", "how", "why", "where", "who", "when", "whats", "wondering",
	"curious", "question", "questions", "quick", "dumb", "stupid", "sorry", "actually", "basically",
	"exactly", "roughly", "approximately", "around", "generally", "usually", "typically", "more",
	"most", "less", "least", "well", "good", "bad", "great", "better", "best", "way", "ways", "out",
	"up", "down", "over", "under", "again", "both", "each", "few", "other", "such", "only", "own",
	"same", "off", "while", "because", "until", "after", "before", "during", "through", "per",
	"something", "anything", "everything", "nothing", "make", "need", "needs", "needed", "take",
	"takes", "use", "used", "using", "think", "thinking", "find", "looking", "look", "help", "im",
	"id", "ill", "ive", "youre", "theyre", "dont", "doesnt", "didnt", "isnt", "arent", "wont", "cant",
	"gonna", "wanna", "would've", "should've", "type", "kinds", "lot", "lots", "bit", "currently",
	"considering", "interested", "planning", "trying", "idea", "anyway", "maybe", "probably", "okay",
	"u", "ur", "r", "im", "plus", "else", "etc", "whether", "though", "although", "yet", "already",
	"every", "another", "able", "since", "via", "whats", "hows", "heres", "theres", "cause",
	"someone's", "whose", "whom", "shall", "yall", "ppl", "people", "person", "someone", "new", "old",
	// Chat fillers: they say how someone feels, not what they ask.
	"tbh", "ngl", "fr", "lmao", "lmfao", "omg", "btw", "imo", "imho", "bruh", "bro", "lowkey",
	"idk", "haha", "hahaha", "lolol", "xd", "smh", "tho", "fyi",
)

// contractions expand the apostrophe forms that normalization keeps.
var contractions = map[string][]string{
	"what's": {"what", "is"}, "it's": {"it", "is"}, "that's": {"that", "is"}, "there's": {"there", "is"},
	"who's": {"who", "is"}, "how's": {"how", "is"}, "where's": {"where", "is"}, "here's": {"here", "is"},
	"i'm": {"i", "am"}, "you're": {"you", "are"}, "they're": {"they", "are"}, "we're": {"we", "are"},
	"i've": {"i", "have"}, "you've": {"you", "have"}, "they've": {"they", "have"}, "we've": {"we", "have"},
	"i'll": {"i", "will"}, "you'll": {"you", "will"}, "they'll": {"they", "will"}, "it'll": {"it", "will"},
	"i'd": {"i", "would"}, "you'd": {"you", "would"}, "they'd": {"they", "would"},
	"can't": {"can", "not"}, "won't": {"will", "not"}, "don't": {"do", "not"}, "doesn't": {"does", "not"},
	"didn't": {"did", "not"}, "isn't": {"is", "not"}, "aren't": {"are", "not"}, "wasn't": {"was", "not"},
	"shouldn't": {"should", "not"}, "wouldn't": {"would", "not"}, "couldn't": {"could", "not"},
	"haven't": {"have", "not"}, "hasn't": {"has", "not"}, "let's": {"let", "us"}, "y'all": {"you", "all"},
	"ma'am": {"madam"}, "o'clock": {"oclock"},
}

// conjunctions separate the parts of a multi-part question.
// "or" is not one: "full time or part time?" is one question.
var conjunctions = setOf("and", "also", "plus", ",", "then", "besides")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
