// Package discord is careerbot's Discord face, on github.com/bwmarrin/discordgo: the
// /career slash command (ask with autocomplete, topic, help), messages that mention the bot
// or are sent to it directly, and suggestion buttons, over the gateway or over an HTTP
// interactions endpoint verified with the application's Ed25519 public key.
//
// One handler turns an interaction into its response for both transports. Replies are
// embeds within Discord's limits, and allowed_mentions parses nothing, so user text never
// pings anyone.
package discord
