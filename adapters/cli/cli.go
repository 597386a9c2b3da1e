// Package cli is careerbot's terminal face: a one-shot answer, a JSON-lines batch mode that
// scripts and evaluations depend on, and an interactive chat. It renders replies as plain
// text and imports no chat platform SDK.
package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/careerbot/careerbot/bot"
)

// answerer is what the CLI needs from the bot.
type answerer interface {
	Answer(ctx context.Context, req bot.Request) bot.Reply
}

// explainer answers and says why; *bot.Bot is one.
type explainer interface {
	Explain(ctx context.Context, req bot.Request) (bot.Reply, *bot.Trace)
}

// Explain writes the plain-text answer to one question, then how it was reached.
func Explain(ctx context.Context, b explainer, question string, w io.Writer) error {
	r, tr := b.Explain(ctx, bot.Request{Text: question})
	_, err := io.WriteString(w, bot.Text(r)+"\n"+tr.String())
	return err
}

// maxLine bounds one line of input; a longer line is answered from its first maxLine bytes
// (the bot reads far less than that anyway) and the rest is discarded, never buffered.
const maxLine = 64 << 10

// Ask writes the plain-text answer to one question.
func Ask(ctx context.Context, b answerer, question string, w io.Writer) error {
	r := b.Answer(ctx, bot.Request{Text: question})
	_, err := io.WriteString(w, bot.Text(r))
	return err
}

// Result is one line of `careerbot ask --json` output. Programs depend on its field names:
// add fields, never rename or remove them.
type Result struct {
	Question   string   `json:"question"`
	Intent     string   `json:"intent"`
	Intents    []string `json:"intents"`
	Confidence float64  `json:"confidence"`
	Answered   bool     `json:"answered"`
	Kind       string   `json:"kind"`
	Lead       string   `json:"lead"`
	Text       string   `json:"text"`
	// Trace is how the answer was reached, with --explain.
	Trace *bot.Trace `json:"trace,omitempty"`
}

// NewResult describes a reply to question as a Result.
func NewResult(question string, r bot.Reply) Result {
	return Result{
		Question:   question,
		Intent:     r.Intent(),
		Intents:    r.Intents,
		Confidence: r.Confidence,
		Answered:   r.Answered,
		Kind:       string(r.Kind),
		Lead:       r.Lead,
		Text:       bot.Text(r),
	}
}

// AskJSON reads one question per line and writes one JSON object per line, in order, one
// for every line read (an empty line gets an unanswered result, so lines stay aligned).
func AskJSON(ctx context.Context, b answerer, in io.Reader, w io.Writer) error {
	return askJSON(ctx, in, w, func(q string) Result { return NewResult(q, b.Answer(ctx, bot.Request{Text: q})) })
}

// AskJSONExplain is AskJSON with each result's trace.
func AskJSONExplain(ctx context.Context, b explainer, in io.Reader, w io.Writer) error {
	return askJSON(ctx, in, w, func(q string) Result {
		r, tr := b.Explain(ctx, bot.Request{Text: q})
		res := NewResult(q, r)
		res.Trace = tr
		return res
	})
}

// batchLines is how many questions a worker answers at a time: enough that handing work
// between goroutines costs little beside answering it.
const batchLines = 128

// batch is a run of consecutive input lines and, once a worker is done, their JSON lines.
type batch struct {
	lines []string
	out   *bytes.Buffer
	err   error
	done  chan struct{}
}

// askJSON answers on every CPU: answering and encoding take most of the time, and each
// question is independent (no conversation), so batches are answered in parallel and
// written in input order.
func askJSON(ctx context.Context, in io.Reader, w io.Writer, answer func(string) Result) error {
	workers := runtime.GOMAXPROCS(0)
	todo := make(chan *batch, workers)
	inOrder := make(chan *batch, 2*workers) // bounds the batches read ahead of the writer
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range todo {
				b.encode(answer)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(inOrder)
		defer close(todo)
		readErr <- readBatches(ctx, in, todo, inOrder)
	}()
	werr := writeBatches(w, inOrder)
	wg.Wait()
	if err := <-readErr; err != nil {
		return err
	}
	return werr
}

