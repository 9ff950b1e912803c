/* test_panes: the pane list is registered once and everything else agrees with it — the config's pane names
 * and keys, the panes' action tables, the manual. */
#include "tests/tests.h"
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
	suite_add_tcase(s, tc);
	return s;
}
