/* record: the editable rows, each kind described once as a table of fields in its pane's spec (db/pane_*.c); its
 * load, save and archive statements are built from that table (constant column names, never user text) and kept. */
#include "db/private.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define DB_RECORD_SPEC(id, name, writers) [DB_RECORD_##id] = &db_record_##name,
static const struct db_record_def *const specs[DB_RECORD_COUNT] = { DB_RECORD_INFO(DB_RECORD_SPEC) };
#undef DB_RECORD_SPEC

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
	/* a case by its code, from the index (no read of the case logged); a goal by its text, read (logged) */
	[DB_LOOKUP_CASE] = { "iedesk.case_index", "x.code" },
	[DB_LOOKUP_GOAL] = { "iedesk.iep_goal", "left(translate(x.goal, E'\\n\\r\\t', '   '), 60)" },
	[DB_LOOKUP_IEP] = { "iedesk.iep", DB_IEP_NAME_SQL("x") },
	[DB_LOOKUP_IEP_GOAL] = { "iedesk.iep_goal", DB_IEP_GOAL_NAME_SQL("x") },
	[DB_LOOKUP_PARTNER] = { "iedesk.partner", "x.name" },
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
		/* the refusal names its table, so db_error_explain words it in the user's language */
		char noun[64];
		sql_add(&b, "DO $$BEGIN RAISE EXCEPTION 'a %s is never archived' USING ERRCODE = 'feature_not_supported',"
			" CONSTRAINT = 'record_never_archived', TABLE = '%s'; END$$", noun_of(def, noun, sizeof(noun)),
			bare_table(def));
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
	const struct db_record_def *def = db_record_def(kind);   /* first: it refuses a kind out of range */
	if (!cache[kind][which])
		cache[kind][which] = build[which](def);
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
	const char *label = _(field->label);
	if (is_blank(value)) {
		if (field->required) {
			why_set(why, size, _("%s is required"), label);
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
			why_set(why, size, _("%s contains bytes that are not valid UTF-8"), label);
			return false;
		}
		if (cp == '\n' && field->type != DB_FIELD_MULTILINE) {
			why_set(why, size, _("%s must be a single line"), label);
			return false;
		}
		if (cp != '\n' && text_is_control(cp)) {
			why_set(why, size, _("%s contains a control character (a tab or similar); type plain text"), label);
			return false;
		}
		length++;
		p += n;
	}
	if (field->max_length > 0 && length > field->max_length) {
		why_set(why, size, ngettext("%s is too long: %ld characters where at most %d fits",
			"%s is too long: %ld characters where at most %d fit", (unsigned long)field->max_length), label,
			length, field->max_length);
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
			why_set(why, size, _("%s is not a date; use YYYY-MM-DD, +2w, 下周 or another word of iedesk(1), DATES"),
				shown);
			return false;
		}
		return true;
	case DB_FIELD_INT:
		if (!parse_whole(value, &number)) {
			why_set(why, size, _("%s is not a whole number"), shown);
			return false;
		}
		if (number < field->min || number > field->max) {
			why_set(why, size, _("%s must be between %ld and %ld"), label, field->min, field->max);
			return false;
		}
		return true;
	case DB_FIELD_BOOL:
		if (strcmp(value, "t") != 0 && strcmp(value, "f") != 0) {
			why_set(why, size, _("%s must be yes (t) or no (f)"), label);
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
		why_set(why, size, _("%s must be one of: %s"), label, list);
		return false;
	}
	case DB_FIELD_LOOKUP:
		if (!parse_whole(value, &number) || number <= 0 || value[0] == '0') {
			why_set(why, size, _("%s must be picked from the list"), label);
			return false;
		}
		return true;
	}
	return true;
}

/* ---- records ---- */

const struct db_record_def *db_record_def(enum db_record_kind kind)
{
	return specs[db_kind_check((int)kind, 0, DB_RECORD_COUNT, "record")];
}

