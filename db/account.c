/* account: the logins of iedesk and their groups — creating and disabling accounts (iedesk.account_create and
 * iedesk.account_disable of 0012_roles.sql, account_enable of 0024, a region and alliance coordinators of
 * 0031, administrators only), listing them, and who the program runs as. */
#include "db/private.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each role's name as stored. */
static const char *const role_names[DB_ROLE_COUNT] = {
	[DB_ROLE_STAFF] = "staff",
	[DB_ROLE_SECRETARY] = "secretary",
	[DB_ROLE_MANAGER] = "manager",
	[DB_ROLE_CASEWORKER] = "caseworker",
	[DB_ROLE_COORDINATOR] = "coordinator",
	[DB_ROLE_ADMIN] = "admin",
};

/* Which roles save each kind of record: DB_RECORD_INFO's third column, so a kind cannot be registered
 * without saying (no role is handed a new kind by a mask of "all of them"). */
#define ROLE(role) (1u << DB_ROLE_##role)
#define NOBODY 0u
#define DB_RECORD_WRITERS(id, name, writers) [DB_RECORD_##id] = (writers),
static const unsigned record_writers[DB_RECORD_COUNT] = { DB_RECORD_INFO(DB_RECORD_WRITERS) };
#undef DB_RECORD_WRITERS
#undef NOBODY
#undef ROLE
_Static_assert(DB_ROLE_COUNT <= sizeof(record_writers[0]) * CHAR_BIT, "a kind's writers hold a bit for every role");

const char *db_role_name(enum db_role role)
{
	return (unsigned)role < DB_ROLE_COUNT ? role_names[role] : NULL;
}

bool db_role_lookup(const char *name, enum db_role *role)
{
	if (!name)
		return false;
	if (strncmp(name, "iedesk_", 7) == 0)
		name += 7;
	for (int r = 0; r < DB_ROLE_COUNT; r++) {
		if (strcmp(name, role_names[r]) == 0) {
			*role = (enum db_role)r;
			return true;
		}
	}
	return false;
}

const char *db_roles_text(void)
{
	return "staff, secretary, manager, caseworker, coordinator or admin";
}

bool db_role_may_write(enum db_role role, enum db_record_kind kind)
{
	kind = (enum db_record_kind)db_kind_check((int)kind, 0, DB_RECORD_COUNT, "record");
	return (unsigned)role < DB_ROLE_COUNT && (record_writers[kind] & (1u << role));
}

/* ---- accounts ---- */

/* The columns every account request answers, over an account a (the function's row or the table's). */
#define ACCOUNT_COLUMNS_SQL \
	" a.login, a.role, d.code, d.name, p.name, to_char(a.created_at, 'YYYY-MM-DD HH24:MI'), a.created_by," \
	" to_char(a.disabled_at, 'YYYY-MM-DD HH24:MI'), a.person_id::text, r.code, r.name"
#define ACCOUNT_JOINS_SQL \
	" LEFT JOIN iedesk.district d ON d.id = a.district_id LEFT JOIN iedesk.person p ON p.id = a.person_id" \
	" LEFT JOIN iedesk.region r ON r.id = a.region_id"
enum { ACCOUNT_NCOLUMNS = 11 };

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

void db_account_create_request(const char *login, const char *role, const char *district_code,
		const char *person_id, struct db_request *req)
{
	db_account_create_scoped_request(login, role, district_code, NULL, person_id, req);
}

void db_account_create_scoped_request(const char *login, const char *role, const char *district_code,
		const char *region_code, const char *person_id, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	/* a function in FROM runs once (in the select list, (f()).* would run it once per column) */
	req->sql = "SELECT" ACCOUNT_COLUMNS_SQL
		" FROM iedesk.account_create($1, $2, $3, $4::bigint, $5) a" ACCOUNT_JOINS_SQL;
	req->nparams = 5;
	req->params[0] = xstrdup(login ? login : "");
	req->params[1] = xstrdup(role ? role : "");
	req->params[2] = dup_or_null(district_code);
	req->params[3] = dup_or_null(person_id);
	req->params[4] = dup_or_null(region_code);
}

void db_account_disable_request(const char *login, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = "SELECT" ACCOUNT_COLUMNS_SQL " FROM iedesk.account_disable($1) a" ACCOUNT_JOINS_SQL;
	req->nparams = 1;
	req->params[0] = xstrdup(login ? login : "");
}

void db_account_enable_request(const char *login, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = "SELECT" ACCOUNT_COLUMNS_SQL " FROM iedesk.account_enable($1) a" ACCOUNT_JOINS_SQL;
	req->nparams = 1;
	req->params[0] = xstrdup(login ? login : "");
}

