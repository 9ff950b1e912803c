/* lookup: the candidates for a form's "pick a school / person / district" field, matched by the
 * database as the user types. */
#include "db/private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* $1 the filter ("" for all), $2 the limit; the kinds whose detail has words of the program's own (uses_words)
 * take them as $3, in the user's language (lookup_words): a date's "due %s", a code's shown word. */
static const char *const lookup_sql[DB_LOOKUP_COUNT] = {
	[DB_LOOKUP_DISTRICT] =
		"SELECT id::text, name, code FROM iedesk.district"
		" WHERE archived_at IS NULL AND ($1 = '' OR name ILIKE iedesk.contains_pattern($1)"
		" OR name_pinyin ILIKE iedesk.contains_pattern($1)"
		" OR code ILIKE iedesk.contains_pattern($1))"
		" ORDER BY name, id LIMIT $2::int",
	[DB_LOOKUP_SCHOOL] =
		"SELECT s.id::text, s.name, d.code || ' ' || s.code || coalesce(' ' || s.name_en, '')"
		" FROM iedesk.school s JOIN iedesk.district d ON d.id = s.district_id"
		" WHERE s.archived_at IS NULL AND ($1 = '' OR s.name ILIKE iedesk.contains_pattern($1)"
		" OR s.name_pinyin ILIKE iedesk.contains_pattern($1)"
		" OR s.code ILIKE iedesk.contains_pattern($1) OR s.name_en ILIKE iedesk.contains_pattern($1))"
		" ORDER BY s.name, s.id LIMIT $2::int",
	[DB_LOOKUP_PERSON] =
		"SELECT p.id::text, p.name, concat_ws(' ', d.code, p.phone, p.email)"
		" FROM iedesk.person p LEFT JOIN iedesk.district d ON d.id = p.district_id"
		" WHERE $1 = '' OR p.name ILIKE iedesk.contains_pattern($1) OR p.name_pinyin ILIKE iedesk.contains_pattern($1)"
		" OR p.email ILIKE iedesk.contains_pattern($1)"
		" ORDER BY p.name, p.id LIMIT $2::int",
	[DB_LOOKUP_CONSORTIUM] =
		"SELECT c.id::text, c.name, coalesce(d.code || ' ', '') || c.code"
		" FROM iedesk.consortium c LEFT JOIN iedesk.district d ON d.id = c.district_id"   /* an alliance across districts has none */
		" WHERE $1 = '' OR c.name ILIKE iedesk.contains_pattern($1) OR c.code ILIKE iedesk.contains_pattern($1)"
		" ORDER BY c.name, c.id LIMIT $2::int",
	[DB_LOOKUP_TRAINING] =
		"SELECT t.id::text, t.title, to_char(t.held_on, 'YYYY-MM-DD') || coalesce(' ' || t.provider, '')"
		" FROM iedesk.training t WHERE $1 = '' OR t.title ILIKE iedesk.contains_pattern($1)"
		" OR t.provider ILIKE iedesk.contains_pattern($1) ORDER BY t.title, t.id LIMIT $2::int",
	/* Meetings newest first, as their list shows them. */
	[DB_LOOKUP_MEETING] =
		"SELECT m.id::text, to_char(m.held_on, 'YYYY-MM-DD') || ' ' || m.title,"
		" d.code || ' ' || coalesce($3::jsonb->'word'->>m.kind, m.kind)"
		" FROM iedesk.meeting m JOIN iedesk.district d ON d.id = m.district_id"
		" WHERE $1 = '' OR m.title ILIKE iedesk.contains_pattern($1)"
		" ORDER BY m.held_on DESC, m.id DESC LIMIT $2::int",
	/* Agenda items and decisions of the newest meetings first, in their order; the detail names the meeting. */
	[DB_LOOKUP_AGENDA_ITEM] =
		"SELECT a.id::text, a.position || '. ' || a.title, to_char(m.held_on, 'YYYY-MM-DD') || ' ' || m.title"
		" FROM iedesk.agenda_item a JOIN iedesk.meeting m ON m.id = a.meeting_id"
		" WHERE $1 = '' OR a.title ILIKE iedesk.contains_pattern($1)"
		" ORDER BY m.held_on DESC, m.id DESC, a.position, a.id LIMIT $2::int",
	[DB_LOOKUP_DECISION] =
		"SELECT x.id::text, x.position || '. ' || left(translate(x.text, E'\\n\\r\\t', '   '), 60),"
		" to_char(m.held_on, 'YYYY-MM-DD') || ' ' || m.title"
		" FROM iedesk.decision x JOIN iedesk.meeting m ON m.id = x.meeting_id"
		" WHERE $1 = '' OR x.text ILIKE iedesk.contains_pattern($1)"
		" ORDER BY m.held_on DESC, m.id DESC, x.position, x.id LIMIT $2::int",
	/* Action items by due date, as their list shows them; the detail says who owns it and by when. */
	[DB_LOOKUP_ACTION_ITEM] =
		"SELECT x.id::text, " DB_ACTION_ITEM_NAME_SQL("x") ","
		" concat_ws($3::jsonb->>'sep', coalesce(s.name, x.owner_unit),"
		"  replace($3::jsonb->>'due', '%s', to_char(x.due_on, 'YYYY-MM-DD')))"
		" FROM iedesk.action_item x LEFT JOIN iedesk.school s ON s.id = x.owner_school_id"
		" WHERE $1 = '' OR x.text ILIKE iedesk.contains_pattern($1) OR x.owner_unit ILIKE iedesk.contains_pattern($1)"
		" OR s.name ILIKE iedesk.contains_pattern($1) OR s.name_pinyin ILIKE iedesk.contains_pattern($1)"
		" ORDER BY x.due_on, x.id LIMIT $2::int",
	/* Inspections newest plan first, matched by school; the detail says where it stands. */
	[DB_LOOKUP_INSPECTION] =
		"SELECT x.id::text, " DB_INSPECTION_NAME_SQL("x") ","
		" coalesce($3::jsonb->'word'->>x.status, x.status)"
		"  || coalesce(replace($3::jsonb->>'visited', '%s', to_char(x.visited_on, 'YYYY-MM-DD')), '')"
		" FROM iedesk.inspection x JOIN iedesk.school sc ON sc.id = x.school_id"
		" WHERE $1 = '' OR sc.name ILIKE iedesk.contains_pattern($1) OR sc.name_pinyin ILIKE iedesk.contains_pattern($1)"
		" ORDER BY x.planned_on DESC, x.id DESC LIMIT $2::int",
	/* Findings unresolved first, by due date, as an inspection's list shows them; the detail names the
	 * inspection they were found at. */
	[DB_LOOKUP_FINDING] =
		"SELECT x.id::text, " DB_FINDING_NAME_SQL("x") ","
		" concat_ws($3::jsonb->>'sep', sc.name || coalesce(' ' || to_char(i.visited_on, 'YYYY-MM-DD'), ''),"
		" replace($3::jsonb->>'due', '%s', to_char(x.due_on, 'YYYY-MM-DD')),"
		" replace($3::jsonb->>'resolved', '%s', to_char(x.resolved_on, 'YYYY-MM-DD')))"
		" FROM iedesk.finding x JOIN iedesk.inspection i ON i.id = x.inspection_id"
		" JOIN iedesk.school sc ON sc.id = i.school_id"
		" WHERE $1 = '' OR x.text ILIKE iedesk.contains_pattern($1) OR sc.name ILIKE iedesk.contains_pattern($1)"
		" OR sc.name_pinyin ILIKE iedesk.contains_pattern($1)"
		" ORDER BY x.resolved_on IS NOT NULL, x.due_on NULLS LAST, x.id LIMIT $2::int",
	/* A case worker's cases by code (0029's index: finding one reads none); the detail is its school. */
	[DB_LOOKUP_CASE] =
		"SELECT c.id::text, c.code, s.name FROM iedesk.case_index c JOIN iedesk.school s ON s.id = c.school_id"
		" WHERE $1 = '' OR c.code ILIKE iedesk.contains_pattern($1) OR s.name ILIKE iedesk.contains_pattern($1)"
		" ORDER BY c.code, c.id LIMIT $2::int",
	/* The IEP goals of a case worker's cases, matched by the case's code or the goal; each goal read reads
	 * (and logs) its case, as the form that picks one reads it. The latest IEP's goals first; the detail names
	 * the case and the IEP's number (none for a draft). */
	[DB_LOOKUP_GOAL] =
		"SELECT g.id::text, left(" DB_ONE_LINE_SQL("g.goal") ", 60), c.code || coalesce(' #' || i.number, '')"
		" FROM iedesk.case_index c JOIN iedesk.iep i ON i.case_id = c.id JOIN iedesk.iep_goal g ON g.iep_id = i.id"
		" WHERE $1 = '' OR c.code ILIKE iedesk.contains_pattern($1) OR g.goal ILIKE iedesk.contains_pattern($1)"
		" ORDER BY c.code, i.number DESC NULLS FIRST, g.id LIMIT $2::int",
	/* The drafts of the caller's cases (only a draft takes new parts), by case code; the detail is its
	 * start. */
	[DB_LOOKUP_IEP] =
		"SELECT i.id::text, " DB_IEP_NAME_SQL("i") ", coalesce(to_char(i.starts_on, 'YYYY-MM-DD'), '')"
		" FROM iedesk.case_index c JOIN iedesk.iep i ON i.case_id = c.id"
		" WHERE i.status = 'draft' AND ($1 = '' OR c.code ILIKE iedesk.contains_pattern($1))"
		" ORDER BY c.code, i.id LIMIT $2::int",
	[DB_LOOKUP_IEP_GOAL] =
		"SELECT g.id::text, " DB_IEP_GOAL_NAME_SQL("g") ", c.code"
		" FROM iedesk.case_index c JOIN iedesk.iep i ON i.case_id = c.id AND i.status = 'draft'"
		" JOIN iedesk.iep_goal g ON g.iep_id = i.id"
		" WHERE $1 = '' OR c.code ILIKE iedesk.contains_pattern($1) OR g.goal ILIKE iedesk.contains_pattern($1)"
		" ORDER BY c.code, g.id LIMIT $2::int",
	[DB_LOOKUP_PARTNER] =
		"SELECT p.id::text, p.name, coalesce(d.code || ' ', '') || p.code"
		" FROM iedesk.partner p LEFT JOIN iedesk.district d ON d.id = p.district_id"
		" WHERE p.archived_at IS NULL AND ($1 = '' OR p.name ILIKE iedesk.contains_pattern($1)"
		" OR p.name_pinyin ILIKE iedesk.contains_pattern($1) OR p.code ILIKE iedesk.contains_pattern($1))"
		" ORDER BY p.name, p.id LIMIT $2::int",
};

