/* report: the backlog's summary report (open, overdue, closed this term per district and school) as a
 * table for a mail or as CSV, read from the very list queries the summary report's screen walks. */
#include "db/private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Rows a window asks for: a handful of queries even for a city's thousands of schools. */
#define REPORT_WINDOW 500
/* The columns of DB_LIST_REPORT_DISTRICTS and DB_LIST_REPORT_SCHOOLS: name, code, open, overdue, closed this
 * term, median days to close, oldest open. */
#define REPORT_COLUMNS 7
enum { COLUMN_NAME, COLUMN_CODE, COLUMN_OPEN, COLUMN_OVERDUE, COLUMN_CLOSED, COLUMN_MEDIAN, COLUMN_OLDEST };
/* The open districts of the region with the code in param and of every region under it (0031's ltree: one probe of the
 * GiST index, then district_region_idx), in the Summary report's order, its NAME_KEYS. */
#define REGION_DISTRICTS(param) "(SELECT rd.id FROM iedesk.district rd JOIN iedesk.region rr ON rr.id = rd.region_id" \
	" WHERE rd.archived_at IS NULL" \
	" AND rr.path OPERATOR(iedesk.<@) (SELECT rx.path FROM iedesk.region rx WHERE rx.code = " param "))"

bool db_report_format_lookup(const char *name, enum db_report_format *format)
{
	if (name && !strcmp(name, "table"))
		*format = DB_REPORT_TABLE;
	else if (name && !strcmp(name, "csv"))
		*format = DB_REPORT_CSV;
	else
		return false;
	return true;
}

/* ---- reading: every window of a list, as the screen would scroll through it ---- */

/* A district's row and its schools' rows. */
struct report_district {
	struct db_row *row;         /* in the report's districts */
	struct db_rows schools;     /* owned */
};

struct report {
	char term_start[11], today[11];
	char *region_code, *region_name;   /* owned; NULL unless the report is of a region's districts */
	char median[24];            /* the median days to close of every closing the report counts ("" none) */
	struct db_rows districts;   /* owned; with a district code, just that one */
	struct report_district *items;   /* owned, one per row of districts */
	size_t count;
};

static void report_done(struct report *report)
{
	for (size_t i = 0; i < report->count; i++)
		db_rows_done(&report->items[i].schools);
	FREE(&report->items);
	report->count = 0;
	db_rows_done(&report->districts);
	FREE(&report->region_code);
	FREE(&report->region_name);
}

/* One query's result, waited for with the export's deadline, so a stalled server ends the report with a
 * sentence rather than hanging it, and a signal cancels it; NULL with err filled when the query could not
 * be sent or the wait gave up. */
static PGresult *report_query(PGconn *conn, const struct db_report_options *options, const char *sql, int nparams,
		const char *const *params, struct db_error *err)
{
	if (!PQsendQueryParams(conn, sql, nparams, NULL, params, NULL, NULL, 0)) {
		db_error_from_result(err, conn, NULL, _("reading the summary report"));
		return NULL;
	}
	PGresult *last = NULL;
	for (;;) {
		if (!db_wait_result(conn, options->wait_timeout, options->stop, options->ctx, "report", err)) {
			PQclear(last);
			db_query_abandon(conn);
			return NULL;
		}
		PGresult *res = PQgetResult(conn);
		if (!res)
			return last;
		PQclear(last);
		last = res;
	}
}

