package bot

// Feedback is the reply to a 👍 or 👎 pressed under an answer about topic: a 👍 is thanked;
// a 👎 is thanked and offered the other topics, "did you mean" style.
func (b *Bot) Feedback(topic string, helpful bool) Reply {
	ix := b.ix
	labels := &ix.kb.Replies.Labels
	if helpful {
		return Reply{Kind: KindSmalltalk, Intents: []string{string(KindSmalltalk)}, Lead: ix.kb.Replies.FeedbackUp, Rule: ruleFeedback, Labels: labels}
	}
	r := Reply{Kind: KindClarify, Intents: []string{IntentNone}, Lead: ix.kb.Replies.FeedbackDown, Rule: ruleFeedback, Labels: labels}
	for i := range ix.topics {
		if len(r.Suggestions) == maxSuggestions {
			break
		}
		if ix.topics[i].id != topic {
			r.Suggestions = append(r.Suggestions, ix.suggestion(i))
		}
	}
	return r
}
