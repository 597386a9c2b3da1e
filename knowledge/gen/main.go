// Command gen writes the snapshot of the embedded knowledge file: the file parsed and
// validated, which package knowledge embeds so that start-up need not parse the YAML.
// `go generate ./knowledge` runs it in that package's directory.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/careerbot/careerbot/knowledge"
)

func main() {
	out := flag.String("o", knowledge.SnapshotFile, "the snapshot file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		log.Fatal(err)
	}
}

func run(out string) error {
	src := filepath.Join("data", filepath.Base(knowledge.DefaultName))
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := knowledge.WriteSnapshot(&buf, knowledge.DefaultName, data); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	fmt.Printf("%s: %d bytes from %s\n", out, buf.Len(), src)
	return nil
}
