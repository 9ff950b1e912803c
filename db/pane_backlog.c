/* pane_backlog: the Backlog pane in specs: its lists (columns, query, what Enter opens, what it watches and
 * edits) — inspections and their findings, the backlog whole, of one group and grouped, and the summary
 * report — the records they edit (inspection, finding) and the inspection's detail. */
#include "db/private.h"

static const struct db_column inspection_columns[] = {
	{ "school", N_("School"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "kind", N_("Kind"), 11, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "planned", N_("Planned"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "visited", N_("Visited"), 10, 5, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "inspector", N_("Inspector"), 9, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "status", N_("Status"), 7, 4, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "overdue", N_("Overdue"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_WORD },
};

/* Overdue: an unresolved finding's days past due, or "today" on its due date. */
static const struct db_column finding_columns[] = {
	{ "severity", N_("Severity"), 8, 4, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "finding", N_("Finding"), 0, 14, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "due", N_("Due"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "resolved", N_("Resolved"), 10, 5, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "overdue", N_("Overdue"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_WORD },
};

/* The backlog: the days overdue come first, as a manager reads it. */
static const struct db_column backlog_columns[] = {
	{ "overdue", N_("Overdue"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_WORD },
	{ "due", N_("Due"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "school", N_("School"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "dist", N_("Dist."), 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "kind", N_("Kind"), 11, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "status", N_("Status"), 8, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "findings", N_("Findings"), 8, 4, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "inspector", N_("Inspector"), 9, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

/* An inspection's kind in a narrow column. */
#define SHORT_KIND(e) "CASE " e " WHEN 'itinerant-guidance' THEN 'itinerant' ELSE " e " END"

/* An inspection's row, in the backlog or under the action item it checks: the days overdue are 0002's
 * (a planned one past its date, a done one with an unresolved finding past due); closed ones are dim. */
#define INSPECTION_ROW \
		.columns = "i.id, i.kind, i.planned_on, i.visited_on, i.status, s.name AS school_name," \
			" p.name AS inspector_name", \
		.from = "iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id" \
			" LEFT JOIN iedesk.person p ON p.id = i.inspector_person_id", \
		.filter = NAME_MATCHES("s") " OR " NAME_MATCHES("p"), \
		.select = "w.school_name," \
			" " SHORT_KIND("w.kind") "," \
			" to_char(w.planned_on, 'YYYY-MM-DD'), coalesce(to_char(w.visited_on, 'YYYY-MM-DD'), '')," \
			" coalesce(w.inspector_name, ''), w.status, coalesce(o.days::text, '')," \
			" CASE WHEN w.status = 'closed' THEN 2 WHEN o.days IS NOT NULL THEN 1 ELSE 0 END", \
		.joins = " CROSS JOIN LATERAL (SELECT iedesk.inspection_overdue_days(w.id, w.status, w.planned_on)" \
			" AS days OFFSET 0) o"

/* A backlog row: the key is the due date (0011), so the days overdue are today's distance past it; 9999-12-31
 * stands for "no date" and shows as nothing, and one due today says so (blank would read as not due yet).
 * Its status is the inspection's own word (done), or "to close" when done with nothing left open. The
 * school's district is the backlog row's own (kept by 0011 when a school moves). */
#define BACKLOG_OVERDUE "CASE WHEN w.k0 < iedesk.today() THEN iedesk.today() - w.k0 END"

/* The backlog's summary line, over its rows or over 0017's tally: open, overdue (and the oldest), to visit,
 * with findings open, to close, high. */
#define BACKLOG_SUMMARY(open, overdue, due, planned, findings, to_close, high) \
		"CASE WHEN min(" due ") < iedesk.today() THEN " MESSAGE("summary-backlog-oldest", open, overdue, \
		"iedesk.today() - min(" due ")", planned, findings, to_close, high) \
		" ELSE " MESSAGE("summary-backlog", open, overdue, planned, findings, to_close, high) " END"

/* The backlog rows of schools or inspectors whose name the filter matches, found through their indexes. */
#define BACKLOG_MATCHES(b) \
		b ".school_id = ANY (ARRAY(SELECT x.id FROM iedesk.school x WHERE " NAME_MATCHES("x") "))" \
		" OR " b ".inspector_person_id = ANY (ARRAY(SELECT x.id FROM iedesk.person x WHERE " NAME_MATCHES("x") "))"

/* A filtered backlog walks its due-date index and keeps the rows of matching schools and inspectors, which
 * is quick while they are many; when the filter matches a few schools and inspectors (a name typed whole)
 * it reads their rows from their own indexes and sorts those instead, rather than walk every open item
 * for a few dozen. */
#define BACKLOG_QUERY(parent, parent_where, tally_group) \
		.has_parent = parent, \
		.columns = "b.inspection_id, b.kind, b.status, b.severity, b.open_findings, b.district_id," \
			" s.name AS school_name, p.name AS inspector_name", \
		.from = "iedesk.backlog b JOIN iedesk.school s ON s.id = b.school_id" \
			" LEFT JOIN iedesk.person p ON p.id = b.inspector_person_id", \
		.where = parent_where, \
		.filter = NAME_MATCHES("s") " OR " NAME_MATCHES("p"), \
		.narrow_from = "(SELECT x.* FROM iedesk.backlog x WHERE " BACKLOG_MATCHES("x") " OFFSET 0) b" \
			" JOIN iedesk.school s ON s.id = b.school_id LEFT JOIN iedesk.person p ON p.id = b.inspector_person_id", \
		.narrow = "(SELECT count(*) FROM (SELECT FROM iedesk.school x WHERE " NAME_MATCHES("x") " LIMIT 41) x)" \
			" <= 40 AND (SELECT count(*) FROM (SELECT FROM iedesk.person x WHERE " NAME_MATCHES("x") \
			" LIMIT 3) x) <= 2", \
		.count_from = "iedesk.backlog b", \
		.count_filter = BACKLOG_MATCHES("b"), \
		.key_expr = { "b.due_on", "b.inspection_id" }, \
		.key_type = { "date", "bigint" }, \
		.select = "coalesce((" BACKLOG_OVERDUE ")::text, CASE WHEN w.k0 = iedesk.today() THEN 'today' ELSE '' END)," \
			" CASE WHEN w.k0 < '9999-12-31' THEN to_char(w.k0, 'YYYY-MM-DD') ELSE '' END," \
			" w.school_name, coalesce(d.code, ''), " SHORT_KIND("w.kind") "," \
			" CASE WHEN w.status = 'planned' THEN 'planned' WHEN w.open_findings = 0 THEN 'to close'" \
			" ELSE 'done' END," \
			" CASE WHEN w.open_findings > 0 THEN " MESSAGE("count-severity", "w.open_findings", WORD("w.severity")) " ELSE '' END," \
			" coalesce(w.inspector_name, ''), CASE WHEN (" BACKLOG_OVERDUE ") IS NOT NULL THEN 1 ELSE 0 END", \
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id" \
			" LIMIT 1) d ON true", \
		.summary = BACKLOG_SUMMARY("count(*)", "count(*) FILTER (WHERE b.due_on < iedesk.today())", "b.due_on", \
			"count(*) FILTER (WHERE b.status = 'planned')", \
			"count(*) FILTER (WHERE b.status = 'done' AND b.open_findings > 0)", \
			"count(*) FILTER (WHERE b.status = 'done' AND b.open_findings = 0)", \
			"count(*) FILTER (WHERE b.severity = 'high')"), \
		.tally = BACKLOG_SUMMARY("coalesce(sum(t.n), 0)", \
			"coalesce(sum(t.n) FILTER (WHERE t.due_on < iedesk.today()), 0)", "t.due_on", \
			"coalesce(sum(t.planned), 0)", "coalesce(sum(t.findings), 0)", "coalesce(sum(t.to_close), 0)", \
			"coalesce(sum(t.high), 0)"), \
		.tally_where = tally_group

/* One group of the backlog: its open items, how many are overdue, the most overdue one's days, how many
 * have a high-severity finding open. */
#define GROUP_COLUMNS(name, what, code) \
	static const struct db_column name[] = { \
		{ "name", what, 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT }, \
		{ code, N_("Dist."), 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT }, \
		{ "open", N_("Open"), 5, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT }, \
		{ "overdue", N_("Overdue"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT }, \
		{ "most_days", N_("Most days"), 9, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT }, \
		{ "high", N_("High"), 4, 2, DB_ALIGN_RIGHT, DB_CELL_TEXT }, \
	}

/* A district's row shows its own code; the others their district's. */
GROUP_COLUMNS(by_district_columns, N_("District"), "code");
/* A school's row adds its reviews overdue (0029's case_school_counts, under 3 shown "<3"): the students'
 * IEP reviews, annual reviews and re-assessments past their date, which a manager sees as a count only. */
static const struct db_column by_school_columns[] = {
	{ "name", N_("School"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "district", N_("Dist."), 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "open", N_("Open"), 5, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "overdue", N_("Overdue"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "most_days", N_("Most days"), 9, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "high", N_("High"), 4, 2, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "reviews_overdue", N_("Reviews overdue"), 15, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};
GROUP_COLUMNS(by_inspector_columns, N_("Inspector"), "district");
GROUP_COLUMNS(by_kind_columns, N_("Kind"), "district");
GROUP_COLUMNS(by_severity_columns, N_("Worst open finding"), "district");

/* One group's counts, over the backlog index of its dimension (0011): a school's, a few dozen rows. */
#define GROUP_COUNTS(cond) \
		" CROSS JOIN LATERAL (SELECT count(*) AS open, count(*) FILTER (WHERE b.due_on < iedesk.today())" \
		" AS overdue, iedesk.today() - min(b.due_on) AS most, count(*) FILTER (WHERE b.severity = 'high')" \
		" AS high FROM iedesk.backlog b WHERE " cond ") c"

#define GROUP_SELECT(name, code) GROUP_SELECT_WITH(name, code, "")
/* ... with more cells after the counts (extra starts with its comma). */
#define GROUP_SELECT_WITH(name, code, extra) \
		name ", " code ", c.open::text, c.overdue::text, CASE WHEN c.most > 0 THEN c.most::text ELSE '' END," \
		" c.high::text" extra ", CASE WHEN c.overdue > 0 THEN 1 ELSE 0 END"

/* The same from 0017's tally rows of one group: a few hundred rows at most, however many items are open. */
#define TALLY_COUNTS(cond) \
		" CROSS JOIN LATERAL (SELECT coalesce(sum(t.n), 0) AS open, coalesce(sum(t.n) FILTER (WHERE t.due_on <" \
		" iedesk.today()), 0) AS overdue, iedesk.today() - min(t.due_on) AS most, coalesce(sum(t.high), 0) AS high" \
		" FROM iedesk.backlog_tally t WHERE " cond ") c"

/* The groups' line: how many there are, and the backlog's totals (from the tally). */
#define GROUP_SUMMARY(what) MESSAGE(what, "count(*)", \
		"(SELECT coalesce(sum(t.n), 0) FROM iedesk.backlog_tally t WHERE t.dimension = 'all')", \
		"(SELECT coalesce(sum(t.n), 0) FROM iedesk.backlog_tally t WHERE t.dimension = 'all'" \
		" AND t.due_on < iedesk.today())")

/* A group of fixed values (kinds, severities): a handful of rows; its keys are its order. */
#define VALUE_GROUP(values, column, label) \
		.columns = "g.value", \
		.from = "(VALUES " values ") g(rank, value)", \
		.where = "EXISTS (SELECT 1 FROM iedesk.backlog x WHERE x." column " = g.value)", \
		.filter = "g.value ILIKE " PATTERN, \
		.select = GROUP_SELECT(label, "''"), \
		.joins = TALLY_COUNTS("t.dimension = '" column "' AND t.grp = w.value")

/* The summary report: closed this term, and the median days from the visit to closing of those. */
#define REPORT_COLUMNS(name, what, code_title, code) \
	static const struct db_column name[] = { \
		{ "name", what, 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT }, \
		{ code, code_title, 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT }, \
		{ "open", N_("Open"), 5, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT }, \
		{ "overdue", N_("Overdue"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT }, \
		{ "closed", N_("Closed"), 6, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT }, \
		{ "median_days", N_("Median days"), 11, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT }, \
		{ "oldest_open", N_("Oldest open"), 11, 10, DB_ALIGN_LEFT, DB_CELL_TEXT }, \
	}
REPORT_COLUMNS(report_district_columns, N_("District"), N_("Code"), "code");
REPORT_COLUMNS(report_school_columns, N_("School"), N_("Dist."), "district");

/* The summary report's figures of the rows' closings this term (from iedesk.term_start) and of their open
 * items: how many, the median days from visit to closing (an actual one: percentile_disc), the plan date
 * of the oldest open item. cond ties the inspections and the backlog rows to the report's row. */
#define REPORT_FIGURES(closed_from, closed_cond, open_cond) \
		" CROSS JOIN LATERAL (SELECT count(*) AS closed," \
		" percentile_disc(0.5) WITHIN GROUP (ORDER BY i.closed_on - i.visited_on) AS median" \
		" FROM " closed_from " WHERE " closed_cond " AND i.status = 'closed'" \
		" AND i.closed_on >= iedesk.term_start(iedesk.today())) k" \
		" CROSS JOIN LATERAL (SELECT count(*) AS open, count(*) FILTER (WHERE b.due_on < iedesk.today()) AS overdue," \
		" min(b.planned_on) AS oldest FROM iedesk.backlog b WHERE " open_cond ") o"

#define REPORT_SELECT(name, code) \
		name ", " code ", o.open::text, o.overdue::text, k.closed::text, coalesce(k.median::text, '')," \
		" coalesce(to_char(o.oldest, 'YYYY-MM-DD'), ''), CASE WHEN o.overdue > 0 THEN 1 ELSE 0 END"

#define REPORT_SUMMARY MESSAGE("summary-report", DATE("iedesk.term_start(iedesk.today())"), DATE("iedesk.today()"), \
		"count(*)")

#define FINDING_OVERDUE "CASE WHEN w.resolved_on IS NULL AND w.due_on < iedesk.today()" \
	" THEN iedesk.today() - w.due_on END"

const struct db_list_spec db_list_inspections = {
	.name = "inspections", .title = N_("Inspections"), .filter_hint = N_("school or inspector name"),
	COLUMNS(inspection_columns), .nkeys = 3,
	.open = OPEN(.detail = DB_DETAIL_INSPECTION, .id_key = 2),
	.rows_of = "inspection", .shows = "school person finding",
	.editing = EDITING(.new_kind = DB_RECORD_INSPECTION, .today_column = "planned_on",
		.edit_kind = DB_RECORD_INSPECTION, .removal_none = N_("inspections stay on record: close them instead")),
	.export = "inspections",
	.query = &(const struct db_list_query){
		INSPECTION_ROW,
		.key_expr = { "iedesk.inspection_rank(i.status)", "i.planned_on", "i.id" },
		.key_type = { "integer", "date", "bigint" },
	},
};

/* One action item's, by plan: walks (action_item_id, planned_on, id) of 0010. */
const struct db_list_spec db_list_action_item_inspections = {
	.name = "action-item-inspections", .title = N_("Inspections"), .filter_hint = N_("school or inspector name"),
	COLUMNS(inspection_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_INSPECTION, .id_key = 1),
	.rows_of = "inspection", .shows = "school person",
	.editing = EDITING(.new_kind = DB_RECORD_INSPECTION, .parent_column = "action_item_id",
		.edit_kind = DB_RECORD_INSPECTION, .removal_none = N_("inspections stay on record: close them instead")),
	.query = &(const struct db_list_query){
		.has_parent = true,
		INSPECTION_ROW,
		.where = "i.action_item_id = $2::bigint",
		.key_expr = { "i.planned_on", "i.id" },
		.key_type = { "date", "bigint" },
	},
};

/* One inspection's: unresolved first, then by due date, those without one last (a far date stands in
 * for theirs, so the key is never NULL and the row comparison never unknown). Walks the expression
 * index of 0010 built on the same keys. Overdue counts from iedesk.today() for an unresolved one;
 * resolved ones are dim. */
const struct db_list_spec db_list_findings = {
	.name = "findings", .title = N_("Findings"), .filter_hint = N_("text"),
	COLUMNS(finding_columns), .nkeys = 3,
	.rows_of = "finding", .shows = "",
	.editing = EDITING(.new_kind = DB_RECORD_FINDING, .parent_column = "inspection_id",
		.edit_kind = DB_RECORD_FINDING, .removal_none = N_("findings stay on record: resolve them instead (C)")),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "f.id, f.severity, f.text, f.due_on, f.resolved_on",
		.from = "iedesk.finding f",
		.where = "f.inspection_id = $2::bigint",
		.filter = "f.text ILIKE " PATTERN,
		.key_expr = { "(f.resolved_on IS NOT NULL)", "coalesce(f.due_on, '9999-12-31'::date)", "f.id" },
		.key_type = { "boolean", "date", "bigint" },
		.select = "w.severity, " ONE_LINE("w.text") ", coalesce(to_char(w.due_on, 'YYYY-MM-DD'), ''),"
			" coalesce(to_char(w.resolved_on, 'YYYY-MM-DD'), ''), coalesce((" FINDING_OVERDUE ")::text,"
			" CASE WHEN w.resolved_on IS NULL AND w.due_on = iedesk.today() THEN 'today' ELSE '' END),"
			" CASE WHEN w.resolved_on IS NOT NULL THEN 2 WHEN (" FINDING_OVERDUE ") IS NOT NULL THEN 1 ELSE 0 END",
		.joins = "",
	},
};

/* The backlog, whole and of one group: the same rows, columns and keys; each walks its (group, due_on,
 * inspection_id) index of 0011. */
static const struct db_list_editing backlog_editing = {
	.new_kind = DB_RECORD_INSPECTION, .today_column = "planned_on", .edit_kind = DB_RECORD_INSPECTION,
	.removal_none = N_("inspections stay on record: close them instead (C)"),
};

#define BACKLOG_SPEC(list_name, export_kind, parent, parent_where, tally_group) { \
	.name = list_name, .title = N_("Backlog"), .filter_hint = N_("school or inspector name"), \
	COLUMNS(backlog_columns), .nkeys = 2, \
	.open = OPEN(.detail = DB_DETAIL_INSPECTION, .id_key = 1), \
	.rows_of = "backlog inspection", .shows = "school person district finding", \
	.editing = &backlog_editing, \
	.export = export_kind, \
	.query = &(const struct db_list_query){ BACKLOG_QUERY(parent, parent_where, tally_group) }, \
}

const struct db_list_spec db_list_backlog = BACKLOG_SPEC("backlog", "backlog", false, NULL,
	"t.dimension = 'all' AND t.grp = ''");
/* its district's code goes along as --district */
const struct db_list_spec db_list_backlog_of_district = BACKLOG_SPEC("backlog-of-district", "backlog", true,
	"b.district_id = $2::bigint", "t.dimension = 'district' AND t.grp = $2::text");
/* One school's, inspector's, kind's or severity's items: `export backlog` narrows by district or filter only,
 * and would hold more than the list shows. One school's few dozen rows are counted as they are. */
const struct db_list_spec db_list_backlog_of_school = BACKLOG_SPEC("backlog-of-school", NULL, true,
	"b.school_id = $2::bigint", NULL);
const struct db_list_spec db_list_backlog_of_inspector = BACKLOG_SPEC("backlog-of-inspector", NULL, true,
	"b.inspector_person_id = $2::bigint", "t.dimension = 'inspector' AND t.grp = $2::text");
const struct db_list_spec db_list_backlog_of_kind = BACKLOG_SPEC("backlog-of-kind", NULL, true,
	"b.kind = $2::text", "t.dimension = 'kind' AND t.grp = $2::text");
const struct db_list_spec db_list_backlog_of_severity = BACKLOG_SPEC("backlog-of-severity", NULL, true,
	"b.severity = $2::text", "t.dimension = 'severity' AND t.grp = $2::text");

/* What a group's counts (and the report's) come from. */
#define GROUP_SHOWS "backlog inspection finding school person district"

/* Groups and the report either by name or worst first: the most overdue items, then the oldest one (the
 * furthest past due for a group, the oldest plan date for the report), so the group that needs a manager
 * most is on top; b and S open the worst first, O turns either into the other. By name they walk the name
 * indexes of 0001 and probe the backlog's index of their dimension, for the existence and then the counts
 * of their own rows only. Worst first is an order of counts no index holds: the groups are sorted whole,
 * a school's or district's two figures each from its own index (or 0017's tally), bounded by the groups
 * with something open (a city's few thousand schools at most), as the manager gaps are. The groups are
 * counts, not items: `export backlog` would list the items instead. */
#define WORST_KEYS(overdue, oldest, id, id_type) \
		.key_expr = { "-(" overdue ")::integer", "coalesce((" oldest "), '9999-12-31'::date)", id }, \
		.key_type = { "integer", "date", id_type }
/* From 0017's tally rows of one group. */
#define WORST_TALLY(cond, id, id_type) WORST_KEYS( \
		"SELECT coalesce(sum(t.n) FILTER (WHERE t.due_on < iedesk.today()), 0) FROM iedesk.backlog_tally t" \
		" WHERE " cond, "SELECT min(t.due_on) FROM iedesk.backlog_tally t WHERE " cond, id, id_type)
/* From the backlog rows of one school or district; the report's oldest is the oldest plan date it shows. */
#define WORST_BACKLOG(cond, oldest_column, id) WORST_KEYS( \
		"SELECT count(*) FROM iedesk.backlog x WHERE " cond " AND x.due_on < iedesk.today()", \
		"SELECT min(x." oldest_column ") FROM iedesk.backlog x WHERE " cond, id, "bigint")
#define NAME_KEYS(name, id, id_type) .key_expr = { name, id }, .key_type = { "text", id_type }

#define BY_DISTRICT(name_, title_, nkeys_, list_, ...) { \
	.name = name_, .title = title_, .filter_hint = N_("name or code"), \
	COLUMNS(by_district_columns), .nkeys = nkeys_, \
	.open = OPEN(.is_list = true, .list = list_, .id_key = nkeys_ - 1, .code_column = "code"), \
	.rows_of = "district", .shows = GROUP_SHOWS, \
	.query = &(const struct db_list_query){ \
		.columns = "d.id, d.name, d.code", \
		.from = "iedesk.district d", \
		.where = "EXISTS (SELECT 1 FROM iedesk.backlog x WHERE x.district_id = d.id)", \
		.filter = NAME_MATCHES("d") " OR d.code ILIKE " PATTERN, \
		__VA_ARGS__, \
		.select = GROUP_SELECT("w.name", "w.code"), \
		.joins = TALLY_COUNTS("t.dimension = 'district' AND t.grp = w.id::text"), \
		.summary = GROUP_SUMMARY("summary-districts"), \
	}, \
}
const struct db_list_spec db_list_backlog_by_district = BY_DISTRICT("backlog-by-district",
	N_("Backlog by district, by name"), 2, DB_LIST_BACKLOG_OF_DISTRICT, NAME_KEYS("d.name", "d.id", "bigint"));
const struct db_list_spec db_list_backlog_worst_by_district = BY_DISTRICT("backlog-worst-by-district",
	N_("Backlog by district, worst first"), 3, DB_LIST_BACKLOG_OF_DISTRICT,
	WORST_TALLY("t.dimension = 'district' AND t.grp = d.id::text", "d.id", "bigint"));

#define BY_SCHOOL(name_, title_, nkeys_, ...) { \
	.name = name_, .title = title_, .filter_hint = N_("name or code"), \
	COLUMNS(by_school_columns), .nkeys = nkeys_, \
	.open = OPEN(.is_list = true, .list = DB_LIST_BACKLOG_OF_SCHOOL, .id_key = nkeys_ - 1), \
	.rows_of = "school", .shows = GROUP_SHOWS " student_case case_placement case_review iep", \
	.query = &(const struct db_list_query){ \
		.columns = "s.id, s.name, s.district_id", \
		.from = "iedesk.school s", \
		.where = "EXISTS (SELECT 1 FROM iedesk.backlog x WHERE x.school_id = s.id)", \
		.filter = NAME_MATCHES("s") " OR s.code ILIKE " PATTERN, \
		__VA_ARGS__, \
		.select = GROUP_SELECT_WITH("w.name", "coalesce(d.code, '')", \
			", CASE WHEN k.overdue_shown <> '0' THEN k.overdue_shown ELSE '' END"), \
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id LIMIT 1) d" \
			" ON true" GROUP_COUNTS("b.school_id = w.id") \
			" LEFT JOIN LATERAL (SELECT k.overdue_shown FROM iedesk.case_school_counts k WHERE k.school_id = w.id)" \
			" k ON true", \
		.summary = GROUP_SUMMARY("summary-schools"), \
	}, \
}
const struct db_list_spec db_list_backlog_by_school = BY_SCHOOL("backlog-by-school", N_("Backlog by school, by name"), 2,
	NAME_KEYS("s.name", "s.id", "bigint"));
const struct db_list_spec db_list_backlog_worst_by_school = BY_SCHOOL("backlog-worst-by-school",
	N_("Backlog by school, worst first"), 3, WORST_BACKLOG("x.school_id = s.id", "due_on", "s.id"));

#define BY_INSPECTOR(name_, title_, nkeys_, ...) { \
	.name = name_, .title = title_, .filter_hint = N_("name"), \
	COLUMNS(by_inspector_columns), .nkeys = nkeys_, \
	.open = OPEN(.is_list = true, .list = DB_LIST_BACKLOG_OF_INSPECTOR, .id_key = nkeys_ - 1), \
	.rows_of = "person", .shows = GROUP_SHOWS, \
	.query = &(const struct db_list_query){ \
		.columns = "p.id, p.name, p.district_id", \
		.from = "iedesk.person p", \
		.where = "EXISTS (SELECT 1 FROM iedesk.backlog x WHERE x.inspector_person_id = p.id)", \
		.filter = NAME_MATCHES("p"), \
		__VA_ARGS__, \
		.select = GROUP_SELECT("w.name", "coalesce(d.code, '')"), \
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id LIMIT 1) d" \
			" ON true" TALLY_COUNTS("t.dimension = 'inspector' AND t.grp = w.id::text"), \
		.summary = MESSAGE("summary-inspectors", "count(*)", "(SELECT coalesce(sum(t.n), 0)" \
			" FROM iedesk.backlog_tally t WHERE t.dimension = 'inspector' AND t.grp = '')"), \
	}, \
}
const struct db_list_spec db_list_backlog_by_inspector = BY_INSPECTOR("backlog-by-inspector",
	N_("Backlog by inspector, by name"), 2, NAME_KEYS("p.name", "p.id", "bigint"));
const struct db_list_spec db_list_backlog_worst_by_inspector = BY_INSPECTOR("backlog-worst-by-inspector",
	N_("Backlog by inspector, worst first"), 3,
	WORST_TALLY("t.dimension = 'inspector' AND t.grp = p.id::text", "p.id", "bigint"));

/* Kinds and severities by name are in their own order (their rank). */
#define BY_VALUE(name_, title_, hint, nkeys_, list_, values, column, label, what, ...) { \
	.name = name_, .title = title_, .filter_hint = hint, \
	COLUMNS(by_##column##_columns), .nkeys = nkeys_, \
	.open = OPEN(.is_list = true, .list = list_, .id_key = nkeys_ - 1), \
	.rows_of = "", .shows = GROUP_SHOWS, \
	.query = &(const struct db_list_query){ \
		VALUE_GROUP(values, #column, label), \
		__VA_ARGS__, \
		.summary = GROUP_SUMMARY(what), \
	}, \
}
#define KINDS "(0, 'itinerant-guidance'), (1, 'supervision'), (2, 'follow-up')"
#define KIND_LABEL WORD("w.value")
#define SEVERITIES "(0, 'high'), (1, 'medium'), (2, 'low'), (3, 'none')"
#define SEVERITY_LABEL "CASE w.value WHEN 'none' THEN " LABEL("severity-none") " ELSE " WORD("w.value") " END"
const struct db_list_spec db_list_backlog_by_kind = BY_VALUE("backlog-by-kind", N_("Backlog by kind, in their order"),
	N_("kind"), 2, DB_LIST_BACKLOG_OF_KIND, KINDS, kind, KIND_LABEL, "summary-kinds",
	.key_expr = { "g.rank", "g.value" }, .key_type = { "integer", "text" });
const struct db_list_spec db_list_backlog_worst_by_kind = BY_VALUE("backlog-worst-by-kind",
	N_("Backlog by kind, worst first"), N_("kind"), 3, DB_LIST_BACKLOG_OF_KIND, KINDS, kind, KIND_LABEL,
	"summary-kinds", WORST_TALLY("t.dimension = 'kind' AND t.grp = g.value", "g.value", "text"));
const struct db_list_spec db_list_backlog_by_severity = BY_VALUE("backlog-by-severity",
	N_("Backlog by severity, in their order"), N_("severity"), 2, DB_LIST_BACKLOG_OF_SEVERITY, SEVERITIES, severity,
	SEVERITY_LABEL, "summary-severities", .key_expr = { "g.rank", "g.value" },
	.key_type = { "integer", "text" });
const struct db_list_spec db_list_backlog_worst_by_severity = BY_VALUE("backlog-worst-by-severity",
	N_("Backlog by severity, worst first"), N_("severity"), 3, DB_LIST_BACKLOG_OF_SEVERITY, SEVERITIES, severity,
	SEVERITY_LABEL, "summary-severities",
	WORST_TALLY("t.dimension = 'severity' AND t.grp = g.value", "g.value", "text"));

/* Every open district, and one district's schools with something open or closed this term. */
#define REPORT_DISTRICTS(name_, nkeys_, schools, ...) { \
	.export = "report",   /* `iedesk export report` (report.c), not a list export */ \
	.name = name_, .title = N_("Summary report"), .filter_hint = N_("name or code"), \
	COLUMNS(report_district_columns), .nkeys = nkeys_, \
	.open = OPEN(.is_list = true, .list = schools, .id_key = nkeys_ - 1, .code_column = "code"), \
	.rows_of = "district", .shows = GROUP_SHOWS, \
	.query = &(const struct db_list_query){ \
		.columns = "d.id, d.name, d.code", \
		.from = "iedesk.district d", \
		.where = "d.archived_at IS NULL", \
		.filter = NAME_MATCHES("d") " OR d.code ILIKE " PATTERN, \
		__VA_ARGS__, \
		.select = REPORT_SELECT("w.name", "w.code"), \
		.joins = REPORT_FIGURES("iedesk.school s JOIN iedesk.inspection i ON i.school_id = s.id", \
			"s.district_id = w.id", "b.district_id = w.id"), \
		.summary = REPORT_SUMMARY, \
	}, \
}
const struct db_list_spec db_list_report_districts = REPORT_DISTRICTS("report-districts", 2, DB_LIST_REPORT_SCHOOLS,
	NAME_KEYS("d.name", "d.id", "bigint"));
const struct db_list_spec db_list_report_worst_districts = REPORT_DISTRICTS("report-worst-districts", 3,
	DB_LIST_REPORT_WORST_SCHOOLS, WORST_BACKLOG("x.district_id = d.id", "planned_on", "d.id"));

#define REPORT_SCHOOLS(name_, nkeys_, ...) { \
	.export = "report",   /* `iedesk export report` (report.c), not a list export */ \
	.name = name_, .title = N_("Summary report"), .filter_hint = N_("name or code"), \
	COLUMNS(report_school_columns), .nkeys = nkeys_, \
	.open = OPEN(.is_list = true, .list = DB_LIST_BACKLOG_OF_SCHOOL, .id_key = nkeys_ - 1, .keeps_code = true), \
	.rows_of = "school", .shows = GROUP_SHOWS, \
	.query = &(const struct db_list_query){ \
		.has_parent = true, \
		.columns = "s.id, s.name, s.district_id", \
		.from = "iedesk.school s", \
		.where = "s.district_id = $2::bigint AND (EXISTS (SELECT 1 FROM iedesk.backlog x WHERE x.school_id = s.id)" \
			" OR EXISTS (SELECT 1 FROM iedesk.inspection x WHERE x.school_id = s.id AND x.status = 'closed'" \
			" AND x.closed_on >= iedesk.term_start(iedesk.today())))", \
		.filter = NAME_MATCHES("s") " OR s.code ILIKE " PATTERN, \
		__VA_ARGS__, \
		.select = REPORT_SELECT("w.name", "coalesce(d.code, '')"), \
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id LIMIT 1) d" \
			" ON true" REPORT_FIGURES("iedesk.inspection i", "i.school_id = w.id", "b.school_id = w.id"), \
		.summary = REPORT_SUMMARY, \
	}, \
}
const struct db_list_spec db_list_report_schools = REPORT_SCHOOLS("report-schools", 2,
	NAME_KEYS("s.name", "s.id", "bigint"));
const struct db_list_spec db_list_report_worst_schools = REPORT_SCHOOLS("report-worst-schools", 3,
	WORST_BACKLOG("x.school_id = s.id", "planned_on", "s.id"));

/* ---- the records edited here: each one's form, described once (the schema of 0001 is the truth) ---- */

static const char *const inspection_kind_choices[] = { "itinerant-guidance", "supervision", "follow-up", NULL };
static const char *const inspection_status_choices[] = { "planned", "done", "closed", NULL };
static const char *const severity_choices[] = { "low", "medium", "high", NULL };

/* What it checks: an action item, or (a follow-up) a finding of an earlier inspection, or neither. Done
 * and closed need the visit date, closed its closing date; closing is refused while a finding is
 * unresolved (0010). */
static const struct db_field inspection_fields[] = {
	LOOKUP_FIELD("school_id", N_("School"), true, DB_LOOKUP_SCHOOL),
	CHOICE_FIELD("kind", N_("Kind"), true, inspection_kind_choices, N_("itinerant-guidance, supervision or follow-up")),
	LOOKUP_FIELD("action_item_id", N_("Action item"), false, DB_LOOKUP_ACTION_ITEM),
	LOOKUP_FIELD("finding_id", N_("Finding"), false, DB_LOOKUP_FINDING),
	DATE_FIELD("planned_on", N_("Planned"), true),
	LOOKUP_FIELD("inspector_person_id", N_("Inspector"), false, DB_LOOKUP_PERSON),
	CHOICE_FIELD("status", N_("Status"), true, inspection_status_choices, N_("planned, done or closed")),
	DATE_FIELD("visited_on", N_("Visited"), false),
	MULTILINE_FIELD("summary", N_("Summary"), false, 4000),
	DATE_FIELD("closed_on", N_("Closed on"), false),
};

const struct db_record_def db_record_inspection = {
	.name = "inspection", .title = N_("Inspection"), .table = "iedesk.inspection",
	FIELDS(inspection_fields),
	.defaults = DEFAULTS({ "kind", "itinerant-guidance" }, { "status", "planned" }),
};

/* The inspection is the parent, as the meeting is an agenda item's: taken from the list it is added in. */
static const struct db_field finding_fields[] = {
	LOOKUP_FIELD("inspection_id", N_("Inspection"), true, DB_LOOKUP_INSPECTION),
	CHOICE_FIELD("severity", N_("Severity"), true, severity_choices, N_("low, medium or high")),
	MULTILINE_FIELD("text", N_("Finding"), true, 2000),
	DATE_FIELD("due_on", N_("Due"), false),
	DATE_FIELD("resolved_on", N_("Resolved on"), false),
	MULTILINE_FIELD("resolution_note", N_("What was done"), false, 2000),
};

const struct db_record_def db_record_finding = {
	.name = "finding", .title = N_("Finding"), .table = "iedesk.finding",
	FIELDS(finding_fields),
	.defaults = DEFAULTS({ "severity", "medium" }),
};

/* ---- the details Enter opens here ---- */

/* An inspection with what it checks and what followed, each line linked to the record it is about
 * (link: "school:ID", "meeting:ID" or "inspection:ID"), so a manager can drill from a backlog item to
 * its school, the meeting that decided the work, and its history. */
static const char inspection_sql[] = DETAIL_LINKED_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label,"
	" " MESSAGE("inspection-title", "s.name", WORD("i.kind"), DATE("i.planned_on")) " AS value,"
	" NULL::text AS link"
	" FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id WHERE i.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, " LABEL("inspection") ", v.label, coalesce(v.value, ''), v.link"
	" FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id"
	" LEFT JOIN iedesk.person p ON p.id = i.inspector_person_id,"
	" LATERAL (VALUES (1, " LABEL("school") ", s.name, 'school:' || s.id), (2, " LABEL("kind") ", " WORD("i.kind") ", NULL),"
	"  (3, " LABEL("planned") ", " DATE("i.planned_on") ", NULL), (4, " LABEL("visited") ", " DATE("i.visited_on") ", NULL),"
	"  (5, " LABEL("inspector") ", p.name, NULL), (6, " LABEL("status") ", " WORD("i.status") ", NULL),"
	"  (7, " LABEL("closed") ", " DATE("i.closed_on") ", NULL),"
	"  (8, " LABEL("overdue") ", " PHRASE("days", "iedesk.inspection_overdue_days(i.id, i.status, i.planned_on)") ", NULL),"
	"  (9, " LABEL("summary") ", i.summary, NULL)) v(pos, label, value, link)"
	" WHERE i.id = $1::bigint AND (v.pos NOT IN (7, 8) OR v.value IS NOT NULL)"
	" UNION ALL"
	" SELECT 2, v.pos, " LABEL("checks") ", v.label, v.value, 'meeting:' || m.id"
	" FROM iedesk.inspection i JOIN iedesk.action_item ai ON ai.id = i.action_item_id"
	" JOIN iedesk.decision dd ON dd.id = ai.decision_id JOIN iedesk.meeting m ON m.id = dd.meeting_id"
	" LEFT JOIN iedesk.school s ON s.id = ai.owner_school_id,"
	" LATERAL (VALUES (1, " LABEL("action-item") ", ai.text), (2, " LABEL("owner") ", concat_ws(' / ', s.name, ai.owner_unit)),"
	"  (3, " LABEL("due") ", " MESSAGE("list", DATE("ai.due_on"), WORD("ai.status")) "),"
	"  (4, " LABEL("decision") ", dd.position || '. ' || dd.text),"
	"  (5, " LABEL("meeting") ", " DATE("m.held_on") " || ' ' || m.title)) v(pos, label, value)"
	" WHERE i.id = $1::bigint"
	" UNION ALL"
	" SELECT 2, v.pos, " LABEL("checks") ", v.label, v.value, 'inspection:' || fi.id"
	" FROM iedesk.inspection i JOIN iedesk.finding f ON f.id = i.finding_id"
	" JOIN iedesk.inspection fi ON fi.id = f.inspection_id,"
	" LATERAL (VALUES (6, " LABEL("finding") ", " MESSAGE("severity-text", WORD("f.severity"), "f.text") "),"
	"  (7, " LABEL("found") ", " MESSAGE("kind-of", WORD("fi.kind"), DATE("coalesce(fi.visited_on, fi.planned_on)")) "),"
	"  (8, " LABEL("due") ", " MESSAGE("list", DATE("f.due_on"), PHRASE("resolved-on", DATE("f.resolved_on"))) "),"
	"  (9, " LABEL("what-was-done") ", f.resolution_note)"
	"  ) v(pos, label, value)"
	" WHERE i.id = $1::bigint AND (v.pos <> 9 OR v.value IS NOT NULL)"
	" UNION ALL"
	" SELECT 3, row_number() OVER (ORDER BY f.id), " LABEL("findings") ", " WORD("f.severity") ","
	" " MESSAGE("text-dash", "f.text", MESSAGE("list", PHRASE("due-on", DATE("f.due_on")),
		"CASE WHEN f.resolved_on IS NOT NULL THEN coalesce("
		PHRASE("resolved-on-note", DATE("f.resolved_on"), ONE_LINE("f.resolution_note")) ", "
		PHRASE("resolved-on", DATE("f.resolved_on")) ")"
		" WHEN f.due_on < iedesk.today() THEN " PHRASE("days-overdue", "iedesk.today() - f.due_on")
		" ELSE " WORD("'open'") " END")) ", NULL"
	" FROM iedesk.finding f WHERE f.inspection_id = $1::bigint"
	" UNION ALL"
	" SELECT 4, row_number() OVER (ORDER BY fu.planned_on, fu.id), " LABEL("follow-ups") ", " DATE("fu.planned_on") ","
	" " MESSAGE("follow-up-line", WORD("fu.kind"), WORD("fu.status"), "f.text") ", 'inspection:' || fu.id"
	" FROM iedesk.finding f JOIN iedesk.inspection fu ON fu.finding_id = f.id"
	" WHERE f.inspection_id = $1::bigint"
	" UNION ALL"
	/* the history: the other inspections of the same action item, then the school's latest ten others */
	" SELECT 5, row_number() OVER (ORDER BY o.planned_on, o.id), " LABEL("other-inspections") ","
	" " DATE("o.planned_on") ", " MESSAGE("list", WORD("o.kind"), WORD("o.status"), PHRASE("visited-on", DATE("o.visited_on")))
	", 'inspection:' || o.id"
	" FROM iedesk.inspection i JOIN iedesk.inspection o ON o.action_item_id = i.action_item_id AND o.id <> i.id"
	" WHERE i.id = $1::bigint"
	" UNION ALL"
	" SELECT 6, h.n, " LABEL("earlier-inspections") ", " DATE("h.planned_on") ","
	" " MESSAGE("list", WORD("h.kind"), WORD("h.status"), PHRASE("visited-on", DATE("h.visited_on")),
		PHRASE("closed-on", DATE("h.closed_on"))) ", 'inspection:' || h.id"
	" FROM (SELECT o.*, row_number() OVER (ORDER BY o.planned_on DESC, o.id DESC) AS n"
	"  FROM iedesk.inspection i JOIN iedesk.inspection o ON o.school_id = i.school_id AND o.id <> i.id"
	"  AND o.planned_on <= i.planned_on WHERE i.id = $1::bigint ORDER BY o.planned_on DESC, o.id DESC LIMIT 10) h"
	DETAIL_HISTORY("inspection", ", NULL")
	DETAIL_TAIL;

const struct db_detail_spec db_detail_inspection = {
	.sql = inspection_sql,
	.shows = "inspection finding school person action_item decision meeting district",
};
