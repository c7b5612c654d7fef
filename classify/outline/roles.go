package outline

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"plans/corpus"
	"plans/internal/lazyre"
)

// roleWord is a heading keyword naming a part of a plan or summary.
type roleWord struct {
	word string
	tag  corpus.Tag
}

// roleWords are checked in order: the first match wins, so the more specific
// parts (problems, next steps, achievements, calendar) come before the
// generic ones.
var roleWords = []roleWord{
	{"存在的问题", corpus.TagProblems}, {"存在问题", corpus.TagProblems}, {"存在的不足", corpus.TagProblems},
	{"存在不足", corpus.TagProblems}, {"不足之处", corpus.TagProblems}, {"问题与不足", corpus.TagProblems},
	{"问题和不足", corpus.TagProblems}, {"困难和问题", corpus.TagProblems}, {"困难与问题", corpus.TagProblems},
	{"薄弱环节", corpus.TagProblems}, {"不足与差距", corpus.TagProblems}, {"不足", corpus.TagProblems}, {"差距", corpus.TagProblems},

	{"今后的打算", corpus.TagNextSteps}, {"今后打算", corpus.TagNextSteps}, {"下一步", corpus.TagNextSteps},
	{"明年工作思路", corpus.TagNextSteps}, {"明年的工作", corpus.TagNextSteps}, {"明年工作", corpus.TagNextSteps},
	{"来年工作", corpus.TagNextSteps}, {"今后工作", corpus.TagNextSteps}, {"今后的工作", corpus.TagNextSteps},
	{"努力方向", corpus.TagNextSteps}, {"努力的方向", corpus.TagNextSteps}, {"今后努力", corpus.TagNextSteps},
	{"今后的努力", corpus.TagNextSteps}, {"今后方向", corpus.TagNextSteps}, {"工作思路和打算", corpus.TagNextSteps}, {"工作设想", corpus.TagNextSteps}, {"工作打算", corpus.TagNextSteps},
	{"明年打算", corpus.TagNextSteps}, {"今后设想", corpus.TagNextSteps}, {"改进措施", corpus.TagNextSteps},
	{"整改措施", corpus.TagNextSteps}, {"新学期工作", corpus.TagNextSteps}, {"展望", corpus.TagNextSteps},

	{"主要成绩", corpus.TagAchievements}, {"取得的成绩", corpus.TagAchievements}, {"工作成绩", corpus.TagAchievements},
	{"主要成效", corpus.TagAchievements}, {"工作成效", corpus.TagAchievements}, {"取得成效", corpus.TagAchievements},
	{"工作回顾", corpus.TagAchievements}, {"主要做法", corpus.TagAchievements}, {"成绩与经验", corpus.TagAchievements},
	{"完成情况", corpus.TagAchievements}, {"主要收获", corpus.TagAchievements}, {"工作亮点", corpus.TagAchievements},
	{"回顾", corpus.TagAchievements}, {"成绩", corpus.TagAchievements}, {"成效", corpus.TagAchievements},

	{"行事历", corpus.TagCalendar}, {"每月工作安排", corpus.TagCalendar}, {"月工作安排", corpus.TagCalendar},
	{"月份工作安排", corpus.TagCalendar}, {"逐月安排", corpus.TagCalendar}, {"每月安排", corpus.TagCalendar},
	{"月安排", corpus.TagCalendar}, {"工作日程", corpus.TagCalendar}, {"日程安排", corpus.TagCalendar},
	{"工作进程", corpus.TagCalendar}, {"工作进度", corpus.TagCalendar}, {"月历", corpus.TagCalendar},
	{"活动安排表", corpus.TagCalendar}, {"工作安排表", corpus.TagCalendar}, {"时间安排", corpus.TagCalendar},
	{"进度安排", corpus.TagCalendar}, {"时间进度", corpus.TagCalendar},

	{"工作目标", corpus.TagGoals}, {"主要目标", corpus.TagGoals}, {"目标任务", corpus.TagGoals},
	{"总体目标", corpus.TagGoals}, {"奋斗目标", corpus.TagGoals}, {"任务目标", corpus.TagGoals},
	{"目标要求", corpus.TagGoals}, {"目标", corpus.TagGoals},

	{"指导思想", corpus.TagIdeology}, {"指导方针", corpus.TagIdeology}, {"工作思路", corpus.TagIdeology},
	{"总体思路", corpus.TagIdeology}, {"基本思路", corpus.TagIdeology}, {"总体要求", corpus.TagIdeology},
	{"总的要求", corpus.TagIdeology}, {"指导原则", corpus.TagIdeology}, {"工作方针", corpus.TagIdeology},
	{"基本原则", corpus.TagIdeology}, {"思路", corpus.TagIdeology},

	// Conditions and closing parts of a plan, not work areas.
	{"保障措施", corpus.TagOther}, {"组织保障", corpus.TagOther}, {"工作保障", corpus.TagOther},
	{"保障机制", corpus.TagOther}, {"工作要求", corpus.TagOther}, {"几点要求", corpus.TagOther},
	{"宣传口号", corpus.TagOther}, {"口号", corpus.TagOther},

	{"主要工作", corpus.TagWork}, {"具体工作", corpus.TagWork}, {"重点工作", corpus.TagWork},
	{"工作重点", corpus.TagWork}, {"工作措施", corpus.TagWork}, {"主要措施", corpus.TagWork},
	{"具体措施", corpus.TagWork}, {"工作要点", corpus.TagWork}, {"工作内容", corpus.TagWork},
	{"主要任务", corpus.TagWork}, {"重点任务", corpus.TagWork}, {"工作任务", corpus.TagWork},
	{"具体任务", corpus.TagWork}, {"实施措施", corpus.TagWork}, {"工作举措", corpus.TagWork},
	{"主要内容", corpus.TagWork}, {"具体内容", corpus.TagWork}, {"具体安排", corpus.TagWork},
	{"工作安排", corpus.TagWork}, {"活动安排", corpus.TagWork},

	{"结束语", corpus.TagOther}, {"结语", corpus.TagOther}, {"前言", corpus.TagOther}, {"引言", corpus.TagOther},
}

