package web

import (
	"archive/zip"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"plans/importer"
	"plans/internal/zhtext"
	"plans/pipeline"
	"plans/workspace"
)

// UploadLimits bound one upload. Zero fields take their defaults from the
// pipeline's limits, so that nothing is accepted that the import would
// refuse anyway.
type UploadLimits struct {
	// MaxRequestBytes bounds the whole upload (default: the pipeline's
	// MaxUnpackedBytes, 64 MiB).
	MaxRequestBytes int64
	// MaxFileBytes bounds one file, uploaded or inside a zip (default: the
	// pipeline's MaxFileBytes, 20 MiB).
	MaxFileBytes int64
	// MaxUnpackedBytes bounds the files of one zip together, decompressed
	// (default: the pipeline's MaxUnpackedBytes).
	MaxUnpackedBytes int64
	// MaxZipEntries bounds the entries of one zip (default 2000).
	MaxZipEntries int
}

func (l UploadLimits) withDefaults(p pipeline.Options) UploadLimits {
	lim := p.Limits
	if lim.MaxFileBytes <= 0 {
		lim.MaxFileBytes = 20 << 20
	}
	if lim.MaxUnpackedBytes <= 0 {
		lim.MaxUnpackedBytes = 64 << 20
	}
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = lim.MaxFileBytes
	}
	if l.MaxUnpackedBytes <= 0 {
		l.MaxUnpackedBytes = lim.MaxUnpackedBytes
	}
	if l.MaxRequestBytes <= 0 {
		l.MaxRequestBytes = max(lim.MaxUnpackedBytes, l.MaxFileBytes)
	}
	if l.MaxZipEntries <= 0 {
		l.MaxZipEntries = 2000
	}
	return l
}

// uploadsDir is where uploads are kept: WORKSPACE/uploads/<time>/.
func (s *Server) uploadsDir() string { return s.ws.UploadsDir() }

// upload receives files (or zips of files) into a new folder of the
// workspace and starts importing it.
//
// The request is read as a stream: the form's token comes first (it is the
// form's first field) and is checked before any file is written; files are
// written through an os.Root, so no name can lead outside the folder.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkOrigin(r); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.lim.MaxRequestBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return errorf(http.StatusBadRequest, "上传的内容无法读取：请用导入页面的表单选择文件上传")
	}
	dir, err := s.newUploadDir()
	if err != nil {
		return err
	}
	b, err := s.receive(r, mr, dir)
	if err == nil && len(b.saved) == 0 && len(b.rejected) == 0 {
		err = errorf(http.StatusBadRequest, "没有收到文件：请先选择要上传的文件或压缩包")
	}
	if err != nil {
		if rerr := os.RemoveAll(dir); rerr != nil {
			s.log.Printf("remove %s: %v", dir, rerr)
		}
		return err
	}
	// Nothing is left behind for what was refused: no empty folders, no
	// folder at all when no file was kept.
	if err := pruneEmpty(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.log.Printf("tidy %s: %v", dir, err)
	}
	j := s.startImport(dir, b)
	http.Redirect(w, r, "/import/"+j.ID, http.StatusSeeOther)
	return nil
}

func (s *Server) newUploadDir() (string, error) {
	name := time.Now().Format("20060102-150405") + "-" + newID()[:6]
	dir := filepath.Join(s.uploadsDir(), name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create upload folder: %w", err)
	}
	return dir, nil
}

// batch is what one upload brought.
type batch struct {
	root     *os.Root
	lim      UploadLimits
	saved    []string              // paths relative to the upload folder
	rejected []importer.FileResult // files not kept, with the reason
}

func (s *Server) receive(r *http.Request, mr *multipart.Reader, dir string) (*batch, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open upload folder: %w", err)
	}
	defer root.Close()
	b := &batch{root: root, lim: s.lim}
	tokenOK := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return b, readError(err)
		}
		switch part.FormName() {
		case "csrf":
			tok, err := io.ReadAll(io.LimitReader(part, 256))
			if err != nil {
				return b, readError(err)
			}
			if err := s.checkToken(r, string(tok)); err != nil {
				return b, err
			}
			tokenOK = true
		case "files":
			if !tokenOK {
				return b, errorf(http.StatusForbidden, "表单不是从本页面提交的，已拒绝：请刷新导入页面后再上传")
			}
			if err := b.add(part); err != nil {
				return b, err
			}
		}
		if _, err := io.Copy(io.Discard, part); err != nil {
			return b, readError(err)
		}
		part.Close()
	}
	if !tokenOK {
		return b, errorf(http.StatusForbidden, "表单不是从本页面提交的，已拒绝：请刷新导入页面后再上传")
	}
	return b, nil
}

