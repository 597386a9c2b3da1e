package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// GatewayConfig configures a gateway connection.
type GatewayConfig struct {
	Token string // DISCORD_BOT_TOKEN, without the "Bot " prefix
	// APIURL overrides Discord's REST base URL (DISCORD_API_URL): a proxy, or a fake in tests.
	APIURL     string
	ShardID    int
	ShardCount int
}

// NewSession builds a discordgo session for the bot token: minimal intents (mentions and
// direct messages carry their text without the privileged message-content intent),
// sharding as configured, and REST calls sent to APIURL when set.
func NewSession(cfg GatewayConfig) (*discordgo.Session, error) {
	if cfg.Token == "" {
		return nil, errors.New("discord: DISCORD_BOT_TOKEN is empty")
	}
	if cfg.ShardCount < 0 || cfg.ShardID < 0 || cfg.ShardCount > 0 && cfg.ShardID >= cfg.ShardCount {
		return nil, fmt.Errorf("discord: shard %d of %d is not a valid shard", cfg.ShardID, cfg.ShardCount)
	}
	s, err := discordgo.New("Bot " + strings.TrimPrefix(cfg.Token, "Bot "))
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if cfg.ShardCount > 1 {
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	}
	s.Client = &http.Client{Timeout: 20 * time.Second}
	if cfg.APIURL != "" {
		u, err := url.Parse(cfg.APIURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return nil, fmt.Errorf("discord: DISCORD_API_URL %q is not an absolute URL", cfg.APIURL)
		}
		s.Client.Transport = rewrite{to: u, next: http.DefaultTransport}
	}
	return s, nil
}

// rewrite sends discord.com REST calls to another base URL. discordgo builds its endpoint
// URLs once, at package init, so swapping the transport is the reliable way to redirect.
type rewrite struct {
	to   *url.URL
	next http.RoundTripper
}

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host == "discord.com" || strings.HasSuffix(r.URL.Host, ".discord.com") {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host = rw.to.Scheme, rw.to.Host
		r.URL.Path = strings.TrimSuffix(rw.to.Path, "/") + r.URL.Path
		r.Host = rw.to.Host
	}
	return rw.next.RoundTrip(r)
}

// RunGateway connects the session and answers until ctx is done. Reconnects are discordgo's.
func (a *Adapter) RunGateway(ctx context.Context, s *discordgo.Session) error {
	a.gateway.Store(true)
	defer a.connected.Store(false)
	s.AddHandler(func(*discordgo.Session, *discordgo.Ready) {
		a.connected.Store(true)
		a.log.Info("discord gateway connected")
	})
	s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) { a.connected.Store(true) })
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) {
		a.connected.Store(false)
		a.log.Warn("discord gateway disconnected")
	})
	s.AddHandler(a.InteractionCreate)
	s.AddHandler(a.MessageCreate)
	if err := s.Open(); err != nil {
		return fmt.Errorf("discord gateway: %w", err)
	}
	<-ctx.Done()
	return s.Close() // nothing deletes commands on shutdown
}

// InteractionCreate answers an interaction that arrived over the gateway.
func (a *Adapter) InteractionCreate(s *discordgo.Session, e *discordgo.InteractionCreate) {
	if e == nil || e.Interaction == nil {
		return
	}
	resp := a.Respond(context.Background(), e.Interaction)
	// Never sleep on a rate limit here: the 3-second window would pass.
	if err := s.InteractionRespond(e.Interaction, resp, discordgo.WithRetryOnRatelimit(false)); err != nil {
		a.log.Error("discord interaction response failed", "type", e.Type, "err", err)
	}
}

// MessageCreate answers a message that mentions the bot, or any message in a DM, with an
// embed replying to it. Bots, including careerbot itself, are ignored.
func (a *Adapter) MessageCreate(s *discordgo.Session, m *discordgo.MessageCreate) {
	if m == nil || m.Message == nil || m.Author == nil || m.Author.Bot || s.State == nil || s.State.User == nil {
		return
	}
	me := s.State.User.ID
	if m.Author.ID == me {
		return
	}
	addressed := m.GuildID == ""
	for _, u := range m.Mentions {
		if u != nil && u.ID == me {
			addressed = true
		}
	}
	if !addressed {
		return
	}
	r := a.bot.Answer(context.Background(), bot.Request{Text: m.Content, ConversationID: "discord:" + m.GuildID + ":" + m.ChannelID + ":" + m.Author.ID})
	_, err := s.ChannelMessageSendComplex(m.ChannelID, &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{Embed(r)},
		Components:      Buttons(r),
		AllowedMentions: noMentions(),
		Reference:       &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID},
	})
	if err != nil {
		a.log.Error("discord reply failed", "channel", m.ChannelID, "err", err)
	}
}
