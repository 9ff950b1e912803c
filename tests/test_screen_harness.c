/* test_screen_harness: the screen harness itself, against small shell programs whose output is known
 * byte for byte: text and wide chars, attributes, alt screen, keys as sent, resize, replies, exit. */
#include "tests/tests.h"
#include "tests/screen.h"
#include "config/config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WAIT_MS 5000

static struct screen *shell(const char *script, const char *const *env, int rows, int cols)
{
	const char *argv[] = { "/bin/sh", "-c", script, NULL };
	return screen_start(argv, env, rows, cols);
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void assert_row(struct screen *s, int row, const char *expected)
{
	char *text = screen_row(s, row);
	if (strcmp(text, expected) != 0) {
		char *dump = screen_dump(s);
		ck_abort_msg("row %d is \"%s\", not \"%s\"; the screen:\n%s", row, text, expected, dump);
	}
	free(text);
}

START_TEST(test_text_and_wide_chars)
{
	struct screen *s = shell("printf '怀柔区|x\\nabcdef|y\\nend   \\n'; read x", NULL, 24, 80);
	screen_assert_text(s, "end", WAIT_MS);
	assert_row(s, 0, "怀柔区|x");
	assert_row(s, 1, "abcdef|y");
	assert_row(s, 2, "end");
	assert_row(s, 3, "");
	assert_row(s, 24, "");
	for (int col = 0; col < 6; col++)
		ck_assert_int_eq(screen_cell_width(s, 0, col), col % 2 ? 0 : 2);
	ck_assert_int_eq(screen_cell_width(s, 0, 6), 1);
	ck_assert_int_eq(screen_cell_width(s, 1, 0), 1);

	/* columns are cells: the bar after three wide chars lines up with the one after six letters */
	int row = -1, col = -1;
	ck_assert(screen_find(s, "|x", &row, &col));
	ck_assert_int_eq(row, 0);
	ck_assert_int_eq(col, 6);
	ck_assert(screen_find(s, "|y", &row, &col));
	ck_assert_int_eq(row, 1);
	ck_assert_int_eq(col, 6);
	ck_assert(screen_find(s, "柔区", &row, &col));
	ck_assert_int_eq(row, 0);
	ck_assert_int_eq(col, 2);
	ck_assert(!screen_find(s, "nowhere", NULL, NULL));

	char *dump = screen_dump(s);
	ck_assert_ptr_nonnull(strstr(dump, "怀柔区|x\nabcdef|y\nend\n"));
	free(dump);
	ck_assert_int_eq(screen_rows(s), 24);
	ck_assert_int_eq(screen_cols(s), 80);
	screen_free(s);
}
END_TEST

START_TEST(test_attributes)
{
	struct screen *s = shell("printf '\\033[7mREV\\033[0m \\033[1mBOLD\\033[0m \\033[41mRED\\033[0m "
		"\\033[38;5;200mPINK\\033[0m\\n\\033[48;2;1;2;3mRGB\\033[0m\\n'; read x", NULL, 24, 80);
	screen_assert_text(s, "RGB", WAIT_MS);
	ck_assert(screen_cell_reverse(s, 0, 0));
	ck_assert(screen_cell_reverse(s, 0, 2));
	ck_assert(!screen_cell_reverse(s, 0, 3));
	ck_assert(screen_cell_bold(s, 0, 4));
	ck_assert(!screen_cell_bold(s, 0, 0));
	ck_assert_int_eq(screen_cell_bg(s, 0, 9), 1);
	ck_assert_int_eq(screen_cell_bg(s, 0, 0), -1);
	ck_assert_int_eq(screen_cell_fg(s, 0, 9), -1);
	ck_assert_int_eq(screen_cell_fg(s, 0, 13), 200);
	ck_assert_int_eq(screen_cell_bg(s, 0, 13), -1);
	ck_assert_int_eq(screen_cell_bg(s, 1, 0), -2);
	ck_assert_int_eq(screen_cell_bg(s, 1, 3), -1);
	screen_free(s);
}
END_TEST

START_TEST(test_highlighted_rows)
{
	/* a reversed row padded to the width, a short reversed word, and a row coloured by erasing
	 * with a background (bce, as ncurses clears a selected line) */
	struct screen *s = shell("printf 'plain\\n\\033[7m%-40s\\033[0m\\n\\033[7mab\\033[0m\\n"
		"\\033[44m\\033[Kblue\\033[0m\\nDONE' selected; read x", NULL, 10, 40);
	screen_assert_text(s, "DONE", WAIT_MS);
	ck_assert(!screen_row_highlighted(s, 0));
	ck_assert(screen_row_highlighted(s, 1));
	ck_assert(!screen_row_highlighted(s, 2));
	ck_assert(screen_row_highlighted(s, 3));
	ck_assert_int_eq(screen_cell_bg(s, 3, 30), 4);
	ck_assert(!screen_row_highlighted(s, 4));
	screen_free(s);
}
END_TEST

START_TEST(test_altscreen_and_cursor)
{
	struct screen *s = shell("printf 'primary\\n'; printf '\\033[?1049h\\033[?25lALT'; read x;"
		" printf '\\033[?1049l\\033[?25hback\\n'; read x", NULL, 24, 80);
	screen_assert_text(s, "ALT", WAIT_MS);
	ck_assert(screen_altscreen(s));
	ck_assert(!screen_cursor_visible(s));
	ck_assert(!screen_find(s, "primary", NULL, NULL));
	screen_key(s, SCREEN_KEY_ENTER);
	screen_assert_text(s, "back", WAIT_MS);
	ck_assert(!screen_altscreen(s));
	ck_assert(screen_cursor_visible(s));
	ck_assert(screen_find(s, "primary", NULL, NULL));
	ck_assert(!screen_find(s, "ALT", NULL, NULL));
	screen_free(s);
}
END_TEST

/* The program reads raw bytes and shows them in hex; keys in normal mode, then in the application
 * cursor mode ncurses' keypad() turns on with smkx. */
START_TEST(test_keys)
{
	struct screen *s = shell("stty raw -echo opost onlcr; printf 'READY\\n';"
		" head -c 40 | od -An -tx1 -v | tr -d ' \\n'; printf '\\n\\033[?1h\\033=MODE\\n';"
		" head -c 18 | od -An -tx1 -v | tr -d ' \\n'; printf '\\nEND\\n'; read x", NULL, 24, 100);
	screen_assert_text(s, "READY", WAIT_MS);
	enum screen_key keys[] = { SCREEN_KEY_UP, SCREEN_KEY_DOWN, SCREEN_KEY_LEFT, SCREEN_KEY_RIGHT,
		SCREEN_KEY_PAGE_UP, SCREEN_KEY_PAGE_DOWN, SCREEN_KEY_HOME, SCREEN_KEY_END, SCREEN_KEY_ENTER,
		SCREEN_KEY_ESC, SCREEN_KEY_TAB, SCREEN_KEY_BACKTAB, SCREEN_KEY_F1, SCREEN_KEY_BACKSPACE };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		screen_key(s, keys[i]);
	screen_type(s, "x怀");
	screen_assert_text(s, "MODE", WAIT_MS);
	assert_row(s, 1, "1b5b41" "1b5b42" "1b5b44" "1b5b43" "1b5b357e" "1b5b367e" "1b5b48" "1b5b46"
		"0d" "1b" "09" "1b5b5a" "1b4f50" "7f" "78e68080");
	enum screen_key cursor_keys[] = { SCREEN_KEY_UP, SCREEN_KEY_DOWN, SCREEN_KEY_LEFT,
		SCREEN_KEY_RIGHT, SCREEN_KEY_HOME, SCREEN_KEY_END };
	for (size_t i = 0; i < sizeof(cursor_keys) / sizeof(cursor_keys[0]); i++)
		screen_key(s, cursor_keys[i]);
	screen_assert_text(s, "END", WAIT_MS);
	assert_row(s, 3, "1b4f41" "1b4f42" "1b4f44" "1b4f43" "1b4f48" "1b4f46");
	screen_free(s);
}
END_TEST

START_TEST(test_resize)
{
	struct screen *s = shell("trap 'stty size' WINCH; stty size;"
		" while :; do read x || continue; break; done; echo BYE", NULL, 24, 80);
	screen_assert_text(s, "24 80", WAIT_MS);
	screen_resize(s, 30, 100);
	screen_assert_text(s, "30 100", WAIT_MS);
	ck_assert_int_eq(screen_rows(s), 30);
	ck_assert_int_eq(screen_cols(s), 100);
	assert_row(s, 29, "");
	screen_resize(s, 10, 40);
	screen_assert_text(s, "10 40", WAIT_MS);
	screen_key(s, SCREEN_KEY_ENTER);
	ck_assert_int_eq(screen_wait_exit(s, WAIT_MS), 0);
	ck_assert(screen_find(s, "BYE", NULL, NULL));
	screen_free(s);
}
END_TEST

/* Replies libvterm makes to the program's queries reach it: cursor position (DSR) and device
 * attributes (DA). */
START_TEST(test_replies)
{
	struct screen *s = shell("stty raw -echo opost onlcr; printf '\\033[5;10H\\033[6n';"
		" head -c 7 | tr '\\033' E; printf '\\r\\n\\033[c'; head -c 7 | tr '\\033' E; printf '\\r\\nEND';"
		" read x", NULL, 24, 80);
	screen_assert_text(s, "END", WAIT_MS);
	int row = -1, col = -1;
	ck_assert(screen_find(s, "E[5;10R", &row, &col));
	ck_assert_int_eq(row, 4);
	ck_assert_int_eq(col, 9);
	ck_assert(screen_find(s, "E[?1;2c", &row, &col));  /* a VT100 with advanced video */
	ck_assert_int_eq(row, 5);
	screen_free(s);
}
END_TEST

START_TEST(test_environment)
{
	setenv("COLUMNS", "5", 1);
	const char *env[] = { "EXTRA=a=b", "LC_ALL=C", NULL };
	struct screen *s = shell("printf '%s|%s|%s|%s|%s\\n' \"$TERM\" \"$LANG\" \"$LC_ALL\" \"$EXTRA\""
		" \"${COLUMNS:-none}\"; read x", env, 24, 80);
	unsetenv("COLUMNS");
	screen_assert_text(s, "none", WAIT_MS);
	assert_row(s, 0, "xterm-256color|C.UTF-8|C|a=b|none");
	screen_free(s);
}
END_TEST

START_TEST(test_exit_status)
{
	struct screen *s = shell("printf BYE; exit 3", NULL, 24, 80);
	ck_assert_int_gt(screen_pid(s), 0);
	ck_assert_int_eq(screen_wait_exit(s, WAIT_MS), 3);
	ck_assert(screen_find(s, "BYE", NULL, NULL));  /* drained after the exit */
	ck_assert_int_eq(screen_wait_exit(s, WAIT_MS), 3);
	screen_free(s);

	s = shell("kill -TERM $$", NULL, 24, 80);
	ck_assert_int_eq(screen_wait_exit(s, WAIT_MS), 128 + SIGTERM);
	screen_free(s);

	const char *missing[] = { "/nonexistent/program", NULL };
	s = screen_start(missing, NULL, 24, 80);
	ck_assert_int_eq(screen_wait_exit(s, WAIT_MS), 127);
	screen_free(s);

	s = shell("exec sleep 100", NULL, 24, 80);
	long start = now_ms();
	ck_assert_int_eq(screen_wait_exit(s, 200), -1);
	ck_assert_int_lt(now_ms() - start, 2000);
	ck_assert_int_eq(screen_wait_exit(s, WAIT_MS), -1);
	screen_free(s);

	/* freed while running: killed, with its children */
	s = shell("sleep 100 & sleep 100; wait", NULL, 24, 80);
	screen_free(s);
}
END_TEST

START_TEST(test_waiting)
{
	struct screen *s = shell("printf one; read x; printf '\\033[2J\\033[Htwo'; read x", NULL, 24, 80);
	screen_assert_text(s, "one", WAIT_MS);
	ck_assert(!screen_wait_gone(s, "one", 100));
	screen_key(s, SCREEN_KEY_ENTER);
	ck_assert(screen_wait_gone(s, "one", WAIT_MS));
	screen_assert_text(s, "two", WAIT_MS);
	ck_assert(screen_wait_row(s, 0, "two", WAIT_MS));
	ck_assert(!screen_wait_row(s, 1, "two", 100));
	screen_free(s);

	/* a program that exited shows nothing more: no point waiting out the timeout */
	s = shell("printf hi", NULL, 24, 80);
	long start = now_ms();
	ck_assert(!screen_wait_text(s, "never", WAIT_MS));
	ck_assert_int_lt(now_ms() - start, WAIT_MS / 2);
	ck_assert(screen_find(s, "hi", NULL, NULL));
	screen_free(s);
}
END_TEST

START_TEST(test_settle)
{
	struct screen *s = shell("printf quiet; read x", NULL, 24, 80);
	long start = now_ms();
	screen_settle(s, 200, WAIT_MS);
	long took = now_ms() - start;
	ck_assert_int_ge(took, 200);
	ck_assert_int_lt(took, WAIT_MS / 2);
	ck_assert(screen_find(s, "quiet", NULL, NULL));
	screen_free(s);

	/* never quiet: settles at the timeout */
	s = shell("while :; do printf .; sleep 0.02; done", NULL, 24, 80);
	start = now_ms();
	screen_settle(s, 500, 1000);
	took = now_ms() - start;
	ck_assert_int_ge(took, 1000);
	ck_assert_int_lt(took, 3000);
	screen_free(s);
}
END_TEST

Suite *screen_harness_suite(void)
{
	Suite *suite = suite_create("screen-harness");
	TCase *tc = tcase_create("harness");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_text_and_wide_chars);
	tcase_add_test(tc, test_attributes);
	tcase_add_test(tc, test_highlighted_rows);
	tcase_add_test(tc, test_altscreen_and_cursor);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_resize);
	tcase_add_test(tc, test_replies);
	tcase_add_test(tc, test_environment);
	tcase_add_test(tc, test_exit_status);
	tcase_add_test(tc, test_waiting);
	tcase_add_test(tc, test_settle);
	suite_add_tcase(suite, tc);
	return suite;
}
