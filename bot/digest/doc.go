// Package digest is careerbot's scheduled job-outlook digests, platform-neutral:
// subscriptions (a channel, a schedule, a time zone), their schedules, the digest's
// content, and a scheduler that delivers each slot exactly once through the platform's
// Poster. It stores subscriptions behind the Store interface it defines.
//
// It imports no chat platform SDK; adapters provide Posters. Its clock is always an
// argument (now), never time.Now inside the logic, so every decision can be tested.
package digest
