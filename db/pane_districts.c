/* pane_districts: the Districts pane in specs: its lists (columns, query, what Enter opens, what it watches and
 * edits) — districts, their schools and consortia, a consortium's members and shared resources — the records
 * they edit (district, school, consortium, member, shared resource) and the details they open. */
#include "db/private.h"

static const struct db_column district_columns[] = {
	{ "code", N_("Code"), 6, 4, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "district", N_("District"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "locale", N_("Locale"), 8, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "schools", N_("Schools"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "classrooms", N_("Classrooms"), 10, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "centers", N_("Centers"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "autism", N_("Autism"), 6, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "vacant", N_("Vacant"), 6, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "cases", N_("Cases"), 5, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "reviews_overdue", N_("Late"), 4, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column school_columns[] = {
	{ "school", N_("School"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "stage", N_("Stage"), 10, 7, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "sector", N_("Sector"), 7, 4, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "locale", N_("Locale"), 7, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "marks", N_("Marks"), 5, 3, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "manager", N_("Manager"), 10, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

/* Rural: current members in a town or village, the schools a consortium exists to support. */
static const struct db_column consortium_columns[] = {
	{ "code", N_("Code"), 8, 4, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "consortium", N_("Consortium"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "kind", N_("Kind"), 11, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "lead_school", N_("Lead school"), 14, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "members", N_("Members"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "rural", N_("Rural"), 5, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "shares", N_("Shares"), 6, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column member_columns[] = {
	{ "school", N_("School"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "role", N_("Role"), 6, 4, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "locale", N_("Locale"), 7, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "rural", N_("Rural"), 5, 3, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "joined", N_("Joined"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "left", N_("Left"), 10, 5, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "shares", N_("Shares"), 6, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column resource_columns[] = {
	{ "kind", N_("Kind"), 9, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "description", N_("Description"), 0, 16, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "provider", N_("Provider"), 16, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "capacity", N_("Capacity"), 8, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

/* The long kinds of consortium shortened to fit a column. */
#define CONSORTIUM_KIND(e) "CASE " e " WHEN 'education-association' THEN 'association'" \
	" WHEN 'home-school-alliance' THEN 'home-school' ELSE " e " END"

/* Cases and reviews overdue are counts everyone may read, under 3 shown "<3" (0029's case_district_counts):
 * the open student cases of the district's schools, and those with an IEP review, annual review or
 * re-assessment past its date. */
const struct db_list_spec db_list_districts = {
	.name = "districts", .title = N_("Districts"), .filter_hint = N_("name or code"),
	COLUMNS(district_columns), .nkeys = 2,
	.open = OPEN(.is_list = true, .list = DB_LIST_SCHOOLS, .id_key = 1, .code_column = "code"),
	.rows_of = "district", .shows = "school manager_appointment student_case case_placement case_review iep",
	.editing = EDITING(.new_kind = DB_RECORD_DISTRICT, .edit_kind = DB_RECORD_DISTRICT,
		.removal = DB_REMOVE_ARCHIVE),
	.export = "districts",
	.legend = N_("Late: students' reviews overdue"),
	.query = &(const struct db_list_query){
		.columns = "d.id, d.code, d.name, d.locale_class, d.archived_at",
		.from = "iedesk.district d",
		.filter = NAME_MATCHES("d") " OR d.code ILIKE " PATTERN,
		.key_expr = { "d.name", "d.id" },
		.key_type = { "text", "bigint" },
		.select = "w.code, w.name, w.locale_class, c.schools::text, c.classrooms::text, c.centers::text,"
			" c.autism::text, c.vacant::text, coalesce(k.cases_shown, ''), coalesce(k.overdue_shown, ''),"
			" CASE WHEN w.archived_at IS NOT NULL THEN 2 WHEN c.vacant > 0 THEN 1 ELSE 0 END",
		.joins = " CROSS JOIN LATERAL (SELECT count(*) AS schools,"
			" count(*) FILTER (WHERE s.has_resource_classroom) AS classrooms,"
			" count(*) FILTER (WHERE s.is_resource_center) AS centers,"
			" count(*) FILTER (WHERE s.is_autism_base) AS autism,"
			" count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM iedesk.manager_appointment a"
			" WHERE a.school_id = s.id AND a.ended_on IS NULL)) AS vacant"
			" FROM iedesk.school s WHERE s.district_id = w.id AND s.archived_at IS NULL) c"
			" LEFT JOIN LATERAL (SELECT k.cases_shown, k.overdue_shown FROM iedesk.case_district_counts k"
			" WHERE k.district_id = w.id) k ON true",
	},
};

/* Archived schools stay at their place, dim, so a district's history reads whole. */
const struct db_list_spec db_list_schools = {
	.name = "schools", .title = N_("Schools"), .filter_hint = N_("name, English name or code"),
	COLUMNS(school_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_SCHOOL, .id_key = 1),
	.rows_of = "school", .shows = "district manager_appointment person",
	.editing = EDITING(.new_kind = DB_RECORD_SCHOOL, .parent_column = "district_id",
		.edit_kind = DB_RECORD_SCHOOL, .removal = DB_REMOVE_ARCHIVE),
	.export = "schools",
	.legend = N_("Marks: R resource classroom, C resource centre, A autism base, - not"),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "s.id, s.name, s.stage, s.sector, s.locale, s.has_resource_classroom,"
			" s.is_resource_center, s.is_autism_base, s.archived_at",
		.from = "iedesk.school s",
		.where = "s.district_id = $2::bigint",
		.filter = NAME_MATCHES("s") " OR s.name_en ILIKE " PATTERN " OR s.code ILIKE " PATTERN,
		.key_expr = { "s.name", "s.id" },
		.key_type = { "text", "bigint" },
		.select = "w.name, w.stage, w.sector, w.locale,"
			" CASE WHEN w.has_resource_classroom THEN 'R' ELSE '-' END"
			" || CASE WHEN w.is_resource_center THEN 'C' ELSE '-' END"
			" || CASE WHEN w.is_autism_base THEN 'A' ELSE '-' END,"
			" CASE WHEN w.archived_at IS NOT NULL THEN " WORD("'archived'") " ELSE coalesce(m.name, " WORD("'vacant'") ") END,"
			" CASE WHEN w.archived_at IS NOT NULL THEN 2 WHEN m.name IS NULL THEN 1 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT p.name FROM iedesk.manager_appointment a"
			" JOIN iedesk.person p ON p.id = a.person_id"
			" WHERE a.school_id = w.id AND a.ended_on IS NULL LIMIT 1) m ON true",
	},
};

/* A district's consortia (an alliance across districts is no district's: its members' districts see it in
 * their schools' details, and everyone in the Regions pane). Archived consortia stay at their place, dim.
 * Rural counts the current members in a town or a village: the weaker schools the consortium is there to
 * support. */
const struct db_list_spec db_list_consortia = {
	.name = "consortia", .title = N_("Consortia"), .filter_hint = N_("name or code"),
	COLUMNS(consortium_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_CONSORTIUM, .id_key = 1),
	.rows_of = "consortium", .shows = "school consortium_member shared_resource",
	.editing = EDITING(.new_kind = DB_RECORD_CONSORTIUM, .parent_column = "district_id",
		.today_column = "founded_on", .edit_kind = DB_RECORD_CONSORTIUM, .removal = DB_REMOVE_ARCHIVE),
	.export = "consortia",
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "c.id, c.code, c.name, c.kind, c.lead_school_id, c.lead_partner_id, c.archived_at",
		.from = "iedesk.consortium c",
		.where = "c.district_id = $2::bigint",
		.filter = "c.name ILIKE " PATTERN " OR c.code ILIKE " PATTERN,
		.key_expr = { "c.name", "c.id" },
		.key_type = { "text", "bigint" },
		.select = "w.code, w.name, " CONSORTIUM_KIND("w.kind") ", coalesce(l.name, ''),"
			" m.members::text, m.rural::text, r.shares::text,"
			" CASE WHEN w.archived_at IS NOT NULL THEN 2 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT s.name FROM iedesk.school s WHERE s.id = w.lead_school_id"
			" UNION ALL SELECT p.name FROM iedesk.partner p WHERE p.id = w.lead_partner_id LIMIT 1) l ON true"
			" CROSS JOIN LATERAL (SELECT count(*) AS members,"
			" count(*) FILTER (WHERE s.locale IN ('town', 'village')) AS rural"
			" FROM iedesk.consortium_member cm JOIN iedesk.school s ON s.id = cm.school_id"
			" WHERE cm.consortium_id = w.id AND cm.left_on IS NULL) m"
			" CROSS JOIN LATERAL (SELECT count(*) AS shares FROM iedesk.shared_resource r"
			" WHERE r.consortium_id = w.id) r",
	},
};

/* Sorted by the school's name, which 0031 keeps on the member row (an alliance has thousands of members:
 * the window walks their (consortium_id, school_name, id) index); each member's school is joined to it
 * laterally, for its locale and the filter's pinyin, kept apart by OFFSET 0 so that no plan merges the
 * whole table by school instead.
 * Former members stay, dim. */
const struct db_list_spec db_list_consortium_members = {
	.name = "consortium-members", .title = N_("Members"), .filter_hint = N_("school name"),
	COLUMNS(member_columns), .nkeys = 2,
	.rows_of = "consortium_member", .shows = "school shared_resource",
	.editing = EDITING(.new_kind = DB_RECORD_CONSORTIUM_MEMBER, .parent_column = "consortium_id",
		.today_column = "joined_on", .edit_kind = DB_RECORD_CONSORTIUM_MEMBER,
		.removal = DB_REMOVE_END_MEMBERSHIP, .removal_question = N_("End today the membership of"),
		.removal_done = N_("the membership ended today"), .removal_none = N_("that school had already left")),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "m.id, m.consortium_id, m.school_id, m.role, m.joined_on, m.left_on,"
			" m.school_name, s.locale",
		.from = "iedesk.consortium_member m CROSS JOIN LATERAL (SELECT s.name, s.name_pinyin, s.locale"
			" FROM iedesk.school s WHERE s.id = m.school_id OFFSET 0) s",
		.where = "m.consortium_id = $2::bigint",
		.filter = NAME_MATCHES("s"),
		.key_expr = { "m.school_name", "m.id" },
		.key_type = { "text", "bigint" },
		.select = "w.school_name, w.role, w.locale,"
			" CASE WHEN w.locale IN ('town', 'village') THEN 'yes' ELSE '' END,"
			" to_char(w.joined_on, 'YYYY-MM-DD'), coalesce(to_char(w.left_on, 'YYYY-MM-DD'), ''),"
			" r.shares::text, CASE WHEN w.left_on IS NOT NULL THEN 2 ELSE 0 END",
		.joins = " CROSS JOIN LATERAL (SELECT count(*) AS shares FROM iedesk.shared_resource r"
			" WHERE r.consortium_id = w.consortium_id AND r.provider_school_id = w.school_id) r",
	},
};

/* Keyed by the first 200 characters of the description, as the index of 0006 is: a whole one (up to
 * 1000 characters) can outgrow a btree entry. Ties past them fall to the id. */
const struct db_list_spec db_list_shared_resources = {
	.name = "shared-resources", .title = N_("Shared resources"), .filter_hint = N_("description or provider"),
	COLUMNS(resource_columns), .nkeys = 2,
	.rows_of = "shared_resource", .shows = "school",
	.editing = EDITING(.new_kind = DB_RECORD_SHARED_RESOURCE, .parent_column = "consortium_id",
		.edit_kind = DB_RECORD_SHARED_RESOURCE, .removal = DB_REMOVE_DELETE_RESOURCE,
		.removal_question = N_("Remove the shared resource"), .removal_done = N_("the shared resource is removed"),
		.removal_none = N_("it was already removed")),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "r.id, r.kind, r.description, r.capacity, s.name AS provider_name",
		.from = "iedesk.shared_resource r JOIN iedesk.school s ON s.id = r.provider_school_id",
		.where = "r.consortium_id = $2::bigint",
		.filter = "r.description ILIKE " PATTERN " OR " NAME_MATCHES("s"),
		.key_expr = { "left(r.description, 200)", "r.id" },
		.key_type = { "text", "bigint" },
		.select = "w.kind, " ONE_LINE("w.description") ", w.provider_name, coalesce(w.capacity::text, ''), 0",
		.joins = "",
	},
};

/* ---- the records edited here: each one's form, described once (the schema of 0001 is the truth) ---- */

static const char *const locale_class_choices[] = { "urban", "suburban", "rural", NULL };
static const char *const stage_choices[] = {
	"preschool", "primary", "junior", "senior", "nine-year", "vocational", "special", "art", NULL
};
static const char *const sector_choices[] = { "public", "private", NULL };
static const char *const locale_choices[] = { "urban", "town", "village", NULL };
static const char *const consortium_kind_choices[] = {
	"education-association", "alliance", "home-school-alliance", "partnership", NULL
};
static const char *const partner_kind_choices[] = { "families", "community", "business", "university", "ngo", NULL };
static const char *const member_role_choices[] = { "lead", "member", NULL };
static const char *const resource_kind_choices[] = { "teacher", "course", "equipment", "material", NULL };

static const struct db_field district_fields[] = {
	TEXT_FIELD("code", N_("Code"), true, 20, N_("short code, e.g. HR")),
	TEXT_FIELD("name", N_("Name"), true, 100, NULL),
	CHOICE_FIELD("locale_class", N_("Locale class"), true, locale_class_choices, N_("urban, suburban or rural")),
};

const struct db_record_def db_record_district = {
	.name = "district", .title = N_("District"), .table = "iedesk.district",
	FIELDS(district_fields), .archivable = true,
};

static const struct db_field school_fields[] = {
	LOOKUP_FIELD("district_id", N_("District"), true, DB_LOOKUP_DISTRICT),
	TEXT_FIELD("code", N_("Code"), true, 20, N_("unique code, e.g. HR-001")),
	TEXT_FIELD("name", N_("Name"), true, 100, NULL),
	TEXT_FIELD("name_en", N_("English name"), false, 200, NULL),
	CHOICE_FIELD("stage", N_("Stage"), true, stage_choices, NULL),
	CHOICE_FIELD("sector", N_("Sector"), true, sector_choices, N_("public or private")),
	CHOICE_FIELD("locale", N_("Locale"), true, locale_choices, N_("urban, town or village")),
	BOOL_FIELD("has_resource_classroom", N_("Resource classroom")),
	BOOL_FIELD("is_resource_center", N_("Resource center")),
	BOOL_FIELD("is_autism_base", N_("Autism base")),
	MULTILINE_FIELD("address", N_("Address"), false, 300),
	TEXT_FIELD("phone", N_("Phone"), false, 40, NULL),
	TEXT_FIELD("headteacher", N_("Headteacher"), false, 100, NULL),
};

const struct db_record_def db_record_school = {
	.name = "school", .title = N_("School"), .table = "iedesk.school",
	FIELDS(school_fields), .archivable = true,
	.defaults = DEFAULTS({ "sector", "public" }, { "has_resource_classroom", "f" },
		{ "is_resource_center", "f" }, { "is_autism_base", "f" }),
};

static const struct db_field consortium_fields[] = {
	LOOKUP_FIELD("district_id", N_("District"), false, DB_LOOKUP_DISTRICT),
	TEXT_FIELD("code", N_("Code"), true, 20, N_("unique code")),
	TEXT_FIELD("name", N_("Name"), true, 100, NULL),
	CHOICE_FIELD("kind", N_("Kind"), true, consortium_kind_choices, NULL),
	LOOKUP_FIELD("lead_school_id", N_("Lead school"), false, DB_LOOKUP_SCHOOL),
	DATE_FIELD("founded_on", N_("Founded"), false),
	CHOICE_FIELD("partner_kind", N_("Partner kind"), false, partner_kind_choices, N_("partnerships only")),
	LOOKUP_FIELD("lead_partner_id", N_("Lead partner"), false, DB_LOOKUP_PARTNER),
};

const struct db_record_def db_record_consortium = {
	.name = "consortium", .title = N_("Consortium"), .table = "iedesk.consortium",
	FIELDS(consortium_fields), .archivable = true,
};

static const struct db_field consortium_member_fields[] = {
	LOOKUP_FIELD("consortium_id", N_("Consortium"), true, DB_LOOKUP_CONSORTIUM),
	LOOKUP_FIELD("school_id", N_("School"), true, DB_LOOKUP_SCHOOL),
	CHOICE_FIELD("role", N_("Role"), true, member_role_choices, N_("lead or member")),
	DATE_FIELD("joined_on", N_("Joined"), true),
	DATE_FIELD("left_on", N_("Left"), false),
};

const struct db_record_def db_record_consortium_member = {
	.name = "consortium-member", .title = N_("Consortium member"), .table = "iedesk.consortium_member",
	FIELDS(consortium_member_fields),
	.defaults = DEFAULTS({ "role", "member" }),
};

static const struct db_field shared_resource_fields[] = {
	LOOKUP_FIELD("consortium_id", N_("Consortium"), true, DB_LOOKUP_CONSORTIUM),
	LOOKUP_FIELD("provider_school_id", N_("Provider school"), true, DB_LOOKUP_SCHOOL),
	CHOICE_FIELD("kind", N_("Kind"), true, resource_kind_choices, N_("teacher, course, equipment or material")),
	MULTILINE_FIELD("description", N_("Description"), true, 1000),
	INT_FIELD("capacity", N_("Capacity"), false, 0, 100000, N_("how many it serves")),
};

const struct db_record_def db_record_shared_resource = {
	.name = "shared-resource", .title = N_("Shared resource"), .table = "iedesk.shared_resource",
	FIELDS(shared_resource_fields),
};

/* ---- the details Enter opens here: sections and labels as codes of list.c's messages, words, dates
 * and sentences marked (LABEL, WORD, DATE, MESSAGE), so that they are shown in the chosen language ---- */

#define YES_NO(e) "CASE WHEN " e " THEN " WORD("'yes'") " ELSE " WORD("'no'") " END"

/* Where a need category has fewer than 3 cases at a school it is not named (0023): those cases are one line,
 * with "<3" when they are fewer than 3 in all. */
#define NEED_CATEGORY(e) "coalesce(" WORD(e) ", " LABEL("small-cells") ")"
/* So by placement (0029's case_placement_counts): the settings with fewer than 3 cases are one line. */
#define PLACEMENT(e) "coalesce(" WORD(e) ", " LABEL("small-placements") ")"

static const char district_sql[] = DETAIL_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label, d.name AS value"
	" FROM iedesk.district d WHERE d.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, " LABEL("district") ", v.label, v.value FROM iedesk.district d,"
	" LATERAL (VALUES (1, " LABEL("name") ", d.name), (2, " LABEL("code") ", d.code),"
	"  (3, " LABEL("locale") ", " WORD("d.locale_class") ")) v(pos, label, value)"
	" WHERE d.id = $1::bigint"
	" UNION ALL"
	" SELECT 2, v.pos, " LABEL("schools") ", v.label, v.value::text FROM iedesk.district d,"
	" LATERAL (SELECT count(*) FILTER (WHERE s.archived_at IS NULL) AS open,"
	"  count(*) FILTER (WHERE s.archived_at IS NOT NULL) AS archived,"
	"  count(*) FILTER (WHERE s.archived_at IS NULL AND s.has_resource_classroom) AS classrooms,"
	"  count(*) FILTER (WHERE s.archived_at IS NULL AND s.is_resource_center) AS centers,"
	"  count(*) FILTER (WHERE s.archived_at IS NULL AND s.is_autism_base) AS autism,"
	"  count(*) FILTER (WHERE s.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM iedesk.manager_appointment a"
	"   WHERE a.school_id = s.id AND a.ended_on IS NULL)) AS vacant"
	"  FROM iedesk.school s WHERE s.district_id = d.id) c,"
	" LATERAL (VALUES (1, " LABEL("schools-open") ", c.open), (2, " LABEL("archived-count") ", c.archived),"
	"  (3, " LABEL("resource-classrooms") ", c.classrooms), (4, " LABEL("resource-centers") ", c.centers),"
	"  (5, " LABEL("autism-bases") ", c.autism), (6, " LABEL("without-manager") ", c.vacant))"
	"  v(pos, label, value)"
	" WHERE d.id = $1::bigint"
	" UNION ALL"
	" SELECT 3, row_number() OVER (ORDER BY c.name, c.id), " LABEL("consortia") ", " WORD(CONSORTIUM_KIND("c.kind")) ","
	" " MESSAGE("name-members", "c.name", "(SELECT count(*) FROM iedesk.consortium_member m WHERE m.consortium_id = c.id"
	"  AND m.left_on IS NULL)")
	" FROM iedesk.consortium c WHERE c.district_id = $1::bigint AND c.archived_at IS NULL"
	" UNION ALL"
	" SELECT 4, v.pos, " LABEL("meetings") ", v.label, v.value FROM iedesk.district d,"
	" LATERAL (SELECT count(*) AS held, count(*) FILTER (WHERE m.status = 'draft') AS drafts,"
	"  max(m.held_on) AS latest FROM iedesk.meeting m WHERE m.district_id = d.id) c,"
	" LATERAL (SELECT count(*) AS open, count(*) FILTER (WHERE ai.due_on < iedesk.today()) AS overdue"
	"  FROM iedesk.meeting m JOIN iedesk.decision dd ON dd.meeting_id = m.id"
	"  JOIN iedesk.action_item ai ON ai.decision_id = dd.id"
	"  WHERE m.district_id = d.id AND ai.status IN ('open', 'in-progress')) w,"
	" LATERAL (VALUES (1, " LABEL("held") ", c.held::text), (2, " LABEL("drafts") ", c.drafts::text),"
	"  (3, " LABEL("latest") ", coalesce(" DATE("c.latest") ", '')), (4, " LABEL("open-actions") ", w.open::text),"
	"  (5, " LABEL("overdue-actions") ", w.overdue::text)) v(pos, label, value)"
	" WHERE d.id = $1::bigint"
	" UNION ALL"
	" SELECT 5, v.pos, " LABEL("inspections") ", v.label, v.value::text FROM iedesk.district d,"
	" LATERAL (SELECT count(*) FILTER (WHERE i.status = 'planned') AS planned,"
	"  count(*) FILTER (WHERE i.status = 'done') AS done,"
	"  count(*) FILTER (WHERE i.status = 'closed') AS closed,"
	"  count(*) FILTER (WHERE iedesk.inspection_overdue_days(i.id, i.status, i.planned_on) IS NOT NULL) AS overdue"
	"  FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id WHERE s.district_id = d.id) c,"
	" LATERAL (VALUES (1, " LABEL("planned-count") ", c.planned), (2, " LABEL("done-count") ", c.done),"
	"  (3, " LABEL("closed-count") ", c.closed), (4, " LABEL("overdue-count") ", c.overdue)) v(pos, label, value)"
	" WHERE d.id = $1::bigint"
	" UNION ALL"
	" SELECT 6, row_number() OVER (ORDER BY c.need_category), " LABEL("students") ", " NEED_CATEGORY("c.need_category") ","
	" CASE WHEN NOT bool_or(c.count IS NULL) THEN sum(c.count)::text"
	"  WHEN sum(c.count) IS NULL THEN " MESSAGE("small-at", "count(*) FILTER (WHERE c.count IS NULL)")
	"  ELSE " MESSAGE("count-small-at", "sum(c.count)", "count(*) FILTER (WHERE c.count IS NULL)") " END"
	" FROM iedesk.student_case_counts c JOIN iedesk.school s ON s.id = c.school_id"
	" WHERE s.district_id = $1::bigint AND s.archived_at IS NULL GROUP BY c.need_category"
	DETAIL_HISTORY("district", "")
	DETAIL_TAIL;

const struct db_detail_spec db_detail_district = {
	.sql = district_sql,
	.shows = "district school manager_appointment person consortium",
};

/* A detail's partnerships (of the school or the consortium whose id is $1, by column): the partner, what it
 * brings, since and until when; and its activities (those cond picks), the latest ten, with who came. */
#define PARTNERSHIPS_PART(part, column) \
	" UNION ALL" \
	" SELECT " #part ", row_number() OVER (ORDER BY ps.status = 'ended', ps.from_on DESC NULLS LAST, ps.id)," \
	" " LABEL("partnerships") ", p.name," \
	" " MESSAGE("partnership-line", WORD("ps.status"), "coalesce(" DB_BRINGS_SQL("ps") ", '')", \
		"coalesce(" DATE("ps.from_on") ", '')", "coalesce(" DATE("ps.to_on") ", " LABEL("now") ")") \
	" FROM iedesk.partnership ps JOIN iedesk.partner p ON p.id = ps.partner_id WHERE " column " = $1::bigint"
#define ACTIVITIES_PART(part, cond) \
	" UNION ALL" \
	" SELECT " #part ", x.n, " LABEL("activities") ", " DATE("x.held_on") ", x.line FROM (" \
	" SELECT row_number() OVER (ORDER BY a.held_on DESC, a.id DESC) AS n, a.held_on, " \
	MESSAGE("activity-line", WORD("a.kind"), ONE_LINE("a.title"), "a.parents", "a.teachers", "a.students", "a.partners") \
	" AS line FROM iedesk.activity a WHERE " cond " ORDER BY a.held_on DESC, a.id DESC LIMIT 10) x"

static const char school_sql[] = DETAIL_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label, s.name AS value"
	" FROM iedesk.school s WHERE s.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, " LABEL("school") ", v.label, coalesce(v.value, '')"
	" FROM iedesk.school s JOIN iedesk.district d ON d.id = s.district_id,"
	" LATERAL (VALUES (1, " LABEL("name") ", s.name), (2, " LABEL("english-name") ", s.name_en),"
	"  (3, " LABEL("code") ", s.code), (4, " LABEL("district-of") ", " NAME_CODE("d.name", "d.code") "),"
	"  (5, " LABEL("stage") ", " WORD("s.stage") "), (6, " LABEL("sector") ", " WORD("s.sector") "),"
	"  (7, " LABEL("locale") ", " WORD("s.locale") "),"
	"  (8, " LABEL("resource-classroom") ", " YES_NO("s.has_resource_classroom") "),"
	"  (9, " LABEL("resource-center") ", " YES_NO("s.is_resource_center") "),"
	"  (10, " LABEL("autism-base") ", " YES_NO("s.is_autism_base") "),"
	"  (11, " LABEL("address") ", s.address), (12, " LABEL("phone") ", s.phone),"
	"  (13, " LABEL("headteacher") ", s.headteacher),"
	"  (14, " LABEL("archived") ", " DATE("s.archived_at") ")) v(pos, label, value)"
	" WHERE s.id = $1::bigint AND (v.pos <> 14 OR s.archived_at IS NOT NULL)"
	" UNION ALL"
	" SELECT 2, v.pos, " LABEL("manager") ", v.label, coalesce(v.value, '')"
	" FROM iedesk.manager_appointment a JOIN iedesk.person p ON p.id = a.person_id,"
	" LATERAL (VALUES (1, " LABEL("name") ", p.name), (2, " LABEL("since") ", " DATE("a.started_on") "),"
	"  (3, " LABEL("workload") ", " WORD("a.workload") "), (4, " LABEL("phone") ", p.phone),"
	"  (5, " LABEL("email") ", p.email)) v(pos, label, value)"
	" WHERE a.school_id = $1::bigint AND a.ended_on IS NULL"
	" UNION ALL"
	" SELECT 2, 0, " LABEL("manager") ", '', coalesce(" PHRASE("vacant-since", DATE("(SELECT max(a.ended_on) + 1"
	"  FROM iedesk.manager_appointment a WHERE a.school_id = s.id)")) ", " WORD("'vacant'") ")"
	" FROM iedesk.school s WHERE s.id = $1::bigint AND s.archived_at IS NULL"
	" AND NOT EXISTS (SELECT 1 FROM iedesk.manager_appointment a WHERE a.school_id = s.id AND a.ended_on IS NULL)"
	" UNION ALL"
	" SELECT 3, row_number() OVER (ORDER BY t.held_on DESC, t.id DESC), " LABEL("trainings") ","
	" " DATE("t.held_on") ", CASE WHEN t.held_on > iedesk.today()"
	"  THEN " MESSAGE("training-not-held", "t.title", "trim_scale(t.hours)")
	"  ELSE " MESSAGE("training-hours", "t.title", "trim_scale(t.hours)") " END"
	" FROM iedesk.manager_appointment a JOIN iedesk.training_attendance ta ON ta.person_id = a.person_id"
	" JOIN iedesk.training t ON t.id = ta.training_id"
	" WHERE a.school_id = $1::bigint AND a.ended_on IS NULL"
	" UNION ALL"
	" SELECT 3, 0, " LABEL("trainings") ", '', " LABEL("none-recorded")
	" FROM iedesk.manager_appointment a WHERE a.school_id = $1::bigint AND a.ended_on IS NULL"
	" AND NOT EXISTS (SELECT 1 FROM iedesk.training_attendance ta WHERE ta.person_id = a.person_id)"
	" UNION ALL"
	" SELECT 4, row_number() OVER (ORDER BY a.started_on, a.id), " LABEL("manager-history") ", p.name,"
	" " MESSAGE("appointment-span", DATE("a.started_on"), "coalesce(" DATE("a.ended_on") ", " LABEL("now") ")",
		WORD("a.workload"))
	" FROM iedesk.manager_appointment a JOIN iedesk.person p ON p.id = a.person_id WHERE a.school_id = $1::bigint"
	" UNION ALL"
	" SELECT 5, row_number() OVER (ORDER BY c.name, c.id), " LABEL("consortia") ", " WORD("cm.role") ","
	" CASE WHEN cm.left_on IS NULL THEN " MESSAGE("consortium-joined", "c.name", DATE("cm.joined_on"))
	"  ELSE " MESSAGE("consortium-joined-left", "c.name", DATE("cm.joined_on"), DATE("cm.left_on")) " END"
	" FROM iedesk.consortium_member cm JOIN iedesk.consortium c ON c.id = cm.consortium_id"
	" WHERE cm.school_id = $1::bigint"
	" UNION ALL"
	" SELECT 6, row_number() OVER (ORDER BY r.kind, r.id), " LABEL("shared-resources") ", " LABEL("provides") ","
	" CASE WHEN r.capacity IS NULL THEN " MESSAGE("resource-in", WORD("r.kind"), "r.description", "c.name")
	"  ELSE " MESSAGE("resource-in-capacity", WORD("r.kind"), "r.description", "c.name", "r.capacity") " END"
	" FROM iedesk.shared_resource r JOIN iedesk.consortium c ON c.id = r.consortium_id"
	" WHERE r.provider_school_id = $1::bigint"
	" UNION ALL"
	" SELECT 7, row_number() OVER (ORDER BY r.kind, r.id), " LABEL("shared-resources") ", " LABEL("receives") ","
	" CASE WHEN r.capacity IS NULL THEN " MESSAGE("resource-from", WORD("r.kind"), "r.description", "ps.name")
	"  ELSE " MESSAGE("resource-from-capacity", WORD("r.kind"), "r.description", "ps.name", "r.capacity") " END"
	" FROM iedesk.consortium_member cm"
	" JOIN iedesk.shared_resource r ON r.consortium_id = cm.consortium_id AND r.provider_school_id <> cm.school_id"
	" JOIN iedesk.school ps ON ps.id = r.provider_school_id"
	" WHERE cm.school_id = $1::bigint AND cm.left_on IS NULL"
	" UNION ALL"
	" SELECT 8, row_number() OVER (ORDER BY i.planned_on DESC, i.id DESC), " LABEL("inspections") ", "
	DATE("i.planned_on") ","
	" " MESSAGE("list", WORD("i.kind"), WORD("i.status"), PHRASE("visited-on", DATE("i.visited_on")), "p.name",
		PHRASE("days-overdue", "iedesk.inspection_overdue_days(i.id, i.status, i.planned_on)"))
	" FROM iedesk.inspection i LEFT JOIN iedesk.person p ON p.id = i.inspector_person_id"
	" WHERE i.school_id = $1::bigint"
	" UNION ALL"
	" SELECT 9, row_number() OVER (ORDER BY c.need_category), " LABEL("students") ","
	" " NEED_CATEGORY("c.need_category") ", c.shown FROM iedesk.student_case_counts c"
	" WHERE c.school_id = $1::bigint"
	" UNION ALL"
	" SELECT 10, v.pos, " LABEL("case-counts") ", v.label, v.value FROM iedesk.case_school_counts k,"
	" LATERAL (VALUES (0, " LABEL("open-cases") ", k.cases_shown), (1000, " LABEL("reviews-overdue") ","
	"  k.overdue_shown)) v(pos, label, value)"
	" WHERE k.school_id = $1::bigint"
	" UNION ALL"
	" SELECT 10, row_number() OVER (ORDER BY c.placement NULLS LAST), " LABEL("case-counts") ","
	" " PLACEMENT("c.placement") ", c.shown FROM iedesk.case_placement_counts c WHERE c.school_id = $1::bigint"
	PARTNERSHIPS_PART(11, "ps.school_id")
	ACTIVITIES_PART(12, "a.school_id = $1::bigint")
	DETAIL_HISTORY("school", "")
	DETAIL_TAIL;

const struct db_detail_spec db_detail_school = {
	.sql = school_sql,
	.shows = "school district manager_appointment person consortium consortium_member shared_resource "
		"inspection finding training training_attendance student_case case_placement case_review iep partner partnership "
		"activity",
};

/* Rural and weak members: current members in a town or a village, or without a resource classroom
 * (a resource center is not weak for lacking one); what the others share is what they can use. */
#define RURAL(s) s ".locale IN ('town', 'village')"
#define NO_CLASSROOM(s) "(NOT " s ".has_resource_classroom AND NOT " s ".is_resource_center)"
#define WEAK(s) "(" RURAL(s) " OR " NO_CLASSROOM(s) ")"
#define WEAKNESS(s) MESSAGE("list", "CASE WHEN " RURAL(s) " THEN " WORD("'rural'") " END", \
	"CASE WHEN " NO_CLASSROOM(s) " THEN " LABEL("no-resource-classroom") " END")
/* A message's parts gathered from rows (string_agg), as one "list" message. */
#define LIST_AGG(e, ...) "(E'\\x1clist\\x1f' || string_agg(" e ", E'\\x1f' " __VA_ARGS__ ") || E'\\x1a')"

static const char consortium_sql[] = DETAIL_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label, c.name AS value"
	" FROM iedesk.consortium c WHERE c.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, " LABEL("consortium") ", v.label, coalesce(v.value, '')"
	" FROM iedesk.consortium c LEFT JOIN iedesk.district d ON d.id = c.district_id"
	" LEFT JOIN iedesk.school l ON l.id = c.lead_school_id LEFT JOIN iedesk.partner lp ON lp.id = c.lead_partner_id"
	" LEFT JOIN iedesk.region g ON g.id = c.region_id,"
	" LATERAL (VALUES (1, " LABEL("name") ", c.name), (2, " LABEL("code") ", c.code),"
	"  (3, " LABEL("kind") ", " WORD("c.kind") "),"
	"  (4, " LABEL("district-of") ", CASE WHEN d.id IS NOT NULL THEN " NAME_CODE("d.name", "d.code") " END),"
	"  (5, " LABEL("lead-school") ", l.name),"
	"  (6, " LABEL("founded") ", " DATE("c.founded_on") "), (7, " LABEL("partner-kind") ", " WORD("c.partner_kind") "),"
	"  (8, " LABEL("archived") ", " DATE("c.archived_at") "), (9, " LABEL("lead-partner") ", lp.name),"
	"  (10, " LABEL("region") ", CASE WHEN g.id IS NOT NULL THEN " NAME_CODE("g.name", "g.code") " END)) v(pos, label, value)"
	" WHERE c.id = $1::bigint AND (v.pos NOT IN (4, 7, 8, 9, 10) OR v.value IS NOT NULL)"
	"  AND (v.pos <> 5 OR c.lead_partner_id IS NULL)"
	" UNION ALL"
	/* current members first, the lead first among them; former ones after, with the day they left */
	" SELECT 2, row_number() OVER (ORDER BY cm.left_on IS NOT NULL, cm.role, s.name, cm.id), " LABEL("members") ","
	" " WORD("cm.role") ","
	" CASE WHEN cm.left_on IS NOT NULL"
	"  THEN " MESSAGE("member-left", "s.name", WORD("s.locale"), DATE("cm.joined_on"), DATE("cm.left_on"))
	"  WHEN " WEAK("s") " THEN " MESSAGE("member-joined-weak", "s.name", WORD("s.locale"), DATE("cm.joined_on"),
		WEAKNESS("s"))
	"  ELSE " MESSAGE("member-joined", "s.name", WORD("s.locale"), DATE("cm.joined_on")) " END"
	" FROM iedesk.consortium_member cm JOIN iedesk.school s ON s.id = cm.school_id"
	" WHERE cm.consortium_id = $1::bigint"
	" UNION ALL"
	/* an alliance across districts: how many of its members each district has */
	" SELECT 2, 100000 + row_number() OVER (ORDER BY d.name, d.id), " LABEL("member-districts") ","
	" " NAME_CODE("d.name", "d.code") ", count(*)::text"
	" FROM iedesk.consortium c JOIN iedesk.consortium_member cm ON cm.consortium_id = c.id AND cm.left_on IS NULL"
	" JOIN iedesk.school s ON s.id = cm.school_id JOIN iedesk.district d ON d.id = s.district_id"
	" WHERE c.id = $1::bigint AND c.district_id IS NULL GROUP BY d.id, d.name, d.code"
	" UNION ALL"
	/* grouped by provider: the provider named on the first line of its group */
	" SELECT 3, row_number() OVER (ORDER BY ps.name, ps.id, r.kind, r.id), " LABEL("shared-resources") ","
	" CASE WHEN row_number() OVER (PARTITION BY ps.id ORDER BY r.kind, r.id) = 1 THEN ps.name ELSE '' END,"
	" CASE WHEN r.capacity IS NULL THEN " MESSAGE("resource", WORD("r.kind"), "r.description")
	"  ELSE " MESSAGE("resource-capacity", WORD("r.kind"), "r.description", "r.capacity") " END"
	" FROM iedesk.shared_resource r JOIN iedesk.school ps ON ps.id = r.provider_school_id"
	" WHERE r.consortium_id = $1::bigint"
	" UNION ALL"
	" SELECT 4, row_number() OVER (ORDER BY s.name, cm.id), " LABEL("rural-weak") ", s.name,"
	" CASE WHEN u.uses IS NULL THEN " MESSAGE("weak-shares-nothing", WEAKNESS("s"))
	"  ELSE " MESSAGE("weak-can-use", WEAKNESS("s"), "u.uses") " END"
	" FROM iedesk.consortium_member cm JOIN iedesk.school s ON s.id = cm.school_id,"
	" LATERAL (SELECT " LIST_AGG(MESSAGE("name-code", "g.kinds", "g.provider"), "ORDER BY g.provider, g.id") " AS uses"
	"  FROM (SELECT ps.id, ps.name AS provider,"
	"   " LIST_AGG("DISTINCT " WORD("r.kind"), "ORDER BY " WORD("r.kind")) " AS kinds"
	"   FROM iedesk.shared_resource r JOIN iedesk.school ps ON ps.id = r.provider_school_id"
	"   WHERE r.consortium_id = cm.consortium_id AND r.provider_school_id <> cm.school_id"
	"   GROUP BY ps.id, ps.name) g) u"
	" WHERE cm.consortium_id = $1::bigint AND cm.left_on IS NULL AND " WEAK("s")
	" UNION ALL"
	" SELECT 4, 0, " LABEL("rural-weak") ", '', " WORD("'none'")
	" FROM iedesk.consortium c WHERE c.id = $1::bigint AND NOT EXISTS (SELECT 1 FROM iedesk.consortium_member cm"
	"  JOIN iedesk.school s ON s.id = cm.school_id WHERE cm.consortium_id = c.id AND cm.left_on IS NULL"
	"  AND " WEAK("s") ")"
	" UNION ALL"
	" SELECT 5, row_number() OVER (ORDER BY ac.login), " LABEL("coordinators") ", " SQL_LOGIN("ac.login") ","
	" " DATE("ac.assigned_on")
	" FROM iedesk.alliance_coordinator ac WHERE ac.consortium_id = $1::bigint"
	" UNION ALL"
	" SELECT 6, row_number() OVER (ORDER BY cm.left_on IS NOT NULL, cm.role, p.name, cm.id), " LABEL("parent-committee") ","
	" " WORD("cm.role") ", CASE WHEN cm.left_on IS NULL THEN " MESSAGE("consortium-joined", "p.name", DATE("cm.joined_on"))
	"  ELSE " MESSAGE("consortium-joined-left", "p.name", DATE("cm.joined_on"), DATE("cm.left_on")) " END"
	" FROM iedesk.committee_member cm JOIN iedesk.person p ON p.id = cm.person_id WHERE cm.consortium_id = $1::bigint"
	PARTNERSHIPS_PART(7, "ps.consortium_id")
	ACTIVITIES_PART(8, "a.consortium_id = $1::bigint")
	DETAIL_HISTORY("consortium", "")
	DETAIL_TAIL;

const struct db_detail_spec db_detail_consortium = {
	.sql = consortium_sql,
	.shows = "consortium consortium_member shared_resource school district partner region committee_member person"
		" partnership activity",
};
