package cli

import (
	"errors"
	"fmt"

	"plans/internal/errtext"
)

// Exit codes.
const (
	ExitOK          = 0
	ExitError       = 1   // the command failed
	ExitUsage       = 2   // bad flags or arguments
	ExitBusy        = 3   // another process holds the workspace
	ExitFilesFailed = 4   // import finished but some files could not be read
	ExitInterrupted = 130 // interrupted (Ctrl-C): 128 + SIGINT, as shells report it
)

// exitError carries an exit code and a sentence for users.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageError(format string, a ...any) error {
	return &exitError{code: ExitUsage, msg: fmt.Sprintf(format, a...)}
}

// silentError has already been reported to the user; only its code counts.
type silentError struct{ code int }

func (e *silentError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode maps an error to an exit code and a message (empty when the
// error was already reported).
func exitCode(err error) (int, string) {
	var ee *exitError
	var se *silentError
	switch {
	case err == nil:
		return ExitOK, ""
	case errors.As(err, &se):
		return se.code, ""
	case errors.As(err, &ee):
		return ee.code, ee.msg
	}
	class, msg := errtext.Describe(err, errtext.CLI)
	switch class {
	case errtext.Busy:
		return ExitBusy, msg
	case errtext.Canceled:
		return ExitInterrupted, msg
	}
	return ExitError, msg
}
