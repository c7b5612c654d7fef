package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// Streams are the input and outputs of a command: data goes to Out,
// progress and status to ErrOut. Tests pass buffers.
type Streams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY and ErrTTY say whether the outputs are terminals (colours,
	// tables, progress bars).
	OutTTY, ErrTTY bool
	// Env returns an environment variable (os.Getenv by default); tests may
	// replace it.
	Env func(string) string
}

// System returns the process's standard streams.
func System() Streams {
	return Streams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		Env:    os.Getenv,
	}
}
