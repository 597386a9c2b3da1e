package discord

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// discordBodies are interactions shaped as Discord sends them: the fast reader must
// take every one of them itself.
func discordBodies(tb testing.TB) []string {
	return []string{
		fullAsk(tb, "what's the salary"),
		fullAsk(tb, `she said "top 10%" \ pay? 👩‍⚕️`),
		fullAsk(tb, "caf\u00e9 \u2028 <@&123> @everyone"),
		`{"id":"I0","type":1,"application_id":"A1","token":"t","version":1}`,
		`{"id":"I2","type":4,"token":"t",` + member + `,"data":{"name":"career","type":1,"options":[{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":"sal","focused":true}]}]}}`,
		`{"id":"I3","type":3,"token":"t","user":{"id":"U9","username":"dm"},"channel_id":"C9","message":{"id":"M1","embeds":[{"title":"Pay","fields":[]}],"components":[{"type":1,"components":[{"type":2,"style":2,"label":"Pay","custom_id":"cb:pay"}]}]},"data":{"custom_id":"cb:pay/top","component_type":2}}`,
		`{"id":"I4","type":3,"token":"t",` + member + `,"data":{"custom_id":"cb:menu","component_type":3,"values":["pay","outlook"]}}`,
		`{"id":"I5","type":2,"token":"t","guild_id":"G1","channel_id":"C1","member":{"permissions":"2248473465835073","roles":[],"user":{"id":"U1"}},"data":{"name":"career","type":1,"options":[{"name":"digest","type":2,"options":[{"name":"subscribe","type":1,"options":[{"name":"schedule","type":3,"value":"weekly"},{"name":"count","type":4,"value":3},{"name":"ratio","type":10,"value":-1.5e-3},{"name":"on","type":5,"value":false}]}]}]}}`,
		" \n\t{ \"id\" : \"I6\" , \"type\" : 2 , \"data\" : { \"name\" : \"career\" , \"options\" : [ ] } } \r\n",
	}
}

func TestReadInteractionTakesDiscordBodies(t *testing.T) {
	for _, body := range discordBodies(t) {
		var fast wireInteraction
		if !readInteraction([]byte(body), &fast) {
			t.Errorf("fast reader gave up on a Discord body: %.120s", body)
			continue
		}
		var want wireInteraction
		if err := json.Unmarshal([]byte(body), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fast, want) {
			t.Errorf("fast reader read %.120s\nas  %s\nwant %s", body, dump(fast), dump(want))
		}
	}
}

// TestReadInteractionGivesUp: bodies whose meaning under encoding/json is more than the
// fast reader knows go to encoding/json, and decodeInteraction still reads them right.
func TestReadInteractionGivesUp(t *testing.T) {
	for _, tc := range []struct{ body, token string }{
		{`{"ID":"I1","token":"x"}`, "x"},
		{`{"\u0074oken":"y"}`, "y"},
		{`{"token":"a","token":"b"}`, "b"},
		{`{"token":"a","member":null}`, "a"},
		{`{"token":"a","type":2.0}`, ""},
		{`{"token":"a"} x`, ""},
		{`{"token":"a",}`, ""},
		{`{"token":"a","x":[1,2,]}`, ""},
		{`{"token":"a","x":01}`, ""},
		{`{"token":"a","x":"\q"}`, ""},
		{"{\"token\":\"a\",\"x\":\"\x01\"}", ""},
		{`{"token":"a","x":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`, "a"},
	} {
		var fast wireInteraction
		if readInteraction([]byte(tc.body), &fast) {
			t.Errorf("fast reader took %s", tc.body)
		}
		i, err := decodeInteraction([]byte(tc.body))
		if tc.token == "" {
			if err == nil {
				t.Errorf("decodeInteraction(%s) = no error, want encoding/json's", tc.body)
			}
			continue
		}
		if err != nil || i.Token != tc.token {
			t.Errorf("decodeInteraction(%s) = %v, %v; want token %q", tc.body, i, err, tc.token)
		}
	}
}

// FuzzReadInteraction: whenever the fast reader takes a body, encoding/json takes it too
// and reads the same thing.
func FuzzReadInteraction(f *testing.F) {
	for _, body := range discordBodies(f) {
		f.Add(body)
	}
	f.Add(`{"type":3,"data":{"values":["a","b\u00e9"],"component_type":2,"custom_id":"cb:x"},"user":{"id":"1"}}`)
	f.Add(`{"member":{"permissions":"-8","user":{"id":"\ud83d\ude00"}},"type":255}`)
	f.Fuzz(func(t *testing.T, body string) {
		var fast wireInteraction
		if !readInteraction([]byte(body), &fast) {
			return
		}
		var want wireInteraction
		if err := json.Unmarshal([]byte(body), &want); err != nil {
			t.Fatalf("fast reader took %q, encoding/json refuses it: %v", body, err)
		}
		if !reflect.DeepEqual(fast, want) {
			t.Fatalf("fast reader read %q\nas   %s\nwant %s", body, dump(fast), dump(want))
		}
	})
}

func dump(wi wireInteraction) string {
	b, _ := json.Marshal(wi)
	return string(b)
}

// BenchmarkDecodeInteraction reads a 1.8 kB /career ask interaction, with the fast
// reader and, for comparison, with encoding/json alone.
func BenchmarkDecodeInteraction(b *testing.B) {
	body := []byte(fullAsk(b, "what's the salary"))
	b.Run("reader", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if _, err := decodeInteraction(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var wi wireInteraction
			if err := json.Unmarshal(body, &wi); err != nil {
				b.Fatal(err)
			}
		}
	})
}