// buffers are batches' outputs, reused: a batch's JSON is a few hundred KB, and growing a
// new buffer for each batch was a tenth of the time.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (b *batch) encode(answer func(string) Result) {
	defer close(b.done)
	b.out = buffers.Get().(*bytes.Buffer)
	enc := json.NewEncoder(b.out)
	enc.SetEscapeHTML(false)
	for _, q := range b.lines {
		if b.err = enc.Encode(answer(q)); b.err != nil {
			return
		}
	}
}

// readBatches reads lines into batches, handing each to a worker and, in order, to the
// writer. It stops at end of input, a read error or ctx's end.
func readBatches(ctx context.Context, in io.Reader, todo, inOrder chan<- *batch) error {
	br := bufio.NewReaderSize(in, 4096)
	b := &batch{done: make(chan struct{})}
	send := func() {
		if len(b.lines) > 0 {
			inOrder <- b
			todo <- b
			b = &batch{done: make(chan struct{})}
		}
	}
	for {
		line, err := readLine(br)
		if errors.Is(err, io.EOF) && line == "" {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			send()
			return fmt.Errorf("read questions: %w", err)
		}
		if ctx.Err() != nil {
			send()
			return ctx.Err()
		}
		b.lines = append(b.lines, line)
		if len(b.lines) == batchLines {
			send()
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	send()
	return nil
}

// writeBatches writes each batch's JSON lines once it is answered, in input order. After a
// write error it still waits for the rest, so that no worker is left blocked.
func writeBatches(w io.Writer, inOrder <-chan *batch) error {
	bw := bufio.NewWriter(w)
	var err error
	for b := range inOrder {
		<-b.done
		if err == nil && b.err != nil {
			err = fmt.Errorf("write answer: %w", b.err)
		}
		if err == nil {
			if _, werr := bw.Write(b.out.Bytes()); werr != nil {
				err = fmt.Errorf("write answer: %w", werr)
			}
		}
		b.out.Reset()
		buffers.Put(b.out)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// readLine reads one line without its line ending, keeping at most maxLine bytes of it.
func readLine(br *bufio.Reader) (string, error) {
	var sb strings.Builder
	for {
		chunk, isPrefix, err := br.ReadLine()
		if sb.Len() < maxLine {
			sb.Write(chunk[:min(len(chunk), maxLine-sb.Len())])
		}
		if err != nil {
			return sb.String(), err
		}
		if !isPrefix {
			return sb.String(), nil
		}
	}
}

// Chat runs an interactive conversation: questions in, answers out, with follow-ups kept in
// context. It ends at end of input or on "quit"/"exit". prompt shows "> " before each
// question; turn it off when the input is not a terminal.
func Chat(ctx context.Context, b answerer, in io.Reader, out io.Writer, prompt bool) error {
	return chat(ctx, in, out, prompt, func(q string) string {
		return bot.Text(b.Answer(ctx, bot.Request{Text: q, ConversationID: "cli"}))
	})
}

// ChatExplain is Chat with each answer followed by how it was reached: the way to see why
// a follow-up was read as it was, since the earlier turns change the decision.
func ChatExplain(ctx context.Context, b explainer, in io.Reader, out io.Writer, prompt bool) error {
	return chat(ctx, in, out, prompt, func(q string) string {
		r, tr := b.Explain(ctx, bot.Request{Text: q, ConversationID: "cli"})
		return bot.Text(r) + "\n" + tr.String() + "\n"
	})
}

func chat(ctx context.Context, in io.Reader, out io.Writer, prompt bool, respond func(q string) string) error {
	br := bufio.NewReaderSize(in, 4096)
	if prompt {
		fmt.Fprintf(out, "Ask me about this occupation (\"help\" for ideas, \"quit\" to leave).\n> ")
	}
	for {
		line, err := readLine(br)
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read question: %w", err)
		}
		q := strings.TrimSpace(line)
		switch strings.ToLower(q) {
		case "quit", "exit", "/quit", "/exit", "bye!":
			return nil
		case "":
		default:
			if _, werr := io.WriteString(out, respond(q)); werr != nil {
				return werr
			}
		}
		if errors.Is(err, io.EOF) || ctx.Err() != nil {
			if prompt {
				fmt.Fprintln(out)
			}
			return nil
		}
		if prompt {
			io.WriteString(out, "> ")
		}
	}
}

// Topics lists what can be asked.
func Topics(topics []bot.Topic, w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, t := range topics {
		fmt.Fprintf(bw, "%-17s %s — e.g. %q\n", t.ID, t.Title, t.Question)
	}
	return bw.Flush()
}
