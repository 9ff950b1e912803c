/* record: the editable rows, each kind described once as a table of fields; its load, save and archive
 * statements are built from that table (constant column names, never user text) and kept. */
#include "db/private.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

/* ---- what each record's form shows (the schema of 0001 is the truth) ---- */

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
static const char *const workload_choices[] = { "full", "part", NULL };
static const char *const meeting_kind_choices[] = {
	"work-conference", "committee", "resource-center-group", "home-school", "other", NULL
};
static const char *const action_status_choices[] = { "open", "in-progress", "done", "dropped", NULL };
static const char *const inspection_kind_choices[] = { "itinerant-guidance", "supervision", "follow-up", NULL };
static const char *const inspection_status_choices[] = { "planned", "done", "closed", NULL };
static const char *const severity_choices[] = { "low", "medium", "high", NULL };

#define TEXT(col, lab, req, len, hin) \
	{ .column = col, .label = lab, .type = DB_FIELD_TEXT, .required = req, .max_length = len, .hint = hin }
#define MULTILINE(col, lab, req, len) \
	{ .column = col, .label = lab, .type = DB_FIELD_MULTILINE, .required = req, .max_length = len }
#define DATE(col, lab, req) \
	{ .column = col, .label = lab, .type = DB_FIELD_DATE, .required = req, .hint = "YYYY-MM-DD" }
#define CHOICE(col, lab, req, list, hin) \
	{ .column = col, .label = lab, .type = DB_FIELD_CHOICE, .required = req, .choices = list, .hint = hin }
#define BOOL(col, lab) \
	{ .column = col, .label = lab, .type = DB_FIELD_BOOL, .required = true }
#define INT(col, lab, req, lo, hi, hin) \
	{ .column = col, .label = lab, .type = DB_FIELD_INT, .required = req, .min = lo, .max = hi, .hint = hin }
#define LOOKUP(col, lab, req, kind) \
	{ .column = col, .label = lab, .type = DB_FIELD_LOOKUP, .required = req, .lookup = kind }

static const struct db_field district_fields[] = {
	TEXT("code", "Code", true, 20, "short code, e.g. HR"),
	TEXT("name", "Name", true, 100, NULL),
	CHOICE("locale_class", "Locale class", true, locale_class_choices, "urban, suburban or rural"),
};

static const struct db_field school_fields[] = {
	LOOKUP("district_id", "District", true, DB_LOOKUP_DISTRICT),
	TEXT("code", "Code", true, 20, "unique code, e.g. HR-001"),
	TEXT("name", "Name", true, 100, NULL),
	TEXT("name_en", "English name", false, 200, NULL),
	CHOICE("stage", "Stage", true, stage_choices, NULL),
	CHOICE("sector", "Sector", true, sector_choices, "public or private"),
	CHOICE("locale", "Locale", true, locale_choices, "urban, town or village"),
	BOOL("has_resource_classroom", "Resource classroom"),
	BOOL("is_resource_center", "Resource center"),
	BOOL("is_autism_base", "Autism base"),
	MULTILINE("address", "Address", false, 300),
	TEXT("phone", "Phone", false, 40, NULL),
	TEXT("headteacher", "Headteacher", false, 100, NULL),
};

static const struct db_field consortium_fields[] = {
	LOOKUP("district_id", "District", true, DB_LOOKUP_DISTRICT),
	TEXT("code", "Code", true, 20, "unique code"),
	TEXT("name", "Name", true, 100, NULL),
	CHOICE("kind", "Kind", true, consortium_kind_choices, NULL),
	LOOKUP("lead_school_id", "Lead school", false, DB_LOOKUP_SCHOOL),
	DATE("founded_on", "Founded", false),
	CHOICE("partner_kind", "Partner kind", false, partner_kind_choices, "partnerships only"),
};

static const struct db_field consortium_member_fields[] = {
	LOOKUP("consortium_id", "Consortium", true, DB_LOOKUP_CONSORTIUM),
	LOOKUP("school_id", "School", true, DB_LOOKUP_SCHOOL),
	CHOICE("role", "Role", true, member_role_choices, "lead or member"),
	DATE("joined_on", "Joined", true),
	DATE("left_on", "Left", false),
};

static const struct db_field shared_resource_fields[] = {
	LOOKUP("consortium_id", "Consortium", true, DB_LOOKUP_CONSORTIUM),
	LOOKUP("provider_school_id", "Provider school", true, DB_LOOKUP_SCHOOL),
	CHOICE("kind", "Kind", true, resource_kind_choices, "teacher, course, equipment or material"),
	MULTILINE("description", "Description", true, 1000),
	INT("capacity", "Capacity", false, 0, 100000, "how many it serves"),
};

