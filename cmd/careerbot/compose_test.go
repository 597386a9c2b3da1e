package main

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestComposeExample: compose.yaml (docs/replicas.md) parses, runs two serve replicas and a
// migrate step on one PostgreSQL, and takes its secrets from the environment. Docker is
// not available where the tests run, so this is as far as it is checked here.
func TestComposeExample(t *testing.T) {
	raw, err := os.ReadFile("../../compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Services map[string]struct {
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	serving := 0
	for name, s := range c.Services {
		if strings.Join(s.Command, " ") == "serve" {
			serving++
			if url := s.Environment["CAREERBOT_DATABASE_URL"]; !strings.HasPrefix(url, "postgres://") {
				t.Errorf("%s: CAREERBOT_DATABASE_URL = %q, want the PostgreSQL service", name, url)
			}
		}
		for k, v := range s.Environment {
			if (strings.Contains(k, "TOKEN") || strings.Contains(k, "SECRET") || strings.Contains(k, "PASSWORD")) && !strings.HasPrefix(v, "${") {
				t.Errorf("%s: %s is written in the file; secrets come from the environment", name, k)
			}
		}
	}
	if serving != 2 || c.Services["migrate"].Command[0] != "migrate" {
		t.Errorf("%d serve replicas and migrate %v; want 2 and a migrate step", serving, c.Services["migrate"].Command)
	}
}
