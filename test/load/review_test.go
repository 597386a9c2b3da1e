package load_test

import (
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReviewQueue: a question declined in Slack appears in `careerbot review` with its
// count, masked, with no user or channel id; with CAREERBOT_REVIEW_LOG=off nothing is kept.
func TestReviewQueue(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  []string
		want []string
	}{
		{"on", nil, []string{"2  ", "declined 2", "how much do nurses make", "[email]", "[mention]"}},
		{"off", []string{"CAREERBOT_REVIEW_LOG=off"}, []string{"nothing to review"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fake := newTextSlack(t)
			dir := t.TempDir()
			s := startServer(t, serverConfig{apiURL: fake.srv.URL + "/api/", dataDir: dir, env: tt.env})
			for _, q := range []string{
				"how much do nurses make <@U0SECRET> mail me at sam@example.edu",
				"how much do nurses make?? mail me at sam@example.edu <@U0SECRET>",
				"how much do they make?",
			} {
				ts := nextTS()
				deliver(t, s, mentionIn(ts, "", q), 0)
				if !waitFor(5*time.Second, func() bool { return len(fake.inThread(ts)) > 0 }) {
					t.Fatalf("no answer to %q", q)
				}
			}
			s.cmd.Process.Signal(syscall.SIGTERM) // the recorder writes what is queued as it stops
			<-s.exited
			out, err := exec.Command(binary, "review", "--data-dir", dir).CombinedOutput()
			if err != nil {
				t.Fatalf("careerbot review: %v\n%s", err, out)
			}
			t.Logf("careerbot review:\n%s", out)
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("careerbot review printed:\n%s\nwant %q in it", out, w)
				}
			}
			for _, leak := range []string{"U0SECRET", "U1", "C1", "sam@example.edu", "how much do they make"} {
				if strings.Contains(string(out), leak) {
					t.Errorf("careerbot review printed %q:\n%s", leak, out)
				}
			}
		})
	}
}
