package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"plans/importer"
	"plans/workspace"
)

// Job states.
const (
	jobQueued  = "queued"
	jobRunning = "running"
	jobDone    = "done"
	jobFailed  = "failed"
)

// job is the import of one upload, run in the background; its page shows
// its progress and then its report.
type job struct {
	ID      string
	Dir     string
	Created time.Time

	mu       sync.Mutex
	state    string
	files    []string
	rejected []importer.FileResult
	total    int
	done     int
	current  string
	started  time.Time
	finished time.Time
	sum      *importer.Summary
	err      string
}

// jobList keeps the recent jobs.
type jobList struct {
	mu    sync.Mutex
	order []*job // oldest first
}

const keepJobs = 50

func newJobList() *jobList { return &jobList{} }

func (l *jobList) add(j *job) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.order = append(l.order, j)
	for len(l.order) > keepJobs {
		i := slices.IndexFunc(l.order, func(j *job) bool { s := j.snapshot().State; return s == jobDone || s == jobFailed })
		if i < 0 {
			break
		}
		l.order = slices.Delete(l.order, i, i+1)
	}
}

func (l *jobList) get(id string) (*job, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, j := range l.order {
		if j.ID == id {
			return j, true
		}
	}
	return nil, false
}

// recent returns the jobs, newest first.
func (l *jobList) recent() []*job {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := slices.Clone(l.order)
	slices.Reverse(out)
	return out
}

// jobProgress reports an import's progress to its job.
type jobProgress struct {
	j *job
	s *Server
}

func (p jobProgress) Start(total int) {
	p.j.mu.Lock()
	p.j.total = total
	p.j.mu.Unlock()
}

func (p jobProgress) Step(source string, status workspace.FileStatus) {
	p.j.mu.Lock()
	p.j.done++
	p.j.current = source
	p.j.mu.Unlock()
	p.s.changed() // new documents become visible as they are stored
}

func (p jobProgress) Finish() {}

// startImport queues the import of an upload folder.
func (s *Server) startImport(dir string, b *batch) *job {
	j := &job{ID: newID(), Dir: dir, Created: time.Now(), state: jobQueued,
		files: b.saved, rejected: b.rejected}
	s.jobs.add(j)
	s.wg.Add(1)
	go s.runImport(j)
	return j
}

// runImport imports a job's folder once no other writer is busy.
func (s *Server) runImport(j *job) {
	defer s.wg.Done()
	if err := s.acquire(s.ctx); err != nil {
		j.finish(nil, errors.New("服务已停止，导入没有进行：请重新上传"))
		return
	}
	defer s.release()
	j.mu.Lock()
	j.state, j.started = jobRunning, time.Now()
	j.mu.Unlock()
	s.dropDuplicates(j)
	sum, err := importer.Run(s.ctx, s.ws, importer.Options{
		Roots:       []string{j.Dir},
		Workers:     s.opts.Workers,
		FileTimeout: s.opts.FileTimeout,
		Pipeline:    s.opts.Pipeline,
		OpenIndex:   func() (importer.Indexer, error) { return s.ix, nil },
		Progress:    jobProgress{j, s},
	})
	s.changed()
	if err != nil {
		s.log.Printf("import %s: %v", j.Dir, err)
		if errors.Is(err, context.Canceled) {
			err = errors.New("服务停止，导入被中断；已导入的部分已保存，重新上传同样的文件即可补全")
		}
	}
	j.finish(sum, err)
}

