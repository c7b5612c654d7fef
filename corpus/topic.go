package corpus

// Topic is a work area of union work. IDs are stable (tools outside the
// project read them); names are the Chinese display names.
type Topic struct {
	ID   string
	Name string
}

// Topics lists the work areas in their customary order.
var Topics = []Topic{
	{"democratic-management", "民主管理"},
	{"disclosure", "校务公开"},
	{"ethics", "师德建设"},
	{"staff-home", "教工之家"},
	{"culture-sports", "文体活动"},
	{"women", "女工工作"},
	{"welfare", "福利保障"},
	{"hardship-aid", "困难帮扶"},
	{"skills", "业务与竞赛"},
	{"self-building", "工会自身建设"},
	{"retirees", "退休教职工"},
	{"rights-law", "维权与法律"},
	{"safety", "安全"},
	{"family-planning", "计划生育"},
	{"political-study", "政治学习"},
	{"other", "其他"},
}

// TopicName returns the Chinese name of a topic id, or the id itself if
// it is not known.
func TopicName(id string) string {
	for _, t := range Topics {
		if t.ID == id {
			return t.Name
		}
	}
	return id
}

// TopicOrder returns the position of a topic id in Topics (unknown ids sort
// last).
func TopicOrder(id string) int {
	for i, t := range Topics {
		if t.ID == id {
			return i
		}
	}
	return len(Topics)
}