static const struct db_field person_fields[] = {
	TEXT("name", "Name", true, 100, NULL),
	TEXT("phone", "Phone", false, 40, NULL),
	TEXT("email", "Email", false, 200, "name@example.cn"),
	LOOKUP("district_id", "District", false, DB_LOOKUP_DISTRICT),
};

static const struct db_field appointment_fields[] = {
	LOOKUP("school_id", "School", true, DB_LOOKUP_SCHOOL),
	LOOKUP("person_id", "Manager", true, DB_LOOKUP_PERSON),
	DATE("started_on", "Started", true),
	DATE("ended_on", "Ended", false),
	CHOICE("workload", "Workload", true, workload_choices, "full or part time"),
};

/* hours is numeric(5,1) in the schema; the form takes whole hours (> 0, as the CHECK wants). */
static const struct db_field training_fields[] = {
	TEXT("title", "Title", true, 200, NULL),
	DATE("held_on", "Held on", true),
	INT("hours", "Hours", true, 1, 9999, "whole hours"),
	TEXT("provider", "Provider", false, 200, NULL),
};

static const struct db_field training_attendance_fields[] = {
	LOOKUP("training_id", "Training", true, DB_LOOKUP_TRAINING),
	LOOKUP("person_id", "Person", true, DB_LOOKUP_PERSON),
};

/* status (draft/final) is no form field: a new meeting is a draft by the schema's default, and finalising
 * is its own step (finalised_at goes with it). */
static const struct db_field meeting_fields[] = {
	LOOKUP("district_id", "District", true, DB_LOOKUP_DISTRICT),
	CHOICE("kind", "Kind", true, meeting_kind_choices, NULL),
	TEXT("title", "Title", true, 200, NULL),
	DATE("held_on", "Held on", true),
	TEXT("location", "Location", false, 200, NULL),
	LOOKUP("chair_person_id", "Chair", false, DB_LOOKUP_PERSON),
	LOOKUP("secretary_person_id", "Secretary", false, DB_LOOKUP_PERSON),
	MULTILINE("summary", "Summary", false, 4000),
};

/* A person, or an organisation sending head_count people (the schema wants exactly one of the two). */
static const struct db_field meeting_attendee_fields[] = {
	LOOKUP("meeting_id", "Meeting", true, DB_LOOKUP_MEETING),
	LOOKUP("person_id", "Person", false, DB_LOOKUP_PERSON),
	TEXT("organisation", "Organisation", false, 200, "instead of a person"),
	INT("head_count", "Head count", true, 1, 100000, "people it sent; a person is 1"),
};

static const struct db_field agenda_item_fields[] = {
	LOOKUP("meeting_id", "Meeting", true, DB_LOOKUP_MEETING),
	INT("position", "No.", true, 1, 999, "place on the agenda"),
	TEXT("title", "Title", true, 200, NULL),
	MULTILINE("notes", "Notes", false, 4000),
};

static const struct db_field decision_fields[] = {
	LOOKUP("meeting_id", "Meeting", true, DB_LOOKUP_MEETING),
	LOOKUP("agenda_item_id", "Agenda item", false, DB_LOOKUP_AGENDA_ITEM),
	INT("position", "No.", true, 1, 999, "decision number"),
	MULTILINE("text", "Decision", true, 2000),
};

static const struct db_field action_item_fields[] = {
	LOOKUP("decision_id", "Decision", true, DB_LOOKUP_DECISION),
	MULTILINE("text", "Action", true, 2000),
	LOOKUP("owner_school_id", "Owner school", false, DB_LOOKUP_SCHOOL),
	TEXT("owner_unit", "Owner unit", false, 100, "a school, a unit or both"),
	DATE("due_on", "Due", true),
	CHOICE("status", "Status", true, action_status_choices, "open, in-progress, done or dropped"),
	DATE("done_on", "Done on", false),
};

/* What it checks: an action item, or (a follow-up) a finding of an earlier inspection, or neither. Done
 * and closed need the visit date, closed its closing date; closing is refused while a finding is
 * unresolved (0010). */
static const struct db_field inspection_fields[] = {
	LOOKUP("school_id", "School", true, DB_LOOKUP_SCHOOL),
	CHOICE("kind", "Kind", true, inspection_kind_choices, "itinerant-guidance, supervision or follow-up"),
	LOOKUP("action_item_id", "Action item", false, DB_LOOKUP_ACTION_ITEM),
	LOOKUP("finding_id", "Finding", false, DB_LOOKUP_FINDING),
	DATE("planned_on", "Planned", true),
	LOOKUP("inspector_person_id", "Inspector", false, DB_LOOKUP_PERSON),
	CHOICE("status", "Status", true, inspection_status_choices, "planned, done or closed"),
	DATE("visited_on", "Visited", false),
	MULTILINE("summary", "Summary", false, 4000),
	DATE("closed_on", "Closed on", false),
};

