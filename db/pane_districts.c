/* pane_districts: the Districts pane's lists, each in one spec (columns, query, what Enter opens, what it
 * watches and edits): districts, their schools and consortia, a consortium's members and shared resources. */
#include "db/private.h"

static const struct db_column district_columns[] = {
	{ "code", "Code", 6, 4, DB_ALIGN_LEFT },
	{ "district", "District", 0, 10, DB_ALIGN_LEFT },
	{ "locale", "Locale", 8, 5, DB_ALIGN_LEFT },
	{ "schools", "Schools", 7, 3, DB_ALIGN_RIGHT },
	{ "classrooms", "Classrooms", 10, 3, DB_ALIGN_RIGHT },
	{ "centers", "Centers", 7, 3, DB_ALIGN_RIGHT },
	{ "autism", "Autism", 6, 3, DB_ALIGN_RIGHT },
	{ "vacant", "Vacant", 6, 3, DB_ALIGN_RIGHT },
};

static const struct db_column school_columns[] = {
	{ "school", "School", 0, 12, DB_ALIGN_LEFT },
	{ "stage", "Stage", 10, 7, DB_ALIGN_LEFT },
	{ "sector", "Sector", 7, 4, DB_ALIGN_LEFT },
	{ "locale", "Locale", 7, 5, DB_ALIGN_LEFT },
	{ "marks", "Marks", 5, 3, DB_ALIGN_LEFT },
	{ "manager", "Manager", 10, 6, DB_ALIGN_LEFT },
};

/* Rural: current members in a town or village, the schools a consortium exists to support. */
static const struct db_column consortium_columns[] = {
	{ "code", "Code", 8, 4, DB_ALIGN_LEFT },
	{ "consortium", "Consortium", 0, 12, DB_ALIGN_LEFT },
	{ "kind", "Kind", 11, 5, DB_ALIGN_LEFT },
	{ "lead_school", "Lead school", 14, 6, DB_ALIGN_LEFT },
	{ "members", "Members", 7, 3, DB_ALIGN_RIGHT },
	{ "rural", "Rural", 5, 3, DB_ALIGN_RIGHT },
	{ "shares", "Shares", 6, 3, DB_ALIGN_RIGHT },
};

static const struct db_column member_columns[] = {
	{ "school", "School", 0, 12, DB_ALIGN_LEFT },
	{ "role", "Role", 6, 4, DB_ALIGN_LEFT },
	{ "locale", "Locale", 7, 5, DB_ALIGN_LEFT },
	{ "rural", "Rural", 5, 3, DB_ALIGN_LEFT },
	{ "joined", "Joined", 10, 10, DB_ALIGN_LEFT },
	{ "left", "Left", 10, 5, DB_ALIGN_LEFT },
	{ "shares", "Shares", 6, 3, DB_ALIGN_RIGHT },
};

static const struct db_column resource_columns[] = {
	{ "kind", "Kind", 9, 5, DB_ALIGN_LEFT },
	{ "description", "Description", 0, 16, DB_ALIGN_LEFT },
	{ "provider", "Provider", 16, 6, DB_ALIGN_LEFT },
	{ "capacity", "Capacity", 8, 3, DB_ALIGN_RIGHT },
};

/* The long kinds of consortium shortened to fit a column. */
#define CONSORTIUM_KIND(e) "CASE " e " WHEN 'education-association' THEN 'association'" \
	" WHEN 'home-school-alliance' THEN 'home-school' ELSE " e " END"

