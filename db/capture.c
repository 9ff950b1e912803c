/* capture: a meeting as its secretary types it — each attendee, agenda item, decision and action item is
 * one line of text, read here into fields and saved as one row, one version-checked statement each. */
#include "db/private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEWLINE_SIGN "\xe2\x86\xb5"   /* ↵: a newline of stored notes, on a one-line capture line */

/* ---- loading ---- */

/* One row per line, in screen order; the meeting itself first (section -1), with the database's today.
 * A line's parent is the position of the line above it owns it: a decision's agenda item, an action
 * item's decision. */
static const char load_sql[] =
	"SELECT -1 AS section, m.id, m.version, 0 AS position, 0 AS parent, m.title AS a, m.held_on::text AS b,"
	"  CASE WHEN m.status = 'final' AND EXISTS (SELECT FROM iedesk.meeting_amendment x"
	"   WHERE x.meeting_id = m.id AND x.closed_at IS NULL) THEN 'amending' ELSE m.status END AS c,"
	"  iedesk.today()::text AS d, NULL::text AS choice"
	" FROM iedesk.meeting m WHERE m.id = $1::bigint"
	" UNION ALL"
	" SELECT 0, a.id, a.version, 0, 0, coalesce(p.name, a.organisation), a.head_count::text,"
	"  CASE WHEN a.person_id IS NULL THEN 'organisation' ELSE 'person' END, NULL, a.person_id::text"
	" FROM iedesk.meeting_attendee a LEFT JOIN iedesk.person p ON p.id = a.person_id"
	" WHERE a.meeting_id = $1::bigint"
	" UNION ALL"
	" SELECT 1, g.id, g.version, g.position, 0, g.title, g.notes, NULL, NULL, NULL"
	" FROM iedesk.agenda_item g WHERE g.meeting_id = $1::bigint"
	" UNION ALL"
	" SELECT 2, d.id, d.version, d.position, coalesce(g.position, 0), d.text, NULL, NULL, NULL, NULL"
	" FROM iedesk.decision d LEFT JOIN iedesk.agenda_item g ON g.id = d.agenda_item_id"
	" WHERE d.meeting_id = $1::bigint"
	" UNION ALL"
	" SELECT 3, ai.id, ai.version, 0, d.position, ai.text, coalesce(s.name, ai.owner_unit), ai.due_on::text,"
	"  CASE WHEN ai.owner_school_id IS NULL THEN 'unit' ELSE 'school' END"
	"   || CASE WHEN ai.status = 'open' THEN '' ELSE ' · ' || ai.status END, ai.owner_school_id::text"
	" FROM iedesk.action_item ai JOIN iedesk.decision d ON d.id = ai.decision_id"
	" LEFT JOIN iedesk.school s ON s.id = ai.owner_school_id"
	" WHERE d.meeting_id = $1::bigint"
	" ORDER BY section, position, parent, id";

void db_capture_load_request(const char *meeting_id, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = load_sql;
	req->nparams = 1;
	req->params[0] = xstrdup(meeting_id && *meeting_id ? meeting_id : "0");
}

static char *field_or_null(const PGresult *res, int row, int column)
{
	return PQgetisnull(res, row, column) ? NULL : xstrdup(PQgetvalue(res, row, column));
}

