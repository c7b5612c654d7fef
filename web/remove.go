package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"plans/importer"
	"plans/workspace"
)

// removePage asks before a file's documents are removed.
type removePage struct {
	chrome
	Key, Source string
	Titles      []string
}

// remove deletes the documents of one imported file, after the user has
// confirmed it on a page that lists them. The removal goes to the trash:
// the list of documents offers to undo it, and plans doctor --fix empties
// the trash (deleting a file uploaded through the page only then).
func (s *Server) remove(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkForm(w, r); err != nil {
		return err
	}
	key := r.PostForm.Get("key")
	f, ok, err := s.ws.File(key)
	if err != nil {
		return err
	}
	if !ok {
		return errorf(http.StatusNotFound, "工作区里没有这个文件的记录（可能已删除）")
	}
	if r.PostForm.Get("confirm") != "1" {
		p := &removePage{chrome: s.chrome("确认删除", "docs"), Key: key, Source: f.Source}
		for _, d := range f.Docs {
			p.Titles = append(p.Titles, d.Title)
		}
		return s.render(w, http.StatusOK, "remove", p)
	}
	if err := s.acquire(r.Context()); err != nil {
		return err
	}
	defer s.release()
	var uploads []string
	if within(s.uploadsDir(), key) {
		uploads = []string{key}
	}
	e, err := importer.Trash(r.Context(), s.ws, s.ix, newID(), []string{key}, uploads)
	s.changed()
	if err != nil {
		return err
	}
	done := newID()
	s.flash.put(done, fmt.Sprintf("已删除 %s 的 %d 篇文档。", f.Source, e.DocCount()))
	http.Redirect(w, r, "/docs?"+url.Values{"done": {done}, "undo": {e.ID}}.Encode(), http.StatusSeeOther)
	return nil
}

// undoRemove restores a removal from the trash.
func (s *Server) undoRemove(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkForm(w, r); err != nil {
		return err
	}
	if err := s.acquire(r.Context()); err != nil {
		return err
	}
	defer s.release()
	e, err := importer.Restore(r.Context(), s.ws, s.ix, r.PostForm.Get("id"))
	s.changed()
	switch {
	case errors.Is(err, workspace.ErrNotInTrash), errors.Is(err, workspace.ErrRestoreConflict):
		return errorf(http.StatusConflict, "无法撤销：%v", err)
	case err != nil:
		return err
	}
	source := ""
	if len(e.Files) > 0 {
		source = e.Files[0].Source + " 的 "
	}
	done := newID()
	s.flash.put(done, fmt.Sprintf("已撤销删除，恢复了 %s%d 篇文档。", source, e.DocCount()))
	http.Redirect(w, r, "/docs?done="+done, http.StatusSeeOther)
	return nil
}
