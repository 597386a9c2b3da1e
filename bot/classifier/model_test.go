package classifier

import (
	"bytes"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// benchQuestions are the kinds of text Predict sees: short, long, misspelled, off-topic,
// chat markup, non-ASCII, empty.
var benchQuestions = []string{
	"how much do they make",
	"what degree do i need to become a health information technologist, and is the certification worth it for someone changing careers at 40?",
	"wat r the job prospects lol",
	"what's the dow doing today",
	"<@U024BE7LH> whats my pto balance",
	"¿cuánto gana un técnico de información de salud?",
	"",
	"thanks!",
}

func TestLoad(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := Load(); again != m {
		t.Error("Load decoded the weights again")
	}
	labels := m.Labels()
	want := []string{"advancement", "certification", "duties", "education", "employment", "help", "more_info", "none", "outlook", "pay", "qualities", "related", "smalltalk", "source", "work_environment"}
	if !slices.Equal(labels, want) {
		t.Errorf("labels %q, want %q", labels, want)
	}
	labels[0] = "changed"
	if m.Labels()[0] == "changed" {
		t.Error("Labels returned the model's own slice")
	}
}

func TestPredict(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	// Questions any sensible model of this corpus gets right, and confidently.
	for _, c := range []struct{ q, want string }{
		{"how much do they make", "pay"},
		{"what degree do i need", "education"},
		{"is this field growing", "outlook"},
		{"what's the weather in paris tomorrow", "none"},
		{"thank you so much", "smalltalk"},
	} {
		p := m.Predict(c.q)
		if p.Label != c.want || p.P < 0.5 {
			t.Errorf("Predict(%q) = %+v, want %s with P ≥ 0.5", c.q, p, c.want)
		}
	}
	for _, q := range benchQuestions {
		p := m.Predict(q)
		if p.Label == p.Second || p.P < p.P2 || p.P > 1 || p.P2 < 0 || p.P+p.P2 > 1+1e-9 || math.IsNaN(p.P) {
			t.Errorf("Predict(%q) = %+v: not a best and a runner-up", q, p)
		}
	}
	if a, b := m.Predict("How MUCH do they make?!"), m.Predict("how much do they make"); a != b {
		t.Errorf("case and punctuation changed the prediction: %+v, %+v", a, b)
	}
	if got := testing.AllocsPerRun(100, func() {
		for _, q := range benchQuestions {
			m.Predict(q)
		}
	}); got != 0 {
		t.Errorf("Predict allocates %.0f times, want 0", got)
	}
}

// TestLongInput: a long text costs in proportion to its length, and still predicts.
func TestLongInput(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("supercalifragilisticexpialidocious-and-then-some ", 200) + strings.Repeat("x", 5000)
	if p := m.Predict(long); p.Label == "" {
		t.Errorf("Predict(long) = %+v", p)
	}
}

func TestDecodeRejects(t *testing.T) {
	good := func() *weightsFile {
		return &weightsFile{Version: formatVersion, Bits: Bits, Labels: []string{"a", "b"}, Bias: []float32{0, 0}, Scale: 1,
			Gaps: []uint32{3, 4}, Counts: []uint8{1, 2}, Label: []uint8{0, 0, 1}, Q: []int16{1, 2, 3}}
	}
	for _, c := range []struct {
		name   string
		change func(f *weightsFile)
		want   string // in the error; "" for none
	}{
		{"good", func(*weightsFile) {}, ""},
		{"version", func(f *weightsFile) { f.Version++ }, "format"},
		{"bits", func(f *weightsFile) { f.Bits = 10 }, "buckets"},
		{"one label", func(f *weightsFile) { f.Labels, f.Bias = f.Labels[:1], f.Bias[:1] }, "labels"},
		{"biases", func(f *weightsFile) { f.Bias = f.Bias[:1] }, "biases"},
		{"counts", func(f *weightsFile) { f.Counts = f.Counts[:1] }, "counts"},
		{"label range", func(f *weightsFile) { f.Label[2] = 2 }, "label 2 of 2"},
		{"bucket range", func(f *weightsFile) { f.Gaps[1] = buckets }, "out of order or range"},
		{"repeated bucket", func(f *weightsFile) { f.Gaps[1] = 0 }, "out of order or range"},
		{"run past end", func(f *weightsFile) { f.Counts[1] = 3 }, "run past the end"},
		{"left over", func(f *weightsFile) { f.Counts[1] = 1 }, "the buckets hold"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := good()
			c.change(f)
			var buf bytes.Buffer
			if err := f.encode(&buf); err != nil {
				t.Fatal(err)
			}
			m, err := decode(buf.Bytes())
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("decode: %v", err)
			case c.want == "":
				for b, want := range map[uint32][]float32{0: nil, 2: nil, 3: {1, 0}, 4: nil, 7: {2, 3}, 8: nil, buckets - 1: nil} {
					if got := m.weights(b); !slices.Equal(got, want) {
						t.Errorf("bucket %d has weights %v, want %v", b, got, want)
					}
				}
			case err == nil || !strings.Contains(err.Error(), c.want):
				t.Errorf("decode error %v, want one saying %q", err, c.want)
			}
		})
	}
	if _, err := decode([]byte("not gob")); err == nil {
		t.Error("decode accepted garbage")
	}
}

// BenchmarkPredict predicts the first tuning file's questions and CLINC's out-of-scope
// ones round-robin, as the bot's BenchmarkAnswer answers questions.
func BenchmarkPredict(b *testing.B) {
	m, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	var qs []string
	for _, f := range []string{"../testdata/tune/01-first-batch.tsv", "../testdata/clinc/clinc_oos.txt"} {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for line := range strings.Lines(string(data)) {
			if q, _, _ := strings.Cut(strings.TrimSpace(line), "\t"); q != "" && !strings.HasPrefix(q, "#") {
				qs = append(qs, q)
			}
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.Predict(qs[i%len(qs)])
	}
}

// BenchmarkLoad decodes the embedded weights and builds the bucket index: what the first
// Load costs at start-up.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(embedded); err != nil {
			b.Fatal(err)
		}
	}
}
