// Command plans imports, searches, compares and drafts Chinese trade-union
// work plans. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"plans/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.System())
	stop()
	os.Exit(code)
}
