/* private: helpers shared by the files of db/, not part of its public interface. */
#ifndef IEDESK_DB_PRIVATE_H
#define IEDESK_DB_PRIVATE_H

#include "db/db.h"
#include "config/config.h"

/* The whole file, NUL-terminated; NULL with err filled when it cannot be read. */
char *db_read_file(const char *path, size_t *size, struct db_error *err);
/* Run a statement that returns no rows the caller needs; false with err filled on failure. */
bool db_exec_ok(PGconn *conn, const char *sql, struct db_error *err, const char *doing);

/* Wait until conn's result can be read without blocking, asking stop(ctx) (may be NULL) between waits;
 * false with a sentence about the what ("export", "report") when stop said so, the connection failed, or
 * the database sent nothing for seconds (0 or less: conn's connect_timeout). A stalled server keeps its
 * socket open (and a Unix socket has no keepalives), so only this deadline ends that wait. */
bool db_wait_result(PGconn *conn, int seconds, bool (*stop)(void *ctx), void *ctx, const char *what,
		struct db_error *err);

/* Read what is left of the query, so the connection is usable again. */
void db_query_drain(PGconn *conn);
/* Stop the query while it still runs or sends rows, then drain it. */
void db_query_abandon(PGconn *conn);

/* kind, when it is one of what's kinds (a list, a record, a detail, a lookup: [first, count)); any other is a
 * bug, never another kind: one line on stderr ("iedesk: bug: there is no record kind 16"), then abort. */
int db_kind_check(int kind, int first, int count, const char *what);

/* The sentences db_error_explain keeps in its tables (English, as marked: _() gives the shown one), the
 * i-th or NULL past the last; and the SQLSTATE of its i-th line (NULL past the last), *as_said when that
 * line passes on what the server said. For the test that each is translated. */
const char *db_error_sentence(size_t i);
const char *db_error_sqlstate(size_t i, bool *as_said);

/* ---- documents (document.c): what the minutes and the IEP share to be written out ---- */

#define DOC_TEXT_WIDTH 78
/* Text that may hold newlines, each of its lines wrapped to DOC_TEXT_WIDTH cells: the first line after
 * first, the others after rest (both ASCII); what a terminal would obey in it shown as '?'. */
void doc_wrap_text(FILE *out, const char *raw, const char *first, const char *rest);
/* A heading, wrapped, underlined with c as wide as its widest line. */
void doc_heading(FILE *out, const char *title, char c);
/* Where Markdown text goes: in a table cell, a heading or after a label (inline), or as a list item's
 * text, a newline becomes a space (the block is one line); in a field, a hard line break kept inside
 * its list item; a paragraph's line is one already. An item's text and a paragraph start a line. */
enum doc_md_place { DOC_MD_INLINE, DOC_MD_ITEM, DOC_MD_FIELD, DOC_MD_PARAGRAPH };
/* raw with Markdown's punctuation escaped and what a terminal would obey shown as '?', so names and notes
 * print as written and cannot open a block that swallows the sections after them. */
void doc_md_text(FILE *out, const char *raw, enum doc_md_place place);
/* Paragraphs of text: each line of it one paragraph, after indent. */
void doc_md_paragraphs(FILE *out, const char *text, const char *indent);
/* A date YYYY-MM-DD as the Chinese layouts write it (2026年9月17日: the translation's form); anything else
 * as it is. Allocated. */
char *doc_zh_date(const char *iso);
/* n in Chinese numerals, as 会议议程 numbers its items (一, 十二, 九十九); larger as digits. Allocated. */
char *doc_zh_numeral(int n);

/* SQL text assembled once from constant fragments (never from user data), growing as needed. */
struct sql_buffer {
	char *text;
	size_t len, size;
};
void sql_add(struct sql_buffer *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* How an action item, an inspection and a finding read where one is picked or shown by name, over the
 * row aliased a (a string literal): record.c names a loaded record's lookups, lookup.c its candidates and
 * inspection.c a planned inspection's with the same expressions, so a name never changes on reload. */
#define DB_ONE_LINE_SQL(e) "translate(" e ", E'\\n\\r\\t', '   ')"
#define DB_ACTION_ITEM_NAME_SQL(a) DB_ONE_LINE_SQL(a ".text")
#define DB_INSPECTION_NAME_SQL(a) DB_MESSAGE_SQL("inspection-title", "(SELECT s.name FROM iedesk.school s WHERE" \
	" s.id = " a ".school_id)", DB_WORD_SQL(a ".kind"), DB_DATE_SQL(a ".planned_on"))
