package discord

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// wireInteraction is the part of an interaction careerbot reads. Discord sends about
// 2 kB per interaction (member, user, channel, guild, entitlements, token); careerbot
// needs a tenth of it.
type wireInteraction struct {
	ID        string                    `json:"id"`
	AppID     string                    `json:"application_id"`
	Type      discordgo.InteractionType `json:"type"`
	Token     string                    `json:"token"`
	GuildID   string                    `json:"guild_id"`
	ChannelID string                    `json:"channel_id"`
	Member    *wireMember               `json:"member"`
	User      *wireUser                 `json:"user"`
	Data      *wireData                 `json:"data"`
}

type wireUser struct {
	ID string `json:"id"`
}

type wireMember struct {
	User        *wireUser `json:"user"`
	Permissions int64     `json:"permissions,string"`
}

// wireData holds the fields of both command and component data.
type wireData struct {
	ID            string                                               `json:"id"`
	Name          string                                               `json:"name"`
	CommandType   discordgo.ApplicationCommandType                     `json:"type"`
	Options       []*discordgo.ApplicationCommandInteractionDataOption `json:"options"`
	CustomID      string                                               `json:"custom_id"`
	ComponentType discordgo.ComponentType                              `json:"component_type"`
	Values        []string                                             `json:"values"`
}

// decodeInteraction reads an interaction body into the discordgo type Respond takes.
// The fast reader takes what Discord sends; encoding/json takes everything else, so
// the result (or the error) is always encoding/json's.
func decodeInteraction(body []byte) (*discordgo.Interaction, error) {
	var wi wireInteraction
	if !readInteraction(body, &wi) {
		wi = wireInteraction{}
		if err := json.Unmarshal(body, &wi); err != nil {
			return nil, err
		}
	}
	i := &discordgo.Interaction{ID: wi.ID, AppID: wi.AppID, Type: wi.Type, Token: wi.Token, GuildID: wi.GuildID, ChannelID: wi.ChannelID}
	if wi.Member != nil && wi.Member.User != nil {
		i.Member = &discordgo.Member{User: &discordgo.User{ID: wi.Member.User.ID}, Permissions: wi.Member.Permissions}
	}
	if wi.User != nil {
		i.User = &discordgo.User{ID: wi.User.ID}
	}
	if d := wi.Data; d != nil {
		switch wi.Type {
		case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
			i.Data = discordgo.ApplicationCommandInteractionData{ID: d.ID, Name: d.Name, CommandType: d.CommandType, Options: d.Options}
		case discordgo.InteractionMessageComponent:
			i.Data = discordgo.MessageComponentInteractionData{CustomID: d.CustomID, ComponentType: d.ComponentType, Values: d.Values}
		}
	}
	return i, nil
}

// readInteraction decodes body into wi in one pass over its bytes, without reflection:
// encoding/json spent a sixth of the endpoint's time on it, most of that validating and
// skipping the fields careerbot ignores. It gives up (false) on anything whose meaning
// under encoding/json takes more than a glance: syntax errors, keys that are escaped,
// repeated, or not lower-case ASCII (encoding/json matches keys case-insensitively), a
// null or a wrongly typed value where careerbot reads one, numbers that are not plain
// integers where an integer goes, nesting deeper than maxDepth. FuzzReadInteraction
// holds every result it does give to encoding/json's.
func readInteraction(body []byte, wi *wireInteraction) bool {
	r := reader{b: body}
	var seen fields
	ok := r.object(func(key []byte) bool {
		switch string(key) {
		case "id":
			return seen.once(0) && r.str(&wi.ID)
		case "application_id":
			return seen.once(1) && r.str(&wi.AppID)
		case "type":
			return seen.once(2) && r.uint8((*uint8)(&wi.Type))
		case "token":
			return seen.once(3) && r.str(&wi.Token)
		case "guild_id":
			return seen.once(4) && r.str(&wi.GuildID)
		case "channel_id":
			return seen.once(5) && r.str(&wi.ChannelID)
		case "member":
			wi.Member = new(wireMember)
			return seen.once(6) && r.member(wi.Member)
		case "user":
			wi.User = new(wireUser)
			return seen.once(7) && r.user(wi.User)
		case "data":
			wi.Data = new(wireData)
			return seen.once(8) && r.data(wi.Data)
		}
		return r.skip(1)
	})
	if !ok {
		return false
	}
	r.ws()
	return r.i == len(r.b)
}

// maxDepth bounds nesting; Discord's deepest is a subcommand group's options (6).
const maxDepth = 32