// dropDuplicates leaves out uploaded files whose content is already in the
// workspace (or earlier in the same upload): uploading a file twice must
// not give its documents twice.
func (s *Server) dropDuplicates(j *job) {
	files, err := s.ws.Files()
	if err != nil {
		s.log.Printf("list files: %v", err)
		return
	}
	seen := make(map[string]string, len(files))
	for _, f := range files {
		if f.Hash != "" && f.Status == workspace.FileOK {
			seen[f.Hash] = f.Source
		}
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	var keep []string
	for _, rel := range j.files {
		p := filepath.Join(j.Dir, filepath.FromSlash(rel))
		h, err := fileHash(p)
		if err != nil {
			keep = append(keep, rel) // the import reports it
			continue
		}
		if src, ok := seen[h]; ok {
			if err := os.Remove(p); err != nil {
				s.log.Printf("remove duplicate %s: %v", p, err)
			}
			j.rejected = append(j.rejected, importer.FileResult{Source: rel, Status: workspace.FileSkipped,
				Reason: fmt.Sprintf("与已导入的“%s”内容相同，未重复导入", src)})
			continue
		}
		seen[h] = rel
		keep = append(keep, rel)
	}
	j.files = keep
}

// fileHash is the SHA-256 of a file's content in hex, as the importer
// records it.
func fileHash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (j *job) finish(sum *importer.Summary, err error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.finished = time.Now()
	j.sum = sum
	j.state = jobDone
	if err != nil {
		j.state, j.err = jobFailed, err.Error()
	}
}

// acquire waits to become the workspace's writer.
func (s *Server) acquire(ctx context.Context) error {
	select {
	case s.writer <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-s.ctx.Done():
		return errorf(http.StatusServiceUnavailable, "服务正在停止")
	}
}

func (s *Server) release() { <-s.writer }

// jobView is what a page shows of a job.
type jobView struct {
	ID, Href  string
	State     string
	StateText string
	Files     []string
	Rejected  []importer.FileResult
	Total     int
	Done      int
	Percent   int
	Current   string
	Created   string
	Elapsed   string
	Err       string
	Summary   *summaryView
}

type summaryView struct {
	Files, OK, Parsed, Unchanged int
	Skipped, Failed              []importer.FileResult
	Docs                         []docRow
	Relevant                     int
}

func (j *job) snapshot() jobView {
	j.mu.Lock()
	defer j.mu.Unlock()
	v := jobView{ID: j.ID, Href: "/import/" + j.ID, State: j.state, Files: j.files, Rejected: j.rejected,
		Total: j.total, Done: j.done, Current: j.current, Created: j.Created.Format("01-02 15:04:05"), Err: j.err}
	switch j.state {
	case jobQueued:
		v.StateText = "排队中：等前一个导入完成"
	case jobRunning:
		v.StateText = "正在导入"
		v.Elapsed = seconds(time.Since(j.started))
	case jobDone:
		v.StateText = "导入完成"
	case jobFailed:
		v.StateText = "导入出错"
	}
	if !j.finished.IsZero() && !j.started.IsZero() {
		v.Elapsed = seconds(j.finished.Sub(j.started))
	}
	if j.total > 0 {
		v.Percent = min(100, j.done*100/j.total)
	}
	if j.sum != nil {
		sv := &summaryView{Files: j.sum.Files, OK: j.sum.OK, Parsed: j.sum.Parsed, Unchanged: j.sum.Unchanged,
			Skipped: j.sum.Skipped, Failed: j.sum.Failed}
		for i := range j.sum.Docs {
			d := &j.sum.Docs[i]
			if d.Relevant {
				sv.Relevant++
			}
			sv.Docs = append(sv.Docs, docRow{ID: d.ID, Href: docHref(d.ID, "", ""), Title: d.Title, Org: d.Org,
				Source: d.Source, Year: d.Year, Part: d.Part, Kind: d.Kind, Relevant: d.Relevant, Script: d.Script,
				Sections: d.Sections, Calendar: d.Calendar, Targets: d.Targets})
		}
		v.Summary = sv
	}
	return v
}

// importPage is the upload form and the recent imports.
type importPage struct {
	chrome
	Limits    UploadLimits
	Documents int
	Jobs      []jobView
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) error {
	docs, _, err := s.corpus()
	if err != nil {
		return err
	}
	p := &importPage{chrome: s.chrome("导入", "import"), Limits: s.lim, Documents: len(docs)}
	for _, j := range s.jobs.recent() {
		p.Jobs = append(p.Jobs, j.snapshot())
	}
	for _, j := range p.Jobs {
		if j.State == jobQueued || j.State == jobRunning {
			p.Refresh = 2
			break
		}
	}
	return s.render(w, http.StatusOK, "import", p)
}

// jobPage shows a job: progress while it runs (the page reloads itself),
// then the per-file report.
type jobPage struct {
	chrome
	Job jobView
}

func (s *Server) jobPage(w http.ResponseWriter, r *http.Request) error {
	j, ok := s.jobs.get(r.PathValue("job"))
	if !ok {
		return errorf(http.StatusNotFound, "没有这个导入任务（服务重启后，以前的任务记录不再保留；导入的文档仍在工作区里）")
	}
	p := &jobPage{chrome: s.chrome("导入进度", "import"), Job: j.snapshot()}
	if p.Job.State == jobQueued || p.Job.State == jobRunning {
		p.Refresh = 1
		p.Title = fmt.Sprintf("导入中 %d/%d", p.Job.Done, p.Job.Total)
	} else {
		p.Title = "导入结果"
	}
	return s.render(w, http.StatusOK, "job", p)
}

// seconds writes a duration for people: 3.2 秒.
func seconds(d time.Duration) string { return fmt.Sprintf("%.1f 秒", d.Seconds()) }