#define DB_FINDING_NAME_SQL(a) DB_MESSAGE_SQL("severity-text", DB_WORD_SQL(a ".severity"), \
	"left(" DB_ONE_LINE_SQL(a ".text") ", 60)")
/* An IEP as a form names it: its case's code and its number, or that it is the draft; a goal by its area
 * and the start of its text. */
#define DB_IEP_NAME_SQL(a) "CASE WHEN " a ".number IS NULL THEN " DB_MESSAGE_SQL("iep-draft-of", \
	"(SELECT c.code FROM iedesk.student_case c WHERE c.id = " a ".case_id)") \
	" ELSE " DB_MESSAGE_SQL("iep-number-of", "(SELECT c.code FROM iedesk.student_case c WHERE c.id = " a ".case_id)", \
	a ".number::text") " END"
#define DB_IEP_GOAL_NAME_SQL(a) DB_MESSAGE_SQL("goal-name", DB_WORD_SQL(a ".area"), \
	"left(" DB_ONE_LINE_SQL(a ".goal") ", 60)")

/* ---- what a query gives to be shown: words, dates and sentences marked for list.c to show them in the
 * language and the date format chosen (db_text_shown), so that no English is put together in SQL ---- */

#define DB_MARK_DATE '\035'      /* before a YYYY-MM-DD (or YYYY-MM-DD HH:MI) anywhere in a field */
#define DB_MARK_WORD '\036'      /* before a whole field or part that is a code: shown as its text_word */
#define DB_MARK_MESSAGE '\034'   /* a message: this, its code, each part after DB_MARK_PART, DB_MARK_END */
#define DB_MARK_PART '\037'
#define DB_MARK_END '\032'
#define DB_MARK_PART_S "\037"
#define DB_MARK_END_S "\032"
#define DB_MARKS_S "\035\036\034\037\032"
#define DB_MESSAGE_MAX_PARTS 8
/* A date (a date and time), NULL when e is NULL. */
#define DB_DATE_SQL(e) "(E'\\x1d' || to_char(" e ", 'YYYY-MM-DD'))"
#define DB_DATE_TIME_SQL(e) "(E'\\x1d' || to_char(" e ", 'YYYY-MM-DD HH24:MI'))"
/* A code, NULL when e is NULL. */
#define DB_WORD_SQL(e) "(E'\\x1e' || " e ")"
/* The message of list.c's messages[] with that code (a literal) and no parts: a label, a section. */
#define DB_LABEL_SQL(code) "E'\\x1c" code "\\x1a'"
/* The message with that code, its parts the text expressions that follow; a NULL part is empty, the
 * message never NULL. */
#define DB_MESSAGE_SQL(code, ...) "concat(E'\\x1c" code "'" DB_MESSAGE_PARTS(DB_MESSAGE_PART, __VA_ARGS__) ", E'\\x1a')"
#define DB_MESSAGE_PART(e) ", E'\\x1f', " e
/* The same, NULL when a part is NULL (for an optional phrase: coalesce(..., '')). */
#define DB_PHRASE_SQL(code, ...) "(E'\\x1c" code "'" DB_MESSAGE_PARTS(DB_PHRASE_PART, __VA_ARGS__) " || E'\\x1a')"
#define DB_PHRASE_PART(e) " || E'\\x1f' || " e
#define DB_MESSAGE_PARTS(p, ...) DB_MESSAGE_PARTS_N(__VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1)(p, __VA_ARGS__)
#define DB_MESSAGE_PARTS_N(a, b, c, d, e, f, g, h, n, ...) DB_MESSAGE_PARTS_##n
#define DB_MESSAGE_PARTS_1(p, a) p(a)
#define DB_MESSAGE_PARTS_2(p, a, b) p(a) p(b)
#define DB_MESSAGE_PARTS_3(p, a, b, c) DB_MESSAGE_PARTS_2(p, a, b) p(c)
#define DB_MESSAGE_PARTS_4(p, a, b, c, d) DB_MESSAGE_PARTS_3(p, a, b, c) p(d)
#define DB_MESSAGE_PARTS_5(p, a, b, c, d, e) DB_MESSAGE_PARTS_4(p, a, b, c, d) p(e)
#define DB_MESSAGE_PARTS_6(p, a, b, c, d, e, f) DB_MESSAGE_PARTS_5(p, a, b, c, d, e) p(f)
#define DB_MESSAGE_PARTS_7(p, a, b, c, d, e, f, g) DB_MESSAGE_PARTS_6(p, a, b, c, d, e, f) p(g)
#define DB_MESSAGE_PARTS_8(p, a, b, c, d, e, f, g, h) DB_MESSAGE_PARTS_7(p, a, b, c, d, e, f, g) p(h)
/* A field as shown: its marked words, dates and sentence put in words, allocated. */
char *db_text_shown(const char *stored);