// fields remembers which known keys an object has had, to give up on repeats.
type fields uint16

func (f *fields) once(bit uint) bool {
	if *f&(1<<bit) != 0 {
		return false
	}
	*f |= 1 << bit
	return true
}

func (r *reader) member(m *wireMember) bool {
	var seen fields
	return r.object(func(key []byte) bool {
		switch string(key) {
		case "user":
			m.User = new(wireUser)
			return seen.once(0) && r.user(m.User)
		case "permissions":
			return seen.once(1) && r.quotedInt64(&m.Permissions)
		}
		return r.skip(2)
	})
}

func (r *reader) user(u *wireUser) bool {
	var seen fields
	return r.object(func(key []byte) bool {
		if string(key) == "id" {
			return seen.once(0) && r.str(&u.ID)
		}
		return r.skip(3)
	})
}

func (r *reader) data(d *wireData) bool {
	var seen fields
	return r.object(func(key []byte) bool {
		switch string(key) {
		case "id":
			return seen.once(0) && r.str(&d.ID)
		case "name":
			return seen.once(1) && r.str(&d.Name)
		case "type":
			return seen.once(2) && r.uint8((*uint8)(&d.CommandType))
		case "options":
			return seen.once(3) && r.options(&d.Options, 2)
		case "custom_id":
			return seen.once(4) && r.str(&d.CustomID)
		case "component_type":
			return seen.once(5) && r.uint((*uint)(&d.ComponentType))
		case "values":
			return seen.once(6) && r.strs(&d.Values)
		}
		return r.skip(2)
	})
}

func (r *reader) options(opts *[]*discordgo.ApplicationCommandInteractionDataOption, depth int) bool {
	if depth > maxDepth {
		return false
	}
	*opts = []*discordgo.ApplicationCommandInteractionDataOption{}
	return r.array(func() bool {
		o := new(discordgo.ApplicationCommandInteractionDataOption)
		*opts = append(*opts, o)
		var seen fields
		return r.object(func(key []byte) bool {
			switch string(key) {
			case "name":
				return seen.once(0) && r.str(&o.Name)
			case "type":
				return seen.once(1) && r.uint8((*uint8)(&o.Type))
			case "value":
				return seen.once(2) && r.scalar(&o.Value)
			case "options":
				return seen.once(3) && r.options(&o.Options, depth+2)
			case "focused":
				return seen.once(4) && r.boolean(&o.Focused)
			}
			return r.skip(depth + 1)
		})
	})
}

func (r *reader) strs(out *[]string) bool {
	*out = []string{}
	return r.array(func() bool {
		var s string
		if !r.str(&s) {
			return false
		}
		*out = append(*out, s)
		return true
	})
}

// reader walks JSON text. Its methods report false on anything readInteraction leaves
// to encoding/json; they skip leading whitespace themselves.
type reader struct {
	b []byte
	i int
}

func (r *reader) ws() {
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// next skips whitespace and returns the next byte, or 0 at the end.
func (r *reader) next() byte {
	r.ws()
	if r.i < len(r.b) {
		return r.b[r.i]
	}
	return 0
}

// eat consumes c if it comes next.
func (r *reader) eat(c byte) bool {
	if r.next() == c {
		r.i++
		return true
	}
	return false
}

// object calls field for each key, with the reader at the key's value, which field
// must consume. Keys that are escaped, or hold anything but lower-case ASCII letters,
// digits and underscores, are given up on: encoding/json would match them to fields
// case-insensitively, and no key Discord sends is like that.
func (r *reader) object(field func(key []byte) bool) bool {
	return r.members(true, field)
}

// members reads an object's members; strict gives up on unusual keys.
func (r *reader) members(strict bool, field func(key []byte) bool) bool {
	if !r.eat('{') {
		return false
	}
	if r.eat('}') {
		return true
	}
	for {
		if r.next() != '"' {
			return false
		}
		start := r.i + 1
		escaped, ok := r.rawString()
		if !ok {
			return false
		}
		key := r.b[start : r.i-1]
		if strict && !plainKey(key, escaped) {
			return false
		}
		if !r.eat(':') || !field(key) {
			return false
		}
		if r.eat(',') {
			continue
		}
		return r.eat('}')
	}
}

func plainKey(key []byte, escaped bool) bool {
	if escaped {
		return false
	}
	for _, c := range key {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// array calls elem for each element, with the reader at the element.
func (r *reader) array(elem func() bool) bool {
	if !r.eat('[') {
		return false
	}
	if r.eat(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if r.eat(',') {
			continue
		}
		return r.eat(']')
	}
}

// rawString consumes a string at r.i (its opening quote), checking its escapes, and
// reports whether it had any.
func (r *reader) rawString() (escaped, ok bool) {
	b := r.b
	for j := r.i + 1; j < len(b); j++ {
		// Most bytes need no look: skip them in a tight loop.
		for j < len(b) && plainByte[b[j]] {
			j++
		}
		if j >= len(b) {
			break
		}
		switch c := b[j]; {
		case c == '"':
			r.i = j + 1
			return escaped, true
		case c == '\\':
			escaped = true
			j++
			if j >= len(b) {
				return false, false
			}
			switch b[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(b) {
					return false, false
				}
				for _, h := range b[j+1 : j+5] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return false, false
					}
				}
				j += 4
			default:
				return false, false
			}
		default: // a control character
			return false, false
		}
	}
	return false, false
}

// plainByte marks the bytes a JSON string holds as they are: not a quote, a backslash
// or a control character.
var plainByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\'
	}
	return t
}()