// readError turns an error reading the request into one for users.
func readError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return errorf(http.StatusBadRequest, "上传中断或内容无法读取，请重新上传")
}

// add keeps one uploaded file: a zip is unpacked into a folder of its
// name, anything else saved as it is (the import decides what it can read).
func (b *batch) add(part *multipart.Part) error {
	raw := rawFileName(part)
	name, err := safeUploadPath(raw)
	if err != nil {
		b.reject(raw, err.Error())
		return nil
	}
	if name == "" {
		return nil // an empty file input
	}
	if hiddenPath(name) {
		b.reject(name, "隐藏文件（名称以“.”开头），未导入")
		return nil
	}
	if strings.EqualFold(path.Ext(name), ".zip") {
		tmp := ".upload-" + newID() + ".zip"
		n, err := b.save(tmp, part, b.lim.MaxRequestBytes)
		if err != nil {
			return err
		}
		defer b.root.Remove(tmp)
		if n < 0 {
			b.reject(name, "压缩包过大，未导入")
			return nil
		}
		return b.unzip(name, tmp)
	}
	target, err := b.unique(name)
	if err == nil && path.Dir(target) != "." {
		err = b.root.MkdirAll(path.Dir(target), 0o700) // a file of an uploaded folder
	}
	if err != nil {
		b.reject(name, "无法保存（"+nameError(err)+"），未导入")
		return nil
	}
	n, err := b.save(target, part, b.lim.MaxFileBytes)
	if err != nil {
		return err
	}
	if n < 0 {
		b.root.Remove(target)
		b.reject(name, fmt.Sprintf("文件过大（上限 %s），未导入", zhtext.Size(b.lim.MaxFileBytes)))
		return nil
	}
	b.saved = append(b.saved, target)
	return nil
}

func (b *batch) reject(source, reason string) {
	b.rejected = append(b.rejected, importer.FileResult{Source: source, Status: workspace.FileSkipped, Reason: reason})
}

// save writes at most limit bytes of r to name (inside the root). It
// returns -1 when r holds more; the partial file is left for the caller.
func (b *batch) save(name string, r io.Reader, limit int64) (int64, error) {
	f, err := b.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, fmt.Errorf("save upload %s: %w", name, err)
	}
	n, err := io.Copy(f, io.LimitReader(r, limit+1))
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("save upload %s: %w", name, cerr)
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return 0, err
		}
		return 0, readError(err)
	}
	if n > limit {
		return -1, nil
	}
	return n, nil
}

// maxNameBytes bounds one name the upload writes: file systems refuse
// names over 255 bytes, and unique may add a number.
const maxNameBytes = 240

// fitName shortens a file or folder name longer than maxNameBytes, keeping
// its extension (unless the extension alone is too long) and whole runes.
func fitName(name string) string {
	if len(name) <= maxNameBytes {
		return name
	}
	ext := path.Ext(name)
	if len(ext) > 16 {
		ext = ""
	}
	stem := strings.TrimSuffix(name, ext)
	limit := maxNameBytes - len(ext) - len("…")
	for len(stem) > limit {
		_, size := utf8.DecodeLastRuneInString(stem)
		stem = stem[:len(stem)-size]
	}
	return stem + "…" + ext
}

// fitPath shortens each name of a slash-separated path (see fitName).
func fitPath(p string) string {
	parts := strings.Split(p, "/")
	for i, c := range parts {
		parts[i] = fitName(c)
	}
	return strings.Join(parts, "/")
}

