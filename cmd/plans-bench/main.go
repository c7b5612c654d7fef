// Command plans-bench measures import and search on a synthetic corpus made
// from the bundled examples:
//
//	go run ./cmd/plans-bench -docs 10000
//	go run ./cmd/plans-bench -peer recoll -docs 1000 -runs 3 -memory-at 10,100
//
// It generates the corpus (deterministic for a seed), imports it into a
// fresh workspace in a child process (the real importer, pipeline, store
// and index), indexes the same document texts with a bare Bleve+gse indexer
// in another child process, times cold searches (one process per search)
// and warm ones (one open index), and prints the figures.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "plans-bench:", err)
		os.Exit(1)
	}
}

type options struct {
	mode     string
	docs     int
	seed     uint64
	trad     float64
	examples string
	dir      string
	keep     bool
	cold     int
	warm     int
	query    string
	plansBin string
	jsonOut  bool
	cpuprof  string
	memprof  string
	runs     int
	peer     string
	memAt    []int
}

func run(ctx context.Context, args []string) error {
	var o options
	fs := flag.NewFlagSet("plans-bench", flag.ContinueOnError)
	fs.StringVar(&o.mode, "mode", "all", "all | generate | import | index | baseline | search | warm | cold (all runs the others in child processes)")
	fs.IntVar(&o.docs, "docs", 10000, "number of documents to generate")
	fs.Uint64Var(&o.seed, "seed", 1, "corpus seed")
	fs.Float64Var(&o.trad, "trad", 0.1, "share of documents in traditional characters")
	fs.StringVar(&o.examples, "examples", "examples", "folder of example plans the corpus is made from")
	fs.StringVar(&o.dir, "dir", "", "work folder (default: a new temporary folder)")
	fs.BoolVar(&o.keep, "keep", false, "keep the work folder")
	fs.IntVar(&o.cold, "cold", 20, "cold searches (one process each)")
	fs.IntVar(&o.warm, "warm", 20, "warm runs of each query")
	fs.StringVar(&o.query, "q", "", "query (mode search)")
	fs.StringVar(&o.plansBin, "plans", "", "time cold searches with this plans binary (plans search --json) instead of this program")
	fs.BoolVar(&o.jsonOut, "json", false, "print the report as JSON")
	fs.StringVar(&o.memprof, "memprofile", "", "write an allocation profile at the end (mode import)")
	fs.IntVar(&o.runs, "runs", 1, "import and baseline runs, in turns (the fastest of each counts)")
	fs.StringVar(&o.cpuprof, "cpuprofile", "", "write a CPU profile (modes import and warm)")
	fs.StringVar(&o.peer, "peer", "", "compare with another program on the same corpus (recoll): index time, peak memory, disk, cold search (-cold defaults to 7 here)")
	memAt := fs.String("memory-at", "", "with -peer: also the peak memory of indexing corpora of these sizes (e.g. 10,100,1000)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.peer != "" {
		var err error
		if o.memAt, err = parseSizes(*memAt); err != nil {
			return err
		}
		coldSet := false
		fs.Visit(func(f *flag.Flag) { coldSet = coldSet || f.Name == "cold" })
		if !coldSet {
			o.cold = 7
		}
		if o.cold < 1 {
			return fmt.Errorf("-cold must be at least 1")
		}
	}
	if o.runs < 1 {
		return fmt.Errorf("-runs must be at least 1")
	}
	if o.peer != "" {
		return runPeer(ctx, o)
	}
	switch o.mode {
	case "all":
		return runAll(ctx, o)
	case "generate":
		_, err := generate(o)
		return err
	case "import":
		return childImport(ctx, o)
	case "baseline":
		return childBaseline(ctx, o)
	case "index":
		return childIndex(ctx, o)
	case "search":
		return childSearch(ctx, o)
	case "warm":
		return warmOnly(ctx, o)
	case "cold":
		return coldOnly(ctx, o)
	}
	return fmt.Errorf("unknown mode %q", o.mode)
}
