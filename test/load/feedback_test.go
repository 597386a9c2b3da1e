package load_test

import (
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFeedbackStored: a 👎 pressed under an answer in Slack and in Discord is thanked with
// the other topics offered, and is stored with its topic (shown by careerbot review), with
// no user or channel id.
func TestFeedbackStored(t *testing.T) {
	fake := newTextSlack(t)
	dir := t.TempDir()
	s := startServer(t, serverConfig{apiURL: fake.srv.URL + "/api/", dataDir: dir})

	payload := `{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U0PRESSER"},"channel":{"id":"C0CHANNEL"},` +
		`"response_url":"` + fake.srv.URL + `/hooks/T1/B1/x","container":{"type":"message"},` +
		`"actions":[{"type":"button","action_id":"careerbot_feedback_down","block_id":"feedback","value":"pay"}]}`
	body := "payload=" + url.QueryEscape(payload)
	resp, err := http.DefaultClient.Do(s.slackRequest("/slack/interactivity", "application/x-www-form-urlencoded", body, time.Now()))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("slack 👎: %v %v", resp, err)
	}
	resp.Body.Close()
	if !waitFor(5*time.Second, func() bool { fake.mu.Lock(); defer fake.mu.Unlock(); return len(fake.hooks) > 0 }) {
		t.Fatal("the Slack 👎 was not answered")
	}
	fake.mu.Lock()
	h := fake.hooks[0]
	fake.mu.Unlock()
	if !strings.Contains(h, "Did you mean") || !strings.Contains(h, "ephemeral") {
		t.Errorf("slack 👎 answered %s; want an ephemeral thanks offering the other topics", h)
	}

	press := `{"id":"I9","application_id":"A1","type":3,"token":"tok","version":1,"guild_id":"G1","channel_id":"C0CHANNEL",` +
		`"member":{"user":{"id":"U0PRESSER","username":"sam"}},"data":{"custom_id":"careerbot-feedback:down:outlook","component_type":2}}`
	resp, err = http.DefaultClient.Do(s.discordRequest(press, time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(answer), "Did you mean") || !strings.Contains(string(answer), `"flags":64`) {
		t.Errorf("discord 👎: %d %s; want an ephemeral thanks offering the other topics", resp.StatusCode, answer)
	}

	s.cmd.Process.Signal(syscall.SIGTERM)
	<-s.exited
	out, err := exec.Command(binary, "review", "--data-dir", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("careerbot review: %v\n%s", err, out)
	}
	t.Logf("careerbot review:\n%s", out)
	for _, want := range []string{"thumbs_down 1  pay", "thumbs_down 1  outlook"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("careerbot review lacks %q", want)
		}
	}
	for _, leak := range []string{"U0PRESSER", "C0CHANNEL"} {
		if strings.Contains(string(out), leak) {
			t.Errorf("careerbot review shows %s", leak)
		}
	}
}
