module github.com/careerbot/careerbot

go 1.26

require (
	github.com/google/go-cmp v0.7.0
	github.com/sahilm/fuzzy v0.1.3
	go.yaml.in/yaml/v3 v3.0.6
)
