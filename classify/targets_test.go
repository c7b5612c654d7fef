package classify

import (
	"testing"

	"plans/classify/outline"

	"github.com/google/go-cmp/cmp"
)

func TestFindTargets(t *testing.T) {
	type tg struct {
		Text, Metric string
		Value        float64
		Unit, Op     string
	}
	tests := []struct {
		name    string
		in      string
		summary bool
		want    []tg
	}{
		{"rate reached", "四月底前，全面完成公办学校校务公开评估，评估合格率达100%。", false,
			[]tg{{"评估合格率达100%", "合格率", 100, "%", "="}}},
		{"rate at least", "力促提案落实率达95%以上，加大民主评议干部力度。", false,
			[]tg{{"力促提案落实率达95%以上", "落实率", 95, "%", ">="}}},
		{"numbered goal", "3、送温暖工作群众满意率达到80%以上；", false,
			[]tg{{"送温暖工作群众满意率达到80%以上", "满意率", 80, "%", ">="}}},
		{"count not less than", "全年活动不少于12次。", false,
			[]tg{{"全年活动不少于12次", "活动", 12, "次", ">="}}},
		{"count with verb and object", "每学期至少开展两次教工文体活动。", false,
			[]tg{{"每学期至少开展两次教工文体活动", "文体活动", 2, "次", ">="}}},
		{"satisfaction symbol", "教职工满意度≥92%。", false,
			[]tg{{"教职工满意度≥92%", "满意度", 92, "%", ">="}}},
		{"bare count with a verb", "评选区级师德标兵10名。", false,
			[]tg{{"评选区级师德标兵10名", "区级师德标兵", 10, "名", "="}}},
		{"bare count at least", "全年征集合理化建议200条以上。", false,
			[]tg{{"全年征集合理化建议200条以上", "征集合理化建议", 200, "条", ">="}}},
		{"change", "投诉率下降30%。", false,
			[]tg{{"投诉率下降30%", "投诉率下降", 30, "%", "="}}},
		{"count of what there is", "我校现有教职工120人。", false, nil},
		{"share of whom", "确保100%的教职工参加健康体检。", false,
			[]tg{{"确保100%的教职工参加健康体检", "参加健康体检", 100, "%", "="}}},
		{"at least so many of what follows", "年内开展两次以上文体活动。", false,
			[]tg{{"年内开展两次以上文体活动", "文体活动", 2, "次", ">="}}},
		{"about so many", "培训职工300余人次。", false,
			[]tg{{"培训职工300余人次", "培训职工", 300, "人次", ">="}}},
		{"incidents", "安全事故控制在0起。", false,
			[]tg{{"安全事故控制在0起", "安全事故", 0, "起", "<="}}},
		{"a modifier stays no target", "设立3000元以上的困难补助基金。", false, nil},
		{"count in a period", "组织收费员岗位练兵，全年技能测试4次。", false,
			[]tg{{"全年技能测试4次", "技能测试", 4, "次", "="}}},
		{"how often, then a long what", "坚持校务公开，每季度公开一次职工关心的热点问题。", false,
			[]tg{{"每季度公开一次", "公开次数", 1, "次", "="}}},
		{"how often, then what", "每学期召开一次教代会，审议学校工作。", false,
			[]tg{{"每学期召开一次教代会", "教代会", 1, "次", "="}}},
		{"count in a summary", "评选区级师德标兵10名。", true, nil},
		{"article not count", "努力建设一支高素质的教职工队伍。", false, nil},
		{"numbering and indent are not part of the text", "　　1、会员入会率达到98%以上，教代会提案办理率100%。", false,
			[]tg{{"会员入会率达到98%以上", "入会率", 98, "%", ">="}, {"教代会提案办理率100%", "办理率", 100, "%", "="}}},
		{"a markdown bullet", "- 职代会每年召开不少于1次；", false,
			[]tg{{"职代会每年召开不少于1次", "职代会", 1, "次", ">="}}},
		{"people and time words are not the metric", "保育员、后勤人员业务培训每学期不少于2次。", false,
			[]tg{{"保育员、后勤人员业务培训每学期不少于2次", "业务培训", 2, "次", ">="}}},
		{"a bare verb counts times", "按规定在公开栏和学校网站公开，每学期公开不少于3次。", false,
			[]tg{{"每学期公开不少于3次", "公开次数", 3, "次", ">="}}},
		{"the subject in the clause before", "组织优秀职工疗休养，全年不少于30人次。", false,
			[]tg{{"组织优秀职工疗休养，全年不少于30人次", "疗休养", 30, "人次", ">="}}},
		{"the verb in the clause before", "考核结果在园务公开栏公示，每学期不少于3次。", false,
			[]tg{{"考核结果在园务公开栏公示，每学期不少于3次", "公示次数", 3, "次", ">="}}},
		{"a per-person count", "每位会员至少参加2项活动。", false,
			[]tg{{"每位会员至少参加2项活动", "活动", 2, "项", ">="}}},
		{"a quoted programme before the metric", "“金秋助学”资助困难教职工子女不少于30名。", false,
			[]tg{{"“金秋助学”资助困难教职工子女不少于30名", "资助困难教职工子女", 30, "名", ">="}}},
		{"a year is not part of the metric", "2024年新结对师徒不少于8对。", false,
			[]tg{{"2024年新结对师徒不少于8对", "新结对师徒", 8, "对", ">="}}},
		{"suggestions counted in 条", "全年征集合理化建议不少于100条。", false,
			[]tg{{"全年征集合理化建议不少于100条", "征集合理化建议", 100, "条", ">="}}},
		{"一个 is an article", "努力把我校工会工作提高到一个新的水平。", false, nil},
		{"an enumerator is not part of the text", "二是组织优秀教师疗休养，每年不少于200人次。", false,
			[]tg{{"组织优秀教师疗休养，每年不少于200人次", "疗休养", 200, "人次", ">="}}},
		{"not more than", "全体教职工年度考核优秀率不超过15%。", false,
			[]tg{{"全体教职工年度考核优秀率不超过15%", "优秀率", 15, "%", "<="}}},
		{"within", "安全事故控制在2次以内。", false,
			[]tg{{"安全事故控制在2次以内", "安全事故", 2, "次", "<="}}},
		{"bare rate", "教职工入会率100%，", false,
			[]tg{{"教职工入会率100%", "入会率", 100, "%", "="}}},
		{"full-width percent", "参与面达到９０％以上", false,
			[]tg{{"参与面达到９０％以上", "参与面", 90, "%", ">="}}},
		{"achieved with 了", "提案落实率达到了100%。", false, nil},
		{"achieved with 已", "入会率已达98%。", false, nil},
		{"last year", "去年我校教代会提案落实率达到了90%。", false, nil},
		{"modifier 的", "3000元以上的经费使用由校务会议讨论决定。", false, nil},
		{"a plain count", "现有会员230名，九个工会小组。", false, nil},
		{"a year is not a count", "2012年是学校发展的关键一年。", false, nil},
		{"summary: achieved figure", "全年共开展文体活动15次，教职工参与率达到95%以上。", true, nil},
		{"summary: a commitment", "明年力争教职工入会率达到100%。", true,
			[]tg{{"明年力争教职工入会率达到100%", "入会率", 100, "%", "="}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dt := outline.NewText(tt.in, tt.in)
			var got []tg
			for _, c := range findTargets(dt, 0, len(dt.Runes), tt.summary) {
				got = append(got, tg{c.target.Text, c.target.Metric, c.target.Value, c.target.Unit, c.target.Op})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findTargets(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
