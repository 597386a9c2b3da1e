// Command gen trains the classifier on bot/testdata's tuning files and the training half
// of the CLINC150 files, and writes the weights file that package classifier embeds.
// `go generate ./bot/classifier` runs it in that package's directory.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/careerbot/careerbot/bot/classifier"
	"github.com/careerbot/careerbot/bot/classifier/corpus"
)

func main() {
	testdata := flag.String("testdata", "../testdata", "the directory of the question files")
	out := flag.String("o", classifier.WeightsFile, "the weights file to write")
	flag.Parse()
	if err := run(*testdata, *out); err != nil {
		log.Fatal(err)
	}
}

func run(testdata, out string) error {
	examples, err := corpus.Training(testdata, "")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := classifier.Write(&buf, examples); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write weights: %w", err)
	}
	fmt.Printf("%s: %d bytes from %d examples\n", out, buf.Len(), len(examples))
	return nil
}
