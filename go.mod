module github.com/careerbot/careerbot

go 1.26.0

require (
	github.com/google/go-cmp v0.7.0
	github.com/sahilm/fuzzy v0.1.3
	go.yaml.in/yaml/v3 v3.0.6
)

require (
	github.com/bwmarrin/discordgo v0.29.0 // indirect
	github.com/gorilla/websocket v1.5.3 // indirect
	github.com/robfig/cron/v3 v3.0.1 // indirect
	github.com/slack-go/slack v0.35.0 // indirect
	golang.org/x/crypto v0.59.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
