/* pane_cases: the Cases pane in specs — the counts everyone reads (schools with students with special needs,
 * small counts suppressed), and for the case workers of a district their cases, from referral to the reviews
 * of the IEP: the lists, the records they edit and the details they open.
 *
 * What a case says is read from the tables, whose row-level security logs each read (0029): the lists walk
 * iedesk.case_index (the codes, schools and what is due: enough to find a case, not to read it) and read
 * only the rows they show from the tables, so a window of 20 cases is 20 reads in the audit log. */
#include "db/private.h"

static const struct db_column count_columns[] = {
	{ "school", N_("School"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "dist", N_("Dist."), 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "cases", N_("Cases"), 5, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "reviews_overdue", N_("Reviews overdue"), 15, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column case_columns[] = {
	{ "code", N_("Code"), 12, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "school", N_("School"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "need", N_("Need"), 12, 4, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "identification", N_("Identification"), 12, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "placement", N_("Placement"), 16, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "next_due", N_("Next due"), 16, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "due_on", N_("Due on"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
};

/* Every school with open cases, with how many and how many reviews are overdue, each count under 3 shown
 * "<3" (0029's iedesk.case_school_counts): what everyone but the case workers may know. Sorted by the school's
 * name: the view has a row per school with cases, a few hundred in a district. */
const struct db_list_spec db_list_case_counts = {
	.name = "case-counts", .title = N_("Students with special needs"), .filter_hint = N_("school name"),
	COLUMNS(count_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_SCHOOL, .id_key = 1),
	.rows_of = "school", .shows = "student_case case_placement case_review iep",
	.query = &(const struct db_list_query){
		.columns = "s.id, s.name, s.district_id, k.cases_shown, k.overdue_shown, k.overdue",
		.from = "iedesk.case_school_counts k JOIN iedesk.school s ON s.id = k.school_id",
		.filter = NAME_MATCHES("s"),
		.key_expr = { "s.name", "s.id" },
		.key_type = { "text", "bigint" },
		.select = "w.name, coalesce(d.code, ''), w.cases_shown, w.overdue_shown,"
			" CASE WHEN w.overdue_shown <> '0' THEN 1 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id"
			" LIMIT 1) d ON true",
	},
};

/* A case worker's cases, by code. The filter matches the code and the school's name without reading a case;
 * a need, an identification or a placement it matches by reading each case it checks (logged). What is due
 * next is the earliest of 0029's dues within 30 days or past. */
const struct db_list_spec db_list_cases = {
	.name = "cases", .title = N_("Cases"), .filter_hint = N_("code, school, need or placement"),
	COLUMNS(case_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_CASE, .id_key = 1),
	.rows_of = "student_case",
	.shows = "case_assessment case_placement iep case_review case_transfer school",
	.editing = EDITING(.new_kind = DB_RECORD_CASE, .today_column = "referred_on", .edit_kind = DB_RECORD_CASE,
		.removal_none = N_("cases stay on record: close a case by its status")),
	.query = &(const struct db_list_query){
		.columns = "c.id, c.code, c.school_id, c.status, c.due, c.due_on, c.days_over, s.name AS school_name",
		.from = "iedesk.case_index c JOIN iedesk.school s ON s.id = c.school_id",
		.filter = "c.code ILIKE " PATTERN " OR " NAME_MATCHES("s") " OR EXISTS (SELECT 1 FROM iedesk.student_case x"
			" WHERE x.id = c.id AND (x.need_category ILIKE " PATTERN " OR x.identification_status ILIKE " PATTERN
			" OR x.placement ILIKE " PATTERN "))",
		.key_expr = { "c.code", "c.id" },
		.key_type = { "text", "bigint" },
		.select = "w.code, w.school_name, r.need_category, r.identification_status, r.placement,"
			" coalesce(w.due, ''), coalesce(to_char(w.due_on, 'YYYY-MM-DD'), ''),"
			" CASE WHEN w.status = 'closed' THEN 2 WHEN w.days_over > 0 THEN 1 ELSE 0 END",
		.joins = " JOIN iedesk.student_case r ON r.id = w.id",
	},
};

/* ---- the records edited here (the schema of 0029 is the truth) ---- */

static const char *const need_choices[] = { "visual", "hearing", "speech", "physical", "intellectual",
	"emotional", "autism", "multiple", "learning", "other", NULL };
static const char *const referrer_choices[] = { "class-teacher", "parent", "doctor", "screening", "other", NULL };
static const char *const answer_choices[] = { "pending", "agreed", "refused", NULL };
static const char *const case_status_choices[] = { "open", "closed", NULL };

/* A new case is its referral (发现/筛查): the pseudonymous code, the school, who referred the child and why,
 * what was tried first, and the parents' answer. The need is the one suspected until it is decided. */
static const struct db_field case_fields[] = {
	TEXT_FIELD("code", N_("Code"), true, 40, N_("pseudonymous, e.g. HR-2026-0013: never a name")),
	LOOKUP_FIELD("school_id", N_("School"), true, DB_LOOKUP_SCHOOL),
	CHOICE_FIELD("need_category", N_("Need (suspected)"), true, need_choices, NULL),
	DATE_FIELD("referred_on", N_("Referred on"), true),
	CHOICE_FIELD("referred_by", N_("Referred by"), true, referrer_choices, NULL),
	MULTILINE_FIELD("referral_reason", N_("Why"), true, 1000),
	MULTILINE_FIELD("tried_first", N_("Tried first"), false, 1000),
	DATE_FIELD("parents_informed_on", N_("Parents informed"), false),
	CHOICE_FIELD("parents_answer", N_("Parents' answer"), true, answer_choices, NULL),
	DATE_FIELD("parents_answer_on", N_("Answered on"), false),
	CHOICE_FIELD("status", N_("Status"), true, case_status_choices, NULL),
};

const struct db_record_def db_record_case = {
	.name = "case", .title = N_("Case (referral)"), .table = "iedesk.student_case",
	FIELDS(case_fields),
	.defaults = DEFAULTS({ "parents_answer", "pending" }, { "status", "open" }, { "referred_by", "class-teacher" }),
};

/* ---- the details Enter opens here ---- */

static const char case_sql[] = DETAIL_LINKED_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label, c.code AS value, '' AS link"
	" FROM iedesk.student_case c WHERE c.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, " LABEL("case") ", v.label, coalesce(v.value, ''), v.link"
	" FROM iedesk.student_case c JOIN iedesk.school s ON s.id = c.school_id"
	" JOIN iedesk.district d ON d.id = s.district_id,"
	" LATERAL (VALUES (1, " LABEL("code") ", c.code, ''),"
	"  (2, " LABEL("school") ", " MESSAGE("name-code", "s.name", "d.code") ", 'school:' || s.id),"
	"  (3, " LABEL("status") ", " WORD("c.status") ", ''),"
	"  (4, " LABEL("need") ", " WORD("c.need_category") ", ''),"
	"  (5, " LABEL("identification") ", " WORD("c.identification_status") ", ''),"
	"  (6, " LABEL("decided") ", " MESSAGE("text-dash", DATE("c.decided_on"), "c.decided_by") ", ''),"
	"  (7, " LABEL("placement") ", " WORD("c.placement") ", '')) v(pos, label, value, link)"
	" WHERE c.id = $1::bigint AND (v.pos <> 6 OR c.decided_on IS NOT NULL)"
	" UNION ALL"
	" SELECT 2, v.pos, " LABEL("referral") ", v.label, coalesce(v.value, ''), ''"
	" FROM iedesk.student_case c,"
	" LATERAL (VALUES (1, " LABEL("referred-on") ", " DATE("c.referred_on") "),"
	"  (2, " LABEL("referred-by") ", " WORD("c.referred_by") "),"
	"  (3, " LABEL("reason") ", c.referral_reason), (4, " LABEL("tried-first") ", c.tried_first),"
	"  (5, " LABEL("parents-informed") ", " DATE("c.parents_informed_on") "),"
	"  (6, " LABEL("parents-answer") ", CASE WHEN c.parents_answer_on IS NULL THEN " WORD("c.parents_answer")
	"   ELSE " MESSAGE("answer-on", WORD("c.parents_answer"), DATE("c.parents_answer_on")) " END))"
	"  v(pos, label, value)"
	" WHERE c.id = $1::bigint AND c.referred_on IS NOT NULL"
	" UNION ALL"
	" SELECT 9, row_number() OVER (ORDER BY d.due_on, d.due), " LABEL("due") ", " WORD("d.due") ","
	" CASE WHEN d.days_over > 0 THEN " MESSAGE("date-days-overdue", DATE("d.due_on"), "d.days_over::text")
	"  ELSE " DATE("d.due_on") " END, ''"
	" FROM iedesk.case_due d WHERE d.case_id = $1::bigint"
	DETAIL_TAIL;

const struct db_detail_spec db_detail_case = {
	.sql = case_sql,
	.shows = "student_case case_assessment case_placement iep case_review case_transfer",
};
