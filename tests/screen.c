/* screen: a program in a pseudo-terminal (forkpty) whose output libvterm turns into cells the tests
 * read; keys go in as a real xterm would send them, replies to terminal queries go back. */
#include "tests/screen.h"
#include "config/config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

/* A program writing without pause must not keep a pump from returning. */
#define PUMP_MAX_BYTES (256 * 1024)
/* Longest wait between checks of a condition, so a partly drawn frame is looked at again soon. */
#define POLL_SLICE_MS 50

struct screen {
	VTerm *vt;
	VTermScreen *vs;
	int fd;              /* the pty's master side */
	pid_t pid;
	int rows, cols;
	bool eof;            /* every holder of the pty's slave side has closed it */
	bool reaped;
	int status;          /* once reaped: as screen_wait_exit returns it */
	bool altscreen;
	bool cursor_visible;
};

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int on_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct screen *s = user;
	if (prop == VTERM_PROP_ALTSCREEN)
		s->altscreen = val->boolean;
	else if (prop == VTERM_PROP_CURSORVISIBLE)
		s->cursor_visible = val->boolean;
	return 1;  /* accepted: libvterm stores the property (and switches buffers) only then */
}

static const VTermScreenCallbacks screen_callbacks = {
	.settermprop = on_settermprop,
};

/* Write everything, waiting a little while the pty's input queue is full; a program that stopped
 * reading (or exited) loses the rest, which is what a terminal would do too. */
static void write_all(struct screen *s, const char *bytes, size_t len)
{
	long deadline = now_ms() + 2000;
	while (len > 0) {
		ssize_t n = write(s->fd, bytes, len);
		if (n > 0) {
			bytes += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN && now_ms() < deadline) {
			struct pollfd p = { .fd = s->fd, .events = POLLOUT };
			poll(&p, 1, POLL_SLICE_MS);
			continue;
		}
		return;
	}
}

/* Send what libvterm wants to say to the program: key sequences, answers to DA/DSR queries. */
static void forward_output(struct screen *s)
{
	char buf[256];
	size_t n;
	while ((n = vterm_output_read(s->vt, buf, sizeof(buf))) > 0)
		write_all(s, buf, n);
}

/* Wait up to timeout_ms for output, then read what is there; the number of bytes read. */
static size_t pump_once(struct screen *s, int timeout_ms)
{
	if (s->eof)
		return 0;
	struct pollfd p = { .fd = s->fd, .events = POLLIN };
	if (poll(&p, 1, timeout_ms < 0 ? 0 : timeout_ms) <= 0)
		return 0;
	size_t total = 0;
	char buf[4096];
	while (total < PUMP_MAX_BYTES) {
		ssize_t n = read(s->fd, buf, sizeof(buf));
		if (n > 0) {
			vterm_input_write(s->vt, buf, (size_t)n);
			forward_output(s);
			total += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		/* EIO (Linux) or 0: the slave side is closed for good. */
		if (n == 0 || errno != EAGAIN)
			s->eof = true;
		break;
	}
	return total;
}

static void child_exec(const char *const *argv, const char *const *env)
{
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	int defaults[] = { SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD, SIGWINCH, SIGALRM };
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		signal(defaults[i], SIG_DFL);
	/* ncurses prefers LINES/COLUMNS to the pty's size: the size must come from the pty only. */
	unsetenv("LINES");
	unsetenv("COLUMNS");
	setenv("TERM", "xterm-256color", 1);
	setenv("LANG", "C.UTF-8", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	for (size_t i = 0; env && env[i]; i++) {
		const char *eq = strchr(env[i], '=');
		if (!eq)
			continue;
		char *name = xstrndup(env[i], (size_t)(eq - env[i]));
		setenv(name, eq + 1, 1);
		free(name);
	}
	execv(argv[0], (char *const *)argv);
	_exit(127);
}

struct screen *screen_start(const char *const *argv, const char *const *env, int rows, int cols)
{
	ck_assert_msg(argv && argv[0], "screen_start needs a program");
	ck_assert_msg(rows > 0 && cols > 0, "screen_start: bad size %dx%d", cols, rows);
	struct screen *s = xcalloc(1, sizeof(*s));
	s->rows = rows;
	s->cols = cols;
	s->cursor_visible = true;
	s->vt = vterm_new(rows, cols);
	vterm_set_utf8(s->vt, 1);
	s->vs = vterm_obtain_screen(s->vt);
	vterm_screen_set_callbacks(s->vs, &screen_callbacks, s);
	vterm_screen_enable_altscreen(s->vs, 1);
	vterm_screen_reset(s->vs, 1);

	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	fflush(NULL);  /* or the child would write our buffered output a second time */
	s->pid = forkpty(&s->fd, NULL, NULL, &ws);
	ck_assert_msg(s->pid >= 0, "forkpty failed: %s", strerror(errno));
	if (s->pid == 0)
		child_exec(argv, env);
	fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) | O_NONBLOCK);
	fcntl(s->fd, F_SETFD, FD_CLOEXEC);  /* the next screen's program must not hold this one open */
	return s;
}

