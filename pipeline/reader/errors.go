package reader

import (
	"errors"
	"fmt"
)

// ErrorKind says why a file could not be read.
type ErrorKind int

const (
	// Corrupt: the file is damaged or is not what its name says.
	Corrupt ErrorKind = iota + 1
	// TooLarge: the file (or what it unpacks to) exceeds the limits.
	TooLarge
	// NoText: the file holds no text (empty, or a scan without a text layer).
	NoText
	// Encrypted: the file is protected by a password.
	Encrypted
	// Unsupported: a format plans does not read.
	Unsupported
)

var kindNames = map[ErrorKind]string{
	Corrupt:     "文件损坏",
	TooLarge:    "文件过大",
	NoText:      "没有文字",
	Encrypted:   "文件已加密",
	Unsupported: "格式不支持",
}

// String returns the Chinese name of the kind, for reports.
func (k ErrorKind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("ErrorKind(%d)", int(k))
}

// Error is a file that could not be read. Reason is one Chinese sentence
// for users; Err, when set, is the underlying cause for logs.
type Error struct {
	Kind   ErrorKind
	Reason string
	Err    error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Reason + "（" + e.Err.Error() + "）"
	}
	return e.Reason
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of err if it is (or wraps) an *Error, else 0.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

func newError(kind ErrorKind, reason string, err error) *Error {
	return &Error{Kind: kind, Reason: reason, Err: err}
}
