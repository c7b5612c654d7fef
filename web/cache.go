package web

import (
	"slices"
	"sync"

	"plans/corpus"
)

// corpus returns every document of the workspace. The list is read once
// and kept until the store changes (an import or a removal bumps s.gen);
// callers must not modify it.
func (s *Server) corpus() ([]corpus.Document, uint64, error) {
	g := s.gen.Load()
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	if s.snap != nil && s.snapGen == g {
		return s.snap, g, nil
	}
	docs, err := s.ws.AllDocuments()
	if err != nil {
		return nil, 0, err
	}
	if docs == nil {
		docs = []corpus.Document{}
	}
	s.snap, s.snapGen = docs, g
	return docs, g, nil
}

// changed marks the store as changed: cached documents, reports and drafts
// are rebuilt on next use.
func (s *Server) changed() { s.gen.Add(1) }

// cache keeps the last few values by key (reports and drafts, so that a
// page and the frame that shows it build them once).
type cache[V any] struct {
	mu   sync.Mutex
	max  int
	keys []string // most recent last
	vals map[string]V
}

func newCache[V any](max int) *cache[V] {
	return &cache[V]{max: max, vals: make(map[string]V)}
}

func (c *cache[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.vals[key]
	if ok {
		c.touch(key)
	}
	return v, ok
}

func (c *cache[V]) put(key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.vals[key]; !ok && len(c.keys) >= c.max {
		delete(c.vals, c.keys[0])
		c.keys = c.keys[1:]
	}
	c.vals[key] = v
	c.touch(key)
}

// touch moves key to the most recent end (c.mu held).
func (c *cache[V]) touch(key string) {
	if i := slices.Index(c.keys, key); i >= 0 {
		c.keys = slices.Delete(c.keys, i, i+1)
	}
	c.keys = append(c.keys, key)
}
