package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewFromExamples runs plans review on the bundled 城南实验小学 2023
// plan and summary: the JSON contract, the atomic -o file, and the
// messages when a plan or a summary is missing.
type docRef struct {
	DocID string `json:"doc_id"`
	Title string `json:"title"`
}

func TestReviewFromExamples(t *testing.T) {
	ws := importedExamples(t)
	out := filepath.Join(t.TempDir(), "对照.json")
	code, _, errOut := run(t, ws, "review", "--org", "城南实验小学", "--year", "2023", "--format", "json", "-o", out)
	if code != ExitOK {
		t.Fatalf("review: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "已写入 "+out) || !strings.Contains(errOut, "同年的总结") {
		t.Errorf("status line %q: want the file and the pair used", errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Org     string `json:"org"`
		Year    int    `json:"year"`
		Plan    docRef `json:"plan"`
		Summary docRef `json:"summary"`
		Items   []struct {
			SectionID string   `json:"section_id"`
			Heading   string   `json:"heading"`
			Text      string   `json:"text"`
			Topics    []string `json:"topics"`
			Status    string   `json:"status"`
			Score     *float64 `json:"score"`
			Evidence  []struct {
				DocID     string   `json:"doc_id"`
				SectionID string   `json:"section_id"`
				Text      string   `json:"text"`
				Score     *float64 `json:"score"`
			} `json:"evidence"`
		} `json:"items"`
		Targets []struct {
			Text    string `json:"text"`
			Metric  string `json:"metric"`
			Planned *struct {
				Value float64 `json:"value"`
				Unit  string  `json:"unit"`
				Op    string  `json:"op"`
			} `json:"planned"`
			Reported json.RawMessage `json:"reported"`
			Met      json.RawMessage `json:"met"`
		} `json:"targets"`
		Unplanned []struct {
			SectionID string   `json:"section_id"`
			Text      string   `json:"text"`
			Topics    []string `json:"topics"`
		} `json:"unplanned"`
		Problems  []string `json:"problems"`
		NextSteps []string `json:"next_steps"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("review json: %v\n%s", err, b)
	}
	if r.Org != "城南实验小学" || r.Year != 2023 || r.Plan.DocID == "" || r.Summary.DocID == "" || r.Plan.DocID == r.Summary.DocID {
		t.Errorf("header %q %d plan %+v summary %+v", r.Org, r.Year, r.Plan, r.Summary)
	}
	statuses := map[string]int{}
	for _, it := range r.Items {
		statuses[it.Status]++
		if it.Score == nil || it.SectionID == "" {
			t.Errorf("item %q lacks its score or section", it.Heading)
		}
		for _, e := range it.Evidence {
			if e.DocID != r.Summary.DocID || e.Score == nil {
				t.Errorf("item %q: evidence %+v is not a scored passage of the summary", it.Heading, e)
			}
		}
	}
	if statuses["done"] == 0 || statuses["not-found"] == 0 || len(statuses) > 3 {
		t.Errorf("statuses %v", statuses)
	}
	var nullMet, boolMet int
	for _, tg := range r.Targets {
		switch string(tg.Met) {
		case "null":
			nullMet++
			if string(tg.Reported) != "null" {
				t.Errorf("target %q: met null with a reported figure %s", tg.Text, tg.Reported)
			}
		case "true", "false":
			boolMet++
		default:
			t.Errorf("target %q: met %s", tg.Text, tg.Met)
		}
	}
	if nullMet == 0 || boolMet == 0 {
		t.Errorf("targets: %d without a figure, %d with one", nullMet, boolMet)
	}
	if len(r.Problems) != 4 || len(r.NextSteps) != 5 || r.Unplanned == nil {
		t.Errorf("problems %q, next steps %q, unplanned %v", r.Problems, r.NextSteps, r.Unplanned)
	}

	code, md, _ := run(t, ws, "review", "--org", "桐溪市溪北区城南实验小学", "--year", "2023")
	if code != ExitOK || !strings.Contains(md, "# 对照检查") || !strings.Contains(md, "总结中未提及") {
		t.Errorf("review md (exit %d):\n%.500s", code, md)
	}
	code, _, errOut = run(t, ws, "review", "--org", "城南实验小学", "--year", "2024")
	if code != ExitError || !strings.Contains(errOut, "找不到工作总结") || !strings.Contains(errOut, "2024") {
		t.Errorf("a plan without its summary: exit %d %q", code, errOut)
	}
	code, _, errOut = run(t, ws, "review", "--org", "城南实验小学", "--year", "2019")
	if code != ExitError || !strings.Contains(errOut, "找不到工作计划") {
		t.Errorf("no plan: exit %d %q", code, errOut)
	}
	if code, _, errOut := run(t, ws, "review", "--org", "城南实验小学"); code != ExitUsage || !strings.Contains(errOut, "--year") {
		t.Errorf("no year: exit %d %q", code, errOut)
	}
	if code, _, _ := run(t, ws, "review", "--org", "城南实验小学", "--year", "2023", "--format", "docx"); code != ExitUsage {
		t.Errorf("docx: exit %d, want %d", code, ExitUsage)
	}
}
