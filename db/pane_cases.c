/* pane_cases: the Cases pane in specs — the counts everyone reads (schools with students with special needs,
 * small counts suppressed), and for the case workers of a district their cases, from referral to the reviews
 * of the IEP: the lists, the records they edit and the details they open.
 *
 * What a case says is read from the tables, whose row-level security logs each read (0029): the lists walk
 * iedesk.case_index (the codes, schools and what is due: enough to find a case, not to read it) and read
 * only the rows they show from the tables, so a window of 20 cases is 20 reads in the audit log. */
#include "db/private.h"

#include <string.h>

static const struct db_column count_columns[] = {
	{ "school", N_("School"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "dist", N_("Dist."), 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "cases", N_("Cases"), 5, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "reviews_overdue", N_("Reviews overdue"), 15, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column case_columns[] = {
	{ "code", N_("Code"), 12, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "school", N_("School"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "need", N_("Need"), 9, 4, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "identification", N_("Identification"), 9, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "placement", N_("Placement"), 12, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "next_due", N_("Next due"), 12, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
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
	/* the referral's facts are asked (the date starts as today), but may be left out: a case that came from
	 * before iedesk, or by a transfer, may not know them, and the schema lets them be NULL */
	DATE_FIELD("referred_on", N_("Referred on"), false),
	CHOICE_FIELD("referred_by", N_("Referred by"), false, referrer_choices, NULL),
	MULTILINE_FIELD("referral_reason", N_("Why"), false, 1000),
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

/* Parts 5-8 of a case's detail, the IEP's (their specs are at the end of this file): its versions newest
 * first, each opening its IEP, and the current one's review date. */
#define CASE_IEP_PARTS \
	" UNION ALL" \
	" SELECT 5, row_number() OVER (ORDER BY coalesce(i.number, 2147483647) DESC, i.id DESC), " LABEL("ieps") "," \
	" CASE WHEN i.number IS NULL THEN " LABEL("iep-draft") " ELSE " MESSAGE("iep-number", "i.number::text") " END," \
	" " MESSAGE("iep-span", WORD("i.status"), "coalesce(" DATE("i.starts_on") ", '')", \
		"coalesce(" DATE("i.ends_on") ", '')", WORD("i.consent")) ", 'iep:' || i.id" \
	" FROM iedesk.iep i WHERE i.case_id = $1::bigint" \
	" UNION ALL" \
	" SELECT 6, 0, " LABEL("current-iep") ", " LABEL("review") "," \
	" CASE WHEN f.review_on < iedesk.today() THEN " MESSAGE("date-days-overdue", DATE("f.review_on"), \
		"(iedesk.today() - f.review_on)::text") " ELSE coalesce(" DATE("f.review_on") ", '') END, 'iep:' || f.id" \
	" FROM (SELECT i.id, i.review_on FROM iedesk.iep i WHERE i.case_id = $1::bigint AND i.status = 'final'" \
	"  ORDER BY i.number DESC LIMIT 1) f"

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
	"  (7, " LABEL("placement") ", " WORD("c.placement") ", '')) v(pos, label, value, link)"
	" WHERE c.id = $1::bigint"
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
	/* the decision (认定), I's form; the date and who once decided */
	" UNION ALL"
	" SELECT 3, v.pos, " LABEL("case-decision") ", v.label, coalesce(v.value, ''), ''"
	" FROM iedesk.student_case c,"
	" LATERAL (VALUES (1, " LABEL("need") ", " WORD("c.need_category") "),"
	"  (2, " LABEL("identification") ", " WORD("c.identification_status") "),"
	"  (3, " LABEL("decided-on") ", " DATE("c.decided_on") "), (4, " LABEL("decided-by") ", c.decided_by))"
	"  v(pos, label, value)"
	" WHERE c.id = $1::bigint AND (v.pos < 3 OR v.value IS NOT NULL)"
	/* assessments (评估), as they were made */
	" UNION ALL"
	" SELECT 4, row_number() OVER (ORDER BY a.assessed_on, a.id), " LABEL("assessments") ", " DATE("a.assessed_on") ","
	" CASE WHEN a.result IS NULL THEN " MESSAGE("assessment-by", WORD("a.kind"), "a.assessor")
	"  ELSE " MESSAGE("assessment-line", WORD("a.kind"), "a.assessor", ONE_LINE("a.result")) " END, ''"
	" FROM iedesk.case_assessment a WHERE a.case_id = $1::bigint"
	/* parts 5 to 8: the IEP */
	CASE_IEP_PARTS
	" UNION ALL"
	" SELECT 9, row_number() OVER (ORDER BY d.due_on, d.due), " LABEL("due") ", " WORD("d.due") ","
	" CASE WHEN d.days_over > 0 THEN " MESSAGE("date-days-overdue", DATE("d.due_on"), "d.days_over::text")
	"  ELSE " DATE("d.due_on") " END, ''"
	" FROM iedesk.case_due d WHERE d.case_id = $1::bigint"
	/* the placements (安置) as they changed, the latest first */
	" UNION ALL"
	" SELECT 10, row_number() OVER (ORDER BY p.started_on DESC, p.id DESC), " LABEL("placements") ","
	" " DATE("p.started_on") ","
	" CASE WHEN p.hours_per_week IS NULL THEN " MESSAGE("placement-at", WORD("p.placement"), "s.name")
	"  ELSE " MESSAGE("placement-hours", WORD("p.placement"), "s.name", "p.hours_per_week::text") " END,"
	" 'school:' || s.id"
	" FROM iedesk.case_placement p JOIN iedesk.school s ON s.id = p.school_id WHERE p.case_id = $1::bigint"
	/* transfers to another district */
	" UNION ALL"
	" SELECT 11, row_number() OVER (ORDER BY t.requested_on DESC, t.id DESC), " LABEL("transfers") ","
	" " DATE("t.requested_on") ", " MESSAGE("transfer-line", "s.name", "d.code", WORD("t.status")) ", 'school:' || s.id"
	" FROM iedesk.case_transfer t JOIN iedesk.school s ON s.id = t.to_school_id"
	" JOIN iedesk.district d ON d.id = s.district_id WHERE t.case_id = $1::bigint"
	/* the latest sessions given (N lists them all) */
	" UNION ALL"
	" SELECT 12, x.n, " LABEL("sessions-latest") ", " DATE("x.held_on") ","
	" " MESSAGE("session-line", WORD("x.kind"), "x.provider", "x.minutes::text") ", ''"
	" FROM (SELECT x.*, row_number() OVER (ORDER BY x.held_on DESC, x.id DESC) AS n FROM iedesk.case_session x"
	"  WHERE x.case_id = $1::bigint) x WHERE x.n <= 5"
	/* progress on the goals, the latest first */
	" UNION ALL"
	" SELECT 13, row_number() OVER (ORDER BY x.noted_on DESC, x.id DESC), " LABEL("progress") ", " DATE("x.noted_on") ","
	" " MESSAGE("progress-line", WORD("x.rating"), "left(" ONE_LINE("g.goal") ", 40)") ", ''"
	" FROM iedesk.case_progress x JOIN iedesk.iep_goal g ON g.id = x.goal_id WHERE x.case_id = $1::bigint"
	/* home-school contacts (家校沟通) */
	" UNION ALL"
	" SELECT 14, row_number() OVER (ORDER BY x.contacted_on DESC, x.id DESC), " LABEL("contacts") ","
	" " DATE("x.contacted_on") ", " MESSAGE("contact-line", WORD("x.how"), "x.with_whom", "coalesce(" ONE_LINE("x.agreed") ", '')") ", ''"
	" FROM iedesk.case_contact x WHERE x.case_id = $1::bigint"
	/* reviews held */
	" UNION ALL"
	" SELECT 15, row_number() OVER (ORDER BY x.held_on DESC, x.id DESC), " LABEL("reviews-held") ","
	" " DATE("x.held_on") ", " MESSAGE("review-line", WORD("x.kind"), ONE_LINE("x.outcome")) ", ''"
	" FROM iedesk.case_review x WHERE x.case_id = $1::bigint"
	DETAIL_TAIL;

const struct db_detail_spec db_detail_case = {
	.sql = case_sql,
	.shows = "student_case case_assessment case_placement iep case_review case_transfer case_session case_progress"
		" case_contact school",
};

/* ---- the case's parts: decision, assessments, placements, transfers, the reviews due, sessions, progress, contacts, reviews ---- */

/* Each part is a list of one case (its parent), walking the part's (case_id, date, id) index: reading a row
 * reads the case, so the window is one logged read of it whatever its length. */

static const struct db_column assessment_columns[] = {
	{ "date", N_("Date"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "kind", N_("Kind"), 16, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "assessor", N_("Assessor"), 20, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "result", N_("Result"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column placement_columns[] = {
	{ "since", N_("Since"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "school", N_("School"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "placement", N_("Placement"), 18, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "hours", N_("Hours/week"), 10, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "note", N_("Note"), 20, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column transfer_columns[] = {
	{ "requested", N_("Requested"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "school", N_("To school"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "dist", N_("Dist."), 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "status", N_("Status"), 10, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "decided", N_("Decided"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "note", N_("Note"), 20, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column incoming_columns[] = {
	{ "code", N_("Code"), 12, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "from_school", N_("From school"), 16, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "dist", N_("Dist."), 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "to_school", N_("To school"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "requested", N_("Requested"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "note", N_("Note"), 20, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column due_columns[] = {
	{ "code", N_("Code"), 12, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "school", N_("School"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "due", N_("Due"), 20, 8, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "due_on", N_("Due on"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "overdue", N_("Overdue"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column session_columns[] = {
	{ "date", N_("Date"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "kind", N_("Kind"), 18, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "provider", N_("Provider"), 14, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "minutes", N_("Min."), 4, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "goal", N_("Goal"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column progress_columns[] = {
	{ "date", N_("Date"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "goal", N_("Goal"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "rating", N_("Rating"), 9, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "next_steps", N_("Next steps"), 24, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column contact_columns[] = {
	{ "date", N_("Date"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "with", N_("With"), 10, 4, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "how", N_("How"), 10, 4, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "agreed", N_("Agreed"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column review_columns[] = {
	{ "date", N_("Date"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "kind", N_("Kind"), 16, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "outcome", N_("Outcome"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

/* What a part's list watches: its own table's rows, and the case they belong to. */
#define PART_SHOWS "student_case"

const struct db_list_spec db_list_case_assessments = {
	.name = "case-assessments", .title = N_("Assessments"), .filter_hint = N_("kind, assessor or result"),
	COLUMNS(assessment_columns), .nkeys = 2,
	.rows_of = "case_assessment", .shows = PART_SHOWS,
	.editing = EDITING(.new_kind = DB_RECORD_CASE_ASSESSMENT, .parent_column = "case_id",
		.today_column = "assessed_on", .edit_kind = DB_RECORD_CASE_ASSESSMENT,
		.removal_none = N_("assessments stay on record: correct one with e")),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "a.id, a.kind, a.assessor, a.result",
		.from = "iedesk.case_assessment a",
		.where = "a.case_id = $2::bigint",
		.filter = "a.kind ILIKE " PATTERN " OR a.assessor ILIKE " PATTERN " OR a.result ILIKE " PATTERN,
		.key_expr = { "a.assessed_on", "a.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.k0, 'YYYY-MM-DD'), w.kind, w.assessor, coalesce(" ONE_LINE("w.result") ", ''), 0",
		.joins = "",
	},
};

/* The history of placements, the latest (the case's own) first. A move within the district is a new
 * placement; the database refuses another district's school (that is a transfer). */
const struct db_list_spec db_list_case_placements = {
	.name = "case-placements", .title = N_("Placements"), .filter_hint = N_("school, placement or note"),
	COLUMNS(placement_columns), .nkeys = 2,
	.rows_of = "case_placement", .shows = PART_SHOWS " school",
	.editing = EDITING(.new_kind = DB_RECORD_CASE_PLACEMENT, .parent_column = "case_id",
		.today_column = "started_on", .edit_kind = DB_RECORD_CASE_PLACEMENT,
		.removal_none = N_("placements stay on record as the case's history: add the new one with n")),
	.query = &(const struct db_list_query){
		.descending = true,
		.has_parent = true,
		.columns = "p.id, p.school_id, p.placement, p.hours_per_week, p.note",
		.from = "iedesk.case_placement p",
		.where = "p.case_id = $2::bigint",
		.filter = "p.placement ILIKE " PATTERN " OR p.note ILIKE " PATTERN " OR EXISTS (SELECT 1 FROM iedesk.school x"
			" WHERE x.id = p.school_id AND (" NAME_MATCHES("x") "))",
		.key_expr = { "p.started_on", "p.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.k0, 'YYYY-MM-DD'), s.name, w.placement, coalesce(w.hours_per_week::text, ''),"
			" coalesce(" ONE_LINE("w.note") ", ''), 0",
		.joins = " CROSS JOIN LATERAL (SELECT s.name FROM iedesk.school s WHERE s.id = w.school_id) s",
	},
};

/* A case's transfers to another district, newest first: one requested at a time, then accepted there (the
 * case is theirs) or declined (dim). */
const struct db_list_spec db_list_case_transfers = {
	.name = "case-transfers", .title = N_("Transfers"), .filter_hint = N_("school or note"),
	COLUMNS(transfer_columns), .nkeys = 2,
	.rows_of = "case_transfer", .shows = PART_SHOWS " school",
	.editing = EDITING(.new_kind = DB_RECORD_CASE_TRANSFER, .parent_column = "case_id",
		.today_column = "requested_on", .edit_kind = DB_RECORD_CASE_TRANSFER,
		.removal_none = N_("transfers stay on record; the receiving district accepts or declines them")),
	.query = &(const struct db_list_query){
		.descending = true,
		.has_parent = true,
		.columns = "t.id, t.to_school_id, t.status, t.decided_on, t.note",
		.from = "iedesk.case_transfer t",
		.where = "t.case_id = $2::bigint",
		.filter = "t.status ILIKE " PATTERN " OR t.note ILIKE " PATTERN " OR EXISTS (SELECT 1 FROM iedesk.school x"
			" WHERE x.id = t.to_school_id AND (" NAME_MATCHES("x") "))",
		.key_expr = { "t.requested_on", "t.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.k0, 'YYYY-MM-DD'), s.name, s.code, w.status,"
			" coalesce(to_char(w.decided_on, 'YYYY-MM-DD'), ''), coalesce(" ONE_LINE("w.note") ", ''),"
			" CASE WHEN w.status = 'declined' THEN 2 ELSE 0 END",
		.joins = " CROSS JOIN LATERAL (SELECT s.name, d.code FROM iedesk.school s JOIN iedesk.district d"
			" ON d.id = s.district_id WHERE s.id = w.to_school_id) s",
	},
};

/* Transfers into the case worker's district waiting for its answer (0029's view: the case's code and where
 * it comes from, nothing of the case until it is accepted). Oldest first: they wait longest. */
const struct db_list_spec db_list_transfers_incoming = {
	.name = "transfers-incoming", .title = N_("Incoming transfers"), .filter_hint = N_("code or school"),
	COLUMNS(incoming_columns), .nkeys = 2,
	.rows_of = "case_transfer", .shows = "student_case school",
	.query = &(const struct db_list_query){
		.columns = "t.id, t.code, t.from_school, t.from_district, t.to_school, t.note",
		.from = "iedesk.case_transfer_incoming t",
		.filter = "t.code ILIKE " PATTERN " OR t.from_school ILIKE " PATTERN " OR t.to_school ILIKE " PATTERN,
		.key_expr = { "t.requested_on", "t.id" },
		.key_type = { "date", "bigint" },
		.select = "w.code, w.from_school, w.from_district, w.to_school, to_char(w.k0, 'YYYY-MM-DD'),"
			" coalesce(" ONE_LINE("w.note") ", ''), 0",
		.joins = "",
	},
};

/* The case workers' backlog: everything due within 30 days or overdue (0029's iedesk.case_due: codes and
 * dates, no case read), most overdue first; the overdue in the alert colour. A case with two things due
 * is two rows; the row's id is the case, which Enter opens. */
const struct db_list_spec db_list_case_due = {
	.name = "case-due", .title = N_("Reviews due"), .filter_hint = N_("code, school or what is due"),
	COLUMNS(due_columns), .nkeys = 3,
	.open = OPEN(.detail = DB_DETAIL_CASE, .id_key = 2),
	.rows_of = "student_case",
	.shows = "case_assessment case_placement iep case_review case_transfer school",
	.query = &(const struct db_list_query){
		.columns = "d.code, d.days_over, s.name AS school_name",
		.from = "iedesk.case_due d JOIN iedesk.school s ON s.id = d.school_id",
		.filter = "d.code ILIKE " PATTERN " OR d.due ILIKE " PATTERN " OR " NAME_MATCHES("s"),
		.key_expr = { "d.due_on", "d.due", "d.case_id" },
		.key_type = { "date", "text", "bigint" },
		.select = "w.code, w.school_name, w.k1, to_char(w.k0, 'YYYY-MM-DD'),"
			" CASE WHEN w.days_over > 0 THEN w.days_over::text ELSE '' END,"
			" CASE WHEN w.days_over > 0 THEN 1 ELSE 0 END",
		.joins = "",
	},
};

/* Sessions given, progress noted, contacts with the family and reviews held: newest first. */
const struct db_list_spec db_list_case_sessions = {
	.name = "case-sessions", .title = N_("Sessions"), .filter_hint = N_("kind, provider or note"),
	COLUMNS(session_columns), .nkeys = 2,
	.rows_of = "case_session", .shows = PART_SHOWS " iep_goal",
	.editing = EDITING(.new_kind = DB_RECORD_CASE_SESSION, .parent_column = "case_id",
		.today_column = "held_on", .edit_kind = DB_RECORD_CASE_SESSION,
		.removal_none = N_("sessions stay on record: correct one with e")),
	.query = &(const struct db_list_query){
		.descending = true,
		.has_parent = true,
		.columns = "x.id, x.kind, x.provider, x.minutes, x.goal_id, x.note",
		.from = "iedesk.case_session x",
		.where = "x.case_id = $2::bigint",
		.filter = "x.kind ILIKE " PATTERN " OR x.provider ILIKE " PATTERN " OR x.note ILIKE " PATTERN,
		.key_expr = { "x.held_on", "x.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.k0, 'YYYY-MM-DD'), w.kind, w.provider, w.minutes::text,"
			" coalesce(" ONE_LINE("g.goal") ", " ONE_LINE("w.note") ", ''), 0",
		.joins = " LEFT JOIN LATERAL (SELECT g.goal FROM iedesk.iep_goal g WHERE g.id = w.goal_id) g ON true",
	},
};

const struct db_list_spec db_list_case_progress = {
	.name = "case-progress", .title = N_("Progress"), .filter_hint = N_("rating or next steps"),
	COLUMNS(progress_columns), .nkeys = 2,
	.rows_of = "case_progress", .shows = PART_SHOWS " iep_goal",
	.editing = EDITING(.new_kind = DB_RECORD_CASE_PROGRESS, .parent_column = "case_id",
		.today_column = "noted_on", .edit_kind = DB_RECORD_CASE_PROGRESS,
		.removal_none = N_("progress notes stay on record: correct one with e")),
	.query = &(const struct db_list_query){
		.descending = true,
		.has_parent = true,
		.columns = "x.id, x.goal_id, x.rating, x.next_steps",
		.from = "iedesk.case_progress x",
		.where = "x.case_id = $2::bigint",
		.filter = "x.rating ILIKE " PATTERN " OR x.next_steps ILIKE " PATTERN,
		.key_expr = { "x.noted_on", "x.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.k0, 'YYYY-MM-DD'), coalesce(" ONE_LINE("g.goal") ", ''), w.rating,"
			" coalesce(" ONE_LINE("w.next_steps") ", ''), CASE WHEN w.rating = 'concern' THEN 1 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT g.goal FROM iedesk.iep_goal g WHERE g.id = w.goal_id) g ON true",
	},
};

const struct db_list_spec db_list_case_contacts = {
	.name = "case-contacts", .title = N_("Home-school contacts"), .filter_hint = N_("who or what was agreed"),
	COLUMNS(contact_columns), .nkeys = 2,
	.rows_of = "case_contact", .shows = PART_SHOWS,
	.editing = EDITING(.new_kind = DB_RECORD_CASE_CONTACT, .parent_column = "case_id",
		.today_column = "contacted_on", .edit_kind = DB_RECORD_CASE_CONTACT,
		.removal_none = N_("contacts stay on record: correct one with e")),
	.query = &(const struct db_list_query){
		.descending = true,
		.has_parent = true,
		.columns = "x.id, x.with_whom, x.how, x.agreed",
		.from = "iedesk.case_contact x",
		.where = "x.case_id = $2::bigint",
		.filter = "x.with_whom ILIKE " PATTERN " OR x.how ILIKE " PATTERN " OR x.agreed ILIKE " PATTERN,
		.key_expr = { "x.contacted_on", "x.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.k0, 'YYYY-MM-DD'), w.with_whom, w.how, coalesce(" ONE_LINE("w.agreed") ", ''), 0",
		.joins = "",
	},
};

const struct db_list_spec db_list_case_reviews = {
	.name = "case-reviews", .title = N_("Reviews held"), .filter_hint = N_("kind or outcome"),
	COLUMNS(review_columns), .nkeys = 2,
	.rows_of = "case_review", .shows = PART_SHOWS,
	.editing = EDITING(.new_kind = DB_RECORD_CASE_REVIEW, .parent_column = "case_id",
		.today_column = "held_on", .edit_kind = DB_RECORD_CASE_REVIEW,
		.removal_none = N_("reviews stay on record: correct one with e")),
	.query = &(const struct db_list_query){
		.descending = true,
		.has_parent = true,
		.columns = "x.id, x.kind, x.outcome",
		.from = "iedesk.case_review x",
		.where = "x.case_id = $2::bigint",
		.filter = "x.kind ILIKE " PATTERN " OR x.outcome ILIKE " PATTERN,
		.key_expr = { "x.held_on", "x.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.k0, 'YYYY-MM-DD'), w.kind, " ONE_LINE("w.outcome") ", 0",
		.joins = "",
	},
};

/* ---- the parts' records ---- */

static const char *const identification_choices[] = { "suspected", "assessed", "confirmed", "not-eligible", NULL };
static const char *const assessment_choices[] = { "academic", "behavioural", "psychological", "medical",
	"speech-language", "vision", "hearing-test", NULL };
static const char *const placement_choices[] = { "regular-class", "resource-classroom", "special-class", "home-based",
	"special-school", NULL };
static const char *const service_choices[] = { "resource-classroom", "speech-therapy", "itinerant-guidance",
	"physiotherapy", "counselling", "other", NULL };
static const char *const rating_choices[] = { "on-track", "concern", "achieved", NULL };
static const char *const contact_choices[] = { "meeting", "phone", "home-visit", "message", NULL };
static const char *const review_choices[] = { "iep-review", "annual-review", "reassessment", NULL };

/* The decision (认定) is the case's own columns, edited apart from the referral (I on a case). The schema
 * wants its date once the child is confirmed or found not eligible: the hint says so before the save does. */
static const struct db_field case_decision_fields[] = {
	CHOICE_FIELD("need_category", N_("Need"), true, need_choices, NULL),
	CHOICE_FIELD("identification_status", N_("Identification"), true, identification_choices,
		N_("confirmed or not-eligible is a decision")),
	{ .column = "decided_on", .label = N_("Decided on"), .type = DB_FIELD_DATE,
		.hint = N_("YYYY-MM-DD, required once confirmed or not eligible") },
	TEXT_FIELD("decided_by", N_("Decided by"), false, 200, N_("e.g. the district's assessment team")),
};

const struct db_record_def db_record_case_decision = {
	.name = "case-decision", .title = N_("Case (decision)"), .table = "iedesk.student_case",
	FIELDS(case_decision_fields),
};

static const struct db_field case_assessment_fields[] = {
	LOOKUP_FIELD("case_id", N_("Case"), true, DB_LOOKUP_CASE),
	CHOICE_FIELD("kind", N_("Kind"), true, assessment_choices, NULL),
	DATE_FIELD("assessed_on", N_("Assessed on"), true),
	TEXT_FIELD("assessor", N_("Assessor"), true, 200, N_("e.g. the district's assessment team")),
	MULTILINE_FIELD("result", N_("Result"), false, 1000),
	MULTILINE_FIELD("notes", N_("Notes"), false, 2000),
};

const struct db_record_def db_record_case_assessment = {
	.name = "case-assessment", .title = N_("Assessment"), .table = "iedesk.case_assessment",
	FIELDS(case_assessment_fields),
	.defaults = DEFAULTS({ "kind", "psychological" }),
};

/* Hours a week are the resource classroom's; the school is one of the case's district (another district's
 * is refused: that move is a transfer). */
static const struct db_field case_placement_fields[] = {
	LOOKUP_FIELD("case_id", N_("Case"), true, DB_LOOKUP_CASE),
	LOOKUP_FIELD("school_id", N_("School"), true, DB_LOOKUP_SCHOOL),
	CHOICE_FIELD("placement", N_("Placement"), true, placement_choices, NULL),
	INT_FIELD("hours_per_week", N_("Hours a week"), false, 0, 60, N_("in the resource classroom")),
	DATE_FIELD("started_on", N_("Since"), true),
	MULTILINE_FIELD("note", N_("Note"), false, 1000),
};

const struct db_record_def db_record_case_placement = {
	.name = "case-placement", .title = N_("Placement"), .table = "iedesk.case_placement",
	FIELDS(case_placement_fields),
	.defaults = DEFAULTS({ "placement", "regular-class" }),
};

static const struct db_field case_transfer_fields[] = {
	LOOKUP_FIELD("case_id", N_("Case"), true, DB_LOOKUP_CASE),
	{ .column = "to_school_id", .label = N_("To school"), .type = DB_FIELD_LOOKUP, .required = true,
		.lookup = DB_LOOKUP_SCHOOL, .hint = N_("a school of another district") },
	DATE_FIELD("requested_on", N_("Requested on"), true),
	MULTILINE_FIELD("note", N_("Note"), false, 1000),
};

const struct db_record_def db_record_case_transfer = {
	.name = "case-transfer", .title = N_("Transfer"), .table = "iedesk.case_transfer",
	FIELDS(case_transfer_fields),
};

static const struct db_field case_session_fields[] = {
	LOOKUP_FIELD("case_id", N_("Case"), true, DB_LOOKUP_CASE),
	DATE_FIELD("held_on", N_("Held on"), true),
	CHOICE_FIELD("kind", N_("Kind"), true, service_choices, NULL),
	TEXT_FIELD("provider", N_("Provider"), true, 200, NULL),
	INT_FIELD("minutes", N_("Minutes"), true, 5, 480, NULL),
	{ .column = "goal_id", .label = N_("Goal"), .type = DB_FIELD_LOOKUP, .lookup = DB_LOOKUP_GOAL,
		.hint = N_("the IEP goal worked on, if one: type the case's code") },
	MULTILINE_FIELD("note", N_("Note"), false, 1000),
};

const struct db_record_def db_record_case_session = {
	.name = "case-session", .title = N_("Session"), .table = "iedesk.case_session",
	FIELDS(case_session_fields),
	.defaults = DEFAULTS({ "kind", "resource-classroom" }, { "minutes", "40" }),
};

static const struct db_field case_progress_fields[] = {
	LOOKUP_FIELD("case_id", N_("Case"), true, DB_LOOKUP_CASE),
	{ .column = "goal_id", .label = N_("Goal"), .type = DB_FIELD_LOOKUP, .required = true, .lookup = DB_LOOKUP_GOAL,
		.hint = N_("an IEP goal of the case: type its code") },
	DATE_FIELD("noted_on", N_("Noted on"), true),
	CHOICE_FIELD("rating", N_("Rating"), true, rating_choices, NULL),
	MULTILINE_FIELD("next_steps", N_("Next steps"), false, 1000),
};

const struct db_record_def db_record_case_progress = {
	.name = "case-progress", .title = N_("Progress note"), .table = "iedesk.case_progress",
	FIELDS(case_progress_fields),
	.defaults = DEFAULTS({ "rating", "on-track" }),
};

static const struct db_field case_contact_fields[] = {
	LOOKUP_FIELD("case_id", N_("Case"), true, DB_LOOKUP_CASE),
	DATE_FIELD("contacted_on", N_("On"), true),
	TEXT_FIELD("with_whom", N_("With"), true, 200, N_("e.g. mother, father")),
	CHOICE_FIELD("how", N_("How"), true, contact_choices, NULL),
	MULTILINE_FIELD("agreed", N_("Agreed"), false, 2000),
};

const struct db_record_def db_record_case_contact = {
	.name = "case-contact", .title = N_("Home-school contact"), .table = "iedesk.case_contact",
	FIELDS(case_contact_fields),
	.defaults = DEFAULTS({ "how", "meeting" }),
};

static const struct db_field case_review_fields[] = {
	LOOKUP_FIELD("case_id", N_("Case"), true, DB_LOOKUP_CASE),
	CHOICE_FIELD("kind", N_("Kind"), true, review_choices, NULL),
	DATE_FIELD("held_on", N_("Held on"), true),
	MULTILINE_FIELD("outcome", N_("Outcome"), true, 2000),
};

const struct db_record_def db_record_case_review = {
	.name = "case-review", .title = N_("Review"), .table = "iedesk.case_review",
	FIELDS(case_review_fields),
	.defaults = DEFAULTS({ "kind", "iep-review" }),
};

/* ---- the transfer decided by the receiving district ---- */

void db_case_transfer_decide_request(const char *transfer_id, bool accept, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = "SELECT iedesk.case_transfer_decide($1::bigint, $2::boolean)";
	req->nparams = 2;
	req->params[0] = xstrdup(transfer_id);
	req->params[1] = xstrdup(accept ? "t" : "f");
}

/* ---- the IEP: its versions, team, goals and objectives, accommodations, services ---- */

static const struct db_column iep_columns[] = {
	{ "iep", N_("IEP"), 0, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "status", N_("Status"), 8, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "starts_on", N_("Start"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "ends_on", N_("End"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "review_on", N_("Review"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "consent", N_("Consent"), 10, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
};

static const struct db_column iep_member_columns[] = {
	{ "role", N_("Role"), 18, 8, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "name", N_("Name"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column iep_goal_columns[] = {
	{ "area", N_("Area"), 14, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "goal", N_("Goal"), 0, 16, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "objectives", N_("Objectives"), 10, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column iep_objective_columns[] = {
	{ "objective", N_("Objective"), 0, 14, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "measure", N_("Measure"), 24, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "target_on", N_("Target"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
};

static const struct db_column iep_accommodation_columns[] = {
	{ "kind", N_("Kind"), 18, 8, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "detail", N_("Detail"), 0, 14, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column iep_service_columns[] = {
	{ "kind", N_("Kind"), 18, 8, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "provider", N_("Provider"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "sessions", N_("A week"), 6, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "minutes", N_("Minutes"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

/* A final IEP's parts are drawn dim: they are read, not changed (the database refuses). */
#define IEP_PART_FLAGS "CASE WHEN EXISTS (SELECT 1 FROM iedesk.iep x WHERE x.id = w.iep_id AND x.status = 'final')" \
	" THEN 2 ELSE 0 END"
/* D on a part of an IEP: a draft's is deleted; a final one's the database refuses, in a sentence. */
#define REMOVES_IEP_PART(kind, question, done) .removal = DB_REMOVE_DELETE_IEP_##kind, .removal_question = question, \
	.removal_done = done, .removal_none = N_("already removed")

/* A case's IEPs, newest first: the draft (one at most, 0029's iep_one_draft) above the final versions by
 * number. A version a later one replaced is dim; the current one is flagged once its review date has
 * passed. A case has a handful, found by its (case_id, number) index. */
const struct db_list_spec db_list_case_ieps = {
	.name = "case-ieps", .title = N_("IEPs"), .filter_hint = N_("status, number or present levels"),
	COLUMNS(iep_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_IEP, .id_key = 1),
	.rows_of = "iep", .shows = "student_case",
	.editing = EDITING(.new_kind = DB_RECORD_IEP, .parent_column = "case_id", .edit_kind = DB_RECORD_IEP,
		.removal = DB_REMOVE_DELETE_IEP, .removal_question = N_("Delete the draft"),
		.removal_done = N_("the draft IEP is deleted"), .removal_none = N_("already removed")),
	.query = &(const struct db_list_query){
		.descending = true,
		.has_parent = true,
		.columns = "i.id, i.case_id, i.number, i.status, i.starts_on, i.ends_on, i.review_on, i.consent",
		.from = "iedesk.iep i",
		.where = "i.case_id = $2::bigint",
		.filter = "i.status ILIKE " PATTERN " OR i.number::text ILIKE " PATTERN " OR i.present_levels ILIKE " PATTERN,
		.key_expr = { "coalesce(i.number, 2147483647)", "i.id" },
		.key_type = { "integer", "bigint" },
		.select = "CASE WHEN w.number IS NULL THEN " LABEL("iep-draft") " ELSE " MESSAGE("iep-number", "w.number::text")
			" END, w.status, coalesce(to_char(w.starts_on, 'YYYY-MM-DD'), ''),"
			" coalesce(to_char(w.ends_on, 'YYYY-MM-DD'), ''), coalesce(to_char(w.review_on, 'YYYY-MM-DD'), ''),"
			" w.consent,"
			" CASE WHEN w.status = 'final' AND EXISTS (SELECT 1 FROM iedesk.iep n WHERE n.case_id = w.case_id"
			" AND n.number > w.number) THEN 2 WHEN w.status = 'final' AND w.review_on < iedesk.today() THEN 1"
			" ELSE 0 END",
		.joins = "",
	},
};

/* The team in the order a plan lists it: the case worker first, the parents among the teachers. */
const struct db_list_spec db_list_iep_members = {
	.name = "iep-members", .title = N_("Team"), .filter_hint = N_("role or name"),
	COLUMNS(iep_member_columns), .nkeys = 2,
	.rows_of = "iep_member", .shows = "iep",
	.editing = EDITING(.new_kind = DB_RECORD_IEP_MEMBER, .parent_column = "iep_id", .edit_kind = DB_RECORD_IEP_MEMBER,
		REMOVES_IEP_PART(MEMBER, N_("Remove from the team:"), N_("removed from the team"))),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "m.id, m.iep_id, m.role, m.name",
		.from = "iedesk.iep_member m",
		.where = "m.iep_id = $2::bigint",
		.filter = "m.role ILIKE " PATTERN " OR m.name ILIKE " PATTERN,
		.key_expr = { "array_position(ARRAY['case-worker', 'class-teacher', 'resource-teacher', 'parent',"
			" 'therapist', 'itinerant-teacher', 'other']::text[], m.role)", "m.id" },
		.key_type = { "integer", "bigint" },
		.select = "w.role, w.name, " IEP_PART_FLAGS,
		.joins = "",
	},
};

/* Goals, objectives, accommodations and services in the order they were written, by their (parent, id)
 * indexes. */
const struct db_list_spec db_list_iep_goals = {
	.name = "iep-goals", .title = N_("Goals"), .filter_hint = N_("area or goal"),
	COLUMNS(iep_goal_columns), .nkeys = 2,
	.open = OPEN(.is_list = true, .list = DB_LIST_IEP_OBJECTIVES, .id_key = 1),
	.rows_of = "iep_goal", .shows = "iep iep_objective",
	.editing = EDITING(.new_kind = DB_RECORD_IEP_GOAL, .parent_column = "iep_id", .edit_kind = DB_RECORD_IEP_GOAL,
		REMOVES_IEP_PART(GOAL, N_("Remove the goal and its objectives:"), N_("the goal is removed"))),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "g.id, g.iep_id, g.area, g.goal",
		.from = "iedesk.iep_goal g",
		.where = "g.iep_id = $2::bigint",
		.filter = "g.area ILIKE " PATTERN " OR g.goal ILIKE " PATTERN,
		.key_expr = { "g.iep_id", "g.id" },
		.key_type = { "bigint", "bigint" },
		.select = "w.area, " ONE_LINE("w.goal") ", o.n::text, " IEP_PART_FLAGS,
		.joins = " CROSS JOIN LATERAL (SELECT count(*) AS n FROM iedesk.iep_objective o WHERE o.goal_id = w.id) o",
	},
};

const struct db_list_spec db_list_iep_objectives = {
	.name = "iep-objectives", .title = N_("Objectives"), .filter_hint = N_("objective or measure"),
	COLUMNS(iep_objective_columns), .nkeys = 2,
	.rows_of = "iep_objective", .shows = "iep iep_goal",
	.editing = EDITING(.new_kind = DB_RECORD_IEP_OBJECTIVE, .parent_column = "goal_id",
		.edit_kind = DB_RECORD_IEP_OBJECTIVE,
		REMOVES_IEP_PART(OBJECTIVE, N_("Remove the objective:"), N_("the objective is removed"))),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "o.id, o.goal_id, o.objective, o.measure, o.target_on",
		.from = "iedesk.iep_objective o",
		.where = "o.goal_id = $2::bigint",
		.filter = "o.objective ILIKE " PATTERN " OR o.measure ILIKE " PATTERN,
		.key_expr = { "o.goal_id", "o.id" },
		.key_type = { "bigint", "bigint" },
		.select = ONE_LINE("w.objective") ", " ONE_LINE("w.measure") ", coalesce(to_char(w.target_on, 'YYYY-MM-DD'), ''),"
			" CASE WHEN g.final THEN 2 ELSE 0 END",
		.joins = " CROSS JOIN LATERAL (SELECT count(*) > 0 AS final FROM iedesk.iep_goal x JOIN iedesk.iep i"
			" ON i.id = x.iep_id WHERE x.id = w.goal_id AND i.status = 'final') g",
	},
};

const struct db_list_spec db_list_iep_accommodations = {
	.name = "iep-accommodations", .title = N_("Accommodations"), .filter_hint = N_("kind or detail"),
	COLUMNS(iep_accommodation_columns), .nkeys = 2,
	.rows_of = "iep_accommodation", .shows = "iep",
	.editing = EDITING(.new_kind = DB_RECORD_IEP_ACCOMMODATION, .parent_column = "iep_id",
		.edit_kind = DB_RECORD_IEP_ACCOMMODATION,
		REMOVES_IEP_PART(ACCOMMODATION, N_("Remove the accommodation:"), N_("the accommodation is removed"))),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "a.id, a.iep_id, a.kind, a.detail",
		.from = "iedesk.iep_accommodation a",
		.where = "a.iep_id = $2::bigint",
		.filter = "a.kind ILIKE " PATTERN " OR a.detail ILIKE " PATTERN,
		.key_expr = { "a.iep_id", "a.id" },
		.key_type = { "bigint", "bigint" },
		.select = "w.kind, " ONE_LINE("w.detail") ", " IEP_PART_FLAGS,
		.joins = "",
	},
};

const struct db_list_spec db_list_iep_services = {
	.name = "iep-services", .title = N_("Services"), .filter_hint = N_("kind or provider"),
	COLUMNS(iep_service_columns), .nkeys = 2,
	.rows_of = "iep_service", .shows = "iep",
	.editing = EDITING(.new_kind = DB_RECORD_IEP_SERVICE, .parent_column = "iep_id", .edit_kind = DB_RECORD_IEP_SERVICE,
		REMOVES_IEP_PART(SERVICE, N_("Remove the service:"), N_("the service is removed"))),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "s.id, s.iep_id, s.kind, s.provider, s.sessions_per_week, s.minutes",
		.from = "iedesk.iep_service s",
		.where = "s.iep_id = $2::bigint",
		.filter = "s.kind ILIKE " PATTERN " OR s.provider ILIKE " PATTERN,
		.key_expr = { "s.iep_id", "s.id" },
		.key_type = { "bigint", "bigint" },
		.select = "w.kind, w.provider, w.sessions_per_week::text, w.minutes::text, " IEP_PART_FLAGS,
		.joins = "",
	},
};

static const char *const iep_consent_choices[] = { "not-asked", "asked", "given", "refused", NULL };
static const char *const iep_role_choices[] = { "case-worker", "class-teacher", "resource-teacher", "parent",
	"therapist", "itinerant-teacher", "other", NULL };
static const char *const iep_area_choices[] = { "academic", "communication", "social", "behaviour", "self-care",
	"motor", "other", NULL };
static const char *const iep_accommodation_choices[] = { "seating", "exams", "assistive-device", "materials",
	"other", NULL };
static const char *const iep_service_choices[] = { "resource-classroom", "speech-therapy", "itinerant-guidance",
	"physiotherapy", "counselling", "other", NULL };

/* A draft: its dates and what the child can do now. Its number, status and who finalised it are
 * iedesk.iep_finalise's (F); the consent is asked once it is final (iep_consent). */
static const struct db_field iep_fields[] = {
	LOOKUP_FIELD("case_id", N_("Case"), true, DB_LOOKUP_CASE),
	DATE_FIELD("starts_on", N_("Starts on"), false),
	DATE_FIELD("ends_on", N_("Ends on"), false),
	DATE_FIELD("review_on", N_("Review on"), false),
	MULTILINE_FIELD("present_levels", N_("Present levels"), false, 4000),
};

const struct db_record_def db_record_iep = {
	.name = "iep", .title = N_("IEP"), .table = "iedesk.iep",
	FIELDS(iep_fields),
};

/* What a final IEP still takes: the parents' answer to it (the guard of 0029 refuses all else). */
static const struct db_field iep_consent_fields[] = {
	CHOICE_FIELD("consent", N_("Parents' consent"), true, iep_consent_choices, NULL),
	DATE_FIELD("consent_on", N_("Consent on"), false),
};

const struct db_record_def db_record_iep_consent = {
	.name = "iep-consent", .title = N_("IEP consent"), .table = "iedesk.iep",
	FIELDS(iep_consent_fields),
};

static const struct db_field iep_member_fields[] = {
	LOOKUP_FIELD("iep_id", N_("IEP"), true, DB_LOOKUP_IEP),
	CHOICE_FIELD("role", N_("Role"), true, iep_role_choices, NULL),
	TEXT_FIELD("name", N_("Name"), true, 100, N_("a name or a role: 家长, 班主任")),
};

const struct db_record_def db_record_iep_member = {
	.name = "iep-member", .title = N_("IEP team member"), .table = "iedesk.iep_member",
	FIELDS(iep_member_fields),
	.defaults = DEFAULTS({ "role", "class-teacher" }),
};

static const struct db_field iep_goal_fields[] = {
	LOOKUP_FIELD("iep_id", N_("IEP"), true, DB_LOOKUP_IEP),
	CHOICE_FIELD("area", N_("Area"), true, iep_area_choices, NULL),
	MULTILINE_FIELD("goal", N_("Goal"), true, 1000),
};

const struct db_record_def db_record_iep_goal = {
	.name = "iep-goal", .title = N_("IEP goal"), .table = "iedesk.iep_goal",
	FIELDS(iep_goal_fields),
	.defaults = DEFAULTS({ "area", "academic" }),
};

static const struct db_field iep_objective_fields[] = {
	LOOKUP_FIELD("goal_id", N_("Goal"), true, DB_LOOKUP_IEP_GOAL),
	MULTILINE_FIELD("objective", N_("Objective"), true, 1000),
	TEXT_FIELD("measure", N_("Measure"), true, 200, N_("how it is measured: 5 times in 4")),
	DATE_FIELD("target_on", N_("Target date"), false),
};

const struct db_record_def db_record_iep_objective = {
	.name = "iep-objective", .title = N_("IEP objective"), .table = "iedesk.iep_objective",
	FIELDS(iep_objective_fields),
};

static const struct db_field iep_accommodation_fields[] = {
	LOOKUP_FIELD("iep_id", N_("IEP"), true, DB_LOOKUP_IEP),
	CHOICE_FIELD("kind", N_("Kind"), true, iep_accommodation_choices, NULL),
	TEXT_FIELD("detail", N_("Detail"), true, 500, NULL),
};

const struct db_record_def db_record_iep_accommodation = {
	.name = "iep-accommodation", .title = N_("IEP accommodation"), .table = "iedesk.iep_accommodation",
	FIELDS(iep_accommodation_fields),
	.defaults = DEFAULTS({ "kind", "seating" }),
};

static const struct db_field iep_service_fields[] = {
	LOOKUP_FIELD("iep_id", N_("IEP"), true, DB_LOOKUP_IEP),
	CHOICE_FIELD("kind", N_("Kind"), true, iep_service_choices, NULL),
	TEXT_FIELD("provider", N_("Provider"), true, 100, N_("who gives it")),
	INT_FIELD("sessions_per_week", N_("Sessions a week"), true, 1, 20, NULL),
	INT_FIELD("minutes", N_("Minutes"), true, 5, 480, N_("of each session")),
};

const struct db_record_def db_record_iep_service = {
	.name = "iep-service", .title = N_("IEP service"), .table = "iedesk.iep_service",
	FIELDS(iep_service_fields),
	.defaults = DEFAULTS({ "kind", "resource-classroom" }, { "sessions_per_week", "1" }, { "minutes", "40" }),
};

/* The IEP read whole, as the parents' meeting reads it: who finalised it and when, its dates, what the child
 * can do now, the team, each goal with its objectives, the accommodations and services, the consent. */
static const char iep_sql[] = DETAIL_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label, " DB_IEP_NAME_SQL("i") " AS value"
	" FROM iedesk.iep i WHERE i.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, " LABEL("iep") ", v.label, coalesce(v.value, '')"
	" FROM iedesk.iep i JOIN iedesk.student_case c ON c.id = i.case_id,"
	" LATERAL (VALUES (1, " LABEL("case") ", c.code),"
	"  (2, " LABEL("status") ", CASE WHEN i.status = 'final' THEN " MESSAGE("iep-final-by", "i.number::text",
		DATE_TIME("i.finalised_at"), SQL_LOGIN("i.finalised_by")) " ELSE " WORD("i.status") " END),"
	"  (3, " LABEL("starts") ", " DATE("i.starts_on") "), (4, " LABEL("ends") ", " DATE("i.ends_on") "),"
	"  (5, " LABEL("review") ", " DATE("i.review_on") "),"
	"  (6, " LABEL("consent") ", CASE WHEN i.consent_on IS NULL THEN " WORD("i.consent")
	"   ELSE " MESSAGE("answer-on", WORD("i.consent"), DATE("i.consent_on")) " END)) v(pos, label, value)"
	" WHERE i.id = $1::bigint"
	" UNION ALL"
	" SELECT 2, 0, " LABEL("present-levels") ", '', i.present_levels"
	" FROM iedesk.iep i WHERE i.id = $1::bigint AND i.present_levels IS NOT NULL"
	" UNION ALL"
	" SELECT 3, row_number() OVER (ORDER BY array_position(ARRAY['case-worker', 'class-teacher', 'resource-teacher',"
	"  'parent', 'therapist', 'itinerant-teacher', 'other']::text[], m.role), m.id), " LABEL("team") ","
	" " WORD("m.role") ", m.name"
	" FROM iedesk.iep_member m WHERE m.iep_id = $1::bigint"
	" UNION ALL"
	" SELECT 4, g.n * 1000, " LABEL("goals") ", " MESSAGE("goal-area", "g.n::text", WORD("g.area")) ", g.goal"
	" FROM (SELECT x.id, x.area, x.goal, row_number() OVER (ORDER BY x.id) AS n FROM iedesk.iep_goal x"
	"  WHERE x.iep_id = $1::bigint) g"
	" UNION ALL"
	" SELECT 4, g.n * 1000 + row_number() OVER (PARTITION BY g.id ORDER BY o.id), " LABEL("goals") ", '',"
	" " MESSAGE("objective-line", "o.objective", MESSAGE("list", "o.measure", PHRASE("by-date", DATE("o.target_on"))))
	" FROM (SELECT x.id, row_number() OVER (ORDER BY x.id) AS n FROM iedesk.iep_goal x"
	"  WHERE x.iep_id = $1::bigint) g JOIN iedesk.iep_objective o ON o.goal_id = g.id"
	" UNION ALL"
	" SELECT 5, row_number() OVER (ORDER BY a.id), " LABEL("accommodations") ", " WORD("a.kind") ", a.detail"
	" FROM iedesk.iep_accommodation a WHERE a.iep_id = $1::bigint"
	" UNION ALL"
	" SELECT 6, row_number() OVER (ORDER BY s.id), " LABEL("services") ", " WORD("s.kind") ","
	" " MESSAGE("service-line", "s.provider", "s.sessions_per_week::text", "s.minutes::text")
	" FROM iedesk.iep_service s WHERE s.iep_id = $1::bigint"
	DETAIL_HISTORY("iep", "")
	DETAIL_TAIL;

const struct db_detail_spec db_detail_iep = {
	.sql = iep_sql,
	.shows = "iep iep_member iep_goal iep_objective iep_accommodation iep_service student_case",
};