/* The inspection is the parent, as the meeting is an agenda item's: taken from the list it is added in. */
static const struct db_field finding_fields[] = {
	LOOKUP("inspection_id", "Inspection", true, DB_LOOKUP_INSPECTION),
	CHOICE("severity", "Severity", true, severity_choices, "low, medium or high"),
	MULTILINE("text", "Finding", true, 2000),
	DATE("due_on", "Due", false),
	DATE("resolved_on", "Resolved on", false),
};

#define FIELDS(a) (int)(sizeof(a) / sizeof((a)[0])), a

static const struct db_record_def record_defs[DB_RECORD_COUNT] = {
	[DB_RECORD_DISTRICT] = { "district", "District", "iedesk.district", FIELDS(district_fields), true },
	[DB_RECORD_SCHOOL] = { "school", "School", "iedesk.school", FIELDS(school_fields), true },
	[DB_RECORD_CONSORTIUM] = { "consortium", "Consortium", "iedesk.consortium", FIELDS(consortium_fields), true },
	[DB_RECORD_CONSORTIUM_MEMBER] = { "consortium-member", "Consortium member", "iedesk.consortium_member",
		FIELDS(consortium_member_fields), false },
	[DB_RECORD_SHARED_RESOURCE] = { "shared-resource", "Shared resource", "iedesk.shared_resource",
		FIELDS(shared_resource_fields), false },
	[DB_RECORD_PERSON] = { "person", "Person", "iedesk.person", FIELDS(person_fields), false },
	[DB_RECORD_APPOINTMENT] = { "appointment", "Manager appointment", "iedesk.manager_appointment",
		FIELDS(appointment_fields), false },
	[DB_RECORD_TRAINING] = { "training", "Training", "iedesk.training", FIELDS(training_fields), false },
	[DB_RECORD_TRAINING_ATTENDANCE] = { "training-attendance", "Training attendance", "iedesk.training_attendance",
		FIELDS(training_attendance_fields), false },
	[DB_RECORD_MEETING] = { "meeting", "Meeting", "iedesk.meeting", FIELDS(meeting_fields), false },
	[DB_RECORD_MEETING_ATTENDEE] = { "meeting-attendee", "Meeting attendee", "iedesk.meeting_attendee",
		FIELDS(meeting_attendee_fields), false },
	[DB_RECORD_AGENDA_ITEM] = { "agenda-item", "Agenda item", "iedesk.agenda_item", FIELDS(agenda_item_fields),
		false },
	[DB_RECORD_DECISION] = { "decision", "Decision", "iedesk.decision", FIELDS(decision_fields), false },
	[DB_RECORD_ACTION_ITEM] = { "action-item", "Action item", "iedesk.action_item", FIELDS(action_item_fields),
		false },
	[DB_RECORD_INSPECTION] = { "inspection", "Inspection", "iedesk.inspection", FIELDS(inspection_fields), false },
	[DB_RECORD_FINDING] = { "finding", "Finding", "iedesk.finding", FIELDS(finding_fields), false },
};

/* What a new record starts with: the schema's column defaults. */
static const struct {
	enum db_record_kind kind;
	const char *column, *value;
} field_defaults[] = {
	{ DB_RECORD_SCHOOL, "sector", "public" },
	{ DB_RECORD_SCHOOL, "has_resource_classroom", "f" },
	{ DB_RECORD_SCHOOL, "is_resource_center", "f" },
	{ DB_RECORD_SCHOOL, "is_autism_base", "f" },
	{ DB_RECORD_CONSORTIUM_MEMBER, "role", "member" },
	{ DB_RECORD_APPOINTMENT, "workload", "part" },
	{ DB_RECORD_MEETING_ATTENDEE, "head_count", "1" },
	{ DB_RECORD_ACTION_ITEM, "status", "open" },
	{ DB_RECORD_INSPECTION, "kind", "itinerant-guidance" },
	{ DB_RECORD_INSPECTION, "status", "planned" },
	{ DB_RECORD_FINDING, "severity", "medium" },
};

