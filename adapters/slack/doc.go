// Package slack is careerbot's Slack face, on github.com/slack-go/slack: app mentions
// (answered in the thread), direct messages, the /career slash command, suggestion and
// share buttons, and the App Home tab, over HTTP (Events API, slash commands and
// interactivity endpoints, signed with the app's signing secret).
//
// It turns Slack events into bot requests and renders bot replies as Block Kit. Its duties:
// ignore its own and other bots' messages, edits and joins; answer each event once (Slack
// retries are deduplicated by event id); never let user text ping anyone; acknowledge within
// Slack's three seconds.
package slack