/* Every row of kind for filter and parent into all, a keyset window at a time. */
static bool list_walk(PGconn *conn, const struct db_report_options *options, enum db_list_kind kind,
		const char *filter, const char *parent, struct db_rows *all, struct db_error *err)
{
	const struct db_list_spec *def = db_list_spec(kind);
	memset(all, 0, sizeof(*all));
	all->ncolumns = def->ncolumns;
	all->nkeys = def->nkeys;
	size_t capacity = 0;
	for (;;) {
		if (options->stop && options->stop(options->ctx)) {
			db_error_set(err, _("the report was interrupted"));
			db_rows_done(all);
			return false;
		}
		char *const *key = all->count ? all->rows[all->count - 1].keys : NULL;
		enum db_window where = key ? DB_WINDOW_AFTER : DB_WINDOW_FIRST;
		struct db_request req;
		db_list_request(kind, where, key, filter, parent, REPORT_WINDOW, &req);
		PGresult *res = report_query(conn, options, req.sql, req.nparams, (const char *const *)req.params, err);
		db_request_done(&req);
		struct db_rows window;
		bool ok;
		if (!res) {
			ok = false;
		} else if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			db_error_from_result(err, conn, res, _("reading the summary report"));
			ok = false;
		} else {
			ok = db_rows_parse(kind, where, res, &window, err);
		}
		PQclear(res);
		if (!ok) {
			db_rows_done(all);
			return false;
		}
		/* the window's rows move over whole; only its array is left to free */
		if (all->count + window.count > capacity) {
			capacity = (all->count + window.count) * 2;
			all->rows = xrealloc(all->rows, capacity * sizeof(*all->rows));
		}
		if (window.count)
			memcpy(all->rows + all->count, window.rows, window.count * sizeof(*window.rows));
		all->count += window.count;
		size_t got = window.count;
		window.count = 0;
		db_rows_done(&window);
		if (got < REPORT_WINDOW)
			return true;
	}
}

/* The id of the district with code; false with a sentence when there is none, or it is archived (the
 * report, as its screen, leaves archived districts out). */
static bool district_find(PGconn *conn, const struct db_report_options *options, const char *code, char *id,
		size_t size, struct db_error *err)
{
	const char *params[1] = { code };
	PGresult *res = report_query(conn, options,
		"SELECT id::text, archived_at IS NOT NULL FROM iedesk.district WHERE code = $1", 1, params, err);
	if (!res)
		return false;
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok) {
		db_error_from_result(err, conn, res, _("looking up the district"));
	} else if (PQntuples(res) == 0) {
		db_error_set(err, _("no district has the code %s"), code);
		ok = false;
	} else if (!strcmp(PQgetvalue(res, 0, 1), "t")) {
		db_error_set(err, _("the district %s is archived: the summary report leaves archived districts out"),
			code);
		ok = false;
	} else {
		snprintf(id, size, "%s", PQgetvalue(res, 0, 0));
	}
	PQclear(res);
	return ok;
}

/* The term the report covers: from its first day to today, both as the database counts them; and the
 * Total line's median, which no sum of the districts' medians gives: over the closings this term of the
 * districts the report holds (district_id, or the region's, or every open one), counted as pane_backlog.c's
 * REPORT_FIGURES counts a district's. */
static bool term_read(PGconn *conn, const struct db_report_options *options, const char *district_id,
		struct report *report, struct db_error *err)
{
	const char *params[2] = { district_id, report->region_code ? report->region_code : "" };
	PGresult *res = report_query(conn, options, "SELECT to_char(iedesk.term_start(iedesk.today()), 'YYYY-MM-DD'),"
		" to_char(iedesk.today(), 'YYYY-MM-DD'), coalesce((SELECT percentile_disc(0.5) WITHIN GROUP"
		" (ORDER BY i.closed_on - i.visited_on) FROM iedesk.district d JOIN iedesk.school s ON s.district_id = d.id"
		" JOIN iedesk.inspection i ON i.school_id = s.id WHERE d.archived_at IS NULL"
		" AND (d.id = nullif($1::text, '')::bigint OR $1::text = '') AND ($2::text = '' OR d.id IN " REGION_DISTRICTS("$2") ")"
		" AND i.status = 'closed' AND i.closed_on >= iedesk.term_start(iedesk.today()))::text, '')", 2, params, err);
	if (!res)
		return false;
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
	if (ok) {
		snprintf(report->term_start, sizeof(report->term_start), "%s", PQgetvalue(res, 0, 0));
		snprintf(report->today, sizeof(report->today), "%s", PQgetvalue(res, 0, 1));
		snprintf(report->median, sizeof(report->median), "%s", PQgetvalue(res, 0, 2));
	} else {
		db_error_from_result(err, conn, res, _("reading the summary report"));
	}
	PQclear(res);
	return ok;
}

static void row_done(struct db_row *row, int ncolumns, int nkeys)
{
	for (int c = 0; c < ncolumns; c++)
		free(row->cells[c]);
	for (int k = 0; k < nkeys; k++)
		free(row->keys[k]);
	free(row->cells);
	free(row->keys);
}

/* With a code, the districts' list filtered by it holds the district (and any whose name holds the code):
 * keep the one row that is it. */
