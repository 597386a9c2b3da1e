package load_test

import (
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// ask is a Discord /career ask interaction.
const ask = `{"id":"900034913522340638","application_id":"823765076861079285","type":2,"token":"tok","version":1,` +
	`"guild_id":"G1","channel_id":"C1","member":{"user":{"id":"U1","username":"sam"}},` +
	`"data":{"id":"D1","name":"career","type":1,"options":[{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":"What's the salary?"}]}]}}`

// TestReplays sends what an attacker or a retrying Slack would send again: the same
// signed event twice is answered once, and requests signed 10 minutes ago are refused.
func TestReplays(t *testing.T) {
	fake := newFakeSlack(t, fakeConfig{})
	s := startServer(t, serverConfig{apiURL: fake.apiURL()})
	status := func(req *http.Request) int {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", req.URL.Path, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}

	// The same event twice, the second as Slack's retry.
	ts := nextTS()
	body := mention(ts)
	at := time.Now()
	first := status(s.slackRequest("/slack/events", "application/json", body, at))
	retry := s.slackRequest("/slack/events", "application/json", body, at)
	retry.Header.Set("X-Slack-Retry-Num", "1")
	retry.Header.Set("X-Slack-Retry-Reason", "http_timeout")
	second := status(retry)
	waitFor(5*time.Second, func() bool { return fake.answers(ts) > 0 })
	time.Sleep(1500 * time.Millisecond) // room for a second answer
	answers := fake.answers(ts)

	// Stale: signed correctly, 10 minutes ago.
	staleSlack := status(s.slackRequest("/slack/events", "application/json", mention(nextTS()), time.Now().Add(-10*time.Minute)))
	freshDiscord := status(s.discordRequest(ask, time.Now()))
	staleDiscord := status(s.discordRequest(ask, time.Now().Add(-10*time.Minute)))

	logTable(t, "replays",
		[]string{"event", "retry", "answers", "stale slack", "fresh discord", "stale discord"},
		[]string{strconv.Itoa(first), strconv.Itoa(second), strconv.Itoa(answers), strconv.Itoa(staleSlack), strconv.Itoa(freshDiscord), strconv.Itoa(staleDiscord)},
	)
	if first != 200 {
		t.Errorf("signed event: status %d, want 200", first)
	}
	if second != 200 {
		t.Errorf("the same event again: status %d, want 200", second)
	}
	if answers != 1 {
		t.Errorf("the same event posted twice was answered %d times, want once", answers)
	}
	if staleSlack != 401 {
		t.Errorf("Slack event signed 10 minutes ago: status %d, want 401", staleSlack)
	}
	if freshDiscord != 200 {
		t.Errorf("fresh Discord interaction: status %d, want 200", freshDiscord)
	}
	if staleDiscord != 400 && staleDiscord != 401 {
		t.Errorf("Discord interaction signed 10 minutes ago: status %d, want 401 (or 400)", staleDiscord)
	}
}
