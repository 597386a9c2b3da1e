package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Routes registers POST /discord/interactions, Discord's HTTP interactions endpoint.
func (a *Adapter) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /discord/interactions", a.interactions)
}

// interactions verifies the Ed25519 signature (Discord sends bad ones on purpose to test
// the endpoint: they get 401), refuses stale timestamps (discordgo does not check them),
// and answers in the HTTP response itself.
func (a *Adapter) interactions(w http.ResponseWriter, r *http.Request) {
	if a.pub == nil {
		http.Error(w, "interactions endpoint not configured", http.StatusNotFound)
		return
	}
	body, err := readBody(w, r, a.maxBody)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read request body", http.StatusBadRequest)
		return
	}
	if !a.verify(r.Header, body) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	ts, err := strconv.ParseInt(r.Header.Get("X-Signature-Timestamp"), 10, 64)
	if err != nil || a.now().Sub(time.Unix(ts, 0)).Abs() > a.freshness {
		http.Error(w, "stale or malformed timestamp", http.StatusBadRequest)
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

// readBody reads at most limit bytes, in one allocation when the length is announced.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body := http.MaxBytesReader(w, r.Body, limit)
	if n := r.ContentLength; n > 0 && n <= limit {
		buf := make([]byte, n)
		if _, err := io.ReadFull(body, buf); err != nil {
			return nil, err
		}
		return buf, nil
	}
	return io.ReadAll(body)
}

// verify checks Discord's Ed25519 signature over timestamp + body with crypto/ed25519:
// the check discordgo.VerifyInteraction makes, without reading the body a second time.
func (a *Adapter) verify(h http.Header, body []byte) bool {
	ts := h.Get("X-Signature-Timestamp")
	hexSig := h.Get("X-Signature-Ed25519")
	var sig [ed25519.SignatureSize]byte
	if ts == "" || len(hexSig) != 2*len(sig) {
		return false
	}
	if _, err := hex.Decode(sig[:], []byte(hexSig)); err != nil {
		return false
	}
	return ed25519.Verify(a.pub, []byte(ts+string(body)), sig[:])
}
