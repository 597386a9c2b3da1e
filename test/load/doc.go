// Package load holds careerbot's load and fault suite: it builds the real binary, runs
// `careerbot serve` as a child process against fake Slack and Discord clients and a fake
// Slack Web API, and checks what a production server must survive: floods of unsigned
// big bodies and of slow valid-looking bodies that hold every body-read slot, twice its
// capacity against a slow API, SIGTERM under load, many fresh starts on one data
// directory, response_url targets outside Slack, and replays.
//
// The default mode is short (well under a minute) and runs with `go test ./...`:
//
//	go test -race -count=1 ./test/load
//
// The long mode gives the full figures:
//
//	CAREERBOT_LOAD=full go test ./test/load -v -timeout 30m
//
// CAREERBOT_LOAD_BINARY=path uses an already built careerbot instead of building one.
// Figures (requests/s, latency, server RSS and file descriptors, lost answers) are
// printed with t.Logf: add -v to see them.
package load