void db_account_list_request(struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = "SELECT" ACCOUNT_COLUMNS_SQL " FROM iedesk.account a" ACCOUNT_JOINS_SQL " ORDER BY a.login";
}

static char *cell(const PGresult *res, int row, int column)
{
	return PQgetisnull(res, row, column) ? NULL : xstrdup(PQgetvalue(res, row, column));
}

bool db_accounts_parse(const PGresult *res, struct db_accounts *accounts, struct db_error *err)
{
	memset(accounts, 0, sizeof(*accounts));
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_explain(err, res);
		return false;
	}
	if (PQnfields(res) != ACCOUNT_NCOLUMNS) {
		db_error_set(err, "%s", _("the accounts came back in an unexpected shape"));
		return false;
	}
	int n = PQntuples(res);
	accounts->items = n ? xcalloc((size_t)n, sizeof(*accounts->items)) : NULL;
	for (int r = 0; r < n; r++) {
		struct db_account *a = &accounts->items[r];
		a->login = cell(res, r, 0);
		a->role = cell(res, r, 1);
		a->district_code = cell(res, r, 2);
		a->district_name = cell(res, r, 3);
		a->person_name = cell(res, r, 4);
		a->created_at = cell(res, r, 5);
		a->created_by = cell(res, r, 6);
		a->disabled_at = cell(res, r, 7);
		a->person_id = cell(res, r, 8);
		a->region_code = cell(res, r, 9);
		a->region_name = cell(res, r, 10);
	}
	accounts->count = (size_t)n;
	return true;
}

void db_accounts_done(struct db_accounts *accounts)
{
	for (size_t i = 0; i < accounts->count; i++) {
		struct db_account *a = &accounts->items[i];
		free(a->login);
		free(a->role);
		free(a->district_code);
		free(a->district_name);
		free(a->person_name);
		free(a->created_at);
		free(a->created_by);
		free(a->disabled_at);
		free(a->person_id);
		free(a->region_code);
		free(a->region_name);
	}
	FREE(&accounts->items);
	accounts->count = 0;
}

bool db_accounts_run(PGconn *conn, struct db_request *req, struct db_accounts *accounts, struct db_error *err)
{
	PGresult *res = PQexecParams(conn, req->sql, req->nparams, NULL, (const char *const *)req->params, NULL,
		NULL, 0);
	bool ok;
	if (!res) {
		db_error_from_result(err, conn, NULL, "");
		memset(accounts, 0, sizeof(*accounts));
		ok = false;
	} else {
		ok = db_accounts_parse(res, accounts, err);
	}
	PQclear(res);
	db_request_done(req);
	return ok;
}

/* ---- alliance coordinators ---- */

bool db_alliance_coordinator_run(PGconn *conn, const char *login, const char *alliance_code, bool assign,
		bool *changed, struct db_error *err)
{
	const char *params[3] = { login ? login : "", alliance_code ? alliance_code : "", assign ? "true" : "false" };
	PGresult *res = PQexecParams(conn, "SELECT iedesk.alliance_coordinator_set($1, $2, $3::boolean)", 3, NULL,
		params, NULL, NULL, 0);
	bool ok = res && PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && PQnfields(res) == 1;
	if (ok)
		*changed = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	else if (res && PQresultStatus(res) == PGRES_TUPLES_OK)
		db_error_set(err, "%s", _("the database answered in an unexpected shape"));
	else if (res)
		db_error_explain(err, res);
	else
		db_error_from_result(err, conn, NULL, "");
	PQclear(res);
	return ok;
}

/* ---- persons, for --person NAME and admin find-person ---- */

/* A person whose name is the text (exact) or, with contains, holds it; their login if they have one. At
 * most a page of them, by name: an administrator narrows the text rather than reads a thousand. */
void db_person_find_request(const char *text, bool contains, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = contains
		? "SELECT p.id::text, p.name, p.login_role, p.phone FROM iedesk.person p"
		  " WHERE strpos(p.name, $1) > 0 ORDER BY p.name, p.id LIMIT 200"
		: "SELECT p.id::text, p.name, p.login_role, p.phone FROM iedesk.person p"
		  " WHERE p.name = btrim($1) ORDER BY p.id LIMIT 200";
	req->nparams = 1;
	req->params[0] = xstrdup(text ? text : "");
}