static int decode_status(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}

/* Kill the program's whole process group (it leads its own session) and reap it. */
static void kill_and_reap(struct screen *s)
{
	kill(-s->pid, SIGKILL);
	kill(s->pid, SIGKILL);
	while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
		;
	s->reaped = true;
}

void screen_free(struct screen *s)
{
	if (!s)
		return;
	if (!s->reaped)
		kill_and_reap(s);
	close(s->fd);
	vterm_free(s->vt);
	free(s);
}

void screen_pump(struct screen *s, int timeout_ms)
{
	pump_once(s, timeout_ms);
}

void screen_type(struct screen *s, const char *bytes)
{
	write_all(s, bytes, strlen(bytes));
}

void screen_key(struct screen *s, enum screen_key key)
{
	static const VTermKey keys[] = {
		[SCREEN_KEY_UP] = VTERM_KEY_UP,
		[SCREEN_KEY_DOWN] = VTERM_KEY_DOWN,
		[SCREEN_KEY_LEFT] = VTERM_KEY_LEFT,
		[SCREEN_KEY_RIGHT] = VTERM_KEY_RIGHT,
		[SCREEN_KEY_PAGE_UP] = VTERM_KEY_PAGEUP,
		[SCREEN_KEY_PAGE_DOWN] = VTERM_KEY_PAGEDOWN,
		[SCREEN_KEY_HOME] = VTERM_KEY_HOME,
		[SCREEN_KEY_END] = VTERM_KEY_END,
		[SCREEN_KEY_ENTER] = VTERM_KEY_ENTER,
		[SCREEN_KEY_ESC] = VTERM_KEY_ESCAPE,
		[SCREEN_KEY_TAB] = VTERM_KEY_TAB,
		[SCREEN_KEY_BACKTAB] = VTERM_KEY_TAB,
		[SCREEN_KEY_F1] = VTERM_KEY_FUNCTION(1),
		[SCREEN_KEY_F2] = VTERM_KEY_FUNCTION(2),
		[SCREEN_KEY_BACKSPACE] = VTERM_KEY_BACKSPACE,
	};
	ck_assert_msg((size_t)key < sizeof(keys) / sizeof(keys[0]), "screen_key: unknown key %d", (int)key);
	/* libvterm knows the modes the program set (DECCKM from smkx), as xterm would. */
	vterm_keyboard_key(s->vt, keys[key], key == SCREEN_KEY_BACKTAB ? VTERM_MOD_SHIFT : VTERM_MOD_NONE);
	forward_output(s);
}

static bool get_cell(struct screen *s, int row, int col, VTermScreenCell *cell)
{
	if (row < 0 || row >= s->rows || col < 0 || col >= s->cols)
		return false;
	VTermPos pos = { .row = row, .col = col };
	return vterm_screen_get_cell(s->vs, pos, cell) != 0;
}

struct text {
	char *buf;
	size_t len, size;
};

