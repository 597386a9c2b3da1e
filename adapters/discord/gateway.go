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

	"github.com/careerbot/careerbot/adapters/outbound"
	"github.com/careerbot/careerbot/bot"
)

// GatewayConfig configures a gateway connection.
type GatewayConfig struct {
	Token string // DISCORD_BOT_TOKEN, without the "Bot " prefix
	// APIURL overrides Discord's REST base URL (DISCORD_API_URL): a proxy, or a fake in tests.
	APIURL     string
	ShardID    int
	ShardCount int
	// Workers is how many outbound workers send through the session (the Workers of the
	// Queue in Config); the session keeps that many connections to Discord. 0 means 16,
	// outbound's default.
	Workers int
}

// NewSession builds a discordgo session for the bot token: minimal intents (mentions and
// direct messages carry their text without the privileged message-content intent),
// sharding as configured, a pooled HTTP client sized for Workers, and REST calls sent to
// APIURL when set.
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
	workers := cfg.Workers
	if workers <= 0 {
		workers = 16
	}
	s.Client = outbound.Client(workers, 20*time.Second)
	if cfg.APIURL != "" {
		u, err := url.Parse(cfg.APIURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return nil, fmt.Errorf("discord: DISCORD_API_URL %q is not an absolute URL", cfg.APIURL)
		}
		s.Client.Transport = rewrite{to: u, next: s.Client.Transport}
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

// InteractionCreate answers an interaction that arrived over the gateway. It answers in
// the handler's goroutine, not through the outbound queue: Discord gives an interaction
// 3 seconds, which a wait in the queue could spend.
func (a *Adapter) InteractionCreate(s *discordgo.Session, e *discordgo.InteractionCreate) {
	if e == nil || e.Interaction == nil || !a.seen.First("discord:interaction:"+e.ID) {
		return
	}
	resp := a.Respond(context.Background(), e.Interaction)
	// Never sleep on a rate limit here: the 3-second window would pass.
	if err := s.InteractionRespond(e.Interaction, resp, discordgo.WithRetryOnRatelimit(false)); err != nil {
		a.log.Error("discord interaction response failed", "type", e.Type, "err", err)
	}
}

// MessageCreate answers a message that mentions the bot, or any message in a DM, with an
// embed replying to it, sent by the outbound queue. Bots, including careerbot itself, are
// ignored.
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
	if !addressed || !a.seen.First("discord:message:"+m.ID) {
		return
	}
	// discordgo runs each handler in a goroutine of its own: answering here would let a
	// flood of mentions hold any number of goroutines, answers and REST calls at once. The
	// reply goes through the bounded outbound queue instead, and this goroutine ends.
	id, channel, guild, text := m.ID, m.ChannelID, m.GuildID, m.Content
	conv := "discord:" + guild + ":" + channel + ":" + m.Author.ID
	reply := func(ctx context.Context) error {
		r := a.bot.Answer(ctx, bot.Request{Text: text, ConversationID: conv})
		_, err := s.ChannelMessageSendComplex(channel, &discordgo.MessageSend{
			Embeds:          []*discordgo.MessageEmbed{Embed(r)},
			Components:      Buttons(r),
			AllowedMentions: noMentions(),
			Reference:       &discordgo.MessageReference{MessageID: id, ChannelID: channel, GuildID: guild},
		}, discordgo.WithContext(ctx))
		if err != nil {
			a.countError(err)
			return fmt.Errorf("discord reply in channel %s: %w", channel, err)
		}
		return nil
	}
	if q := a.queue(); q == nil || !q.Offer("discord reply", reply) {
		// The gateway has delivered the message and Discord will not deliver it again, and
		// there is no one to tell "try later": under overload (or after Drain) a mention is
		// dropped. Gateway mentions are answered at most once.
		n := a.dropped.Add(1)
		a.log.Warn("discord mention dropped: outbound queue full or draining", "channel", channel, "dropped", n)
	}
}
