package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// envReader reads typed settings from the environment. A variable that is set but cannot
// be read is an error, never the default in silence: CAREERBOT_DRAIN_TIMEOUT=25 (no unit)
// or CAREERBOT_OUTBOUND_WORKERS=-3 must stop serve at start-up, not show up as a 25 s
// drain or 16 workers the operator did not ask for. An empty variable is unset.
type envReader struct {
	getenv func(string) string
	err    error // the first variable that could not be read
}

// duration reads a positive duration such as 25s or 1m30s, or gives def when key is unset.
func (e *envReader) duration(key string, def time.Duration) time.Duration {
	v := e.getenv(key)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	switch {
	case err != nil:
		e.fail(fmt.Errorf("%s=%q: want a duration such as 25s or 1m30s: %w", key, v, err))
	case d <= 0:
		e.fail(fmt.Errorf("%s=%q: want a duration above 0, such as 25s", key, v))
	default:
		return d
	}
	return def
}

// positive reads a whole number above 0, or gives def when key is unset.
func (e *envReader) positive(key string, def int) int {
	return e.integer(key, def, 1)
}

// natural reads a whole number of 0 or more (a shard id or count), or 0 when key is unset.
func (e *envReader) natural(key string) int {
	return e.integer(key, 0, 0)
}

func (e *envReader) integer(key string, def, least int) int {
	v := e.getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	switch {
	case err != nil:
		e.fail(fmt.Errorf("%s=%q: want a whole number of %d or more: %w", key, v, least, err))
	case n < least:
		e.fail(fmt.Errorf("%s=%q: want a whole number of %d or more", key, v, least))
	default:
		return n
	}
	return def
}

// fail keeps the first error: it is the one reported, as cfg.check reports its first.
func (e *envReader) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// onOff reads on or off (also true/false, 1/0), or gives def when key is unset.
func (e *envReader) onOff(key string, def bool) bool {
	switch v := strings.ToLower(e.getenv(key)); v {
	case "":
		return def
	case "on", "true", "1":
		return true
	case "off", "false", "0":
		return false
	default:
		e.fail(fmt.Errorf("%s=%q: want on or off", key, v))
		return def
	}
}