// Counted parts of a 要点: 树立一个理念, 实现两个目标, 抓好三项工作 name the
// part they head, not a work area.
var countedRoles = []struct {
	re  *regexp.Regexp
	tag corpus.Tag
}{
	{regexp.MustCompile(`^(树立|确立|明确|坚持|突出)?[一二三四五六七八九十两几多]+(个|项|大|条)?(理念|思路|主题|宗旨|原则)`), corpus.TagIdeology},
	{regexp.MustCompile(`^(实现|确立|明确|围绕|达到|完成)?[一二三四五六七八九十两几多]+(个|项|大|条)?(目标|任务目标)`), corpus.TagGoals},
	{regexp.MustCompile(`^(抓好|做好|抓实|落实|突出|推进|实施|开展|完成|加强|强化|推进)?[一二三四五六七八九十两几多]+(个|项|大|条)?(重点)?(工作|任务|举措|措施|建设|工程|方面)$`), corpus.TagWork},
}

// Role is the part of the plan a heading names.
type Role struct {
	Tag   corpus.Tag
	word  string
	Tight bool // the heading is little more than the keyword
	Loose bool // the heading contains the keyword and is short enough for a top-level section
}

// headingCore is the heading without its number and punctuation.
func headingCore(s string) string {
	return Key(s)
}

// roleOf finds the role a heading names (simplified text, number removed).
func roleOf(core string) Role {
	n := utf8.RuneCountInString(core)
	if n > maxRoleRunes+12 {
		return Role{} // longer than any role heading may be
	}
	if n <= 14 {
		for _, c := range countedRoles {
			if m := c.re.FindString(core); m != "" {
				return Role{Tag: c.tag, word: core, Tight: true, Loose: true}
			}
		}
	}
	for _, w := range roleWords {
		if !strings.Contains(core, w.word) {
			continue
		}
		k := utf8.RuneCountInString(w.word)
		r := Role{Tag: w.tag, word: w.word}
		if k <= 2 {
			r.Tight = n <= k+3
			r.Loose = r.Tight
		} else {
			r.Tight = n <= k+8
			r.Loose = n <= k+12
		}
		if r.Tight || r.Loose {
			return r
		}
	}
	return Role{}
}

// maxRoleRunes is the length of the longest role word.
var maxRoleRunes = func() int {
	m := 0
	for _, w := range roleWords {
		m = max(m, utf8.RuneCountInString(w.word))
	}
	return m
}()

// reDocPart is a part of a combined document named by its period and kind.
var reDocPart = lazyre.New(`^((19|20)\d\d|[一二三四五六七八九〇○零]{4}|明|来|下一?|新一?|本|今)(年度?|学年|学期|阶段|季度)?的?(工会)?工作(计划|安排|思路|设想|要点|总结|小结|回顾)$`)

// Structural reports a heading that only names a part of the plan
// (主要工作, 下半年重点工作, 工作措施) rather than a work area.
func Structural(core string, r Role) bool {
	if reDocPart.MatchString(core) {
		return true // 2016年工作总结 / 2017年工作计划 in a combined document
	}
	if r.Tag == "" {
		return false
	}
	rest := strings.Replace(core, r.word, "", 1)
	for _, p := range []string{"下半年", "上半年", "本学期", "新学期", "下学期", "本年度", "全年", "年度", "今年", "明年", "学年", "具体", "如下", "的", "和", "与", "及", "附", "主要", "重点", "工作", "措施", "举措", "内容", "任务", "要点", "安排", "方法", "途径", "成绩", "成效", "做法", "经验", "体会", "情况", "年", "学期"} {
		rest = strings.ReplaceAll(rest, p, "")
	}
	// digits of a year (2012年) may remain
	rest = strings.Trim(rest, "0123456789〇○零一二三四五六七八九十")
	return utf8.RuneCountInString(rest) <= 1
}
