// Package bot is careerbot's platform-neutral core: it reads a question (cleaning up chat
// markup, normalizing, correcting spelling), matches it to topics of the knowledge base, and
// composes a structured Reply that every adapter renders natively.
//
// It imports no chat platform SDK; adapters (CLI, Slack, Discord) call Answer the way an
// http.Server calls a Handler.
package bot