/* ---- the lists' specs (pane_*.c), built into SQL by list.c ---- */

#define DB_LIST_MAX_KEYS 4

/* How a list is queried. A window is an inner query that walks one index in key order and stops at the
 * limit:
 *   SELECT <columns>, <key> AS k0, ... FROM <from> WHERE <where> AND <filter> AND <keyset> ORDER BY k.. LIMIT n
 * and an outer one that formats only those rows; counts and the current manager come from lateral
 * subqueries over the window's rows alone (aggregates, LIMIT 1 or OFFSET 0 keep the planner from
 * flattening them into joins over whole tables).
 * Parameters: $1 the filter, $2 the parent (lists that have one), then the key values, then the limit. */
struct db_list_query {
	bool descending;          /* newest first: the key order is walked backwards */
	bool has_parent;
	const char *columns;      /* the inner query's columns, read by select as w.<name> */
	const char *from;
	const char *where;        /* fixed condition, or NULL */
	const char *filter;       /* what the filter matches, with iedesk.contains_pattern($1) */
	const char *key_expr[DB_LIST_MAX_KEYS];
	const char *key_type[DB_LIST_MAX_KEYS];
	const char *select;       /* the visible columns and the flags, from w */
	const char *joins;        /* the outer query's lateral joins, or "" */
	const char *summary;      /* a text expression over the list's rows (aggregates) for its summary line */
	const char *tally;        /* unfiltered, the summary is this expression over 0017's tally rows t */
	const char *tally_where;  /* which tally rows: a dimension and group */
	const char *narrow_from;  /* filtered, the rows the filter can match when it matches a few groups */
	const char *narrow;       /* when narrow_from is walked instead of from */
	const char *count_from;   /* filtered, the summary counts these rows (rather than from's) */
	const char *count_filter; /* that the filter matches */
};

#define DB_LIST_DECLARE(id, name) extern const struct db_list_spec db_list_##name;
DB_LIST_INFO(DB_LIST_DECLARE)
#undef DB_LIST_DECLARE

/* ---- the records' and the details' specs (pane_*.c): record.c builds their statements, detail.c sends them ---- */

#define DB_RECORD_DECLARE(id, name, writers) extern const struct db_record_def db_record_##name;
DB_RECORD_INFO(DB_RECORD_DECLARE)
#undef DB_RECORD_DECLARE

/* A detail is one query answering (section, label, value) or, linked, (section, label, value, link) rows:
 * a UNION ALL of parts, every part answering (part, pos, section, label, value[, link]) and ordered by part
 * and position. Part 0 is the record's title; every part is tied to the record itself, so an id that no
 * longer exists gives no row at all. $1 is the id. A link is "<detail name>:ID" ("school:12"). */
#define DB_DETAIL_DECLARE(id, name) extern const struct db_detail_spec db_detail_##name;
DB_DETAIL_INFO(DB_DETAIL_DECLARE)
#undef DB_DETAIL_DECLARE

#define DETAIL_HEAD "SELECT section, label, value FROM ("
#define DETAIL_LINKED_HEAD "SELECT section, label, value, link FROM ("
#define DETAIL_TAIL ") x ORDER BY part, pos"
/* Who a login is: the person it belongs to, else the login (0009). */
#define SQL_LOGIN(e) "iedesk.login_name(" e ")"
/* The record's last ten changes in the audit log (0015), newest first: when, who, and what it did — the
 * columns an update changed, by name. extra is "" or the link column of a linked query. */
#define DETAIL_HISTORY(table, extra) \
	" UNION ALL" \
	" SELECT 99, h.n, " DB_LABEL_SQL("history") ", " DB_DATE_TIME_SQL("h.at") ", CASE h.action" \
	"  WHEN 'insert' THEN " DB_MESSAGE_SQL("created-it", SQL_LOGIN("h.login")) \
	"  WHEN 'delete' THEN " DB_MESSAGE_SQL("deleted-it", SQL_LOGIN("h.login")) \
	"  WHEN 'read' THEN " DB_MESSAGE_SQL("read-it", SQL_LOGIN("h.login")) \
	"  ELSE " DB_MESSAGE_SQL("changed", SQL_LOGIN("h.login"), "coalesce((SELECT string_agg(k.key, ', ' ORDER BY k.key)" \
	"   FROM jsonb_each(h.new) k WHERE k.key NOT IN ('version', 'updated_at', 'name_pinyin')" \
	"   AND k.value IS DISTINCT FROM h.old -> k.key), " DB_LABEL_SQL("nothing") ")") \
	"  END" extra \
	" FROM (SELECT a.at, a.login, a.action, a.old, a.new," \
	"  row_number() OVER (ORDER BY a.at DESC, a.id DESC) AS n FROM iedesk.audit_log a" \
	"  WHERE a.table_name = '" table "' AND a.row_id = $1::bigint ORDER BY a.at DESC, a.id DESC LIMIT 10) h"