static bool uses_words(int kind)
{
	return kind == DB_LOOKUP_ACTION_ITEM || kind == DB_LOOKUP_INSPECTION || kind == DB_LOOKUP_FINDING
		|| kind == DB_LOOKUP_MEETING;
}

/* text as a JSON string's contents: a translation is text like any other. */
static void json_add(struct sql_buffer *b, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == '"' || *p == '\\')
			sql_add(b, "\\%c", *p);
		else if (*p < 0x20)
			sql_add(b, "\\u%04x", *p);
		else
			sql_add(b, "%c", *p);
	}
}

static void json_pair(struct sql_buffer *b, const char *key, const char *value, bool first)
{
	sql_add(b, "%s\"", first ? "" : ",");
	json_add(b, key);
	sql_add(b, "\":\"");
	json_add(b, value);
	sql_add(b, "\"");
}

/* The words the details are made of, as a JSON object: each template with its %s, and under "word" the
 * shown word of every choice a record's form offers (the codes a detail names: a status, a kind). */
static char *lookup_words(void)
{
	struct sql_buffer b = { 0 };
	sql_add(&b, "{");
	/* TRANSLATORS: between the parts of a candidate's detail: "区特殊教育中心, due 2026-10-10" */
	json_pair(&b, "sep", C_("list separator", ", "), true);
	/* TRANSLATORS: the date a candidate is due, in its detail */
	json_pair(&b, "due", _("due %s"), false);
	json_pair(&b, "resolved", _("resolved %s"), false);
	/* TRANSLATORS: follows an inspection's status: "done, visited 2026-11-17" */
	json_pair(&b, "visited", _(", visited %s"), false);
	sql_add(&b, ",\"word\":{");
	bool first = true;
	for (int k = 0; k < DB_RECORD_COUNT; k++) {
		const struct db_record_def *def = db_record_def((enum db_record_kind)k);
		for (int i = 0; i < def->nfields; i++) {
			if (def->fields[i].type != DB_FIELD_CHOICE)
				continue;
			for (const char *const *c = def->fields[i].choices; c && *c; c++) {
				json_pair(&b, *c, text_word(*c), first);
				first = false;
			}
		}
	}
	sql_add(&b, "}}");
	return b.text;
}