const struct db_list_spec db_list_districts = {
	.name = "districts", .title = "Districts", .filter_hint = "name or code",
	COLUMNS(district_columns), .nkeys = 2,
	.open = OPEN(.is_list = true, .list = DB_LIST_SCHOOLS, .id_key = 1, .code_column = "code"),
	.rows_of = "district", .shows = "school manager_appointment",
	.editing = EDITING(.new_kind = DB_RECORD_DISTRICT, .edit_kind = DB_RECORD_DISTRICT,
		.removal = DB_REMOVE_ARCHIVE),
	.export = "districts",
	.query = &(const struct db_list_query){
		.columns = "d.id, d.code, d.name, d.locale_class, d.archived_at",
		.from = "iedesk.district d",
		.filter = "d.name ILIKE " PATTERN " OR d.code ILIKE " PATTERN,
		.key_expr = { "d.name", "d.id" },
		.key_type = { "text", "bigint" },
		.select = "w.code, w.name, w.locale_class, c.schools::text, c.classrooms::text, c.centers::text,"
			" c.autism::text, c.vacant::text,"
			" CASE WHEN w.archived_at IS NOT NULL THEN 2 WHEN c.vacant > 0 THEN 1 ELSE 0 END",
		.joins = " CROSS JOIN LATERAL (SELECT count(*) AS schools,"
			" count(*) FILTER (WHERE s.has_resource_classroom) AS classrooms,"
			" count(*) FILTER (WHERE s.is_resource_center) AS centers,"
			" count(*) FILTER (WHERE s.is_autism_base) AS autism,"
			" count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM iedesk.manager_appointment a"
			" WHERE a.school_id = s.id AND a.ended_on IS NULL)) AS vacant"
			" FROM iedesk.school s WHERE s.district_id = w.id AND s.archived_at IS NULL) c",
	},
};

/* Archived schools stay at their place, dim, so a district's history reads whole. */
const struct db_list_spec db_list_schools = {
	.name = "schools", .title = "Schools", .filter_hint = "name, English name or code",
	COLUMNS(school_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_SCHOOL, .id_key = 1),
	.rows_of = "school", .shows = "district manager_appointment person",
	.editing = EDITING(.new_kind = DB_RECORD_SCHOOL, .parent_column = "district_id",
		.edit_kind = DB_RECORD_SCHOOL, .removal = DB_REMOVE_ARCHIVE),
	.export = "schools",
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "s.id, s.name, s.stage, s.sector, s.locale, s.has_resource_classroom,"
			" s.is_resource_center, s.is_autism_base, s.archived_at",
		.from = "iedesk.school s",
		.where = "s.district_id = $2::bigint",
		.filter = "s.name ILIKE " PATTERN " OR s.name_en ILIKE " PATTERN " OR s.code ILIKE " PATTERN,
		.key_expr = { "s.name", "s.id" },
		.key_type = { "text", "bigint" },
		.select = "w.name, w.stage, w.sector, w.locale,"
			" CASE WHEN w.has_resource_classroom THEN 'R' ELSE '-' END"
			" || CASE WHEN w.is_resource_center THEN 'C' ELSE '-' END"
			" || CASE WHEN w.is_autism_base THEN 'A' ELSE '-' END,"
			" CASE WHEN w.archived_at IS NOT NULL THEN 'archived' ELSE coalesce(m.name, 'vacant') END,"
			" CASE WHEN w.archived_at IS NOT NULL THEN 2 WHEN m.name IS NULL THEN 1 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT p.name FROM iedesk.manager_appointment a"
			" JOIN iedesk.person p ON p.id = a.person_id"
			" WHERE a.school_id = w.id AND a.ended_on IS NULL LIMIT 1) m ON true",
	},
};

/* Archived consortia stay at their place, dim. Rural counts the current members in a town or a
 * village: the weaker schools the consortium is there to support. */
