package web_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"plans/index"
	"plans/pipeline"
	"plans/web"
	"plans/workspace"
)

// A server over a new, empty workspace: its search page asks for an
// import first.
func ExampleNew() {
	dir, err := os.MkdirTemp("", "plans-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ws, err := workspace.Open(filepath.Join(dir, "ws"), workspace.ReadWrite, "serve")
	if err != nil {
		log.Fatal(err)
	}
	defer ws.Close()
	ix, err := index.Open(ws.IndexDir(), index.DefaultOptions())
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()

	srv, err := web.New(web.Options{Workspace: ws, Index: ix, Pipeline: pipeline.DefaultOptions()})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/search", nil))
	fmt.Println(rec.Code, strings.Contains(rec.Body.String(), "工作区里还没有文档"))
	// Output: 200 true
}