bool db_record_check(enum db_record_kind kind, char *why, size_t size)
{
	const struct db_record_def *def = db_record_def(kind);
	if (!def->name || !def->title || !def->table || !strchr(def->table, '.')) {
		why_set(why, size, "record kind %d lacks a name, a title or a table with its schema", (int)kind);
		return false;
	}
	if (def->nfields < 1 || def->nfields + 2 > DB_MAX_PARAMS || !def->fields) {
		why_set(why, size, "the %s record has %d fields, where 1 to %d fit", def->name, def->nfields,
			DB_MAX_PARAMS - 2);
		return false;
	}
	for (const struct db_field_default *d = def->defaults; d && d->column; d++) {
		int i = 0;
		while (i < def->nfields && strcmp(def->fields[i].column, d->column) != 0)
			i++;
		if (i == def->nfields || !db_field_check(&def->fields[i], d->value, NULL, 0)) {
			why_set(why, size, "the %s record's default for %s is not one of its fields' values", def->name,
				d->column);
			return false;
		}
	}
	for (int i = 0; i < def->nfields; i++) {
		const struct db_field *f = &def->fields[i];
		if (f->type == DB_FIELD_LOOKUP && !has_lookup_name(f)) {
			why_set(why, size, "the %s record's field %s looks up nothing", def->name, f->column);
			return false;
		}
	}
	return true;
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
			fprintf(stderr, "iedesk: %s\n", _("no random bytes for a client key (getrandom and /dev/urandom failed)"));
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
	const struct db_record_def *def = db_record_def(kind);
	memset(rec, 0, sizeof(*rec));
	rec->kind = kind;
	rec->values = xcalloc((size_t)def->nfields, sizeof(*rec->values));
	rec->lookup_names = xcalloc((size_t)def->nfields, sizeof(*rec->lookup_names));
	for (const struct db_field_default *d = def->defaults; d && d->column; d++)
		for (int i = 0; i < def->nfields; i++)
			if (strcmp(def->fields[i].column, d->column) == 0)
				rec->values[i] = xstrdup(d->value);
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
	const struct db_record_def *def = db_record_def(src->kind);
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
	for (int i = 0; i < db_record_def(rec->kind)->nfields; i++) {
		if (rec->values)
			free(rec->values[i]);
		if (rec->lookup_names)
			free(rec->lookup_names[i]);
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
	req->sql = record_sql(kind, SQL_LOAD);
	req->nparams = 1;
	/* No row has id 0: a missing id loads nothing rather than failing on the cast. */
	req->params[0] = xstrdup(id && *id ? id : "0");
}

bool db_record_parse(enum db_record_kind kind, const PGresult *res, struct db_record *rec, struct db_error *err)
{
	const struct db_record_def *def = db_record_def(kind);
	memset(rec, 0, sizeof(*rec));
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_explain(err, res);
		return false;
	}
	int nlookups = 0;
	for (int i = 0; i < def->nfields; i++)
		nlookups += has_lookup_name(&def->fields[i]);
	int width = def->nfields + 2 + nlookups;
	if (PQnfields(res) != width) {
		db_error_set(err, _("%s: the database answered with %d columns where %d were expected"), def->name,
			PQnfields(res), width);
		return false;
	}
	if (PQntuples(res) < 1) {
		db_error_set(err, "%s", _("that record no longer exists; someone may have deleted it"));
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
			rec->lookup_names[i] = db_text_shown(PQgetvalue(res, 0, column));
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
	const struct db_record_def *def = db_record_def(rec->kind);
	memset(req, 0, sizeof(*req));
	bool is_new = !rec->id || !*rec->id;
	req->sql = record_sql(rec->kind, is_new ? SQL_INSERT : SQL_UPDATE);
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
	req->sql = record_sql(rec->kind, SQL_ARCHIVE);
	if (!db_record_def(rec->kind)->archivable)
		return;
	req->nparams = 2;
	req->params[0] = xstrdup(rec->id && *rec->id ? rec->id : "0");
	req->params[1] = dup_or_null(rec->version);
}

/* "someone else changed this school": the kind, in the user's language, from the id column's name (see
 * add_returning); NULL when the column names none. */
static const char *conflict_noun(const PGresult *res, char *buf, size_t size)
{
	const char *column = PQnfields(res) > 0 ? PQfname(res, 0) : NULL;
	for (int k = 0; column && k < DB_RECORD_COUNT; k++) {
		const struct db_record_def *def = db_record_def((enum db_record_kind)k);
		const char *table = bare_table(def);
		size_t len = strlen(table);
		if (strncmp(column, table, len) == 0 && strcmp(column + len, "_id") == 0) {
			snprintf(buf, size, "%s", _(def->title));
			if (buf[0] >= 'A' && buf[0] <= 'Z')
				buf[0] = (char)(buf[0] - 'A' + 'a');
			return buf;
		}
	}
	return NULL;
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
			db_error_set(err, "%s", _("the database did not answer; nothing was saved"));
		return DB_SAVE_REFUSED;
	}
	if (PQnfields(res) < 2) {   /* a capture line's save adds a note after them */
		db_error_set(err, "%s", _("the save came back in an unexpected shape; nothing was saved"));
		return DB_SAVE_REFUSED;
	}
	if (PQntuples(res) == 0) {
		char noun[64];
		const char *what = conflict_noun(res, noun, sizeof(noun));
		if (what)
			db_error_set(err, _("someone else changed this %s since you opened it"), what);
		else
			db_error_set(err, "%s", _("someone else changed this record since you opened it"));
		return DB_SAVE_CONFLICT;
	}
	if (id)
		*id = xstrdup(PQgetvalue(res, 0, 0));
	if (version)
		*version = xstrdup(PQgetvalue(res, 0, 1));
	return DB_SAVE_OK;
}
