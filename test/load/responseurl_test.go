package load_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// press is a signed block_actions payload: a button pressed under a careerbot answer.
func press(s *server, actionID, value, responseURL string) *http.Request {
	payload := fmt.Sprintf(`{"type":"block_actions","api_app_id":"A1","team":{"id":"T1"},"user":{"id":"U1"},"channel":{"id":"C1"},`+
		`"container":{"type":"message","message_ts":"1.1","channel_id":"C1"},"trigger_id":"1.2","response_url":%q,`+
		`"actions":[{"block_id":"suggestions","action_id":%q,"value":%q,"type":"button"}]}`, responseURL, actionID, value)
	return s.slackRequest("/slack/interactivity", "application/x-www-form-urlencoded", url.Values{"payload": {payload}}.Encode(), time.Now())
}

// TestResponseURLAllowlist presses buttons whose response_url points elsewhere than
// Slack: nothing may be POSTed there. The same press with a response_url on the Slack
// API's host is answered.
func TestResponseURLAllowlist(t *testing.T) {
	fake := newFakeSlack(t, fakeConfig{})
	s := startServer(t, serverConfig{apiURL: fake.apiURL()})
	local := newRecorder(t)
	_, port, _ := strings.Cut(strings.TrimPrefix(local.srv.URL, "http://"), ":")

	do := func(req *http.Request) int {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("POST /slack/interactivity: %v", err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}

	// Allowed: the API's own host. This also shows presses are answered at all.
	code := do(press(s, "careerbot_suggest_1", "outlook", fake.hookURL()))
	allowed := waitFor(5*time.Second, func() bool { return fake.hookCount() > 0 })

	// Not allowed: a local listener, by address and by name, for a suggestion and a share.
	var refusedCodes []string
	for _, target := range []string{local.srv.URL + "/x", "http://localhost:" + port + "/x"} {
		refusedCodes = append(refusedCodes, strconv.Itoa(do(press(s, "careerbot_suggest_1", "outlook", target))))
		refusedCodes = append(refusedCodes, strconv.Itoa(do(press(s, "careerbot_share", "pay", target))))
	}
	time.Sleep(2 * time.Second)
	leaked := local.count()

	logTable(t, "response_url allowlist",
		[]string{"api host press", "answered there", "foreign presses", "POSTs received by the foreign listener"},
		[]string{strconv.Itoa(code), strconv.FormatBool(allowed), strings.Join(refusedCodes, ","), strconv.Itoa(leaked)},
	)
	if code != http.StatusOK || !allowed {
		t.Errorf("press with response_url %s: status %d, answered %v; want 200 and an answer there", fake.hookURL(), code, allowed)
	}
	if leaked > 0 {
		t.Errorf("%d answers were POSTed to a response_url outside Slack (%s)", leaked, local.srv.URL)
	}
}
