package slack

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"time"

	"github.com/slack-go/slack"
)

// Retry budget for one Web API call made after an acknowledgement: Slack asks clients to
// wait out a 429's Retry-After, and a 5xx or a network error (a timeout, a reset
// connection) is usually a moment's trouble. The job's own deadline
// (outbound.Config.JobTimeout, 60 s) and the shutdown drain bound the waiting.
const (
	maxAttempts   = 5
	serverBackoff = 500 * time.Millisecond // doubled after each 5xx or network error
)

// retry calls f until it succeeds, fails for good, or the budget is spent.
func (a *Adapter) retry(ctx context.Context, what string, f func(context.Context) error) error {
	backoff := a.backoff
	for attempt := 1; ; attempt++ {
		err := f(ctx)
		a.countError(err)
		wait, again := retryable(ctx, err, backoff)
		if !again || attempt == maxAttempts {
			return err
		}
		a.log.Warn("slack call will be retried", "call", what, "attempt", attempt, "wait", wait, "err", err)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return fmt.Errorf("%w (waiting to retry after: %v)", ctx.Err(), err)
		}
		backoff *= 2
	}
}

// retryable says whether err is worth another try, and after how long.
func retryable(ctx context.Context, err error, backoff time.Duration) (time.Duration, bool) {
	if err == nil || ctx.Err() != nil {
		return 0, false
	}
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return rl.RetryAfter, true
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) {
		return backoff, sc.Code >= 500
	}
	// No HTTP answer at all: the request may not have reached Slack.
	var ne net.Error
	if errors.As(err, &ne) {
		return backoff, true
	}
	return 0, false
}

// post sends a message to a channel, with retries.
func (a *Adapter) post(ctx context.Context, channel string, opts ...slack.MsgOption) error {
	return a.retry(ctx, "chat.postMessage", func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
}

// respond answers through an interaction's response_url, with retries.
func (a *Adapter) respond(ctx context.Context, responseURL, responseType string, opts ...slack.MsgOption) error {
	opts = append(opts, slack.MsgOptionResponseURL(responseURL, responseType))
	return a.retry(ctx, "response_url", func(ctx context.Context) error {
		_, _, _, err := a.api.SendMessageContext(ctx, "", opts...)
		return err
	})
}

// origin is scheme://host of the configured Web API URL, or "" without one.
func origin(apiURL string) string {
	u, err := url.Parse(apiURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// responseURLAllowed says whether careerbot may POST to raw. The URL arrives in a signed
// request, but a signature says who sent it, not that the URL is safe to call: only
// https://hooks.slack.com/ (or the configured API's own origin: a proxy, or a fake in
// tests) is accepted, so a payload cannot make careerbot call into its own network.
func (a *Adapter) responseURLAllowed(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.User != nil || u.Host == "" {
		return false
	}
	if u.Scheme == "https" && u.Host == "hooks.slack.com" {
		return true
	}
	return a.apiOrigin != "" && u.Scheme+"://"+u.Host == a.apiOrigin
}

// countError tells the observer of a failed Web API call.
func (a *Adapter) countError(err error) {
	var rl *slack.RateLimitedError
	switch {
	case err == nil:
	case errors.As(err, &rl):
		a.obs.APIError("slack", "ratelimited")
	default:
		a.obs.APIError("slack", "error")
	}
}
