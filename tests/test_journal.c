/* test_journal: the drafts journal keeps what was typed exactly — tabs, newlines, backslashes, Chinese,
 * NULLs — and refuses a file it does not understand rather than restoring garbage. */
#include "tests/tests.h"
#include "tui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/iedesk-journal-XXXXXX";
static char *path;

static void setup(void)
{
	strcpy(dir, "/tmp/iedesk-journal-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/drafts", dir);
}

static void teardown(void)
{
	unlink(path);
	rmdir(dir);
	FREE(&path);
}

START_TEST(round_trip)
{
	const struct db_record_def *def = db_record_def(DB_RECORD_SCHOOL);
	struct journal_form form = { .kind = DB_RECORD_SCHOOL, .id = xstrdup("21"), .version = xstrdup("3"),
		.nvalues = def->nfields };
	form.values = xcalloc((size_t)def->nfields, sizeof(char *));
	form.names = xcalloc((size_t)def->nfields, sizeof(char *));
	form.values[0] = xstrdup("1");
	form.names[0] = xstrdup("怀柔区");
	form.values[2] = xstrdup("怀柔区第一小学\t(tab)\\n not a newline\nreal newline\\");
	form.values[3] = NULL;
	form.values[10] = xstrdup("");
	ck_assert(journal_write(path, &form, 1));

	struct journal_form *back;
	size_t n;
	ck_assert(journal_read(path, &back, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(back[0].kind, DB_RECORD_SCHOOL);
	ck_assert_str_eq(back[0].id, "21");
	ck_assert_str_eq(back[0].version, "3");
	ck_assert_int_eq(back[0].nvalues, def->nfields);
	ck_assert_str_eq(back[0].values[0], "1");
	ck_assert_str_eq(back[0].names[0], "怀柔区");
	ck_assert_str_eq(back[0].values[2], form.values[2]);
	ck_assert_ptr_null(back[0].values[3]);
	ck_assert_str_eq(back[0].values[10], "");
	journal_forms_free(back, n);

	/* nothing left to keep: the file goes */
	ck_assert(journal_write(path, NULL, 0));
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert(journal_read(path, &back, &n));
	ck_assert_uint_eq(n, 0);
	for (int i = 0; i < form.nvalues; i++) {
		free(form.values[i]);
		free(form.names[i]);
	}
	free(form.values);
	free(form.names);
	free(form.id);
	free(form.version);
}
END_TEST

START_TEST(unreadable_refused)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("iedesk-drafts 1\nform\tschool\t\\N\t\\N\t2\nvalue\ta\t\\N\n", f);   /* a school has more fields */
	fclose(f);
	struct journal_form *back;
	size_t n;
	ck_assert(!journal_read(path, &back, &n));
	ck_assert_uint_eq(n, 0);
	f = fopen(path, "w");
	fputs("something else entirely\n", f);
	fclose(f);
	ck_assert(!journal_read(path, &back, &n));
}
END_TEST

Suite *journal_suite(void)
{
	Suite *s = suite_create("journal");
	TCase *tc = tcase_create("file");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, unreadable_refused);
	suite_add_tcase(s, tc);
	return s;
}