static void text_add(struct text *t, const char *bytes, size_t n)
{
	if (t->len + n + 1 > t->size) {
		t->size = (t->len + n + 1) * 2;
		t->buf = xrealloc(t->buf, t->size);
	}
	memcpy(t->buf + t->len, bytes, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static size_t utf8_encode(uint32_t c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	if (c < 0x110000) {
		out[0] = (char)(0xF0 | (c >> 18));
		out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[3] = (char)(0x80 | (c & 0x3F));
		return 4;
	}
	memcpy(out, "\xEF\xBF\xBD", 3);  /* U+FFFD */
	return 3;
}

/* Cells [from, to) of a row as UTF-8, a blank cell as a space; with columns, also the cell column
 * each byte came from (allocated, as long as the text). */
static struct text cells_text(struct screen *s, int row, int from, int to, int **columns)
{
	struct text t = { 0 };
	int *map = NULL;
	size_t map_size = 0;
	text_add(&t, "", 0);
	for (int col = from < 0 ? 0 : from; col < to && col < s->cols; col++) {
		VTermScreenCell cell;
		if (!get_cell(s, row, col, &cell) || cell.chars[0] == (uint32_t)-1)
			continue;  /* the right half of a wide char: its left half said it all */
		size_t start = t.len;
		if (cell.chars[0] == 0)
			text_add(&t, " ", 1);
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++) {
			char utf8[4];
			size_t n = utf8_encode(cell.chars[i], utf8);
			text_add(&t, utf8, n);
		}
		if (columns) {
			if (t.len > map_size) {
				map_size = t.len * 2;
				map = xrealloc(map, map_size * sizeof(*map));
			}
			for (size_t i = start; i < t.len; i++)
				map[i] = col;
		}
	}
	if (columns)
		*columns = map;
	return t;
}

/* A row as UTF-8, trailing spaces trimmed. */
static char *row_text(struct screen *s, int row, int **columns)
{
	struct text t = cells_text(s, row, 0, s->cols, columns);
	while (t.len > 0 && t.buf[t.len - 1] == ' ')
		t.buf[--t.len] = '\0';
	return t.buf;
}

int screen_rows(struct screen *s)
{
	return s->rows;
}

int screen_cols(struct screen *s)
{
	return s->cols;
}

char *screen_row(struct screen *s, int row)
{
	return row_text(s, row, NULL);
}

char *screen_text_at(struct screen *s, int row, int col, int cells)
{
	return cells_text(s, row, col, col + cells, NULL).buf;
}

char *screen_dump(struct screen *s)
{
	struct text t = { 0 };
	text_add(&t, "", 0);
	for (int row = 0; row < s->rows; row++) {
		char *line = row_text(s, row, NULL);
		text_add(&t, line, strlen(line));
		if (row + 1 < s->rows)
			text_add(&t, "\n", 1);
		free(line);
	}
	return t.buf;
}

static bool find_in_row(struct screen *s, int row, const char *text, int *col)
{
	int *columns = NULL;
	char *line = row_text(s, row, &columns);
	const char *at = strstr(line, text);
	bool found = at != NULL;
	if (found && col)
		/* An empty text matches past the end of the row, where no byte names a column. */
		*col = (size_t)(at - line) < strlen(line) ? columns[at - line] : (int)strlen(line);
	free(columns);
	free(line);
	return found;
}

bool screen_find(struct screen *s, const char *text, int *row, int *col)
{
	for (int r = 0; r < s->rows; r++) {
		if (find_in_row(s, r, text, col)) {
			if (row)
				*row = r;
			return true;
		}
	}
	return false;
}

/* Whether text is shown in row, or anywhere when row is -1. */
static bool shows(struct screen *s, int row, const char *text)
{
	return row < 0 ? screen_find(s, text, NULL, NULL) : find_in_row(s, row, text, NULL);
}

static bool wait_for(struct screen *s, int row, const char *text, bool wanted, int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;
	for (;;) {
		if (shows(s, row, text) == wanted)
			return true;
		long left = deadline - now_ms();
		if (left <= 0 || s->eof)
			return false;  /* out of time, or the program will never write again */
		pump_once(s, left < POLL_SLICE_MS ? (int)left : POLL_SLICE_MS);
	}
}

bool screen_wait_text(struct screen *s, const char *text, int timeout_ms)
{
	return wait_for(s, -1, text, true, timeout_ms);
}

bool screen_wait_row(struct screen *s, int row, const char *text, int timeout_ms)
{
	return wait_for(s, row, text, true, timeout_ms);
}

bool screen_wait_gone(struct screen *s, const char *text, int timeout_ms)
{
	return wait_for(s, -1, text, false, timeout_ms);
}

void screen_settle(struct screen *s, int quiet_ms, int timeout_ms)
{
	long start = now_ms();
	long last_output = start;
	for (;;) {
		long now = now_ms();
		long quiet_left = quiet_ms - (now - last_output);
		long time_left = timeout_ms - (now - start);
		if (quiet_left <= 0 || time_left <= 0 || s->eof)
			return;
		if (pump_once(s, (int)(quiet_left < time_left ? quiet_left : time_left)) > 0)
			last_output = now_ms();
	}
}

int screen_cell_width(struct screen *s, int row, int col)
{
	VTermScreenCell cell;
	if (!get_cell(s, row, col, &cell))
		return 0;
	return cell.chars[0] == (uint32_t)-1 ? 0 : cell.width;
}

bool screen_cell_reverse(struct screen *s, int row, int col)
{
	VTermScreenCell cell;
	return get_cell(s, row, col, &cell) && cell.attrs.reverse;
}

bool screen_cell_bold(struct screen *s, int row, int col)
{
	VTermScreenCell cell;
	return get_cell(s, row, col, &cell) && cell.attrs.bold;
}

static int color_index(const VTermColor *color, bool is_default)
{
	if (is_default)
		return -1;
	return VTERM_COLOR_IS_INDEXED(color) ? color->indexed.idx : -2;
}

int screen_cell_bg(struct screen *s, int row, int col)
{
	VTermScreenCell cell;
	if (!get_cell(s, row, col, &cell))
		return -1;
	return color_index(&cell.bg, VTERM_COLOR_IS_DEFAULT_BG(&cell.bg));
}

int screen_cell_fg(struct screen *s, int row, int col)
{
	VTermScreenCell cell;
	if (!get_cell(s, row, col, &cell))
		return -1;
	return color_index(&cell.fg, VTERM_COLOR_IS_DEFAULT_FG(&cell.fg));
}

bool screen_row_highlighted(struct screen *s, int row)
{
	int marked = 0;
	for (int col = 0; col < s->cols; col++) {
		VTermScreenCell cell;
		if (get_cell(s, row, col, &cell) && (cell.attrs.reverse || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg)))
			marked++;
	}
	return marked * 2 > s->cols;
}