// str reads a string value. Escapes and invalid UTF-8 (which encoding/json turns into
// U+FFFD) are rare enough to hand that one literal to encoding/json.
func (r *reader) str(out *string) bool {
	if r.next() != '"' {
		return false
	}
	start := r.i
	escaped, ok := r.rawString()
	if !ok {
		return false
	}
	lit := r.b[start:r.i]
	if content := lit[1 : len(lit)-1]; !escaped && utf8.Valid(content) {
		*out = string(content)
		return true
	}
	return json.Unmarshal(lit, out) == nil
}

// number consumes a JSON number and returns its text.
func (r *reader) number() ([]byte, bool) {
	r.ws()
	start, b := r.i, r.b
	i := start
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	default:
		return nil, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return nil, false
		}
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return nil, false
		}
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	}
	r.i = i
	return b[start:i], true
}

// digits reads an unsigned integer written as plain digits, at most max.
func (r *reader) digits(max uint64) (uint64, bool) {
	n, ok := r.number()
	if !ok {
		return 0, false
	}
	for _, c := range n {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseUint(string(n), 10, 64)
	return v, err == nil && v <= max
}

func (r *reader) uint8(out *uint8) bool {
	v, ok := r.digits(1<<8 - 1)
	*out = uint8(v)
	return ok
}

func (r *reader) uint(out *uint) bool {
	v, ok := r.digits(uint64(^uint(0)))
	*out = uint(v)
	return ok
}

// quotedInt64 reads an integer sent as a string, as Discord sends permission bits.
func (r *reader) quotedInt64(out *int64) bool {
	var s string
	if r.next() != '"' || !r.str(&s) || s == "" || s == "-" {
		return false
	}
	digits := s
	if digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) > 1 && digits[0] == '0' {
		return false
	}
	for _, c := range []byte(digits) {
		if c < '0' || c > '9' {
			return false
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	*out = v
	return err == nil
}

func (r *reader) boolean(out *bool) bool {
	switch r.next() {
	case 't':
		*out = true
		return r.literal("true")
	case 'f':
		*out = false
		return r.literal("false")
	}
	return false
}

// scalar reads an option value as encoding/json reads one into an interface: a
// string, a float64, a bool or nil.
func (r *reader) scalar(out *any) bool {
	switch c := r.next(); {
	case c == '"':
		var s string
		if !r.str(&s) {
			return false
		}
		*out = s
		return true
	case c == 't' || c == 'f':
		var b bool
		if !r.boolean(&b) {
			return false
		}
		*out = b
		return true
	case c == 'n':
		*out = nil
		return r.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		n, ok := r.number()
		if !ok {
			return false
		}
		f, err := strconv.ParseFloat(string(n), 64)
		*out = f
		return err == nil
	}
	return false
}

func (r *reader) literal(word string) bool {
	if len(r.b)-r.i < len(word) || string(r.b[r.i:r.i+len(word)]) != word {
		return false
	}
	r.i += len(word)
	return true
}

// skip consumes one value of any kind, checking its syntax as encoding/json does.
func (r *reader) skip(depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch c := r.next(); {
	case c == '"':
		_, ok := r.rawString()
		return ok
	case c == '{':
		return r.members(false, func([]byte) bool { return r.skip(depth + 1) })
	case c == '[':
		return r.array(func() bool { return r.skip(depth + 1) })
	case c == 't':
		return r.literal("true")
	case c == 'f':
		return r.literal("false")
	case c == 'n':
		return r.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		_, ok := r.number()
		return ok
	}
	return false
}