/* A gap of a school (0028's figures of iedesk.manager_gap_each g) said as a marked sentence, the same the
 * view's details say in English; day is how the date is written: DB_DATE_SQL in a pane, ISO in an export. */
#define DB_GAP_DETAILS_SQL(g, day) "CASE " g ".gap WHEN 'vacant' THEN CASE WHEN " g ".since IS NULL THEN " \
	DB_LABEL_SQL("gap-never") " ELSE " DB_PHRASE_SQL("gap-days", "(iedesk.today() - " g ".since)::text") " END" \
	" WHEN 'turnover' THEN " DB_PHRASE_SQL("gap-managers-since", g ".managers::text", day) \
	" ELSE " DB_LABEL_SQL("gap-no-training") " END"

/* Shorthands of the specs. */
#define PATTERN "iedesk.contains_pattern($1)"
#define LABEL(code) DB_LABEL_SQL(code)
#define WORD(e) DB_WORD_SQL(e)
#define DATE(e) DB_DATE_SQL(e)
#define DATE_TIME(e) DB_DATE_TIME_SQL(e)
#define MESSAGE(...) DB_MESSAGE_SQL(__VA_ARGS__)
#define PHRASE(...) DB_PHRASE_SQL(__VA_ARGS__)
/* A district's, school's or person's name matched by the filter, or its pinyin (0026: "hrq", "huairou"). */
#define NAME_MATCHES(t) t ".name ILIKE " PATTERN " OR " t ".name_pinyin ILIKE " PATTERN
#define ONE_LINE(e) DB_ONE_LINE_SQL(e)
/* What a partnership brings (its codes as words), as one "list" message. */
#define DB_BRINGS_SQL(p) "(SELECT (E'\\x1clist\\x1f' || string_agg(" DB_WORD_SQL("b") ", E'\\x1f' ORDER BY b) || E'\\x1a')" \
	" FROM unnest(" p ".brings) b)"
/* "怀柔区 (HR)": a name with its code, as one message. */
#define NAME_CODE(name, code) MESSAGE("name-code", name, code)
#define COLUMNS(a) .ncolumns = (int)(sizeof(a) / sizeof((a)[0])), .columns = a
#define OPEN(...) &(const struct db_list_open){ __VA_ARGS__ }
#define EDITING(...) &(const struct db_list_editing){ __VA_ARGS__ }
#define TEXT_FIELD(col, lab, req, len, hin) \
	{ .column = col, .label = lab, .type = DB_FIELD_TEXT, .required = req, .max_length = len, .hint = hin }
#define MULTILINE_FIELD(col, lab, req, len) \
	{ .column = col, .label = lab, .type = DB_FIELD_MULTILINE, .required = req, .max_length = len }
#define DATE_FIELD(col, lab, req) \
	{ .column = col, .label = lab, .type = DB_FIELD_DATE, .required = req, .hint = "YYYY-MM-DD" }
#define CHOICE_FIELD(col, lab, req, list, hin) \
	{ .column = col, .label = lab, .type = DB_FIELD_CHOICE, .required = req, .choices = list, .hint = hin }
#define BOOL_FIELD(col, lab) \
	{ .column = col, .label = lab, .type = DB_FIELD_BOOL, .required = true }
#define INT_FIELD(col, lab, req, lo, hi, hin) \
	{ .column = col, .label = lab, .type = DB_FIELD_INT, .required = req, .min = lo, .max = hi, .hint = hin }
#define LOOKUP_FIELD(col, lab, req, kind) \
	{ .column = col, .label = lab, .type = DB_FIELD_LOOKUP, .required = req, .lookup = kind }
#define FIELDS(a) .nfields = (int)(sizeof(a) / sizeof((a)[0])), .fields = a
#define DEFAULTS(...) (const struct db_field_default[]){ __VA_ARGS__, { NULL, NULL } }

#endif
