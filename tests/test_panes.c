/* test_panes: the pane list is registered once and everything else agrees with it — the config's pane names
 * and keys, the panes' action tables, the manual. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "tui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VIEW_PANE_ADDRESS(id, name) [VIEW_PANE_##id] = &view_pane_##name,
static const struct view_pane *const view_panes[VIEW_PANE_COUNT] = { VIEW_PANE_INFO(VIEW_PANE_ADDRESS) };
#undef VIEW_PANE_ADDRESS

START_TEST(test_panes_match_the_config)
{
	for (int p = 0; p < VIEW_PANE_COUNT; p++) {
		const struct view_pane *pane = view_panes[p];
		ck_assert_ptr_nonnull(pane);
		/* default-view takes the pane's name, in the same order */
		ck_assert_msg(config_view_name((size_t)p) && !strcmp(config_view_name((size_t)p), pane->name),
			"pane %d is %s, the config says %s", p, pane->name, config_view_name((size_t)p));
		/* and one key shows it: view-<name> */
		char want[64];
		snprintf(want, sizeof(want), "view-%s", pane->name);
		ck_assert_str_eq(config_action_name(pane->show), want);
		ck_assert(pane->title && *pane->title);
		ck_assert_int_lt(pane->root, DB_LIST_COUNT);
	}
	ck_assert_ptr_null(config_view_name(VIEW_PANE_COUNT));
}
END_TEST

/* Every action applies somewhere, runs something, and no two claim the same key in the same list (the
 * first would win without a word). */
START_TEST(test_pane_actions)
{
	for (int p = 0; p < VIEW_PANE_COUNT; p++) {
		for (const struct list_action *a = view_panes[p]->actions; a->action != CONFIG_ACTION_NONE; a++) {
			ck_assert_msg(a->lists && a->run, "%s: %s", view_panes[p]->name, config_action_name(a->action));
			ck_assert_msg(a->lists >> DB_LIST_COUNT == 0, "%s: a list bit past the last list", view_panes[p]->name);
			ck_assert_int_lt(a->record, DB_RECORD_COUNT);
			for (int q = 0; q < VIEW_PANE_COUNT; q++)
				for (const struct list_action *b = view_panes[q]->actions; b->action != CONFIG_ACTION_NONE; b++)
					ck_assert_msg(a == b || a->action != b->action || !(a->lists & b->lists),
						"%s is claimed twice for the same list", config_action_name(a->action));
		}
		for (const struct list_hints *h = view_panes[p]->hints; h && h->lists; h++)
			ck_assert(h->hints && h->hints[0].action != CONFIG_ACTION_NONE);
	}
}
END_TEST

/* Whether table (in iedesk) has what live updates and re-sent inserts need: 0013's notify trigger and, when
 * asked, 0016's client key. */
static bool table_has(PGconn *conn, const char *table, const char *sql)
{
	const char *params[] = { table };
	PGresult *res = PQexecParams(conn, sql, 1, NULL, params, NULL, NULL, 0);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", PQerrorMessage(conn));
	bool has = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	return has;
}

#define HAS_NOTIFY "SELECT EXISTS (SELECT FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n" \
	" ON n.oid = c.relnamespace WHERE n.nspname = 'iedesk' AND c.relname = $1 AND g.tgname = 'notify_change')"
#define HAS_CLIENT_KEY "SELECT EXISTS (SELECT FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid" \
	" JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'iedesk' AND c.relname = $1" \
	" AND k.conname = $1 || '_client_key_key')"

/* The migrations' hand-kept table lists cover what the specs name: every table a list watches sends 0013's
 * notifications, and every table the forms insert into has 0016's client key and sends them too. */
START_TEST(test_specs_match_the_migrations)
{
	char *name = testdb_create_migrated();
	PGconn *conn = testdb_connect(name);
	for (int k = 0; k < DB_LIST_COUNT; k++) {
		const struct db_list_spec *spec = db_list_spec(k);
		char *tables = xasprintf("%s %s", spec->rows_of ? spec->rows_of : "", spec->shows ? spec->shows : "");
		for (char *save = NULL, *t = strtok_r(tables, " ", &save); t; t = strtok_r(NULL, " ", &save))
			ck_assert_msg(table_has(conn, t, HAS_NOTIFY), "the %s list watches %s, which 0013 does not notify of",
				spec->name, t);
		free(tables);
	}
	for (int k = 0; k < DB_DETAIL_COUNT; k++) {
		char *tables = xstrdup(db_detail_spec(k)->shows);
		for (char *save = NULL, *t = strtok_r(tables, " ", &save); t; t = strtok_r(NULL, " ", &save))
			ck_assert_msg(table_has(conn, t, HAS_NOTIFY), "detail %d watches %s, which 0013 does not notify of", k, t);
		free(tables);
	}
	for (int k = 0; k < DB_RECORD_COUNT; k++) {
		const char *table = db_record_def(k)->table;
		const char *bare = strncmp(table, "iedesk.", 7) == 0 ? table + 7 : table;
		ck_assert_msg(table_has(conn, bare, HAS_NOTIFY), "%s is not notified of (0013)", table);
		ck_assert_msg(table_has(conn, bare, HAS_CLIENT_KEY), "%s has no client key (0016)", table);
	}
	PQfinish(conn);
	free(name);
}
END_TEST

/* iedesk(1) names each pane. */
START_TEST(test_manual_names_the_panes)
{
	const char *top = getenv("IEDESK_SOURCE_DIR");
	char *path = xasprintf("%s/man/iedesk.1", top && *top ? top : ".");
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	char *text = xcalloc(1, 1 << 20);
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	text[n] = '\0';
	fclose(f);
	for (int p = 0; p < VIEW_PANE_COUNT; p++)
		ck_assert_msg(strstr(text, view_panes[p]->title), "iedesk(1) does not name the %s pane", view_panes[p]->title);
	free(text);
	free(path);
}
END_TEST

Suite *panes_suite(void)
{
	Suite *s = suite_create("panes");
	TCase *tc = tcase_create("registry");
	tcase_add_test(tc, test_panes_match_the_config);
	tcase_add_test(tc, test_pane_actions);
	tcase_add_test(tc, test_manual_names_the_panes);
	tcase_add_test(tc, test_specs_match_the_migrations);
	suite_add_tcase(s, tc);
	return s;
}
