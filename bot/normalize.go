package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds on the work one question can cause, whatever its size.
const (
	maxInputBytes = 2000 // longer input is cut; nobody asks a 2,000-character career question
	maxTokens     = 48
	// readTokens bounds the words held while a long message is read: past it, the
	// opening sentences are dropped (bot/read.go's keepQuestion), since the question
	// usually comes after the story ("…We have a 3 year old. What's the usual schedule
	// for health information technologists?").
	readTokens = 3 * maxTokens
)

// stripMarkup removes chat platform markup before matching: Slack <@U123>, <#C1|name>,
// <!here>, <https://a|label> (keeps label) and Discord <@123>, <@!1>, <@&1>, <#1>,
// <:emoji:1>, </cmd:1>. Anything else in angle brackets ("<3") is kept.
func stripMarkup(s string) string {
	if !strings.ContainsRune(s, '<') && !strings.ContainsRune(s, '@') {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == '@' {
			// A bare @here/@channel/@everyone or @name: drop the sigil so nothing pings.
			sb.WriteByte(' ')
			i++
			continue
		}
		if c != '<' {
			sb.WriteByte(c)
			i++
			continue
		}
		end := strings.IndexByte(s[i:min(len(s), i+301)], '>')
		if end < 0 {
			sb.WriteByte(' ')
			i++
			continue
		}
		inner := s[i+1 : i+end]
		i += end + 1
		switch {
		case inner == "":
		case strings.HasPrefix(inner, "http://"), strings.HasPrefix(inner, "https://"), strings.HasPrefix(inner, "mailto:"):
			if bar := strings.IndexByte(inner, '|'); bar >= 0 {
				sb.WriteByte(' ')
				sb.WriteString(inner[bar+1:])
				sb.WriteByte(' ')
			}
		case strings.ContainsAny(inner[:1], "@#!:/") || strings.HasPrefix(inner, "a:"):
			sb.WriteByte(' ')
		default:
			sb.WriteByte('<')
			sb.WriteString(inner)
			sb.WriteByte('>')
		}
	}
	return sb.String()
}

// clip bounds the input and makes it valid UTF-8.
func clip(s string) string {
	if len(s) > maxInputBytes {
		cut := maxInputBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	return s
}

// fold maps a rune to its lower-case ASCII letter when it is an accented Latin letter, so
// "résumé" and "resume" are the same word.
func fold(r rune) rune {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā':
		return 'a'
	case 'ç', 'č':
		return 'c'
	case 'è', 'é', 'ê', 'ë', 'ē', 'ę':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ñ':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	case 'š':
		return 's'
	case 'ž':
		return 'z'
	}
	return r
}

// lowerText lower-cases and folds s into a space-separated string of words. It keeps
// apostrophes inside words (for contractions), turns "$" into "money" unless a figure
// follows, "%" into "percent", "&" and "+" into "and" (lexicon: symbols), and splits
// letters from digits ("top10") except ordinals ("90th").
func lowerText(dst []byte, s string) []byte {
	sb := byteWriter{dst}
	prev := ' ' // class of the previous written rune: 'a' letter, '0' digit, ' ' space
	space := func() {
		if prev != ' ' {
			sb.WriteByte(' ')
			prev = ' '
		}
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			// The common case, kept cheap: a run of lower-case letters at once.
			if prev == '0' && !ordinalSuffix(s[i:]) {
				space()
			}
			sb.b = append(sb.b, byte(r))
			prev = 'a'
			continue
		case r == ' ':
			space()
			continue
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r >= 0x80:
			r = fold(unicode.ToLower(r))
		}
		switch {
		case r >= 'a' && r <= 'z' || unicode.IsLetter(r):
			if prev == '0' && !ordinalSuffix(s[i:]) {
				space()
			}
			sb.WriteRune(r)
			prev = 'a'
		case r >= '0' && r <= '9':
			if prev == 'a' {
				space()
			}
			sb.WriteRune(r)
			prev = '0'
		case r == ',' && prev == '0' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			// 55,560: keep the figure whole.
		case r == '\'' || r == '’' || r == 'ʼ' || r == '`':
			if prev == 'a' && letterAt(s, i+utf8.RuneLen(r)) {
				sb.WriteByte('\'')
				continue
			}
			space()
		case r == '$':
			if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				space()
				continue
			}
			if prev != 'm' { // "$$$" is one "money"
				space()
				sb.WriteString(lex.Reading.Symbols['$'])
				prev = 'm'
			}
			continue
		case r == '*' || r == '%' || r == '&' || r == '+':
			space()
			sb.WriteString(symbolText(r))
			prev = ' '
		case r == '-' && prev == 'a' && i+1 < len(s) && s[i+1] >= 'a' && s[i+1] <= 'z':
			// problem-solving, full-time: join as one word and as two words would both be
			// plausible; splitting keeps the vocabulary small.
			space()
		case r == '?' || r == '.' || r == '!' || r == ';' || r == ',' || r == ':':
			space()
			sb.WriteString(separators[r])
			prev = ' '
		default:
			space()
		}
		if prev == 'm' {
			prev = ' '
		}
	}
	return sb.b
}

// letterAt says whether a letter starts at byte i of s.
func letterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	n, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(n)
}

// symbolText is what a symbol other than "$" reads as: "*" stands for the occupation in
// knowledge-file phrases ("what do * do"); "%", "&" and "+" are words (lexicon: symbols).
func symbolText(r rune) string {
	if r == '*' {
		return "* "
	}
	return lex.Reading.Symbols[r]
}

// byteWriter appends to a byte slice with the strings.Builder methods lowerText uses.
type byteWriter struct{ b []byte }

func (w *byteWriter) WriteByte(c byte) error { w.b = append(w.b, c); return nil }
func (w *byteWriter) WriteString(s string)   { w.b = append(w.b, s...) }
func (w *byteWriter) WriteRune(r rune)       { w.b = utf8.AppendRune(w.b, r) }

// ordinalSuffix says whether s, after a figure, opens with an ordinal ending ("90th").
func ordinalSuffix(s string) bool {
	for _, e := range lex.Reading.OrdinalEndings.list {
		if strings.HasPrefix(s, e) {
			return len(s) == len(e) || !unicode.IsLetter(rune(s[len(e)]))
		}
	}
	return false
}

// separators are what each punctuation mark reads as: a clause boundary, which read()
// turns into a separator token that remembers a question mark or a sentence's end ("?",
// "."), since a part of a question must be asked (toldIn).
var separators = map[rune]string{',': ", ", ';': ", ", ':': ", ", '.': ". ", '!': ". ", '?': "? "}
