/* pane_regions: the Regions pane in specs — the tree of provinces and cities with their districts' figures
 * rolled up, a region's districts, the alliances, the partners that are not schools, a partner's partnerships,
 * a home-school alliance's parent committee (the Districts pane opens it too) and the year's activities (the
 * Meetings pane opens those too); the partner, partnership, committee member and activity records and the
 * partner's detail. */
#include "db/private.h"

static const struct db_column region_columns[] = {
	{ "code", N_("Code"), 8, 4, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "region", N_("Region"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "kind", N_("Kind"), 8, 4, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "districts", N_("Districts"), 9, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "open", N_("Open"), 6, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "overdue", N_("Overdue"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column region_district_columns[] = {
	{ "code", N_("Code"), 6, 4, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "district", N_("District"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "region", N_("Region"), 12, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "schools", N_("Schools"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "open", N_("Open"), 6, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "overdue", N_("Overdue"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column alliance_columns[] = {
	{ "code", N_("Code"), 8, 4, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "alliance", N_("Alliance"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "lead", N_("Lead"), 16, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "members", N_("Members"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "districts", N_("Districts"), 9, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "provinces", N_("Provinces"), 9, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "shares", N_("Shares"), 6, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column partner_columns[] = {
	{ "code", N_("Code"), 9, 4, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "partner", N_("Partner"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "kind", N_("Kind"), 13, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "district", N_("District"), 8, 4, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "contact", N_("Contact"), 8, 4, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "partnerships", N_("Partnerships"), 12, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "activities", N_("Activities"), 10, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column activity_columns[] = {
	{ "date", N_("Date"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "kind", N_("Kind"), 10, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "activity", N_("Activity"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "of", N_("Of"), 12, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "parents", N_("Parents"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "teachers", N_("Teachers"), 8, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "students", N_("Students"), 8, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "partners", N_("Partners"), 8, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column partnership_columns[] = {
	{ "with", N_("With"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "brings", N_("Brings"), 26, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "from", N_("From"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "to", N_("To"), 10, 5, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "status", N_("Status"), 8, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
};

static const struct db_column committee_columns[] = {
	{ "person", N_("Person"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "role", N_("Role"), 10, 4, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "joined", N_("Joined"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "left", N_("Left"), 10, 5, DB_ALIGN_LEFT, DB_CELL_DATE },
};

/* A district's open backlog items and the overdue ones, from 0017's tally (a few rows a district). */
#define DISTRICT_TALLY(d) \
	" CROSS JOIN LATERAL (SELECT coalesce(sum(t.n), 0) AS open," \
	" coalesce(sum(t.n) FILTER (WHERE t.due_on < iedesk.today()), 0) AS overdue" \
	" FROM iedesk.backlog_tally t WHERE t.dimension = 'district' AND t.grp = " d ".id::text) t"
/* Its open schools, counted on the (district_id, name) index. */
#define DISTRICT_SCHOOLS(d) \
	" CROSS JOIN LATERAL (SELECT count(*) AS schools FROM iedesk.school s" \
	" WHERE s.district_id = " d ".id AND s.archived_at IS NULL) s"

/* The tree walked in path order (a province, then its cities: the path as text, byte by byte, which needs
 * no operator of ltree's and so no search_path), each row with the open districts of its subtree (from the
 * path's GiST index) and its backlog from 0031's tally by region: a few hundred rows a region, however many
 * districts it holds (summing each district's, a province's first screen took 50 ms at national size).
 * Schools are counted in a region's districts, a screen of districts at a time. */
const struct db_list_spec db_list_regions = {
	.name = "regions", .title = N_("Regions"), .filter_hint = N_("name or code"),
	COLUMNS(region_columns), .nkeys = 2,
	.open = OPEN(.is_list = true, .list = DB_LIST_REGION_DISTRICTS, .id_key = 1),
	.rows_of = "region", .shows = "district school backlog",
	.export = "regions",
	.query = &(const struct db_list_query){
		.columns = "r.id, r.code, r.name, r.kind, r.path",
		.from = "iedesk.region r",
		.filter = NAME_MATCHES("r") " OR r.code ILIKE " PATTERN,
		.key_expr = { "r.path::text COLLATE \"C\"", "r.id" },
		.key_type = { "text", "bigint" },
		.select = "w.code, repeat('  ', iedesk.nlevel(w.path) - 1) || w.name, w.kind, c.districts::text,"
			" t.open::text, t.overdue::text, CASE WHEN t.overdue > 0 THEN 1 ELSE 0 END",
		.joins = " CROSS JOIN LATERAL (SELECT count(*) AS districts"
			" FROM iedesk.region rr JOIN iedesk.district d ON d.region_id = rr.id AND d.archived_at IS NULL"
			" WHERE rr.path OPERATOR(iedesk.<@) w.path) c"
			" CROSS JOIN LATERAL (SELECT coalesce(sum(t.n), 0) AS open,"
			" coalesce(sum(t.n) FILTER (WHERE t.due_on < iedesk.today()), 0) AS overdue"
			" FROM iedesk.backlog_tally t WHERE t.dimension = 'region' AND t.grp = w.id::text) t",
	},
};

/* Every district of the region's subtree, by name. */
const struct db_list_spec db_list_region_districts = {
	.name = "region-districts", .title = N_("Districts"), .filter_hint = N_("name or code"),
	COLUMNS(region_district_columns), .nkeys = 2,
	.open = OPEN(.is_list = true, .list = DB_LIST_SCHOOLS, .id_key = 1, .code_column = "code"),
	.rows_of = "district", .shows = "region school backlog",
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "d.id, d.code, d.name, d.archived_at, r.name AS region_name",
		.from = "iedesk.district d JOIN iedesk.region r ON r.id = d.region_id",
		.where = "r.path OPERATOR(iedesk.<@) (SELECT p.path FROM iedesk.region p WHERE p.id = $2::bigint)",
		.filter = NAME_MATCHES("d") " OR d.code ILIKE " PATTERN,
		.key_expr = { "d.name", "d.id" },
		.key_type = { "text", "bigint" },
		.select = "w.code, w.name, w.region_name, s.schools::text, t.open::text, t.overdue::text,"
			" CASE WHEN w.archived_at IS NOT NULL THEN 2 WHEN t.overdue > 0 THEN 1 ELSE 0 END",
		.joins = DISTRICT_SCHOOLS("w") DISTRICT_TALLY("w"),
	},
};

/* Alliances by name, those across districts and those of one; the lead a school or a partner. */
const struct db_list_spec db_list_alliances = {
	.name = "alliances", .title = N_("Alliances"), .filter_hint = N_("name or code"),
	COLUMNS(alliance_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_CONSORTIUM, .id_key = 1),
	.rows_of = "consortium", .shows = "school partner consortium_member shared_resource district region",
	.export = "alliances",
	.query = &(const struct db_list_query){
		.columns = "c.id, c.code, c.name, c.lead_school_id, c.lead_partner_id, c.archived_at",
		.from = "iedesk.consortium c",
		.where = "c.kind = 'alliance'",
		.filter = "c.name ILIKE " PATTERN " OR c.code ILIKE " PATTERN,
		.key_expr = { "c.name", "c.id" },
		.key_type = { "text", "bigint" },
		.select = "w.code, w.name, coalesce(l.name, ''), m.members::text, m.districts::text, m.provinces::text,"
			" r.shares::text, CASE WHEN w.archived_at IS NOT NULL THEN 2 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT s.name FROM iedesk.school s WHERE s.id = w.lead_school_id"
			" UNION ALL SELECT p.name FROM iedesk.partner p WHERE p.id = w.lead_partner_id LIMIT 1) l ON true"
			" CROSS JOIN LATERAL (SELECT count(*) AS members, count(DISTINCT s.district_id) AS districts,"
			" count(DISTINCT iedesk.subpath(g.path, 0, 1)) AS provinces"
			" FROM iedesk.consortium_member cm JOIN iedesk.school s ON s.id = cm.school_id"
			" JOIN iedesk.district d ON d.id = s.district_id LEFT JOIN iedesk.region g ON g.id = d.region_id"
			" WHERE cm.consortium_id = w.id AND cm.left_on IS NULL) m"
			" CROSS JOIN LATERAL (SELECT count(*) AS shares FROM iedesk.shared_resource r"
			" WHERE r.consortium_id = w.id) r",
	},
};

/* Partners by name, archived ones dim at their place. */
const struct db_list_spec db_list_partners = {
	.name = "partners", .title = N_("Partners"), .filter_hint = N_("name or code"),
	COLUMNS(partner_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_PARTNER, .id_key = 1),
	.rows_of = "partner", .shows = "district partnership activity",
	.editing = EDITING(.new_kind = DB_RECORD_PARTNER, .edit_kind = DB_RECORD_PARTNER, .removal = DB_REMOVE_ARCHIVE),
	.export = "partners",
	.query = &(const struct db_list_query){
		.columns = "p.id, p.code, p.name, p.kind, p.district_id, p.contact_name, p.archived_at",
		.from = "iedesk.partner p",
		.filter = NAME_MATCHES("p") " OR p.code ILIKE " PATTERN,
		.key_expr = { "p.name", "p.id" },
		.key_type = { "text", "bigint" },
		.select = "w.code, w.name, w.kind, coalesce(d.code, ''), coalesce(w.contact_name, ''),"
			" n.partnerships::text, n.activities::text, CASE WHEN w.archived_at IS NOT NULL THEN 2 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id) d ON true"
			" CROSS JOIN LATERAL (SELECT count(*) AS partnerships,"
			" coalesce(sum((SELECT count(*) FROM iedesk.activity a WHERE a.partnership_id = ps.id)), 0) AS activities"
			" FROM iedesk.partnership ps WHERE ps.partner_id = w.id) n",
	},
};

/* A partner's partnerships, the latest started first (those of no start date last), each with the school or
 * the consortium it is with; ended ones dim. A partner has a handful, a district's partner at national size
 * some thousands: the window walks (partner_id, start, id). */
const struct db_list_spec db_list_partnerships = {
	.name = "partnerships", .title = N_("Partnerships"), .filter_hint = N_("school or consortium"),
	COLUMNS(partnership_columns), .nkeys = 2,
	.rows_of = "partnership", .shows = "school consortium",
	.editing = EDITING(.new_kind = DB_RECORD_PARTNERSHIP, .parent_column = "partner_id",
		.edit_kind = DB_RECORD_PARTNERSHIP, .removal = DB_REMOVE_NONE,
		.removal_none = N_("a partnership is not removed: set its status to ended")),
	.query = &(const struct db_list_query){
		.descending = true,
		.has_parent = true,
		.columns = "ps.id, ps.brings, ps.from_on, ps.to_on, ps.status, coalesce(s.name, c.name) AS with_name",
		.from = "iedesk.partnership ps LEFT JOIN iedesk.school s ON s.id = ps.school_id"
			" LEFT JOIN iedesk.consortium c ON c.id = ps.consortium_id",
		.where = "ps.partner_id = $2::bigint",
		.filter = NAME_MATCHES("s") " OR c.name ILIKE " PATTERN " OR c.code ILIKE " PATTERN,
		.key_expr = { "coalesce(ps.from_on, '0001-01-01'::date)", "ps.id" },
		.key_type = { "date", "bigint" },
		.select = "coalesce(w.with_name, ''), coalesce(" DB_BRINGS_SQL("w") ", ''),"
			" coalesce(to_char(w.from_on, 'YYYY-MM-DD'), ''), coalesce(to_char(w.to_on, 'YYYY-MM-DD'), ''), w.status,"
			" CASE WHEN w.status = 'ended' THEN 2 ELSE 0 END",
		.joins = "",
	},
};

/* A home-school alliance's parent committee by name, found by the unique (consortium_id, person_id) index and
 * sorted there (a committee is a dozen people); those who left stay, dim. */
const struct db_list_spec db_list_committee_members = {
	.name = "committee-members", .title = N_("Parent committee"), .filter_hint = N_("name"),
	COLUMNS(committee_columns), .nkeys = 2,
	.rows_of = "committee_member", .shows = "person",
	.editing = EDITING(.new_kind = DB_RECORD_COMMITTEE_MEMBER, .parent_column = "consortium_id",
		.today_column = "joined_on", .edit_kind = DB_RECORD_COMMITTEE_MEMBER,
		.removal = DB_REMOVE_END_COMMITTEE_MEMBERSHIP, .removal_question = N_("End today the committee membership of"),
		.removal_done = N_("the committee membership ended today"),
		.removal_none = N_("that person had already left the committee")),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "m.id, m.role, m.joined_on, m.left_on, p.name AS person_name",
		.from = "iedesk.committee_member m CROSS JOIN LATERAL (SELECT p.name, p.name_pinyin"
			" FROM iedesk.person p WHERE p.id = m.person_id OFFSET 0) p",
		.where = "m.consortium_id = $2::bigint",
		.filter = NAME_MATCHES("p"),
		.key_expr = { "p.name", "m.id" },
		.key_type = { "text", "bigint" },
		.select = "w.person_name, w.role, to_char(w.joined_on, 'YYYY-MM-DD'), coalesce(to_char(w.left_on, 'YYYY-MM-DD'), ''),"
			" CASE WHEN w.left_on IS NOT NULL THEN 2 ELSE 0 END",
		.joins = "",
	},
};

/* This year's activities (the database's year), newest first. */
const struct db_list_spec db_list_activities = {
	.name = "activities", .title = N_("Activities this year"), .filter_hint = N_("title or place"),
	COLUMNS(activity_columns), .nkeys = 2,
	.rows_of = "activity", .shows = "consortium partnership partner school",
	.editing = EDITING(.new_kind = DB_RECORD_ACTIVITY, .today_column = "held_on", .edit_kind = DB_RECORD_ACTIVITY,
		.removal = DB_REMOVE_NONE),
	.export = "activities",
	.query = &(const struct db_list_query){
		.descending = true,
		.columns = "a.id, a.held_on, a.kind, a.title, a.consortium_id, a.partnership_id,"
			" a.parents, a.teachers, a.students, a.partners",
		.from = "iedesk.activity a",
		.where = "a.held_on >= date_trunc('year', iedesk.today())::date"
			" AND a.held_on < (date_trunc('year', iedesk.today()) + interval '1 year')::date",
		.filter = "a.title ILIKE " PATTERN " OR a.place ILIKE " PATTERN,
		.key_expr = { "a.held_on", "a.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.held_on, 'YYYY-MM-DD'), w.kind, " ONE_LINE("w.title") ", coalesce(o.name, ''),"
			" w.parents::text, w.teachers::text, w.students::text, w.partners::text, 0",
		.joins = " LEFT JOIN LATERAL (SELECT c.name FROM iedesk.consortium c WHERE c.id = w.consortium_id"
			" UNION ALL SELECT p.name FROM iedesk.partnership ps JOIN iedesk.partner p ON p.id = ps.partner_id"
			" WHERE ps.id = w.partnership_id LIMIT 1) o ON true",
	},
};

/* ---- the records edited here ---- */

static const char *const partner_kind_choices[] = {
	"parent-committee", "community", "business", "university", "ngo", "government", NULL
};
static const char *const activity_kind_choices[] = {
	"parents-meeting", "volunteering", "joint-training", "exchange-visit", "open-day", "other", NULL
};

static const struct db_field partner_fields[] = {
	TEXT_FIELD("code", N_("Code"), true, 20, N_("unique code, e.g. P-HR-COM01")),
	TEXT_FIELD("name", N_("Name"), true, 200, NULL),
	CHOICE_FIELD("kind", N_("Kind"), true, partner_kind_choices, NULL),
	LOOKUP_FIELD("district_id", N_("District"), false, DB_LOOKUP_DISTRICT),
	TEXT_FIELD("contact_name", N_("Contact person"), false, 100, NULL),
	TEXT_FIELD("contact_phone", N_("Phone"), false, 40, NULL),
	TEXT_FIELD("contact_email", N_("E-mail"), false, 200, NULL),
	MULTILINE_FIELD("address", N_("Address"), false, 300),
	MULTILINE_FIELD("notes", N_("Notes"), false, 2000),
};

const struct db_record_def db_record_partner = {
	.name = "partner", .title = N_("Partner"), .table = "iedesk.partner",
	FIELDS(partner_fields), .archivable = true,
};

static const struct db_field activity_fields[] = {
	LOOKUP_FIELD("consortium_id", N_("Alliance or consortium"), false, DB_LOOKUP_CONSORTIUM),
	LOOKUP_FIELD("school_id", N_("Host school"), false, DB_LOOKUP_SCHOOL),
	CHOICE_FIELD("kind", N_("Kind"), true, activity_kind_choices, NULL),
	TEXT_FIELD("title", N_("Title"), true, 200, NULL),
	DATE_FIELD("held_on", N_("Held on"), true),
	TEXT_FIELD("place", N_("Place"), false, 200, NULL),
	TEXT_FIELD("organisers", N_("Organisers"), false, 300, NULL),
	INT_FIELD("parents", N_("Parents"), true, 0, 100000, NULL),
	INT_FIELD("teachers", N_("Teachers"), true, 0, 100000, NULL),
	INT_FIELD("students", N_("Students"), true, 0, 100000, NULL),
	INT_FIELD("partners", N_("Partners"), true, 0, 100000, N_("people of the partners who came")),
	MULTILINE_FIELD("notes", N_("Notes"), false, 2000),
};

const struct db_record_def db_record_activity = {
	.name = "activity", .title = N_("Activity"), .table = "iedesk.activity",
	FIELDS(activity_fields),
	.defaults = DEFAULTS({ "parents", "0" }, { "teachers", "0" }, { "students", "0" }, { "partners", "0" }),
};

static const char *const partnership_status_choices[] = { "proposed", "active", "ended", NULL };
static const char *const committee_role_choices[] = { "chair", "vice-chair", "member", "volunteer", NULL };

/* What the partner brings is a flag each: a form has no field of several choices. */
static const struct db_field partnership_fields[] = {
	LOOKUP_FIELD("partner_id", N_("Partner"), true, DB_LOOKUP_PARTNER),
	LOOKUP_FIELD("school_id", N_("School"), false, DB_LOOKUP_SCHOOL),
	LOOKUP_FIELD("consortium_id", N_("Alliance or consortium"), false, DB_LOOKUP_CONSORTIUM),
	BOOL_FIELD("brings_funding", N_("Brings funding")),
	BOOL_FIELD("brings_internships", N_("Brings internships")),
	BOOL_FIELD("brings_mentoring", N_("Brings mentoring")),
	BOOL_FIELD("brings_volunteers", N_("Brings volunteers")),
	BOOL_FIELD("brings_training", N_("Brings training")),
	BOOL_FIELD("brings_research", N_("Brings research")),
	BOOL_FIELD("brings_equipment", N_("Brings equipment")),
	DATE_FIELD("from_on", N_("From"), false),
	DATE_FIELD("to_on", N_("To"), false),
	CHOICE_FIELD("status", N_("Status"), true, partnership_status_choices, N_("proposed, active or ended")),
	MULTILINE_FIELD("notes", N_("Notes"), false, 2000),
};

const struct db_record_def db_record_partnership = {
	.name = "partnership", .title = N_("Partnership"), .table = "iedesk.partnership",
	FIELDS(partnership_fields),
	.defaults = DEFAULTS({ "brings_funding", "f" }, { "brings_internships", "f" }, { "brings_mentoring", "f" },
		{ "brings_volunteers", "f" }, { "brings_training", "f" }, { "brings_research", "f" },
		{ "brings_equipment", "f" }, { "status", "active" }),
};

static const struct db_field committee_member_fields[] = {
	LOOKUP_FIELD("consortium_id", N_("Home-school alliance"), true, DB_LOOKUP_CONSORTIUM),
	LOOKUP_FIELD("person_id", N_("Person"), true, DB_LOOKUP_PERSON),
	CHOICE_FIELD("role", N_("Role"), true, committee_role_choices, N_("chair, vice-chair, member or volunteer")),
	DATE_FIELD("joined_on", N_("Joined"), true),
	DATE_FIELD("left_on", N_("Left"), false),
};

const struct db_record_def db_record_committee_member = {
	.name = "committee-member", .title = N_("Committee member"), .table = "iedesk.committee_member",
	FIELDS(committee_member_fields),
	.defaults = DEFAULTS({ "role", "member" }),
};

/* ---- the partner's detail ---- */

static const char partner_sql[] = DETAIL_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label, p.name AS value"
	" FROM iedesk.partner p WHERE p.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, " LABEL("partner") ", v.label, coalesce(v.value, '')"
	" FROM iedesk.partner p LEFT JOIN iedesk.district d ON d.id = p.district_id,"
	" LATERAL (VALUES (1, " LABEL("name") ", p.name), (2, " LABEL("code") ", p.code),"
	"  (3, " LABEL("kind") ", " WORD("p.kind") "),"
	"  (4, " LABEL("district-of") ", CASE WHEN d.id IS NOT NULL THEN " NAME_CODE("d.name", "d.code") " END),"
	"  (5, " LABEL("contact-person") ", p.contact_name), (6, " LABEL("phone") ", p.contact_phone),"
	"  (7, " LABEL("email") ", p.contact_email), (8, " LABEL("address") ", p.address),"
	"  (9, " LABEL("notes") ", p.notes), (10, " LABEL("archived") ", " DATE("p.archived_at") ")) v(pos, label, value)"
	" WHERE p.id = $1::bigint AND (v.pos NOT IN (4, 5, 6, 7, 8, 9, 10) OR v.value IS NOT NULL)"
	" UNION ALL"
	" SELECT 2, row_number() OVER (ORDER BY ps.status = 'ended', ps.from_on DESC NULLS LAST, ps.id),"
	" " LABEL("partnerships") ", coalesce(s.name, c.name),"
	" " MESSAGE("partnership-line", WORD("ps.status"), "coalesce(" DB_BRINGS_SQL("ps") ", '')",
		"coalesce(" DATE("ps.from_on") ", '')", "coalesce(" DATE("ps.to_on") ", " LABEL("now") ")")
	" FROM iedesk.partnership ps LEFT JOIN iedesk.school s ON s.id = ps.school_id"
	" LEFT JOIN iedesk.consortium c ON c.id = ps.consortium_id"
	" WHERE ps.partner_id = $1::bigint"
	" UNION ALL"
	" SELECT 3, row_number() OVER (ORDER BY a.held_on DESC, a.id DESC), " LABEL("activities") ", " DATE("a.held_on") ","
	" " MESSAGE("activity-line", WORD("a.kind"), ONE_LINE("a.title"), "a.parents", "a.teachers", "a.students", "a.partners")
	" FROM iedesk.partnership ps JOIN iedesk.activity a ON a.partnership_id = ps.id"
	" WHERE ps.partner_id = $1::bigint"
	DETAIL_HISTORY("partner", "")
	DETAIL_TAIL;

const struct db_detail_spec db_detail_partner = {
	.sql = partner_sql,
	.shows = "partner partnership activity school consortium district",
};