/* Stored notes keep their newlines; the line shows each as ↵ (and db_capture_line_parse turns it back). */
static char *notes_shown(const char *notes)
{
	size_t newlines = 0;
	for (const char *p = notes; *p; p++)
		newlines += *p == '\n';
	char *out = xmalloc(strlen(notes) + newlines * 2 + 1), *o = out;
	for (const char *p = notes; *p; p++) {
		if (*p == '\n') {
			memcpy(o, NEWLINE_SIGN, 3);
			o += 3;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

/* The line as the secretary would have typed it. */
static char *line_text(enum db_capture_section section, const PGresult *res, int row)
{
	const char *a = PQgetvalue(res, row, 5), *b = PQgetvalue(res, row, 6), *c = PQgetvalue(res, row, 7);
	switch (section) {
	case DB_CAPTURE_ATTENDEES:
		return atoi(b) > 1 ? xasprintf("%s — %s", a, b) : xstrdup(a);
	case DB_CAPTURE_AGENDA: {
		if (PQgetisnull(res, row, 6) || !*b)
			return xstrdup(a);
		char *notes = notes_shown(b);
		char *text = xasprintf("%s | %s", a, notes);
		free(notes);
		return text;
	}
	case DB_CAPTURE_ACTIONS:
		return xasprintf("%s | %s | %s", a, b, c);
	default:
		return xstrdup(a);
	}
}

bool db_capture_parse(const PGresult *res, struct db_capture *capture, struct db_error *err)
{
	memset(capture, 0, sizeof(*capture));
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQnfields(res) != 10) {
		db_error_set(err, "%s", _("the meeting came back in an unexpected shape"));
		return false;
	}
	int n = PQntuples(res);
	if (n == 0 || strcmp(PQgetvalue(res, 0, 0), "-1") != 0) {
		db_error_set(err, "%s", _("the meeting is gone: someone deleted it"));
		return false;
	}
	capture->meeting_id = xstrdup(PQgetvalue(res, 0, 1));
	capture->version = xstrdup(PQgetvalue(res, 0, 2));
	capture->title = xstrdup(PQgetvalue(res, 0, 5));
	capture->held_on = xstrdup(PQgetvalue(res, 0, 6));
	capture->status = xstrdup(PQgetvalue(res, 0, 7));
	capture->today = xstrdup(PQgetvalue(res, 0, 8));
	capture->editable = strcmp(capture->status, "final") != 0;   /* a draft, or final minutes being amended */
	capture->lines = xcalloc((size_t)n, sizeof(*capture->lines));
	for (int row = 1; row < n; row++) {
		int section = atoi(PQgetvalue(res, row, 0));
		if (section < 0 || section >= DB_CAPTURE_SECTIONS)
			continue;
		struct db_capture_line *line = &capture->lines[capture->count++];
		line->section = (enum db_capture_section)section;
		line->id = xstrdup(PQgetvalue(res, row, 1));
		line->version = xstrdup(PQgetvalue(res, row, 2));
		line->position = atoi(PQgetvalue(res, row, 3));
		line->parent = atoi(PQgetvalue(res, row, 4));
		line->text = line_text(line->section, res, row);
		line->note = field_or_null(res, row, section == DB_CAPTURE_ACTIONS ? 8 : 7);
		line->choice = field_or_null(res, row, 9);
	}
	return true;
}

void db_capture_done(struct db_capture *capture)
{
	for (size_t i = 0; i < capture->count; i++) {
		free(capture->lines[i].id);
		free(capture->lines[i].version);
		free(capture->lines[i].text);
		free(capture->lines[i].note);
		free(capture->lines[i].choice);
	}
	free(capture->lines);
	free(capture->meeting_id);
	free(capture->version);
	free(capture->title);
	free(capture->held_on);
	free(capture->status);
	free(capture->today);
	memset(capture, 0, sizeof(*capture));
}

/* ---- reading a typed line ---- */

static char *trimmed(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return xstrndup(s, len);
}

static bool ends_with(const char *s, size_t len, const char *tail)
{
	size_t n = strlen(tail);
	return len >= n && memcmp(s + len - n, tail, n) == 0;
}

/* "区特殊教育中心 — 12", "… x12", "… ×12", "… *12", "… 12人": an organisation sending that many people. */
static bool split_head_count(const char *text, char **name, int *count)
{
	size_t len = strlen(text);
	while (len && text[len - 1] == ' ')
		len--;
	bool people = ends_with(text, len, "人");
	if (people)
		len -= strlen("人");
	size_t digits = 0;
	while (digits < len && digits < 6 && text[len - digits - 1] >= '0' && text[len - digits - 1] <= '9')
		digits++;
	if (!digits)
		return false;
	size_t end = len - digits;
	while (end && text[end - 1] == ' ')
		end--;
	static const char *const signs[] = { "—", "–", "-", "×", "x", "X", "*", NULL };
	bool signed_count = false;
	for (size_t i = 0; signs[i] && !signed_count; i++) {
		if (ends_with(text, end, signs[i])) {
			end -= strlen(signs[i]);
			signed_count = true;
		}
	}
	if (!signed_count && !people)
		return false;
	*count = atoi(text + len - digits);
	*name = trimmed(text, end);
	return true;
}

/* A leading "#N": the line belongs to item N of the section above. */
static const char *take_reference(const char *text, int *ref)
{
	*ref = -1;
	while (*text == ' ')
		text++;
	if (text[0] != '#' || text[1] < '0' || text[1] > '9')
		return text;
	char *end;
	long n = strtol(text + 1, &end, 10);
	if (*end != ' ' && *end != '\0')
		return text;
	*ref = n > 100000 ? 100000 : (int)n;
	return end;
}

static char *notes_stored(const char *shown)
{
	char *out = xstrdup(shown), *o = out;
	for (const char *p = shown; *p;) {
		if (strncmp(p, NEWLINE_SIGN, 3) == 0) {
			*o++ = '\n';
			p += 3;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

bool db_capture_line_parse(enum db_capture_section section, const char *text, const char *today,
	struct db_capture_fields *fields, char *why, size_t size)
{
	memset(fields, 0, sizeof(*fields));
	fields->count = 1;
	fields->ref = -1;
	if (section == DB_CAPTURE_DECISIONS || section == DB_CAPTURE_ACTIONS)
		text = take_reference(text, &fields->ref);
	switch (section) {
	case DB_CAPTURE_ATTENDEES:
		fields->counted = split_head_count(text, &fields->first, &fields->count);
		if (!fields->counted)
			fields->first = trimmed(text, strlen(text));
		if (fields->count < 1) {
			snprintf(why, size, "%s", _("a head count is at least 1"));
			break;
		}
		if (!*fields->first)
			snprintf(why, size, "%s", _("a name or an organisation, then \"— 12\" for a group"));
		else
			return true;
		break;
	case DB_CAPTURE_AGENDA: {
		const char *bar = strchr(text, '|');
		fields->first = trimmed(text, bar ? (size_t)(bar - text) : strlen(text));
		if (bar) {
			char *notes = trimmed(bar + 1, strlen(bar + 1));
			if (*notes)
				fields->second = notes_stored(notes);
			free(notes);
		}
		if (*fields->first)
			return true;
		snprintf(why, size, "%s", _("an agenda item is: title | notes"));
		break;
	}
	case DB_CAPTURE_DECISIONS:
		fields->first = trimmed(text, strlen(text));
		if (*fields->first)
			return true;
		snprintf(why, size, "%s", _("a decision needs its text"));
		break;
	case DB_CAPTURE_ACTIONS: {
		/* from the right: what is done may itself hold a bar */
		const char *due = strrchr(text, '|');
		const char *owner = NULL;
		for (const char *p = due ? due - 1 : NULL; p && p >= text; p--) {
			if (*p == '|') {
				owner = p;
				break;
			}
		}
		if (!owner) {
			snprintf(why, size, "%s", _("an action item is: what | owner school or unit | due date"));
			break;
		}
		fields->first = trimmed(text, (size_t)(owner - text));
		fields->second = trimmed(owner + 1, (size_t)(due - owner - 1));
		char *date = trimmed(due + 1, strlen(due + 1));
		bool dated = *date && db_date_shortcut(date, today, fields->due, why, size);
		if (!*date)
			snprintf(why, size, "%s", _("an action item needs a due date (2026-12-01, +30d, end of term)"));
		free(date);
		if (!dated)
			break;
		if (!*fields->first)
			snprintf(why, size, "%s", _("an action item needs what is to be done"));
		else if (!*fields->second)
			snprintf(why, size, "%s", _("an action item needs an owner: a school or a unit"));
		else
			return true;
		break;
	}
	default:
		snprintf(why, size, "%s", _("no such section"));
		break;
	}
	db_capture_fields_done(fields);
	return false;
}

void db_capture_fields_done(struct db_capture_fields *fields)
{
	FREE(&fields->first);
	FREE(&fields->second);
	FREE(&fields->choice);
}

const char *db_capture_line_name(enum db_capture_section section, const struct db_capture_fields *fields)
{
	if (section == DB_CAPTURE_ATTENDEES)
		return fields->counted ? NULL : fields->first;
	return section == DB_CAPTURE_ACTIONS ? fields->second : NULL;
}

/* ---- who a name is ---- */

/* The rule, once for the candidates and once for the save's check: a person is the one of exactly that
 * name; a school the one open school of that code, or of that name in the meeting's district (another
 * district's school of the name is offered, never taken unasked). */
#define PERSON_RULE(name) "SELECT r.id FROM iedesk.person r WHERE r.name = " name
#define SCHOOL_RULE(meeting, name) \
	"SELECT r.id FROM iedesk.school r, iedesk.meeting rm WHERE rm.id = " meeting "::bigint" \
	" AND r.archived_at IS NULL AND (r.code = " name " OR (r.name = " name " AND r.district_id = rm.district_id))"
/* Whether the rule still finds exactly the one the line was found to be; true when it was picked. */
#define RULE_HOLDS(rule, id, automatic) \
	"(NOT " automatic "::bool OR (SELECT count(*) = 1 AND min(x.id) = " id "::bigint FROM (" rule ") x))"

#define NAMES_LIMIT "60"

static const char *const names_sql[DB_CAPTURE_SECTIONS] = {
	[DB_CAPTURE_ATTENDEES] =
		"SELECT p.id::text, p.name, concat_ws(' · ', d.name,"
		"  (SELECT string_agg(s.name, '、' ORDER BY s.name) FROM iedesk.manager_appointment a"
		"   JOIN iedesk.school s ON s.id = a.school_id WHERE a.person_id = p.id AND a.ended_on IS NULL),"
		"  nullif(p.email, ''), 'id ' || p.id) AS detail,"
		" p.id IN (" PERSON_RULE("$2") ") AS rule, (SELECT count(*) FROM (" PERSON_RULE("$2") ") n) AS matches"
		" FROM iedesk.person p LEFT JOIN iedesk.district d ON d.id = p.district_id"
		" WHERE p.name = $2 OR (char_length($2) > 1 AND (strpos(p.name, $2) > 0 OR strpos($2, p.name) > 0))"
		" ORDER BY rule DESC, p.district_id IS NOT DISTINCT FROM"
		"  (SELECT m.district_id FROM iedesk.meeting m WHERE m.id = $1::bigint) DESC, p.name, p.id"
		" LIMIT " NAMES_LIMIT,
	[DB_CAPTURE_ACTIONS] =
		"SELECT s.id::text, s.name, concat_ws(' · ', s.code, d.name) AS detail,"
		" s.id IN (" SCHOOL_RULE("$1", "$2") ") AS rule,"
		" (SELECT count(*) FROM (" SCHOOL_RULE("$1", "$2") ") n) AS matches"
		" FROM iedesk.school s JOIN iedesk.district d ON d.id = s.district_id, iedesk.meeting m"
		" WHERE m.id = $1::bigint AND s.archived_at IS NULL AND (s.code = $2 OR s.name = $2"
		"  OR s.district_id = m.district_id OR strpos(s.name, $2) > 0 OR strpos($2, s.name) > 0)"
		" ORDER BY rule DESC, s.name = $2 DESC, (strpos(s.name, $2) > 0 OR strpos($2, s.name) > 0) DESC,"
		"  s.district_id = m.district_id DESC, s.name, s.id"
		" LIMIT " NAMES_LIMIT,
};

void db_capture_names_request(enum db_capture_section section, const char *meeting_id, const char *name,
	struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = names_sql[section == DB_CAPTURE_ACTIONS ? DB_CAPTURE_ACTIONS : DB_CAPTURE_ATTENDEES];
	req->nparams = 2;
	req->params[0] = xstrdup(meeting_id && *meeting_id ? meeting_id : "0");
	req->params[1] = xstrdup(name ? name : "");
}

bool db_capture_names_parse(const PGresult *res, struct db_capture_names *names, struct db_error *err)
{
	memset(names, 0, sizeof(*names));
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQnfields(res) != 5) {
		db_error_set(err, "%s", _("the names came back in an unexpected shape"));
		return false;
	}
	int n = PQntuples(res);
	names->candidates = xcalloc((size_t)n + 1, sizeof(*names->candidates));
	for (int row = 0; row < n; row++) {
		struct db_capture_candidate *c = &names->candidates[names->count++];
		c->id = xstrdup(PQgetvalue(res, row, 0));
		c->name = xstrdup(PQgetvalue(res, row, 1));
		c->detail = xstrdup(PQgetvalue(res, row, 2));
		c->rule = strcmp(PQgetvalue(res, row, 3), "t") == 0;
		names->matches = atol(PQgetvalue(res, row, 4));
	}
	return true;
}

const char *db_capture_names_found(const struct db_capture_names *names)
{
	return names->matches == 1 && names->count && names->candidates[0].rule ? names->candidates[0].id : NULL;
}

void db_capture_names_done(struct db_capture_names *names)
{
	for (size_t i = 0; i < names->count; i++) {
		free(names->candidates[i].id);
		free(names->candidates[i].name);
		free(names->candidates[i].detail);
	}
	free(names->candidates);
	memset(names, 0, sizeof(*names));
}

/* ---- saving ---- */

/* Each statement answers <table>_id, version and a note on what the database made of the line; no row
 * when the version no longer matches (someone else changed it). A NULL version overwrites. */

/* Who the line is was settled before it was sent (a person's or school's id, else an organisation or a
 * unit): stored as sent, never guessed here. One found by the rule rather than picked is stored only while
 * the rule still finds exactly it; else no row is written and the answer is a row with no id, "name
 * changed" (db_capture_save_outcome). */
#define ATTENDEE_PERSON \
	"WITH p AS (SELECT $4::bigint AS id WHERE " RULE_HOLDS(PERSON_RULE("$2"), "$4", "$5") ")"
#define ATTENDEE_NOTE "CASE WHEN a.person_id IS NULL THEN 'organisation' ELSE 'person' END"

#define ACTION_OWNER \
	"WITH s AS (SELECT $6::bigint AS id WHERE " RULE_HOLDS(SCHOOL_RULE("$1", "$4"), "$6", "$7") ")"
#define ACTION_NOTE "CASE WHEN ai.owner_school_id IS NULL THEN 'unit' ELSE 'school' END"
#define NAME_CHANGED(cte) " UNION ALL SELECT NULL, NULL, 'name changed' WHERE NOT EXISTS (SELECT FROM " cte ")"

/* Each INSERT carries the line's client key (0016), its last parameter. The session sends a save again when
 * the connection drops before its answer came, and the first sending may have committed: the row with the
 * key is that save, answered with its id rather than stored twice or refused by its own position
 * (tests/test_drills.c, test_capture_insert_killed_after_commit). If the line was typed on since (a
 * restart restored newer text from the journal), the row takes the newer values; when they are the same,
 * nothing is written and the row found by its key answers. */
static const char *const insert_sql[DB_CAPTURE_SECTIONS] = {
	[DB_CAPTURE_ATTENDEES] = ATTENDEE_PERSON ","
		" ins AS (INSERT INTO iedesk.meeting_attendee AS a (meeting_id, person_id, organisation, head_count,"
		"  client_key)"
		" SELECT $1::bigint, p.id, CASE WHEN p.id IS NULL THEN $2 END, $3::int, $6::uuid FROM p"
		" ON CONFLICT (client_key) DO UPDATE SET (person_id, organisation, head_count)"
		" = ROW(excluded.person_id, excluded.organisation, excluded.head_count)"
		" WHERE (a.person_id, a.organisation, a.head_count)"
		" IS DISTINCT FROM (excluded.person_id, excluded.organisation, excluded.head_count)"
		" RETURNING a.id AS meeting_attendee_id, a.version, " ATTENDEE_NOTE " AS note)"
		" SELECT * FROM ins UNION ALL SELECT a.id, a.version, " ATTENDEE_NOTE " FROM iedesk.meeting_attendee a"
		" WHERE a.client_key = $6::uuid AND a.meeting_id = $1::bigint AND NOT EXISTS (SELECT FROM ins)"
		NAME_CHANGED("p"),
	[DB_CAPTURE_AGENDA] =
		"WITH ins AS (INSERT INTO iedesk.agenda_item AS x (meeting_id, position, title, notes, client_key)"
		" VALUES ($1::bigint, $2::int, $3, $4, $5::uuid)"
		" ON CONFLICT (client_key) DO UPDATE SET (position, title, notes)"
		" = ROW(excluded.position, excluded.title, excluded.notes)"
		" WHERE (x.position, x.title, x.notes) IS DISTINCT FROM (excluded.position, excluded.title, excluded.notes)"
		" RETURNING id AS agenda_item_id, version, ''::text AS note)"
		" SELECT * FROM ins UNION ALL SELECT id, version, '' FROM iedesk.agenda_item"
		" WHERE client_key = $5::uuid AND meeting_id = $1::bigint AND NOT EXISTS (SELECT FROM ins)",
	[DB_CAPTURE_DECISIONS] =
		"WITH ins AS (INSERT INTO iedesk.decision AS x (meeting_id, position, text, agenda_item_id, client_key)"
		" VALUES ($1::bigint, $2::int, $3, $4::bigint, $5::uuid)"
		" ON CONFLICT (client_key) DO UPDATE SET (position, text, agenda_item_id)"
		" = ROW(excluded.position, excluded.text, excluded.agenda_item_id)"
		" WHERE (x.position, x.text, x.agenda_item_id)"
		" IS DISTINCT FROM (excluded.position, excluded.text, excluded.agenda_item_id)"
		" RETURNING id AS decision_id, version, ''::text AS note)"
		" SELECT * FROM ins UNION ALL SELECT id, version, '' FROM iedesk.decision"
		" WHERE client_key = $5::uuid AND meeting_id = $1::bigint AND NOT EXISTS (SELECT FROM ins)",
	[DB_CAPTURE_ACTIONS] = ACTION_OWNER ","
		" ins AS (INSERT INTO iedesk.action_item AS ai (decision_id, text, owner_school_id, owner_unit, due_on,"
		"  client_key)"
		" SELECT d.id, $3, s.id, CASE WHEN s.id IS NULL THEN $4 END, $5::date, $8::uuid"
		" FROM s, iedesk.decision d WHERE d.id = $2::bigint AND d.meeting_id = $1::bigint"
		" ON CONFLICT (client_key) DO UPDATE SET (text, owner_school_id, owner_unit, due_on)"
		" = ROW(excluded.text, excluded.owner_school_id, excluded.owner_unit, excluded.due_on)"
		" WHERE (ai.text, ai.owner_school_id, ai.owner_unit, ai.due_on)"
		" IS DISTINCT FROM (excluded.text, excluded.owner_school_id, excluded.owner_unit, excluded.due_on)"
		" RETURNING ai.id AS action_item_id, ai.version, " ACTION_NOTE " AS note)"
		" SELECT * FROM ins UNION ALL SELECT ai.id, ai.version, " ACTION_NOTE " FROM iedesk.action_item ai"
		" WHERE ai.client_key = $8::uuid AND NOT EXISTS (SELECT FROM ins)"
		NAME_CHANGED("s"),
};

/* The session sends a save again when the connection drops before its answer came, and the first sending
 * may have committed: a row one version on that already holds what this update would write is that save,
 * answered as saved rather than as someone else's change (tests/test_drills.c). */
static const char *const update_sql[DB_CAPTURE_SECTIONS] = {
	[DB_CAPTURE_ATTENDEES] = ATTENDEE_PERSON ","
		" saved AS (UPDATE iedesk.meeting_attendee a SET person_id = p.id,"
		"  organisation = CASE WHEN p.id IS NULL THEN $2 END, head_count = $3::int"
		" FROM p WHERE a.id = $6::bigint AND a.meeting_id = $1::bigint AND ($7::int IS NULL OR a.version = $7::int)"
		" RETURNING a.id AS meeting_attendee_id, a.version, " ATTENDEE_NOTE " AS note)"
		" SELECT * FROM saved UNION ALL SELECT a.id, a.version, " ATTENDEE_NOTE
		" FROM iedesk.meeting_attendee a, p WHERE NOT EXISTS (SELECT FROM saved)"
		"  AND a.id = $6::bigint AND a.meeting_id = $1::bigint AND a.version = $7::int + 1"
		"  AND (a.person_id, a.organisation, a.head_count)"
		"   IS NOT DISTINCT FROM (p.id, CASE WHEN p.id IS NULL THEN $2 END, $3::int)"
		NAME_CHANGED("p"),
	[DB_CAPTURE_AGENDA] =
		"WITH saved AS (UPDATE iedesk.agenda_item SET position = $2::int, title = $3, notes = $4"
		" WHERE id = $5::bigint AND meeting_id = $1::bigint AND ($6::int IS NULL OR version = $6::int)"
		" RETURNING id AS agenda_item_id, version, ''::text AS note)"
		" SELECT * FROM saved UNION ALL SELECT id, version, '' FROM iedesk.agenda_item"
		" WHERE NOT EXISTS (SELECT FROM saved) AND id = $5::bigint AND meeting_id = $1::bigint"
		"  AND version = $6::int + 1 AND (position, title, notes) IS NOT DISTINCT FROM ($2::int, $3, $4)",
	[DB_CAPTURE_DECISIONS] =
		"WITH saved AS (UPDATE iedesk.decision SET position = $2::int, text = $3, agenda_item_id = $4::bigint"
		" WHERE id = $5::bigint AND meeting_id = $1::bigint AND ($6::int IS NULL OR version = $6::int)"
		" RETURNING id AS decision_id, version, ''::text AS note)"
		" SELECT * FROM saved UNION ALL SELECT id, version, '' FROM iedesk.decision"
		" WHERE NOT EXISTS (SELECT FROM saved) AND id = $5::bigint AND meeting_id = $1::bigint"
		"  AND version = $6::int + 1"
		"  AND (position, text, agenda_item_id) IS NOT DISTINCT FROM ($2::int, $3, $4::bigint)",
	[DB_CAPTURE_ACTIONS] = ACTION_OWNER ","
		" saved AS (UPDATE iedesk.action_item ai SET decision_id = d.id, text = $3, owner_school_id = s.id,"
		"  owner_unit = CASE WHEN s.id IS NULL THEN $4 END, due_on = $5::date"
		" FROM s, iedesk.decision d WHERE d.id = $2::bigint AND d.meeting_id = $1::bigint"
		"  AND ai.id = $8::bigint AND ($9::int IS NULL OR ai.version = $9::int)"
		" RETURNING ai.id AS action_item_id, ai.version, " ACTION_NOTE " AS note)"
		" SELECT * FROM saved UNION ALL SELECT ai.id, ai.version, " ACTION_NOTE
		" FROM iedesk.action_item ai, s, iedesk.decision d WHERE NOT EXISTS (SELECT FROM saved)"
		"  AND d.id = $2::bigint AND d.meeting_id = $1::bigint AND ai.id = $8::bigint AND ai.version = $9::int + 1"
		"  AND (ai.decision_id, ai.text, ai.owner_school_id, ai.owner_unit, ai.due_on)"
		"   IS NOT DISTINCT FROM (d.id, $3, s.id, CASE WHEN s.id IS NULL THEN $4 END, $5::date)"
		NAME_CHANGED("s"),
};

static const char *const delete_sql[DB_CAPTURE_SECTIONS] = {
	[DB_CAPTURE_ATTENDEES] = "DELETE FROM iedesk.meeting_attendee WHERE id = $1::bigint"
		" AND ($2::int IS NULL OR version = $2::int) RETURNING id AS meeting_attendee_id, version, ''",
	[DB_CAPTURE_AGENDA] = "DELETE FROM iedesk.agenda_item WHERE id = $1::bigint"
		" AND ($2::int IS NULL OR version = $2::int) RETURNING id AS agenda_item_id, version, ''",
	[DB_CAPTURE_DECISIONS] = "DELETE FROM iedesk.decision WHERE id = $1::bigint"
		" AND ($2::int IS NULL OR version = $2::int) RETURNING id AS decision_id, version, ''",
	[DB_CAPTURE_ACTIONS] = "DELETE FROM iedesk.action_item WHERE id = $1::bigint"
		" AND ($2::int IS NULL OR version = $2::int) RETURNING id AS action_item_id, version, ''",
};

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

void db_capture_save_request(enum db_capture_section section, const char *meeting_id, const char *id,
	const char *version, const char *key, int position, const struct db_capture_fields *fields, const char *parent_id,
	struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	if ((unsigned)section >= DB_CAPTURE_SECTIONS)
		section = DB_CAPTURE_DECISIONS;
	bool is_new = !id || !*id;
	req->sql = is_new ? insert_sql[section] : update_sql[section];
	char **p = req->params;
	p[0] = xstrdup(meeting_id && *meeting_id ? meeting_id : "0");
	switch (section) {
	case DB_CAPTURE_ATTENDEES:
		p[1] = dup_or_null(fields->first);
		p[2] = xasprintf("%d", fields->count);
		p[3] = dup_or_null(fields->choice);
		p[4] = xstrdup(fields->automatic && fields->choice ? "t" : "f");
		req->nparams = 5;
		break;
	case DB_CAPTURE_AGENDA:
	case DB_CAPTURE_DECISIONS:
		p[1] = xasprintf("%d", position);
		p[2] = dup_or_null(fields->first);
		p[3] = section == DB_CAPTURE_AGENDA ? dup_or_null(fields->second) : dup_or_null(parent_id);
		req->nparams = 4;
		break;
	default:
		p[1] = xstrdup(parent_id && *parent_id ? parent_id : "0");
		p[2] = dup_or_null(fields->first);
		p[3] = dup_or_null(fields->second);
		p[4] = dup_or_null(fields->due);
		p[5] = dup_or_null(fields->choice);
		p[6] = xstrdup(fields->automatic && fields->choice ? "t" : "f");
		req->nparams = 7;
		break;
	}
	if (is_new) {
		p[req->nparams++] = dup_or_null(key);
	} else {
		p[req->nparams++] = xstrdup(id);
		p[req->nparams++] = dup_or_null(version);
	}
}

void db_capture_delete_request(enum db_capture_section section, const char *id, const char *version,
	struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	if ((unsigned)section >= DB_CAPTURE_SECTIONS)
		section = DB_CAPTURE_DECISIONS;
	req->sql = delete_sql[section];
	req->nparams = 2;
	req->params[0] = xstrdup(id && *id ? id : "0");
	req->params[1] = dup_or_null(version);
}

enum db_save_outcome db_capture_save_outcome(const PGresult *res, const struct db_error *failure, char **id,
	char **version, char **note, struct db_error *err)
{
	if (res && PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && PQnfields(res) > 2
			&& PQgetisnull(res, 0, 0) && strcmp(PQgetvalue(res, 0, 2), "name changed") == 0) {
		*id = *version = *note = NULL;
		db_error_set(err, "%s", _("the name no longer finds the one it was found to be: nothing was saved"));
		return DB_SAVE_NAME_CHANGED;
	}
	enum db_save_outcome outcome = db_record_save_outcome(res, failure, id, version, err);
	*note = outcome == DB_SAVE_OK && PQnfields(res) > 2 ? xstrdup(PQgetvalue(res, 0, 2)) : NULL;
	return outcome;
}