bool db_persons_run(PGconn *conn, struct db_request *req, struct db_persons *persons, struct db_error *err)
{
	memset(persons, 0, sizeof(*persons));
	PGresult *res = PQexecParams(conn, req->sql, req->nparams, NULL, (const char *const *)req->params, NULL,
		NULL, 0);
	bool ok = res && PQresultStatus(res) == PGRES_TUPLES_OK && PQnfields(res) == 4;
	if (!ok) {
		if (res)
			db_error_explain(err, res);
		else
			db_error_from_result(err, conn, NULL, "");
	} else {
		int n = PQntuples(res);
		persons->items = n ? xcalloc((size_t)n, sizeof(*persons->items)) : NULL;
		for (int r = 0; r < n; r++) {
			persons->items[r].id = cell(res, r, 0);
			persons->items[r].name = cell(res, r, 1);
			persons->items[r].login = cell(res, r, 2);
			persons->items[r].phone = cell(res, r, 3);
		}
		persons->count = (size_t)n;
	}
	PQclear(res);
	db_request_done(req);
	return ok;
}

void db_persons_done(struct db_persons *persons)
{
	for (size_t i = 0; i < persons->count; i++) {
		free(persons->items[i].id);
		free(persons->items[i].name);
		free(persons->items[i].login);
		free(persons->items[i].phone);
	}
	FREE(&persons->items);
	persons->count = 0;
}

/* ---- who am I ---- */

/* The role: the account's, else the strongest group the login is in (one made by hand, without an account).
 * Then the database's day, and the seconds until it ends (0021; NULL when the day is fixed). */
void db_whoami_request(struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql =
		"SELECT current_user::text, a.login IS NOT NULL,"
		" coalesce(a.role, CASE WHEN pg_has_role(current_user, 'iedesk_admin', 'USAGE') THEN 'admin'"
		"  WHEN pg_has_role(current_user, 'iedesk_manager', 'USAGE') THEN 'manager'"
		"  WHEN pg_has_role(current_user, 'iedesk_coordinator', 'USAGE') THEN 'coordinator'"
		"  WHEN pg_has_role(current_user, 'iedesk_caseworker', 'USAGE') THEN 'caseworker'"
		"  WHEN pg_has_role(current_user, 'iedesk_secretary', 'USAGE') THEN 'secretary'"
		"  WHEN pg_has_role(current_user, 'iedesk_staff', 'USAGE') THEN 'staff' END),"
		" a.district_id::text, a.district_code, a.district_name, a.person_name,"
		" r.rolsuper OR r.oid = (SELECT n.nspowner FROM pg_namespace n WHERE n.nspname = 'iedesk'),"
		" to_char(iedesk.today(), 'YYYY-MM-DD'),"
		" ceil(extract(epoch FROM iedesk.today_ends() - now()))::int,"
		" g.region_id::text, g.region_code, g.region_name"
		" FROM pg_roles r LEFT JOIN iedesk.account_of(current_user::text) a ON true"
		" LEFT JOIN iedesk.account_region(current_user::text) g ON true"
		" WHERE r.rolname = current_user";
}

bool db_whoami_parse(const PGresult *res, struct db_whoami *who, struct db_error *err)
{
	memset(who, 0, sizeof(*who));
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_explain(err, res);
		return false;
	}
	if (PQnfields(res) != 13 || PQntuples(res) != 1 || !db_date_valid(PQgetvalue(res, 0, 8))) {
		db_error_set(err, "%s", _("who you are came back in an unexpected shape"));
		return false;
	}
	who->login = cell(res, 0, 0);
	who->has_account = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
	who->has_role = !PQgetisnull(res, 0, 2) && db_role_lookup(PQgetvalue(res, 0, 2), &who->role);
	who->district_id = cell(res, 0, 3);
	who->district_code = cell(res, 0, 4);
	who->district_name = cell(res, 0, 5);
	who->person_name = cell(res, 0, 6);
	who->owner = strcmp(PQgetvalue(res, 0, 7), "t") == 0;
	snprintf(who->today, sizeof(who->today), "%s", PQgetvalue(res, 0, 8));
	who->midnight_s = PQgetisnull(res, 0, 9) ? -1 : atol(PQgetvalue(res, 0, 9));
	who->region_id = cell(res, 0, 10);
	who->region_code = cell(res, 0, 11);
	who->region_name = cell(res, 0, 12);
	return true;
}

void db_whoami_done(struct db_whoami *who)
{
	FREE(&who->login);
	FREE(&who->district_id);
	FREE(&who->district_code);
	FREE(&who->district_name);
	FREE(&who->region_id);
	FREE(&who->region_code);
	FREE(&who->region_name);
	FREE(&who->person_name);
}