const struct db_list_spec db_list_consortia = {
	.name = "consortia", .title = "Consortia", .filter_hint = "name or code",
	COLUMNS(consortium_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_CONSORTIUM, .id_key = 1),
	.rows_of = "consortium", .shows = "school consortium_member shared_resource",
	.editing = EDITING(.new_kind = DB_RECORD_CONSORTIUM, .parent_column = "district_id",
		.today_column = "founded_on", .edit_kind = DB_RECORD_CONSORTIUM, .removal = DB_REMOVE_ARCHIVE),
	.export = "consortia",
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "c.id, c.code, c.name, c.kind, c.lead_school_id, c.archived_at",
		.from = "iedesk.consortium c",
		.where = "c.district_id = $2::bigint",
		.filter = "c.name ILIKE " PATTERN " OR c.code ILIKE " PATTERN,
		.key_expr = { "c.name", "c.id" },
		.key_type = { "text", "bigint" },
		.select = "w.code, w.name, " CONSORTIUM_KIND("w.kind") ", coalesce(l.name, ''),"
			" m.members::text, m.rural::text, r.shares::text,"
			" CASE WHEN w.archived_at IS NOT NULL THEN 2 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT s.name FROM iedesk.school s WHERE s.id = w.lead_school_id"
			" LIMIT 1) l ON true"
			" CROSS JOIN LATERAL (SELECT count(*) AS members,"
			" count(*) FILTER (WHERE s.locale IN ('town', 'village')) AS rural"
			" FROM iedesk.consortium_member cm JOIN iedesk.school s ON s.id = cm.school_id"
			" WHERE cm.consortium_id = w.id AND cm.left_on IS NULL) m"
			" CROSS JOIN LATERAL (SELECT count(*) AS shares FROM iedesk.shared_resource r"
			" WHERE r.consortium_id = w.id) r",
	},
};

/* Sorted by the school's name, which lives in another table: no index orders the members that way,
 * so the window sorts the consortium's members, found by the unique (consortium_id, school_id)
 * index. A consortium has a handful of members, so that sort stays small whatever the tables hold.
 * Former members stay, dim. */
const struct db_list_spec db_list_consortium_members = {
	.name = "consortium-members", .title = "Members", .filter_hint = "school name",
	COLUMNS(member_columns), .nkeys = 2,
	.rows_of = "consortium_member", .shows = "school shared_resource",
	.editing = EDITING(.new_kind = DB_RECORD_CONSORTIUM_MEMBER, .parent_column = "consortium_id",
		.today_column = "joined_on", .edit_kind = DB_RECORD_CONSORTIUM_MEMBER,
		.removal = DB_REMOVE_END_MEMBERSHIP, .removal_question = "End today the membership of",
		.removal_done = "the membership ended today", .removal_none = "that school had already left"),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "m.id, m.consortium_id, m.school_id, m.role, m.joined_on, m.left_on,"
			" s.name AS school_name, s.locale",
		.from = "iedesk.consortium_member m JOIN iedesk.school s ON s.id = m.school_id",
		.where = "m.consortium_id = $2::bigint",
		.filter = "s.name ILIKE " PATTERN,
		.key_expr = { "s.name", "m.id" },
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
	.name = "shared-resources", .title = "Shared resources", .filter_hint = "description or provider",
	COLUMNS(resource_columns), .nkeys = 2,
	.rows_of = "shared_resource", .shows = "school",
	.editing = EDITING(.new_kind = DB_RECORD_SHARED_RESOURCE, .parent_column = "consortium_id",
		.edit_kind = DB_RECORD_SHARED_RESOURCE, .removal = DB_REMOVE_DELETE_RESOURCE,
		.removal_question = "Remove the shared resource", .removal_done = "the shared resource is removed",
		.removal_none = "it was already removed"),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "r.id, r.kind, r.description, r.capacity, s.name AS provider_name",
		.from = "iedesk.shared_resource r JOIN iedesk.school s ON s.id = r.provider_school_id",
		.where = "r.consortium_id = $2::bigint",
		.filter = "r.description ILIKE " PATTERN " OR s.name ILIKE " PATTERN,
		.key_expr = { "left(r.description, 200)", "r.id" },
		.key_type = { "text", "bigint" },
		.select = "w.kind, " ONE_LINE("w.description") ", w.provider_name, coalesce(w.capacity::text, ''), 0",
		.joins = "",
	},
};
