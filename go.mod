module github.com/careerbot/careerbot

go 1.26

require go.yaml.in/yaml/v3 v3.0.6

require github.com/sahilm/fuzzy v0.1.3 // indirect
