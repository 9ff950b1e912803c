/* testdb: a database of its own for every test, in the run's throwaway cluster (scripts/pgsandbox). */
#ifndef IEDESK_TESTDB_H
#define IEDESK_TESTDB_H

#include <check.h>
#include <libpq-fe.h>
#include <stdbool.h>

/* The day the tests work on: the demo's "today". check_main puts it in PGOPTIONS, so every connection the
 * tests open and every program they start has iedesk.today fixed at it; none reads the machine's clock,
 * which make check moves (faketime) to prove it. */
#define TESTDB_TODAY "2026-11-24"
#define TESTDB_DAY_OPTIONS "-c iedesk.today=" TESTDB_TODAY

/* The source tree (IEDESK_SOURCE_DIR, set by make test). */
const char *testdb_source_dir(void);
/* source_dir/relative, allocated. */
char *testdb_source_path(const char *relative);
/* The iedesk program under test (IEDESK_BIN). */
const char *testdb_program(void);

/* Called once by main before the suites: migrates the run's template database. */
void testdb_prepare_template(void);
/* A new database with every migration applied, copied from the template; its name, allocated. */
char *testdb_create_migrated(void);
/* A new empty database; its name, allocated. */
char *testdb_create_empty(void);
PGconn *testdb_connect(const char *dbname);
/* Load the demo district (db/demo/demo.sql) into a migrated database; the test fails if it cannot. */
void testdb_load_demo(PGconn *conn);

/* ---- lists (db/list.c) in tests ---- */
struct db_request;
struct db_rows;
struct db_row;
/* A new migrated database holding the demo, with "today" fixed at 2026-11-24. */
PGconn *testdb_demo(void);
/* Run a db/ request as it is (tests may block; the program never does). */
PGresult *testdb_run(PGconn *conn, const struct db_request *req);
/* One window of a list, which must come back and parse. */
void testdb_fetch(PGconn *conn, int kind, int where, char *const *key, const char *filter, const char *parent,
	int limit, struct db_rows *rows);
/* A row's id (its last key), the row with an id (the test fails without one), and all ids as "1,2,3". */
const char *testdb_row_id(const struct db_rows *rows, size_t i);
const struct db_row *testdb_find_row(const struct db_rows *rows, const char *id);
char *testdb_ids(const struct db_rows *rows);
/* How many rows the first window (up to 1000) of a list holds. */
long testdb_count_rows(PGconn *conn, int kind, const char *filter, const char *parent);
/* The detail of kind (enum db_detail_kind) id, which must parse. */
struct db_detail;
void testdb_detail(PGconn *conn, int kind, const char *id, struct db_detail *detail);
/* The value of the first line of section with label (any when NULL) whose value starts with prefix
 * (any when NULL); NULL when there is none. */
const char *testdb_line_value(const struct db_detail *detail, const char *section, const char *label,
	const char *prefix);
/* The ids of a query's rows, in its own order, as "1,2,3". */
char *testdb_ids_of_sql(PGconn *conn, const char *order_query);
/* The first n cells of row are want[0..n-1]. */
void testdb_check_cells(const struct db_row *row, const char *const *want, int n);
/* A list's first window (up to 1000 rows) holds exactly the ids order_query gives, in its order. */
void testdb_check_order(PGconn *conn, int kind, const char *filter, const char *parent, const char *order_query);

/* Run a statement that must succeed. */
void testdb_exec(PGconn *conn, const char *sql);
/* Run a statement with text parameters (NULL-terminated list); return "" on success or the SQLSTATE. */
const char *testdb_try(PGconn *conn, const char *sql, ...);
/* The first cell of a query that must succeed, allocated ("" when NULL; aborts on no row). */
char *testdb_value(PGconn *conn, const char *sql);
/* The first cell as a number. */
long testdb_count(PGconn *conn, const char *sql);

/* The first byte of text a terminal would obey rather than show — C0 but the line's end, DEL, C1 (as
 * UTF-8), bidi overrides and isolates — or NULL when there is none. */
const char *testdb_control_in(const char *text);

/* A whole file, NUL-terminated (the test fails if it cannot be read). */
char *testdb_read_file(const char *path);

/* Run the program with args (NULL-terminated) and PGDATABASE=dbname; capture its output (allocated,
 * stdout and stderr together) and return its exit status. */
int testdb_run_program(const char *dbname, const char *datadir, char **output, ...);
/* The same, with the program's own peak resident memory in kB (through /usr/bin/time). */
int testdb_run_measured(const char *dbname, long *maxrss_kb, char **output, ...);
/* The load driver under test (IEDESK_LOAD_BIN), and the same run of it with args (NULL-terminated). */
const char *testdb_load_program(void);
int testdb_run_load(const char *dbname, char **output, ...);

/* ---- records (db/record.c) in tests ---- */
struct db_record;
struct db_error;
/* The index of kind's (enum db_record_kind) field column; the test fails when it has none. */
int testdb_field_index(int kind, const char *column);
/* Set a record's field by column (value copied; NULL is SQL NULL). */
void testdb_set_value(struct db_record *rec, const char *column, const char *value);
/* Save rec: the outcome (enum db_save_outcome), with id and version (allocated) on success and the
 * sentence in err. */
int testdb_save(PGconn *conn, const struct db_record *rec, char **id, char **version, struct db_error *err);
/* Load kind id into rec; false with err filled when it cannot. */
bool testdb_load(PGconn *conn, int kind, const char *id, struct db_record *rec, struct db_error *err);
/* got holds want's values, an empty one as NULL. */
void testdb_check_same_values(const struct db_record *got, const struct db_record *want);

/* A record to save, load, edit and save stale: see testdb_round_trip. */
struct testdb_sample {
	int kind;                   /* enum db_record_kind */
	const char *values[16];     /* in field order; "" is an empty optional field */
	const char *edit_column, *edit_value;
	const char *prerequisite;   /* a count that must be 0 for the sample to be new, or NULL */
	const char *names[16];      /* what its lookups load named, in field order (NULL: an empty lookup, or not
	                             * one); all NULL: only that every lookup set has a name */
};
/* Each sample's values pass the field checks; saved it is version 1, and loads back the same with its
 * lookups named; edited it is version 2; saved again from the stale copy it is a conflict worded after
 * its kind, and the row keeps the edit. */
void testdb_round_trip(PGconn *conn, const struct testdb_sample *samples, size_t count);

#endif