void db_lookup_request(int kind, const char *filter, int limit, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = lookup_sql[db_kind_check(kind, DB_LOOKUP_NONE + 1, DB_LOOKUP_COUNT, "lookup")];
	req->nparams = 2;
	req->params[0] = xstrdup(filter ? filter : "");
	req->params[1] = xasprintf("%d", limit > 0 ? limit : 50);
	if (uses_words(kind))
		req->params[req->nparams++] = lookup_words();
}

bool db_lookup_parse(const PGresult *res, struct db_choices *choices, struct db_error *err)
{
	memset(choices, 0, sizeof(*choices));
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQnfields(res) != 3) {
		db_error_set(err, "%s", _("the candidates came back in an unexpected shape"));
		return false;
	}
	int n = PQntuples(res);
	choices->items = xcalloc((size_t)n + 1, sizeof(*choices->items));
	for (int r = 0; r < n; r++) {
		choices->items[r].id = xstrdup(PQgetvalue(res, r, 0));
		choices->items[r].name = db_text_shown(PQgetvalue(res, r, 1));
		choices->items[r].detail = xstrdup(PQgetvalue(res, r, 2));
	}
	choices->count = (size_t)n;
	return true;
}

void db_choices_done(struct db_choices *choices)
{
	for (size_t i = 0; i < choices->count; i++) {
		free(choices->items[i].id);
		free(choices->items[i].name);
		free(choices->items[i].detail);
	}
	FREE(&choices->items);
	choices->count = 0;
}