/* How a lookup's id reads as a name in a form: the table it points into and the name expression. */
static const struct {
	const char *table;
	const char *name;
} lookup_names[] = {
	[DB_LOOKUP_DISTRICT] = { "iedesk.district", "x.name" },
	[DB_LOOKUP_SCHOOL] = { "iedesk.school", "x.name" },
	[DB_LOOKUP_PERSON] = { "iedesk.person", "x.name" },
	[DB_LOOKUP_CONSORTIUM] = { "iedesk.consortium", "x.name" },
	[DB_LOOKUP_TRAINING] = { "iedesk.training", "x.title || ' (' || to_char(x.held_on, 'YYYY-MM-DD') || ')'" },
	[DB_LOOKUP_MEETING] = { "iedesk.meeting", "to_char(x.held_on, 'YYYY-MM-DD') || ' ' || x.title" },
	[DB_LOOKUP_AGENDA_ITEM] = { "iedesk.agenda_item", "x.position || '. ' || x.title" },
	[DB_LOOKUP_DECISION] = { "iedesk.decision",
		"x.position || '. ' || left(translate(x.text, E'\\n\\r\\t', '   '), 60)" },
	[DB_LOOKUP_ACTION_ITEM] = { "iedesk.action_item", DB_ACTION_ITEM_NAME_SQL("x") },
	[DB_LOOKUP_INSPECTION] = { "iedesk.inspection", DB_INSPECTION_NAME_SQL("x") },
	[DB_LOOKUP_FINDING] = { "iedesk.finding", DB_FINDING_NAME_SQL("x") },
};

/* ---- building the SQL, once per kind ---- */

/* The table without its schema: "school". */
static const char *bare_table(const struct db_record_def *def)
{
	const char *dot = strchr(def->table, '.');
	return dot ? dot + 1 : def->table;
}

