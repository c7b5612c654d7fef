package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
	dups     int // files left out because their content was imported before
}

// jobList keeps the recent jobs. With a file, the list is kept there
// (WORKSPACE/imports.json) whenever a job is added or ends, so that it
// survives a restart.
type jobList struct {
	mu    sync.Mutex
	order []*job // oldest first
	file  string // "" keeps the list in memory only
	log   func(format string, a ...any)
}

const keepJobs = 50

func newJobList() *jobList { return &jobList{log: func(string, ...any) {}} }

// jobsFile is where the recent imports are kept.
func jobsFile(dir string) string { return filepath.Join(dir, "imports.json") }

// jobRecord is a job as kept in the jobs file.
type jobRecord struct {
	ID       string                `json:"id"`
	Dir      string                `json:"dir"`
	Created  time.Time             `json:"created"`
	State    string                `json:"state"`
	Files    []string              `json:"files"`
	Rejected []importer.FileResult `json:"rejected,omitempty"`
	Total    int                   `json:"total"`
	Done     int                   `json:"done"`
	Started  time.Time             `json:"started"`
	Finished time.Time             `json:"finished"`
	Summary  *importer.Summary     `json:"summary,omitempty"`
	Err      string                `json:"err,omitempty"`
	Dups     int                   `json:"dups,omitempty"`
}

func (j *job) record() jobRecord {
	j.mu.Lock()
	defer j.mu.Unlock()
	return jobRecord{ID: j.ID, Dir: j.Dir, Created: j.Created, State: j.state, Files: j.files, Rejected: j.rejected,
		Total: j.total, Done: j.done, Started: j.started, Finished: j.finished, Summary: j.sum, Err: j.err, Dups: j.dups}
}

// load reads the jobs file. Jobs that were queued or running when the
// server stopped are shown as interrupted.
func (l *jobList) load(file string) error {
	l.file = file
	b, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	var recs []jobRecord
	if err := json.Unmarshal(b, &recs); err != nil {
		l.log("read %s: %v (the list of recent imports starts anew)", file, err)
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range recs {
		j := &job{ID: r.ID, Dir: r.Dir, Created: r.Created, state: r.State, files: r.Files, rejected: r.Rejected,
			total: r.Total, done: r.Done, started: r.Started, finished: r.Finished, sum: r.Summary, err: r.Err, dups: r.Dups}
		if j.state == jobQueued || j.state == jobRunning {
			j.state, j.err = jobFailed, "服务停止时导入还没有完成；已导入的部分已保存，重新上传同样的文件即可补全"
		}
		l.order = append(l.order, j)
	}
	return nil
}

// save writes the list to its file (atomically, readable by the owner
// only).
func (l *jobList) save() {
	if l.file == "" {
		return
	}
	l.mu.Lock()
	recs := make([]jobRecord, len(l.order))
	for i, j := range l.order {
		recs[i] = j.record()
	}
	l.mu.Unlock()
	b, err := json.Marshal(recs)
	if err == nil {
		err = writeFileAtomic(l.file, b)
	}
	if err != nil {
		l.log("save the list of imports: %v", err)
	}
}

// writeFileAtomic writes b to path through a temporary file (mode 0600)
// and a rename.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (l *jobList) add(j *job) {
	l.mu.Lock()
	l.order = append(l.order, j)
	for len(l.order) > keepJobs {
		i := slices.IndexFunc(l.order, func(j *job) bool { s := j.snapshot().State; return s == jobDone || s == jobFailed })
		if i < 0 {
			break
		}
		l.order = slices.Delete(l.order, i, i+1)
	}
	l.mu.Unlock()
	l.save()
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

// startImport queues the import of an upload folder. An upload of which
// nothing was kept is recorded with its reasons and not imported (its
// folder is already gone).
func (s *Server) startImport(dir string, b *batch) *job {
	j := &job{ID: newID(), Dir: dir, Created: time.Now(), state: jobQueued,
		files: b.saved, rejected: b.rejected}
	if len(b.saved) == 0 {
		j.state, j.finished = jobDone, j.Created
		s.jobs.add(j)
		return j
	}
	s.jobs.add(j)
	s.wg.Add(1)
	go s.runImport(j)
	return j
}

// pruneEmpty removes the empty folders under dir, dir included.
func pruneEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	empty := true
	for _, e := range entries {
		if e.IsDir() {
			if err := pruneEmpty(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
			if _, err := os.Lstat(filepath.Join(dir, e.Name())); err == nil {
				empty = false
			}
			continue
		}
		empty = false
	}
	if empty {
		return os.Remove(dir)
	}
	return nil
}

// runImport imports a job's folder once no other writer is busy.
func (s *Server) runImport(j *job) {
	defer s.wg.Done()
	if err := s.acquire(s.ctx); err != nil {
		j.finish(nil, errors.New("服务已停止，导入没有进行：请重新上传"))
		s.jobs.save()
		return
	}
	defer s.release()
	j.mu.Lock()
	j.state, j.started = jobRunning, time.Now()
	j.mu.Unlock()
	s.dropDuplicates(j)
	if err := pruneEmpty(j.Dir); err != nil {
		s.log.Printf("tidy %s: %v", j.Dir, err)
	}
	if len(j.snapshot().Files) == 0 {
		j.finish(nil, nil) // every file was a duplicate: nothing to read
		s.jobs.save()
		return
	}
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
	s.jobs.save()
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
			j.dups++
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
	// Names lists the upload's files (the first few) for the list of
	// recent imports; More is how many are not named.
	Names []string
	More  int
	Count int
}

type summaryView struct {
	Files, OK, Parsed, Unchanged int
	Skipped, Failed              []importer.FileResult
	Docs                         []docRow
	Relevant                     int
}

// doneText titles a finished import by what it brought: 导入完成 only when
// documents were read.
func doneText(j *job) string {
	switch {
	case j.sum == nil && j.dups > 0:
		return "没有新的文件：都已导入过"
	case j.sum == nil:
		return "没有收下任何文件"
	case len(j.sum.Docs) > 0 && j.sum.Parsed == 0 && j.sum.Unchanged > 0:
		return "没有新的文档：文件都已导入过"
	case len(j.sum.Docs) == 0:
		return "没有读到任何文档"
	case len(j.sum.Failed) > 0 || len(j.rejected) > 0:
		return "导入完成（部分文件未能读取）"
	}
	return "导入完成"
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
		v.StateText = doneText(j)
	case jobFailed:
		v.StateText = "导入出错"
	}
	if !j.finished.IsZero() && !j.started.IsZero() {
		v.Elapsed = seconds(j.finished.Sub(j.started))
	}
	names := j.files
	if len(names) == 0 {
		for _, r := range j.rejected {
			names = append(names, r.Source)
		}
	}
	v.Count = len(names)
	for _, n := range names {
		if len(v.Names) == 3 {
			v.More = len(names) - 3
			break
		}
		v.Names = append(v.Names, n)
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
	w.Header().Set("Content-Security-Policy", uploadCSP)
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
