package discord

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/bwmarrin/discordgo"
)

// commandAPI is the part of *discordgo.Session registration uses.
type commandAPI interface {
	ApplicationCommands(appID, guildID string, options ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error)
	ApplicationCommandBulkOverwrite(appID, guildID string, cmds []*discordgo.ApplicationCommand, options ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error)
}

// Register makes the application's commands (global, or one guild's when guildID is set)
// exactly cmds, with one bulk overwrite, and writes what changed. When nothing changed it
// sends nothing: Discord limits command creation per day, so this is never run on start.
func Register(api commandAPI, appID, guildID string, cmds []*discordgo.ApplicationCommand, w io.Writer) error {
	if appID == "" {
		return fmt.Errorf("discord: the application id is required (DISCORD_APP_ID)")
	}
	existing, err := api.ApplicationCommands(appID, guildID)
	if err != nil {
		return fmt.Errorf("list commands: %w", err)
	}
	have := map[string]*discordgo.ApplicationCommand{}
	for _, c := range existing {
		have[c.Name] = c
	}
	changed := false
	for _, c := range cmds {
		old, ok := have[c.Name]
		switch {
		case !ok:
			fmt.Fprintf(w, "create /%s\n", c.Name)
			changed = true
		case !same(old, c):
			fmt.Fprintf(w, "update /%s\n", c.Name)
			changed = true
		default:
			fmt.Fprintf(w, "unchanged /%s\n", c.Name)
		}
		delete(have, c.Name)
	}
	for name := range have {
		fmt.Fprintf(w, "delete /%s\n", name)
		changed = true
	}
	if !changed {
		return nil
	}
	if _, err := api.ApplicationCommandBulkOverwrite(appID, guildID, cmds); err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	return nil
}

// same compares the parts of a command that registration sets.
func same(a, b *discordgo.ApplicationCommand) bool {
	strip := func(c *discordgo.ApplicationCommand) string {
		x := *c
		x.ID, x.ApplicationID, x.GuildID, x.Version = "", "", "", ""
		j, _ := json.Marshal(x)
		return string(j)
	}
	return strip(a) == strip(b)
}