/* The title as a word inside a sentence: "manager appointment". */
static const char *noun_of(const struct db_record_def *def, char *buf, size_t size)
{
	snprintf(buf, size, "%s", def->title);
	if (buf[0] >= 'A' && buf[0] <= 'Z')
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

/* The cast that turns a text parameter into the column's type. */
static const char *param_cast(enum db_field_type type)
{
	switch (type) {
	case DB_FIELD_DATE:
		return "::date";
	case DB_FIELD_BOOL:
		return "::boolean";
	case DB_FIELD_INT:
		return "::int";
	case DB_FIELD_LOOKUP:
		return "::bigint";
	case DB_FIELD_TEXT:
	case DB_FIELD_MULTILINE:
	case DB_FIELD_CHOICE:
		break;
	}
	return "::text";
}

/* A column as the text a form edits: dates ISO whatever the DateStyle, booleans t/f, numbers
 * without trailing zeros (hours are numeric: 16.0 reads 16). */
static void add_column_as_text(struct sql_buffer *b, const struct db_field *field)
{
	switch (field->type) {
	case DB_FIELD_DATE:
		sql_add(b, "to_char(t.%s, 'YYYY-MM-DD')", field->column);
		return;
	case DB_FIELD_BOOL:
		sql_add(b, "CASE WHEN t.%s THEN 't' WHEN NOT t.%s THEN 'f' END", field->column, field->column);
		return;
	case DB_FIELD_INT:
		sql_add(b, "trim_scale(t.%s::numeric)::text", field->column);
		return;
	case DB_FIELD_TEXT:
	case DB_FIELD_MULTILINE:
	case DB_FIELD_CHOICE:
	case DB_FIELD_LOOKUP:
		break;
	}
	sql_add(b, "t.%s::text", field->column);
}

static bool has_lookup_name(const struct db_field *field)
{
	return field->type == DB_FIELD_LOOKUP && field->lookup > DB_LOOKUP_NONE
		&& (size_t)field->lookup < sizeof(lookup_names) / sizeof(lookup_names[0])
		&& lookup_names[field->lookup].table;
}

/* SELECT <fields as text>, id, version, <names of the lookups> FROM table t WHERE t.id = $1 */
static char *load_sql_build(const struct db_record_def *def)
{
	struct sql_buffer b = { 0 };
	sql_add(&b, "SELECT ");
	for (int i = 0; i < def->nfields; i++) {
		if (i)
			sql_add(&b, ", ");
		add_column_as_text(&b, &def->fields[i]);
	}
	sql_add(&b, ", t.id::text, t.version::text");
	for (int i = 0; i < def->nfields; i++)
		if (has_lookup_name(&def->fields[i]))
			sql_add(&b, ", (SELECT %s FROM %s x WHERE x.id = t.%s)", lookup_names[def->fields[i].lookup].name,
				lookup_names[def->fields[i].lookup].table, def->fields[i].column);
	sql_add(&b, " FROM %s t WHERE t.id = $1::bigint", def->table);
	return b.text;
}

/* The id column is named after the table so that a result of no rows still says, by its column
 * name, which kind of record it was about (db_record_save_outcome words a conflict with it). */
static void add_returning(struct sql_buffer *b, const struct db_record_def *def)
{
	sql_add(b, " RETURNING id::text AS %s_id, version::text AS version", bare_table(def));
}

/* The session sends a save again when the connection drops before its answer came, and the first sending
 * may have committed: the row carrying this record's client key (0016) is that save, answered with its id
 * rather than stored twice or refused as a duplicate of itself (tests/test_drills.c,
 * test_record_insert_killed_after_commit). */
static char *insert_sql_build(const struct db_record_def *def)
{
	struct sql_buffer b = { 0 };
	int key = def->nfields + 1;
	sql_add(&b, "WITH ins AS (INSERT INTO %s AS x (", def->table);
	for (int i = 0; i < def->nfields; i++)
		sql_add(&b, "%s, ", def->fields[i].column);
	sql_add(&b, "client_key) VALUES (");
	for (int i = 0; i < def->nfields; i++)
		sql_add(&b, "$%d%s, ", i + 1, param_cast(def->fields[i].type));
	/* a form restored from the journal may hold newer values than the first sending stored: they win;
	 * the same values write nothing, and the row found by its key answers */
	sql_add(&b, "$%d::uuid) ON CONFLICT (client_key) DO UPDATE SET (", key);
	for (int i = 0; i < def->nfields; i++)
		sql_add(&b, "%s%s", i ? ", " : "", def->fields[i].column);
	sql_add(&b, ") = ROW(");
	for (int i = 0; i < def->nfields; i++)
		sql_add(&b, "%sexcluded.%s", i ? ", " : "", def->fields[i].column);
	sql_add(&b, ") WHERE (");
	for (int i = 0; i < def->nfields; i++)
		sql_add(&b, "%sx.%s", i ? ", " : "", def->fields[i].column);
	sql_add(&b, ") IS DISTINCT FROM (");
	for (int i = 0; i < def->nfields; i++)
		sql_add(&b, "%sexcluded.%s", i ? ", " : "", def->fields[i].column);
	sql_add(&b, ")");
	add_returning(&b, def);
	sql_add(&b, ") SELECT * FROM ins UNION ALL SELECT id::text, version::text FROM %s"
		" WHERE client_key = $%d::uuid AND NOT EXISTS (SELECT FROM ins)", def->table, key);
	return b.text;
}

/* bump_version moves the version; the WHERE makes a stale version update nothing. The session sends a
 * save again when the connection drops before its answer came, and the first sending may have committed:
 * a row already one version on and holding exactly these values is that save, answered as saved rather
 * than as someone else's change (tests/test_drills.c, test_record_save_killed_after_commit). */
static char *update_sql_build(const struct db_record_def *def)
{
	struct sql_buffer b = { 0 };
	int id = def->nfields + 1, version = def->nfields + 2;
	sql_add(&b, "WITH saved AS (UPDATE %s SET ", def->table);
	for (int i = 0; i < def->nfields; i++)
		sql_add(&b, "%s%s = $%d%s", i ? ", " : "", def->fields[i].column, i + 1, param_cast(def->fields[i].type));
	sql_add(&b, " WHERE id = $%d::bigint AND version = $%d::int", id, version);
	add_returning(&b, def);
	sql_add(&b, ") SELECT * FROM saved UNION ALL SELECT id::text, version::text FROM %s"
		" WHERE NOT EXISTS (SELECT FROM saved) AND id = $%d::bigint AND version = $%d::int + 1 AND (",
		def->table, id, version);
	for (int i = 0; i < def->nfields; i++)
		sql_add(&b, "%s%s", i ? ", " : "", def->fields[i].column);
	sql_add(&b, ") IS NOT DISTINCT FROM (");
	for (int i = 0; i < def->nfields; i++)
		sql_add(&b, "%s$%d%s", i ? ", " : "", i + 1, param_cast(def->fields[i].type));
	sql_add(&b, ")");
	return b.text;
}

/* Kinds without archived_at are never archived: the statement says so, as the database's refusal. */
static char *archive_sql_build(const struct db_record_def *def)
{
	struct sql_buffer b = { 0 };
	if (def->archivable) {
		sql_add(&b, "UPDATE %s SET archived_at = now()"
			" WHERE id = $1::bigint AND version = $2::int AND archived_at IS NULL", def->table);
		add_returning(&b, def);
	} else {
		char noun[64];
		sql_add(&b, "DO $$BEGIN RAISE EXCEPTION 'a %s is never archived' USING ERRCODE = 'feature_not_supported';"
			" END$$", noun_of(def, noun, sizeof(noun)));
	}
	return b.text;
}

enum record_sql { SQL_LOAD, SQL_INSERT, SQL_UPDATE, SQL_ARCHIVE, SQL_COUNT };

/* Built at first use and kept for the life of the program: the same text every time. */
static const char *record_sql(enum db_record_kind kind, enum record_sql which)
{
	static char *cache[DB_RECORD_COUNT][SQL_COUNT];
	static char *(*const build[SQL_COUNT])(const struct db_record_def *) = {
		[SQL_LOAD] = load_sql_build,
		[SQL_INSERT] = insert_sql_build,
		[SQL_UPDATE] = update_sql_build,
		[SQL_ARCHIVE] = archive_sql_build,
	};
	if (!cache[kind][which])
		cache[kind][which] = build[which](&record_defs[kind]);
	return cache[kind][which];
}

/* ---- checking a value ---- */

static void why_set(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void why_set(char *why, size_t size, const char *fmt, ...)
{
	if (!why || !size)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
}

/* Only spaces, tabs and line ends: what a person means by "empty". */
static bool is_blank(const char *value)
{
	return !value || value[strspn(value, " \t\r\n")] == '\0';
}

/* A value quoted in a sentence: cut with "…" by display width so the sentence stays readable, and shown
 * as a terminal may print it. */
static void shown_value(char *dst, size_t size, const char *value)
{
	char *cut = text_cut(value, 40);
	snprintf(dst, size, "%s", cut);
	free(cut);
}

/* Digits with an optional leading '-', within long; false when it is not such a number. */
static bool parse_whole(const char *s, long *out)
{
	const char *p = s;
	bool negative = *p == '-';
	if (negative)
		p++;
	if (!*p)
		return false;
	long v = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		int d = *p - '0';
		if (v > (LONG_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = negative ? -v : v;
	return true;
}

bool db_field_check(const struct db_field *field, const char *value, char *why, size_t size)
{
	const char *label = field->label;
	if (is_blank(value)) {
		if (field->required) {
			why_set(why, size, "%s is required", label);
			return false;
		}
		return true;
	}
	/* Every type is text first: whole UTF-8 characters, no control characters. */
	long length = 0;
	for (const char *p = value; *p;) {
		uint32_t cp;
		size_t n = text_decode(p, &cp);
		if (cp == TEXT_INVALID) {
			why_set(why, size, "%s contains bytes that are not valid UTF-8", label);
			return false;
		}
		if (cp == '\n' && field->type != DB_FIELD_MULTILINE) {
			why_set(why, size, "%s must be a single line", label);
			return false;
		}
		if (cp != '\n' && text_is_control(cp)) {
			why_set(why, size, "%s contains a control character (a tab or similar); type plain text", label);
			return false;
		}
		length++;
		p += n;
	}
	if (field->max_length > 0 && length > field->max_length) {
		why_set(why, size, "%s is too long: %ld characters where at most %d fit", label, length,
			field->max_length);
		return false;
	}
	char shown[64];
	shown_value(shown, sizeof(shown), value);
	long number;
	switch (field->type) {
	case DB_FIELD_TEXT:
	case DB_FIELD_MULTILINE:
		return true;
	case DB_FIELD_DATE:
		if (!db_date_valid(value)) {
			why_set(why, size, "%s is not a date; use YYYY-MM-DD", shown);
			return false;
		}
		return true;
	case DB_FIELD_INT:
		if (!parse_whole(value, &number)) {
			why_set(why, size, "%s is not a whole number", shown);
			return false;
		}
		if (number < field->min || number > field->max) {
			why_set(why, size, "%s must be between %ld and %ld", label, field->min, field->max);
			return false;
		}
		return true;
	case DB_FIELD_BOOL:
		if (strcmp(value, "t") != 0 && strcmp(value, "f") != 0) {
			why_set(why, size, "%s must be yes (t) or no (f)", label);
			return false;
		}
		return true;
	case DB_FIELD_CHOICE: {
		char list[512] = "";
		size_t used = 0;
		for (const char *const *c = field->choices; c && *c; c++) {
			if (strcmp(value, *c) == 0)
				return true;
			int n = snprintf(list + used, sizeof(list) - used, "%s%s", c == field->choices ? "" : ", ", *c);
			if (n > 0 && (size_t)n < sizeof(list) - used)
				used += (size_t)n;
		}
		why_set(why, size, "%s must be one of: %s", label, list);
		return false;
	}
	case DB_FIELD_LOOKUP:
		if (!parse_whole(value, &number) || number <= 0 || value[0] == '0') {
			why_set(why, size, "%s must be picked from the list", label);
			return false;
		}
		return true;
	}
	return true;
}

/* ---- records ---- */

const struct db_record_def *db_record_def(enum db_record_kind kind)
{
	return (unsigned)kind < DB_RECORD_COUNT ? &record_defs[kind] : NULL;
}

char *db_client_key_new(void)
{
	unsigned char bytes[16];
	size_t got = 0;
	while (got < sizeof(bytes)) {
		ssize_t n = getrandom(bytes + got, sizeof(bytes) - got, 0);
		if (n > 0)
			got += (size_t)n;
		else if (n < 0 && errno != EINTR)
			break;
	}
	if (got < sizeof(bytes)) {   /* a kernel without getrandom(2) */
		FILE *f = fopen("/dev/urandom", "rb");
		if (!f || fread(bytes, 1, sizeof(bytes), f) != sizeof(bytes)) {
			fprintf(stderr, "iedesk: no random bytes for a client key (getrandom and /dev/urandom failed)\n");
			abort();
		}
		fclose(f);
	}
	bytes[6] = (unsigned char)((bytes[6] & 0x0F) | 0x40);   /* version 4 */
	bytes[8] = (unsigned char)((bytes[8] & 0x3F) | 0x80);   /* the RFC 4122 variant */
	char text[37], *o = text;
	for (size_t i = 0; i < sizeof(bytes); i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		o += snprintf(o, 3, "%02x", bytes[i]);
	}
	*o = '\0';
	return xstrdup(text);
}

/* A record with its defaults and no client key: a loaded row's start. */
static void record_init(struct db_record *rec, enum db_record_kind kind)
{
	memset(rec, 0, sizeof(*rec));
	if ((unsigned)kind >= DB_RECORD_COUNT)
		kind = DB_RECORD_DISTRICT;
	const struct db_record_def *def = &record_defs[kind];
	rec->kind = kind;
	rec->values = xcalloc((size_t)def->nfields, sizeof(*rec->values));
	rec->lookup_names = xcalloc((size_t)def->nfields, sizeof(*rec->lookup_names));
	for (size_t d = 0; d < sizeof(field_defaults) / sizeof(field_defaults[0]); d++) {
		if (field_defaults[d].kind != kind)
			continue;
		for (int i = 0; i < def->nfields; i++)
			if (strcmp(def->fields[i].column, field_defaults[d].column) == 0)
				rec->values[i] = xstrdup(field_defaults[d].value);
	}
}

void db_record_init(struct db_record *rec, enum db_record_kind kind)
{
	record_init(rec, kind);
	rec->client_key = db_client_key_new();
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void db_record_copy(struct db_record *dst, const struct db_record *src)
{
	const struct db_record_def *def = &record_defs[src->kind];
	memset(dst, 0, sizeof(*dst));
	dst->kind = src->kind;
	dst->id = dup_or_null(src->id);
	dst->version = dup_or_null(src->version);
	dst->client_key = dup_or_null(src->client_key);
	dst->values = xcalloc((size_t)def->nfields, sizeof(*dst->values));
	dst->lookup_names = xcalloc((size_t)def->nfields, sizeof(*dst->lookup_names));
	for (int i = 0; i < def->nfields; i++) {
		dst->values[i] = src->values ? dup_or_null(src->values[i]) : NULL;
		dst->lookup_names[i] = src->lookup_names ? dup_or_null(src->lookup_names[i]) : NULL;
	}
}

void db_record_done(struct db_record *rec)
{
	if (!rec)
		return;
	if ((unsigned)rec->kind < DB_RECORD_COUNT) {
		for (int i = 0; i < record_defs[rec->kind].nfields; i++) {
			if (rec->values)
				free(rec->values[i]);
			if (rec->lookup_names)
				free(rec->lookup_names[i]);
		}
	}
	FREE(&rec->values);
	FREE(&rec->lookup_names);
	FREE(&rec->id);
	FREE(&rec->version);
	FREE(&rec->client_key);
}

/* ---- requests ---- */

void db_record_load_request(enum db_record_kind kind, const char *id, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	if ((unsigned)kind >= DB_RECORD_COUNT)
		kind = DB_RECORD_DISTRICT;
	req->sql = record_sql(kind, SQL_LOAD);
	req->nparams = 1;
	/* No row has id 0: a missing id loads nothing rather than failing on the cast. */
	req->params[0] = xstrdup(id && *id ? id : "0");
}

bool db_record_parse(enum db_record_kind kind, const PGresult *res, struct db_record *rec, struct db_error *err)
{
	memset(rec, 0, sizeof(*rec));
	if ((unsigned)kind >= DB_RECORD_COUNT) {
		db_error_set(err, "there is no such kind of record");
		return false;
	}
	const struct db_record_def *def = &record_defs[kind];
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_explain(err, res);
		return false;
	}
	int nlookups = 0;
	for (int i = 0; i < def->nfields; i++)
		nlookups += has_lookup_name(&def->fields[i]);
	int width = def->nfields + 2 + nlookups;
	if (PQnfields(res) != width) {
		db_error_set(err, "%s: the database answered with %d columns where %d were expected", def->name,
			PQnfields(res), width);
		return false;
	}
	if (PQntuples(res) < 1) {
		db_error_set(err, "that record no longer exists; someone may have deleted it");
		return false;
	}
	record_init(rec, kind);
	for (int i = 0; i < def->nfields; i++) {
		FREE(&rec->values[i]);
		if (!PQgetisnull(res, 0, i))
			rec->values[i] = xstrdup(PQgetvalue(res, 0, i));
	}
	rec->id = xstrdup(PQgetvalue(res, 0, def->nfields));
	rec->version = xstrdup(PQgetvalue(res, 0, def->nfields + 1));
	int column = def->nfields + 2;
	for (int i = 0; i < def->nfields; i++) {
		if (!has_lookup_name(&def->fields[i]))
			continue;
		if (!PQgetisnull(res, 0, column))
			rec->lookup_names[i] = xstrdup(PQgetvalue(res, 0, column));
		column++;
	}
	return true;
}

/* An empty (or blank) value is SQL NULL: an optional field left empty, or a required one whose
 * NOT NULL then says what is missing. */
static char *param_of(const char *value)
{
	return is_blank(value) ? NULL : xstrdup(value);
}

void db_record_save_request(const struct db_record *rec, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	enum db_record_kind kind = (unsigned)rec->kind < DB_RECORD_COUNT ? rec->kind : DB_RECORD_DISTRICT;
	const struct db_record_def *def = &record_defs[kind];
	bool is_new = !rec->id || !*rec->id;
	req->sql = record_sql(kind, is_new ? SQL_INSERT : SQL_UPDATE);
	for (int i = 0; i < def->nfields; i++)
		req->params[req->nparams++] = rec->values ? param_of(rec->values[i]) : NULL;
	if (is_new) {
		req->params[req->nparams++] = dup_or_null(rec->client_key);
	} else {
		req->params[req->nparams++] = xstrdup(rec->id);
		req->params[req->nparams++] = dup_or_null(rec->version);
	}
}

void db_record_archive_request(const struct db_record *rec, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	enum db_record_kind kind = (unsigned)rec->kind < DB_RECORD_COUNT ? rec->kind : DB_RECORD_DISTRICT;
	req->sql = record_sql(kind, SQL_ARCHIVE);
	if (!record_defs[kind].archivable)
		return;
	req->nparams = 2;
	req->params[0] = xstrdup(rec->id && *rec->id ? rec->id : "0");
	req->params[1] = dup_or_null(rec->version);
}

/* "someone else changed this school": the kind, from the id column's name (see add_returning). */
static const char *conflict_noun(const PGresult *res, char *buf, size_t size)
{
	const char *column = PQnfields(res) > 0 ? PQfname(res, 0) : NULL;
	for (int k = 0; column && k < DB_RECORD_COUNT; k++) {
		const char *table = bare_table(&record_defs[k]);
		size_t len = strlen(table);
		if (strncmp(column, table, len) == 0 && strcmp(column + len, "_id") == 0)
			return noun_of(&record_defs[k], buf, size);
	}
	return "record";
}

enum db_save_outcome db_record_save_outcome(const PGresult *res, const struct db_error *failure,
	char **id, char **version, struct db_error *err)
{
	if (id)
		*id = NULL;
	if (version)
		*version = NULL;
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		if (res && PQresultStatus(res) != PGRES_COMMAND_OK)
			db_error_explain(err, res);
		else if (failure && err)
			*err = *failure;
		else
			db_error_set(err, "the database did not answer; nothing was saved");
		return DB_SAVE_REFUSED;
	}
	if (PQnfields(res) < 2) {   /* a capture line's save adds a note after them */
		db_error_set(err, "the save came back in an unexpected shape; nothing was saved");
		return DB_SAVE_REFUSED;
	}
	if (PQntuples(res) == 0) {
		char noun[64];
		db_error_set(err, "someone else changed this %s since you opened it", conflict_noun(res, noun, sizeof(noun)));
		return DB_SAVE_CONFLICT;
	}
	if (id)
		*id = xstrdup(PQgetvalue(res, 0, 0));
	if (version)
		*version = xstrdup(PQgetvalue(res, 0, 1));
	return DB_SAVE_OK;
}