// unique returns name, or name with a number, so that it does not exist yet
// in the upload folder. Over-long names are shortened first. Any error but
// "does not exist" from the file system ends the search.
func (b *batch) unique(name string) (string, error) {
	name = fitPath(name)
	free := func(n string) (bool, error) {
		_, err := b.root.Lstat(n)
		switch {
		case err == nil:
			return false, nil
		case errors.Is(err, fs.ErrNotExist):
			return true, nil
		}
		return false, err
	}
	if ok, err := free(name); ok || err != nil {
		return name, err
	}
	dir, base := path.Split(name)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	for i := 2; i < 10000; i++ {
		n := dir + fmt.Sprintf("%s（%d）%s", stem, i, ext)
		if ok, err := free(n); ok || err != nil {
			return n, err
		}
	}
	return "", errors.New("同名文件太多")
}

// unzip unpacks the zip tmp (inside the root) into a folder named after
// the zip. A zip with an unsafe entry (absolute path, "..", symlink), too
// many entries or too much content is refused as a whole, with the reason;
// single entries that are too large or encrypted are left out, with theirs.
func (b *batch) unzip(name, tmp string) error {
	f, err := b.root.Open(tmp)
	if err != nil {
		return fmt.Errorf("open upload %s: %w", name, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open upload %s: %w", name, err)
	}
	zr, err := zip.NewReader(f, st.Size())
	if errors.Is(err, zip.ErrInsecurePath) && zr != nil {
		err = nil // GODEBUG=zipinsecurepath=0: the names are checked below
	}
	if err != nil {
		b.reject(name, "压缩包已损坏或不是 zip 格式，无法解开")
		return nil
	}
	type entry struct {
		f    *zip.File
		path string
	}
	var entries []entry
	var total uint64
	for _, zf := range zr.File {
		p, err := safeEntryPath(entryName(zf))
		if err == nil && zf.Mode()&fs.ModeSymlink != 0 {
			err = errors.New("是符号链接")
		}
		if err != nil {
			b.reject(name, fmt.Sprintf("压缩包里的“%s”%v，不安全，整个压缩包未导入", printable(entryName(zf)), err))
			return nil
		}
		if p == "" || zf.FileInfo().IsDir() || !zf.Mode().IsRegular() {
			continue
		}
		entries = append(entries, entry{zf, p})
		total += zf.UncompressedSize64
	}
	if len(entries) > b.lim.MaxZipEntries {
		b.reject(name, fmt.Sprintf("压缩包里的文件太多（%d 个，上限 %d 个），未导入", len(entries), b.lim.MaxZipEntries))
		return nil
	}
	if total > uint64(b.lim.MaxUnpackedBytes) {
		b.reject(name, fmt.Sprintf("压缩包解压后太大（%s，上限 %s），未导入", zhtext.Size(int64(min(total, 1<<62))), zhtext.Size(b.lim.MaxUnpackedBytes)))
		return nil
	}
	folder, err := b.unique(strings.TrimSuffix(name, path.Ext(name)))
	if err != nil {
		b.reject(name, "无法保存（"+nameError(err)+"），未导入")
		return nil
	}
	var saved []string
	budget := b.lim.MaxUnpackedBytes
	for _, e := range entries {
		source := name + "/" + e.path
		base := path.Base(e.path)
		switch {
		case strings.HasPrefix(e.path, "__MACOSX/") || strings.HasPrefix(base, "."):
			continue // macOS metadata and hidden files
		case e.f.Flags&0x1 != 0:
			b.reject(source, "文件已加密，无法读取，未导入")
			continue
		case e.f.UncompressedSize64 > uint64(b.lim.MaxFileBytes):
			b.reject(source, fmt.Sprintf("文件过大（%s，上限 %s），未导入", zhtext.Size(int64(min(e.f.UncompressedSize64, 1<<62))), zhtext.Size(b.lim.MaxFileBytes)))
			continue
		case strings.EqualFold(path.Ext(base), ".zip"):
			b.reject(source, "压缩包里的压缩包不会再解开：请先解开再上传")
			continue
		}
		target := folder + "/" + fitPath(e.path)
		if err := b.root.MkdirAll(path.Dir(target), 0o700); err != nil {
			b.reject(source, "无法保存："+err.Error())
			continue
		}
		if _, err := b.root.Lstat(target); err == nil {
			b.reject(source, "压缩包里有同名的文件，只保留了第一个")
			continue
		}
		n, err := b.extract(e.f, target, budget)
		if err != nil {
			// The entry holds more than it declares, or is broken: distrust
			// the whole archive.
			b.root.RemoveAll(folder)
			b.reject(name, "压缩包内容有误（"+err.Error()+"），整个压缩包未导入")
			return nil
		}
		budget -= n
		saved = append(saved, target)
	}
	b.saved = append(b.saved, saved...)
	return nil
}

// extract writes one zip entry to target, reading no more than it declares
// and no more than budget.
func (b *batch) extract(zf *zip.File, target string, budget int64) (int64, error) {
	rc, err := zf.Open()
	if err != nil {
		return 0, errors.New("无法解压")
	}
	defer rc.Close()
	limit := min(int64(zf.UncompressedSize64), budget, b.lim.MaxFileBytes)
	n, err := b.save(target, rc, limit)
	switch {
	case err != nil:
		return 0, errors.New("解压出错")
	case n < 0:
		return 0, errors.New("实际内容比声明的大")
	}
	return n, nil
}

// entryName is a zip entry's name as UTF-8: zips made on Chinese Windows
// store names in GBK without saying so.
func entryName(zf *zip.File) string {
	if utf8.ValidString(zf.Name) {
		return zf.Name
	}
	if s, err := simplifiedchinese.GB18030.NewDecoder().String(zf.Name); err == nil {
		return s
	}
	return strings.ToValidUTF8(zf.Name, "?")
}

// safeEntryPath cleans a zip entry name into a relative slash-separated
// path inside the folder it is unpacked to. It refuses absolute paths,
// drive letters, ".." and control characters; "" means nothing to unpack
// (a directory).
func safeEntryPath(name string) (string, error) {
	if !utf8.ValidString(name) {
		return "", errors.New("名称不是有效的文字")
	}
	name = strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(name, "/") || len(name) >= 2 && name[1] == ':' {
		return "", errors.New("是绝对路径")
	}
	var parts []string
	for _, c := range strings.Split(name, "/") {
		switch c {
		case "", ".":
			continue
		case "..":
			return "", errors.New("含有“..”（指向压缩包以外）")
		}
		if strings.ContainsFunc(c, unicode.IsControl) || strings.ContainsRune(c, ':') {
			return "", errors.New("含有不允许的字符")
		}
		parts = append(parts, c)
	}
	p := strings.Join(parts, "/")
	if p != "" && !filepath.IsLocal(filepath.FromSlash(p)) {
		return "", errors.New("不是相对路径")
	}
	return p, nil
}

// rawFileName is the file name the browser sent, with its folders: a
// folder chosen or dropped on the import page sends each file's path
// inside it (Part.FileName keeps only the last name).
func rawFileName(part *multipart.Part) string {
	_, params, err := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
	if err != nil {
		return part.FileName()
	}
	return params["filename"]
}

// safeUploadPath checks the name of an uploaded file, which may carry the
// folders of an uploaded folder (a/b.txt): a relative path that stays
// inside the upload folder, or "" for an empty file input.
func safeUploadPath(name string) (string, error) {
	if name == "" {
		return "", nil
	}
	p, err := safeEntryPath(name)
	if err != nil {
		return "", fmt.Errorf("文件名%v", err)
	}
	if p == "" {
		return "", errors.New("文件名无效")
	}
	return p, nil
}

// hiddenPath reports whether a relative path has a hidden file or folder
// (a name starting with "."), or is macOS metadata.
func hiddenPath(p string) bool {
	if strings.HasPrefix(p, "__MACOSX/") {
		return true
	}
	for _, c := range strings.Split(p, "/") {
		if strings.HasPrefix(c, ".") {
			return true
		}
	}
	return false
}

// nameError says in a few words why a name could not be used.
func nameError(err error) string {
	if errors.Is(err, syscall.ENAMETOOLONG) {
		return "文件名或路径太长"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// printable shortens a name for a message.
func printable(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > 80 {
		s = string([]rune(s)[:80]) + "…"
	}
	return s
}

// newID returns 16 random hex digits.
func newID() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}
