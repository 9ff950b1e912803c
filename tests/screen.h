/* screen: runs a program in a pseudo-terminal and reads its screen through libvterm, so tests can
 * type keys and assert cells (text, wide-char width, attributes) the way a user would see them. */
#ifndef IEDESK_SCREEN_H
#define IEDESK_SCREEN_H

#include <check.h>
#include <stdbool.h>
#include <sys/types.h>

struct screen;

enum screen_key {
	SCREEN_KEY_UP,
	SCREEN_KEY_DOWN,
	SCREEN_KEY_LEFT,
	SCREEN_KEY_RIGHT,
	SCREEN_KEY_PAGE_UP,
	SCREEN_KEY_PAGE_DOWN,
	SCREEN_KEY_HOME,
	SCREEN_KEY_END,
	SCREEN_KEY_ENTER,
	SCREEN_KEY_ESC,
	SCREEN_KEY_TAB,
	SCREEN_KEY_BACKTAB,
	SCREEN_KEY_F1,
	SCREEN_KEY_F2,
	SCREEN_KEY_BACKSPACE,
};

/* Start argv[0] (a path) in a new pty of rows x cols. The program gets this process's environment
 * with TERM=xterm-256color, LANG=C.UTF-8, LC_ALL=C.UTF-8 (and no LINES/COLUMNS, which would override
 * the pty's size), then the extra "NAME=value" entries of env (NULL-terminated, may be NULL), which
 * win over the defaults. A program that cannot be started exits with status 127. */
struct screen *screen_start(const char *const *argv, const char *const *env, int rows, int cols);
/* Kill the program if still running (and reap it), free everything. NULL is fine. */
void screen_free(struct screen *s);

/* Wait up to timeout_ms for output, then read whatever the program wrote into the screen. */
void screen_pump(struct screen *s, int timeout_ms);
/* Type raw bytes (UTF-8 text or escape sequences). */
void screen_type(struct screen *s, const char *bytes);
/* Press a key as xterm would: the cursor keys and Home/End follow the program's cursor-key mode
 * (CSI A when normal, SS3 A once the program sent smkx, as ncurses' keypad() does); PageUp/PageDown
 * are CSI 5~/6~, Enter \r, Esc \033, Tab \t, BackTab CSI Z, F1 SS3 P, Backspace \177. */
void screen_key(struct screen *s, enum screen_key key);

/* Poll until text appears anywhere on screen (in row, for screen_wait_row), or timeout; false on
 * timeout or when the program has exited without showing it. */
bool screen_wait_text(struct screen *s, const char *text, int timeout_ms);
bool screen_wait_row(struct screen *s, int row, const char *text, int timeout_ms);
/* Poll until text is nowhere on screen. */
bool screen_wait_gone(struct screen *s, const char *text, int timeout_ms);
/* Wait until the program has written nothing for quiet_ms (settled), at most timeout_ms. */
void screen_settle(struct screen *s, int quiet_ms, int timeout_ms);

int screen_rows(struct screen *s);
int screen_cols(struct screen *s);
/* Row text as UTF-8 (a wide char appears once; its second cell contributes nothing), trailing
 * spaces trimmed; the caller frees. An empty string for a row outside the screen. */
char *screen_row(struct screen *s, int row);
/* The cells [col, col+cells) of a row as UTF-8, untrimmed (a blank cell is a space, the right half
 * of a wide char adds nothing); the caller frees. */
char *screen_text_at(struct screen *s, int row, int col, int cells);
/* The whole screen, rows joined by '\n' (for failure messages); the caller frees. */
char *screen_dump(struct screen *s);
/* The first row and cell column where text starts (within one row); either pointer may be NULL. */
bool screen_find(struct screen *s, const char *text, int *row, int *col);

/* 1, 2 for a wide char, or 0 for the right half of a wide char. */
int screen_cell_width(struct screen *s, int row, int col);
bool screen_cell_reverse(struct screen *s, int row, int col);
bool screen_cell_bold(struct screen *s, int row, int col);
/* Palette index, or -1 for the default colour (also -1 for a direct RGB colour). */
int screen_cell_bg(struct screen *s, int row, int col);
int screen_cell_fg(struct screen *s, int row, int col);
/* Whether the row looks selected: reverse video or a non-default background on more than half
 * of its cells. */
bool screen_row_highlighted(struct screen *s, int row);

bool screen_altscreen(struct screen *s);
bool screen_cursor_visible(struct screen *s);
/* Resize the pty (the kernel sends SIGWINCH to the program) and the emulated screen. */
void screen_resize(struct screen *s, int rows, int cols);

pid_t screen_pid(struct screen *s);
/* Wait for the program to exit (reading its output meanwhile) up to timeout_ms; its exit status,
 * 128+signal when killed by one, or -1 on timeout (it is then killed). Later calls return the
 * same status. */
int screen_wait_exit(struct screen *s, int timeout_ms);

/* Fail the test unless cond holds, showing what and the whole screen. */
#define screen_assert(s, cond, what) do { \
	if (!(cond)) { \
		char *screen_dump_ = screen_dump(s); \
		ck_abort_msg("%s; the screen:\n%s", (what), screen_dump_); \
	} \
} while (0)
/* Fail the test unless text appears within timeout_ms. */
#define screen_assert_text(s, text, timeout_ms) do { \
	const char *screen_text_ = (text); \
	if (!screen_wait_text((s), screen_text_, (timeout_ms))) { \
		char *screen_dump_ = screen_dump(s); \
		ck_abort_msg("\"%s\" did not appear within %d ms; the screen:\n%s", screen_text_, \
			(int)(timeout_ms), screen_dump_); \
	} \
} while (0)

#endif
