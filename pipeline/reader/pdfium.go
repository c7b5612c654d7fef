package reader

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// The PDF text layer is read by PDFium compiled to WebAssembly and run by
// wazero (pure Go, the module is embedded in go-pdfium). Compiling the
// module costs a few seconds, so it is done once per process, only when a
// PDF is read, and the compiled code is kept in the user cache directory
// (wazero's compilation cache) for the next run.

// pdfEngine is the process-wide PDFium pool, started on first use.
type pdfEngine struct {
	mu      sync.Mutex
	pool    pdfium.Pool
	err     error
	active  int  // reads in progress
	closing bool // close when the last read ends
	cached  bool // the compilation cache was used
}

var engine pdfEngine

// pdfiumModule is the WebAssembly module to run; nil for the one embedded
// in go-pdfium. Tests replace it to see a failing start.
var pdfiumModule []byte

// pdfCacheDir returns the directory for wazero's compilation cache, or ""
// for none. Test binaries use a folder of their own, kept between runs so
// that each test binary does not compile the module again.
var pdfCacheDir = func() string {
	dir, err := os.UserCacheDir()
	if err != nil || dir == "" {
		return ""
	}
	if testing.Testing() {
		return filepath.Join(dir, "plans-test", "pdfium")
	}
	return filepath.Join(dir, "plans", "pdfium")
}

// pdfInstances bounds the PDFium instances alive at once: one per parsing
// worker (the importer runs a few); more callers wait for a free one.
func pdfInstances() int {
	return min(max(2, runtime.GOMAXPROCS(0)), 8)
}

// acquire returns the pool, starting it if need be, and counts a read in
// progress until release.
func (e *pdfEngine) acquire() (pdfium.Pool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	p, err := e.start()
	if err == nil {
		e.active++
	}
	return p, err
}

func (e *pdfEngine) release() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.active--
	if e.active == 0 && e.closing {
		e.closeLocked()
	}
}

// start starts the pool if it is not running; e.mu is held.
func (e *pdfEngine) start() (pdfium.Pool, error) {
	if e.pool != nil || e.err != nil {
		return e.pool, e.err
	}
	e.closing = false
	e.cached = false
	if dir := pdfCacheDir(); dir != "" {
		if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			e.pool, e.err = startPDFium(cache)
			e.cached = e.err == nil
		}
	}
	if e.pool == nil {
		// No cache directory, or it could not be used: compile in memory.
		e.pool, e.err = startPDFium(nil)
	}
	if e.err != nil {
		e.err = fmt.Errorf("PDF engine (PDFium): %w", e.err)
	}
	return e.pool, e.err
}

func startPDFium(cache wazero.CompilationCache) (pdfium.Pool, error) {
	// WithCloseOnContextDone would let a cancelled context interrupt a
	// call in progress, but it starts a goroutine for every call into the
	// engine (several per character): six times slower. withPDFium
	// abandons a stuck call instead.
	rc := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if cache != nil {
		rc = rc.WithCompilationCache(cache)
	}
	n := pdfInstances()
	return webassembly.Init(webassembly.Config{
		WASM:          pdfiumModule,
		MaxTotal:      n,
		MaxIdle:       n,
		ReuseWorkers:  true,
		RuntimeConfig: rc,
		// PDFium sees no disk: documents are passed as bytes. Its file
		// system holds only the stand-in CJK font (see boxFont), where
		// PDFium looks for system fonts.
		FSConfig: wazero.NewFSConfig().WithFSMount(fstest.MapFS{
			"usr/share/fonts/" + boxFontFamily + ".ttf": &fstest.MapFile{Data: boxFont(), Mode: 0o444},
		}, "/"),
		Stdout: io.Discard,
		Stderr: io.Discard,
	})
}

// ClosePDFEngine stops the PDF engine if it was started, releasing its
// memory; the next PDF read starts it again (from the compilation cache).
// Reads in progress finish first: the engine stops when the last ends.
func ClosePDFEngine() error {
	engine.mu.Lock()
	defer engine.mu.Unlock()
	if engine.active > 0 {
		engine.closing = true
		return nil
	}
	return engine.closeLocked()
}

func (e *pdfEngine) closeLocked() error {
	p := e.pool
	e.pool, e.err, e.closing = nil, nil, false
	if p == nil {
		return nil
	}
	return p.Close()
}

// bigPDF is the file size above which the instance is discarded after use,
// so that the memory a large document grew it to is given back.
const bigPDF = 4 << 20

// withPDFium runs fn with a PDFium instance of its own. When ctx is done
// first, the instance is stopped and withPDFium returns: a call into the
// engine that never ends (a pathological file) is left behind rather than
// holding up the import.
// An instance is not reused after an error: its state is unknown.
func withPDFium(ctx context.Context, size int, fn func(pdfium.Pdfium) error) error {
	pool, err := engine.acquire()
	if err != nil {
		return newError(Unsupported, "PDF 读取引擎（PDFium）无法启动，PDF 文件暂时无法读取", err)
	}
	defer engine.release()
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("PDF engine (PDFium): %w", err)
	}
	done := make(chan error, 1)
	go func() {
		var err error
		defer func() {
			if x := recover(); x != nil {
				err = fmt.Errorf("pdfium: %v", x)
			}
			done <- err
		}()
		err = fn(inst)
	}()
	select {
	case err := <-done:
		if err != nil || size > bigPDF || ctx.Err() != nil {
			inst.Kill()
		} else {
			inst.Close()
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	case <-ctx.Done():
		// fn sees the context between pages and characters and returns
		// soon; only a call stuck inside the engine is left behind.
		select {
		case <-done:
		case <-time.After(pdfStuck):
		}
		inst.Kill()
		return ctx.Err()
	}
}

// pdfStuck is how long a cancelled read may take to notice.
const pdfStuck = 2 * time.Second
