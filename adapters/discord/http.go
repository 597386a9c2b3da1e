package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/adapters/inbound"
)

// Routes registers POST /discord/interactions, Discord's HTTP interactions endpoint.
func (a *Adapter) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /discord/interactions", a.interactions)
}

// interactions answers in the HTTP response itself, after four checks, cheapest first:
//  1. the signature headers, before a byte of the body is read: a signature that is not
//     128 hex digits, or a timestamp that is not an integer within Freshness of now
//     (discordgo does not check it), is refused with 401;
//  2. the body, read through the inbound.Reader: at most MaxBody bytes (413), a cap on
//     bodies read at once (503 and Retry-After), a read deadline;
//  3. the Ed25519 signature over timestamp + body, with crypto/ed25519 (Discord sends bad
//     ones on purpose to test the endpoint: they get 401);
//  4. the interaction, decoded with encoding/json into discordgo's type (400 if malformed).
func (a *Adapter) interactions(w http.ResponseWriter, r *http.Request) {
	if a.pub == nil {
		http.Error(w, "interactions endpoint not configured", http.StatusNotFound)
		return
	}
	ts, sig, reason := a.signatureHeaders(r.Header)
	if reason != "" {
		a.obs.Rejected(r.Pattern, reason)
		refuseUnread(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	if r.ContentLength > a.maxBody {
		refuseUnread(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	if a.reader.MaxBody() > a.maxBody { // a shared Reader, sized for larger bodies
		r.Body = http.MaxBytesReader(w, r.Body, a.maxBody)
	}
	body, ok := a.reader.Read(w, r)
	if !ok {
		return // the Reader has answered
	}
	// The message is what discordgo.VerifyInteraction checks: timestamp followed by body.
	msg := make([]byte, 0, len(ts)+len(body))
	if !ed25519.Verify(a.pub, append(append(msg, ts...), body...), sig[:]) {
		a.obs.Rejected(r.Pattern, "bad_signature")
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	// discordgo.Interaction's UnmarshalJSON picks the type of Data from the interaction type.
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	out, err := json.Marshal(a.Respond(r.Context(), &i))
	if err != nil {
		a.log.Error("discord interaction response not encodable", "type", i.Type, "err", err)
		out = []byte(`{"type":4,"data":{"content":"Sorry, something went wrong.","flags":64}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(append(out, '\n'))
}

// signatureHeaders returns the timestamp and the signature of a request whose headers can
// be those of a fresh signed request, or why they cannot (refused: "bad_signature" or
// "stale_timestamp"); it reads only the headers.
func (a *Adapter) signatureHeaders(h http.Header) (ts string, sig [ed25519.SignatureSize]byte, refused string) {
	hexSig, ts := h.Get("X-Signature-Ed25519"), h.Get("X-Signature-Timestamp")
	if len(hexSig) != 2*ed25519.SignatureSize {
		return "", sig, "bad_signature"
	}
	if _, err := hex.Decode(sig[:], []byte(hexSig)); err != nil {
		return "", sig, "bad_signature"
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return "", sig, "bad_signature"
	}
	if a.now().Sub(time.Unix(sec, 0)).Abs() > a.freshness {
		return "", sig, "stale_timestamp"
	}
	return ts, sig, ""
}

// refuseUnread answers a request whose body was not read, and closes the connection (see
// inbound.Refuse).
func refuseUnread(w http.ResponseWriter, msg string, code int) {
	inbound.Refuse(w)
	http.Error(w, msg, code)
}