bool screen_altscreen(struct screen *s)
{
	return s->altscreen;
}

bool screen_cursor_visible(struct screen *s)
{
	return s->cursor_visible;
}

void screen_resize(struct screen *s, int rows, int cols)
{
	ck_assert_msg(rows > 0 && cols > 0, "screen_resize: bad size %dx%d", cols, rows);
	/* What the program wrote for the old size is drawn at the old size. */
	while (pump_once(s, 0) > 0)
		;
	s->rows = rows;
	s->cols = cols;
	vterm_set_size(s->vt, rows, cols);
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	ck_assert_msg(ioctl(s->fd, TIOCSWINSZ, &ws) == 0, "TIOCSWINSZ failed: %s", strerror(errno));
}

pid_t screen_pid(struct screen *s)
{
	return s->pid;
}

int screen_wait_exit(struct screen *s, int timeout_ms)
{
	if (s->reaped)
		return s->status;
	long deadline = now_ms() + timeout_ms;
	for (;;) {
		int status;
		pid_t r = waitpid(s->pid, &status, WNOHANG);
		if (r == s->pid) {
			s->reaped = true;
			s->status = decode_status(status);
			while (pump_once(s, 0) > 0)  /* what it wrote last, the terminal reset included */
				;
			return s->status;
		}
		long left = deadline - now_ms();
		if (left <= 0) {
			kill_and_reap(s);
			s->status = -1;
			return -1;
		}
		int slice = left < 10 ? (int)left : 10;
		if (s->eof)
			poll(NULL, 0, slice);  /* nothing more to read: only the exit to wait for */
		else
			pump_once(s, slice);
	}
}
