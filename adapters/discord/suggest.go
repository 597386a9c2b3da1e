package discord

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"
	"github.com/sahilm/fuzzy"

	"github.com/careerbot/careerbot/bot"
)

// maxPattern keeps fuzzy's pattern short: its score overflows on long exact runs, and
// the end of what is typed says most about what is wanted.
const maxPattern = 30

// suggester ranks answerable questions for autocomplete: the topics' example questions and
// titles, the same vocabulary the matcher uses, so every suggestion can be answered.
type suggester struct {
	questions []string   // lower-case, for matching
	words     [][]string // each question's words
	display   []string   // as shown
	topic     []string   // topic id of each question
	byTopic   map[string][]int
	firsts    []int // each topic's own question, in topic order
}

func newSuggester(topics []bot.Topic) *suggester {
	s := &suggester{byTopic: map[string][]int{}}
	seen := map[string]bool{}
	add := func(topic, q string) {
		q = strings.TrimSpace(q)
		key := strings.ToLower(q)
		if q == "" || seen[key] || len(q) > maxChoiceText {
			return
		}
		seen[key] = true
		s.byTopic[topic] = append(s.byTopic[topic], len(s.questions))
		s.questions = append(s.questions, key)
		s.words = append(s.words, strings.FieldsFunc(key, notLetter))
		s.display = append(s.display, q)
		s.topic = append(s.topic, topic)
	}
	for _, t := range topics {
		s.firsts = append(s.firsts, len(s.questions))
		add(t.ID, t.Question)
	}
	for _, t := range topics {
		for _, e := range t.Examples {
			add(t.ID, upperFirst(e)+"?")
		}
	}
	return s
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// suggest returns up to 25 choices for what has been typed so far.
func (a *Adapter) suggest(ctx context.Context, typed string) []*discordgo.ApplicationCommandOptionChoice {
	s := a.sugg
	typed = strings.TrimSpace(typed)
	var order []int
	if typed == "" {
		order = s.firsts
	} else {
		pattern := strings.ToLower(typed)
		if len(pattern) > maxPattern {
			pattern = pattern[len(pattern)-maxPattern:]
		}
		score := make(map[int]int)
		// The bot's own reading: what it would answer, it suggests first.
		r := a.bot.Answer(ctx, bot.Request{Text: typed, Preview: true})
		if r.Answered && r.Kind == bot.KindAnswer {
			for _, t := range r.Intents {
				for _, i := range s.byTopic[t] {
					score[i] += 100
				}
			}
		}
		// Words typed so far: whole words count, the last one may be half typed.
		typedWords := strings.FieldsFunc(strings.ToLower(typed), notLetter)
		for i, ws := range s.words {
			for k, tw := range typedWords {
				for _, w := range ws {
					if w == tw || k == len(typedWords)-1 && len(tw) >= 2 && strings.HasPrefix(w, tw) {
						score[i] += 10
						break
					}
				}
			}
		}
		// Then sahilm/fuzzy, for letters typed out of order of words ("slry").
		for rank, m := range fuzzy.Find(pattern, s.questions) {
			score[m.Index] += max(1, 5-rank/5)
		}
		for i := range score {
			order = append(order, i)
		}
		slices.SortStableFunc(order, func(x, y int) int { return cmp.Or(cmp.Compare(score[y], score[x]), cmp.Compare(x, y)) })
	}
	var out []*discordgo.ApplicationCommandOptionChoice
	used := map[int]bool{}
	for _, i := range order {
		if used[i] {
			continue
		}
		used[i] = true
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: s.display[i], Value: s.display[i]})
		if len(out) == maxChoices {
			break
		}
	}
	return out
}