static bool district_keep(struct db_rows *districts, const char *code, const char *id, struct db_error *err)
{
	size_t found = districts->count;
	for (size_t r = 0; r < districts->count; r++) {
		struct db_row *row = &districts->rows[r];
		if (found == districts->count && !strcmp(row->cells[COLUMN_CODE], code)
				&& !strcmp(row->keys[districts->nkeys - 1], id))
			found = r;
		else
			row_done(row, districts->ncolumns, districts->nkeys);
	}
	if (found == districts->count) {
		/* archived or given another code between the lookup and the walk */
		districts->count = 0;
		db_error_set(err, _("no district has the code %s"), code);
		return false;
	}
	districts->rows[0] = districts->rows[found];
	districts->count = 1;
	return true;
}

/* The region with code: its name into the report; false with a sentence when none has it. */
static bool region_find(PGconn *conn, const struct db_report_options *options, const char *code,
		struct report *report, struct db_error *err)
{
	const char *params[1] = { code };
	PGresult *res = report_query(conn, options, "SELECT code, name FROM iedesk.region WHERE code = $1", 1, params,
		err);
	if (!res)
		return false;
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok) {
		db_error_from_result(err, conn, res, _("looking up the region"));
	} else if (PQntuples(res) == 0) {
		db_error_set(err, _("no region has the code %s"), code);
		ok = false;
	} else {
		report->region_code = xstrdup(PQgetvalue(res, 0, 0));
		report->region_name = xstrdup(PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	return ok;
}

/* The row of the district with code and id, from the districts' list filtered by its code, moved into
 * districts (which owns its rows). */
static bool district_add(PGconn *conn, const struct db_report_options *options, const char *code, const char *id,
		struct db_rows *districts, size_t *capacity, struct db_error *err)
{
	struct db_rows one;
	if (!list_walk(conn, options, DB_LIST_REPORT_DISTRICTS, code, NULL, &one, err))
		return false;
	if (!district_keep(&one, code, id, err)) {
		db_rows_done(&one);
		return false;
	}
	if (districts->count == *capacity) {
		*capacity = *capacity ? *capacity * 2 : 16;
		districts->rows = xrealloc(districts->rows, *capacity * sizeof(*districts->rows));
	}
	districts->ncolumns = one.ncolumns;
	districts->nkeys = one.nkeys;
	districts->rows[districts->count++] = one.rows[0];
	one.count = 0;
	db_rows_done(&one);
	return true;
}

/* A region's districts, each as --district reads one: the district's row of the list filtered by its code
 * (an index-bound query a district, however many the country has), in the list's order. */
static bool region_districts(PGconn *conn, const struct db_report_options *options, struct report *report,
		struct db_error *err)
{
	const char *params[1] = { report->region_code };
	PGresult *res = report_query(conn, options, "SELECT d.code, d.id::text FROM iedesk.district d"
		" WHERE d.id IN " REGION_DISTRICTS("$1") " ORDER BY d.name, d.id", 1, params, err);
	if (!res)
		return false;
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		db_error_from_result(err, conn, res, _("reading the summary report"));
	memset(&report->districts, 0, sizeof(report->districts));
	const struct db_list_spec *def = db_list_spec(DB_LIST_REPORT_DISTRICTS);
	report->districts.ncolumns = def->ncolumns;
	report->districts.nkeys = def->nkeys;
	size_t capacity = 0;
	for (int r = 0; ok && r < PQntuples(res); r++)
		ok = district_add(conn, options, PQgetvalue(res, r, 0), PQgetvalue(res, r, 1), &report->districts,
			&capacity, err);
	PQclear(res);
	return ok;
}

static bool report_read(PGconn *conn, const struct db_report_options *options, const char *code,
		const char *region, struct report *report, struct db_error *err)
{
	char id[32] = "";
	if (code && !district_find(conn, options, code, id, sizeof(id), err))
		return false;
	if (region && !region_find(conn, options, region, report, err))
		return false;
	if (!term_read(conn, options, id, report, err))
		return false;
	if (region) {
		if (!region_districts(conn, options, report, err))
			return false;
	} else {
		if (!list_walk(conn, options, DB_LIST_REPORT_DISTRICTS, code ? code : "", NULL, &report->districts, err))
			return false;
		if (code && !district_keep(&report->districts, code, id, err))
			return false;
	}
	report->items = report->districts.count ? xcalloc(report->districts.count, sizeof(*report->items)) : NULL;
	for (size_t d = 0; d < report->districts.count; d++) {
		struct db_row *row = &report->districts.rows[d];
		report->items[d].row = row;
		report->count = d + 1;
		if (!list_walk(conn, options, DB_LIST_REPORT_SCHOOLS, "", row->keys[report->districts.nkeys - 1],
				&report->items[d].schools, err))
			return false;
	}
	return true;
}

/* The figures of every district the report holds, summed (the median is the report's own, as no sum gives
 * it), as text. */
struct report_totals {
	char open[24], overdue[24], closed[24];
	const char *oldest;   /* YYYY-MM-DD, "" for nothing open; the districts' own */
};

static void report_total(const struct report *report, struct report_totals *totals)
{
	long open = 0, overdue = 0, closed = 0;
	totals->oldest = "";   /* YYYY-MM-DD sorts as text */
	for (size_t d = 0; d < report->count; d++) {
		const struct db_row *row = report->items[d].row;
		open += strtol(row->cells[COLUMN_OPEN], NULL, 10);
		overdue += strtol(row->cells[COLUMN_OVERDUE], NULL, 10);
		closed += strtol(row->cells[COLUMN_CLOSED], NULL, 10);
		const char *first = row->cells[COLUMN_OLDEST];
		if (*first && (!*totals->oldest || strcmp(first, totals->oldest) < 0))
			totals->oldest = first;
	}
	snprintf(totals->open, sizeof(totals->open), "%ld", open);
	snprintf(totals->overdue, sizeof(totals->overdue), "%ld", overdue);
	snprintf(totals->closed, sizeof(totals->closed), "%ld", closed);
}

/* ---- CSV ---- */

static const char *const csv_header[] = {
	NC_("CSV header", "Level"), NC_("CSV header", "District code"), NC_("CSV header", "District"),
	NC_("CSV header", "School"), NC_("CSV header", "Open"), NC_("CSV header", "Overdue"),
	NC_("CSV header", "Closed this term"), NC_("CSV header", "Median days to close"), NC_("CSV header", "Oldest open"),
};

/* An empty figure (no closings, nothing open) is a missing value, as in the exports. */
static const char *csv_value(const char *cell)
{
	return *cell ? cell : NULL;
}

static void csv_row(FILE *out, const char *level, const struct db_row *district, const struct db_row *school,
                    bool exact)
{
	const struct db_row *row = school ? school : district;
	db_csv_write_field(out, level, true);
	db_csv_write_text(out, district->cells[COLUMN_CODE], false, exact);
	db_csv_write_text(out, district->cells[COLUMN_NAME], false, exact);
	db_csv_write_text(out, school ? school->cells[COLUMN_NAME] : NULL, false, exact);
	for (int c = COLUMN_OPEN; c < REPORT_COLUMNS; c++)
		db_csv_write_field(out, csv_value(row->cells[c]), false);
	db_csv_end_row(out);
}

static long report_csv(const struct report *report, FILE *out, bool exact, bool bom)
{
	long rows = 0;
	if (bom)
		db_csv_write_bom(out);
	for (size_t c = 0; c < sizeof(csv_header) / sizeof(csv_header[0]); c++)
		db_csv_write_field(out, text_in_context(csv_header[c]), c == 0);
	db_csv_end_row(out);
	/* the level is a code scripts read in English, a word in another language, as the exports' codes */
	bool words = strcmp(db_messages_language(), "en") != 0;
	const char *district = words ? C_("report level", "district") : "district";
	const char *school = words ? C_("report level", "school") : "school";
	for (size_t d = 0; d < report->count; d++) {
		const struct report_district *item = &report->items[d];
		csv_row(out, district, item->row, NULL, exact);
		rows++;
		for (size_t s = 0; s < item->schools.count; s++, rows++)
			csv_row(out, school, item->row, &item->schools.rows[s], exact);
	}
	/* a region's report ends with the region's own figures, as the table's total line */
	if (report->region_code) {
		struct report_totals totals;
		report_total(report, &totals);
		db_csv_write_field(out, words ? C_("report level", "region") : "region", true);
		db_csv_write_text(out, report->region_code, false, exact);
		db_csv_write_text(out, report->region_name, false, exact);
		db_csv_write_field(out, NULL, false);
		const char *const figures[] = { totals.open, totals.overdue, totals.closed, report->median, totals.oldest };
		for (size_t f = 0; f < sizeof(figures) / sizeof(figures[0]); f++)
			db_csv_write_field(out, csv_value(figures[f]), false);
		db_csv_end_row(out);
	}
	return rows;
}

/* ---- table ---- */

/* The widest a column gets, in cells: a longer name is cut with "…", so one long name cannot push every
 * line of the table far past a terminal's width. */
#define TABLE_CELL_WIDTH 48

/* One line of the table as text cells, each as the terminal will show it: on one line, nothing in it a
 * terminal obeys, cut to TABLE_CELL_WIDTH. Owned; NULL cells are blank. */
struct table_line {
	char *cells[REPORT_COLUMNS];
};

struct table {
	int widths[REPORT_COLUMNS];
	enum db_align align[REPORT_COLUMNS];
};

static void line_set(struct table_line *line, const char *const cells[REPORT_COLUMNS])
{
	for (int c = 0; c < REPORT_COLUMNS; c++)
		line->cells[c] = cells[c] ? text_cut(cells[c], TABLE_CELL_WIDTH) : NULL;
}

static void line_done(struct table_line *line)
{
	for (int c = 0; c < REPORT_COLUMNS; c++)
		FREE(&line->cells[c]);
}

static void table_measure(struct table *table, const struct table_line *line)
{
	for (int c = 0; c < REPORT_COLUMNS; c++) {
		int w = line->cells[c] ? text_width(line->cells[c]) : 0;
		if (w > table->widths[c])
			table->widths[c] = w;
	}
}

/* Columns two spaces apart, each padded to its width on the side its alignment leaves; no blanks at the
 * end of a line. */
static void table_write(FILE *out, const struct table *table, const struct table_line *line)
{
	int pending = 0;
	for (int c = 0; c < REPORT_COLUMNS; c++) {
		const char *text = line->cells[c] ? line->cells[c] : "";
		int pad = table->widths[c] - text_width(text);
		if (c > 0)
			pending += 2;
		if (table->align[c] == DB_ALIGN_RIGHT)
			pending += pad;
		if (*text) {
			fprintf(out, "%*s%s", pending, "", text);
			pending = 0;
		}
		if (table->align[c] == DB_ALIGN_LEFT)
			pending += pad;
	}
	fputc('\n', out);
}

/* A row's line, its name indented by indent. */
static void line_of_row(struct table_line *line, const struct db_row *row, const char *indent)
{
	const char *cells[REPORT_COLUMNS];
	for (int c = 0; c < REPORT_COLUMNS; c++)
		cells[c] = row->cells[c];
	char *name = text_cut(row->cells[COLUMN_NAME], TABLE_CELL_WIDTH - (int)strlen(indent));
	char *indented = xasprintf("%s%s", indent, name);
	cells[COLUMN_NAME] = indented;
	line_set(line, cells);
	free(indented);
	free(name);
}

static long report_table(const struct report *report, FILE *out)
{
	const struct db_list_spec *def = db_list_spec(DB_LIST_REPORT_DISTRICTS);
	struct table table = { { 0 }, { DB_ALIGN_LEFT } };
	const char *titles[REPORT_COLUMNS];
	for (int c = 0; c < REPORT_COLUMNS; c++) {
		titles[c] = text_in_context(def->columns[c].title);
		table.align[c] = def->columns[c].align;
	}
	titles[COLUMN_NAME] = C_("report column", "District / school");
	struct table_line header;
	line_set(&header, titles);

	/* the schools' names indented under their district's */
	size_t nlines = 0;
	for (size_t d = 0; d < report->count; d++)
		nlines += 1 + report->items[d].schools.count;
	struct table_line *lines = nlines ? xcalloc(nlines, sizeof(*lines)) : NULL;
	size_t n = 0;
	for (size_t d = 0; d < report->count; d++) {
		const struct report_district *item = &report->items[d];
		line_of_row(&lines[n++], item->row, "");
		for (size_t s = 0; s < item->schools.count; s++)
			line_of_row(&lines[n++], &item->schools.rows[s], "  ");
	}
	struct report_totals totals;
	report_total(report, &totals);
	/* a region's total line names it, with its code in the code column */
	char *label = report->region_name ? xasprintf(_("Total of %s"), report->region_name) : NULL;
	const char *const total_cells[REPORT_COLUMNS] = { label ? label : C_("report row", "Total"), report->region_code,
		totals.open, totals.overdue, totals.closed, report->median, totals.oldest };
	struct table_line total;
	line_set(&total, total_cells);
	free(label);

	table_measure(&table, &header);
	for (size_t i = 0; i < nlines; i++)
		table_measure(&table, &lines[i]);
	table_measure(&table, &total);

	if (report->region_name)
		fprintf(out, _("Backlog summary of %s (%s) — term from %s to %s (median: days from the visit to closing)"),
			report->region_name, report->region_code, report->term_start, report->today);
	else
		fprintf(out, _("Backlog summary — term from %s to %s (median: days from the visit to closing)"),
			report->term_start, report->today);
	fputs("\n\n", out);
	table_write(out, &table, &header);
	for (size_t i = 0; i < nlines; i++)
		table_write(out, &table, &lines[i]);
	table_write(out, &table, &total);

	line_done(&header);
	line_done(&total);
	for (size_t i = 0; i < nlines; i++)
		line_done(&lines[i]);
	free(lines);
	return (long)nlines;
}

/* ---- public ---- */

static bool set_today(PGconn *conn, const char *today, struct db_error *err)
{
	const char *params[1] = { today };
	PGresult *res = PQexecParams(conn, "SELECT set_config('iedesk.today', $1, false)", 1, NULL, params, NULL,
		NULL, 0);
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		db_error_from_result(err, conn, res, _("setting today"));
	PQclear(res);
	return ok;
}

bool db_report_backlog(PGconn *conn, const struct db_report_options *options, FILE *out, struct db_error *err)
{
	static const struct db_report_options none = { 0 };
	if (!options)
		options = &none;
	if (options->format != DB_REPORT_TABLE && options->format != DB_REPORT_CSV) {
		db_error_set(err, _("there is no such format: use table or csv"));
		return false;
	}
	if (options->today && !db_date_valid(options->today)) {
		db_error_set(err, _("not a date: %s (use YYYY-MM-DD)"), options->today);
		return false;
	}
	const char *code = options->district_code && *options->district_code ? options->district_code : NULL;
	const char *region = options->region_code && *options->region_code ? options->region_code : NULL;
	if (code && region) {
		db_error_set(err, _("the summary report is of a district or of a region, not both"));
		return false;
	}
	if (options->today && !set_today(conn, options->today, err))
		return false;

	/* One snapshot for every window: a closing meanwhile cannot make a district's figures disagree with
	 * its schools'. Inside the caller's transaction, that one's. */
	bool own = PQtransactionStatus(conn) == PQTRANS_IDLE;
	if (own && !db_exec_ok(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err,
			_("reading the summary report")))
		return false;
	struct report report = { 0 };
	bool ok = report_read(conn, options, code, region, &report, err);
	if (own) {
		struct db_error ignored;
		if (!db_exec_ok(conn, ok ? "COMMIT" : "ROLLBACK", ok ? err : &ignored, _("reading the summary report")))
			ok = false;
	}
	if (!ok) {
		report_done(&report);
		return false;
	}

	/* Built whole in memory, then written: a failure leaves out untouched. */
	char *text = NULL;
	size_t size = 0;
	FILE *buffer = open_memstream(&text, &size);
	if (!buffer) {
		db_error_set(err, _("writing the summary report: %s"), strerror(errno));
		report_done(&report);
		return false;
	}
	long rows;
	if (options->format == DB_REPORT_CSV) {
		rows = report_csv(&report, buffer, options->exact, options->bom);
	} else {
		rows = report_table(&report, buffer);
	}
	report_done(&report);
	ok = !ferror(buffer);
	if (fclose(buffer) != 0)
		ok = false;
	if (!ok) {
		db_error_set(err, _("writing the summary report: %s"), strerror(errno));
	} else if (fwrite(text, 1, size, out) != size || fflush(out) != 0) {
		db_error_set(err, _("writing the summary report: %s"), strerror(errno));
		ok = false;
	}
	free(text);
	if (ok && options->progress)
		options->progress(options->ctx, rows);
	return ok;
}
