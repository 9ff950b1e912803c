/* journal: what was typed into forms not yet saved, kept in a file under $XDG_STATE_HOME/iedesk so a
 * dropped SSH session or a killed terminal loses nothing; the next start offers it back. Each session has
 * its own file, and holds a lock beside it for as long as it runs, so a start offers only the work of
 * sessions that have ended and no two sessions ever write, or restore, the same file. */
#include "tui/view.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* A form's and a line's client key (0016) came later, as an optional last field: files written before
 * read as they always did, their new records getting a fresh key. A line's choice of who its name is
 * came later still, as two fields after the key, written only when there is one. */
#define JOURNAL_MAGIC "iedesk-drafts 1"

static bool make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		bool ok = mkdir(path, 0700) == 0 || errno == EEXIST;
		*p = '/';
		if (!ok)
			return false;
	}
	return mkdir(path, 0700) == 0 || errno == EEXIST;
}

/* Which database the drafts belong to: the config's target and libpq's variables, hashed (FNV-1a),
 * so a draft typed against one database is never offered, nor saved, against another. */
static unsigned long long target_hash(const struct db_target *target)
{
	const char *parts[] = {
		target && target->service ? target->service : "", target && target->conninfo ? target->conninfo : "",
		getenv("PGSERVICE"), getenv("PGHOST"), getenv("PGHOSTADDR"), getenv("PGPORT"), getenv("PGDATABASE"),
		getenv("PGUSER"),
	};
	unsigned long long h = 1469598103934665603ULL;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		for (const char *p = parts[i] ? parts[i] : ""; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		h = (h ^ 0xff) * 1099511628211ULL;   /* a separator, so "ab"+"" differs from "a"+"b" */
	}
	return h;
}

/* The folder the drafts live in, made if need be; NULL without a home. */
static char *drafts_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *dir;
	if (state && state[0] == '/')
		dir = xasprintf("%s/iedesk", state);
	else if (home && *home)
		dir = xasprintf("%s/.local/state/iedesk", home);
	else
		return NULL;
	if (!make_dirs(dir))
		FREE(&dir);
	return dir;
}

bool journal_open(const struct db_target *target, struct journal_file *file)
{
	memset(file, 0, sizeof(*file));
	file->lock = -1;
	char *dir = drafts_dir();
	if (!dir)
		return false;
	file->dir = dir;
	file->hash = xasprintf("%016llx", target_hash(target));
	/* mkstemp makes the lock's name unique (and the file 0600); a drafts file of that name left by an
	 * ended session whose lock is gone would be overwritten, so such a name is not taken */
	for (int tries = 0; tries < 100; tries++) {
		char *lock = xasprintf("%s/lock-%s-XXXXXX", dir, file->hash);
		int fd = mkstemp(lock);
		if (fd < 0) {
			free(lock);
			break;
		}
		char *path = xasprintf("%s/drafts-%s-%s", dir, file->hash, strrchr(lock, '-') + 1);
		if (access(path, F_OK) != 0 && errno == ENOENT && flock(fd, LOCK_EX | LOCK_NB) == 0) {
			(void)fcntl(fd, F_SETFD, FD_CLOEXEC);   /* an export's child must not keep it locked */
			file->lock = fd;
			file->lock_path = lock;
			file->path = path;
			return true;
		}
		close(fd);
		unlink(lock);
		free(lock);
		free(path);
	}
	journal_close(file);
	return false;
}

void journal_close(struct journal_file *file)
{
	/* the lock goes with the drafts: while they are there, its being free says the session ended */
	if (file->lock_path && file->path && access(file->path, F_OK) != 0 && errno == ENOENT)
		unlink(file->lock_path);
	if (file->lock >= 0)
		close(file->lock);
	free(file->path);
	free(file->lock_path);
	free(file->dir);
	free(file->hash);
	memset(file, 0, sizeof(*file));
	file->lock = -1;
}

/* A drafts file taken from an ended session, its lock held until the file is gone. */
struct claimed {
	char *path, *lock_path;
	int lock;
};

/* If the session that wrote drafts file name has ended (its lock is free), its drafts into into and the
 * file onto claims; *unreadable set when it ended but its file cannot be read (it stays as it is). */
static void claim_one(const struct journal_file *own, const char *name, struct journal *into,
	struct claimed **claims, size_t *nclaims, bool *unreadable)
{
	char *path = xasprintf("%s/%s", own->dir, name);
	/* drafts-HASH, without a session, is the one file of the versions before; it locks itself */
	bool old = strlen(name) == strlen("drafts-") + strlen(own->hash);
	char *lock_path = old ? xstrdup(path) : xasprintf("%s/lock-%s", own->dir, name + strlen("drafts-"));
	int fd = open(lock_path, old ? O_RDONLY | O_CLOEXEC : O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (fd >= 0)
			close(fd);
		free(path);
		free(lock_path);
		return;   /* still running (or gone meanwhile) */
	}
	struct journal theirs;
	if (!journal_read(path, &theirs)) {
		*unreadable = true;
		close(fd);
		free(path);
		free(lock_path);
		return;
	}
	journal_take(into, &theirs);
	*claims = xrealloc(*claims, (*nclaims + 1) * sizeof(**claims));
	(*claims)[(*nclaims)++] = (struct claimed){ .path = path, .lock_path = old ? NULL : lock_path, .lock = fd };
	if (old)
		free(lock_path);
}

bool journal_claim_ended(const struct journal_file *own, struct journal *into)
{
	memset(into, 0, sizeof(*into));
	if (!own->path)
		return true;
	DIR *d = opendir(own->dir);
	if (!d)
		return false;
	char *prefix = xasprintf("drafts-%s", own->hash);
	const char *own_name = strrchr(own->path, '/') + 1;
	struct claimed *claims = NULL;
	size_t nclaims = 0;
	bool unreadable = false;
	for (struct dirent *e; (e = readdir(d));) {
		const char *rest = e->d_name + strlen(prefix);
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || strcmp(e->d_name, own_name) == 0 ||
				(*rest && (*rest != '-' || strchr(rest, '.'))))   /* not a ".new" being written */
			continue;
		claim_one(own, e->d_name, into, &claims, &nclaims, &unreadable);
	}
	closedir(d);
	free(prefix);
	/* into this session's own file first, so a crash between the two steps loses nothing */
	bool kept = !journal_count(into) || journal_write(own->path, into);
	for (size_t i = 0; i < nclaims; i++) {
		if (kept) {
			unlink(claims[i].path);
			if (claims[i].lock_path)
				unlink(claims[i].lock_path);
		}
		close(claims[i].lock);
		free(claims[i].path);
		free(claims[i].lock_path);
	}
	free(claims);
	if (!kept)
		journal_done(into);
	return kept && !unreadable;
}

/* Values may hold anything typed, tabs and newlines included: escape them; \N is SQL NULL. */
static void put_value(FILE *f, const char *v)
{
	if (!v) {
		fputs("\\N", f);
		return;
	}
	for (; *v; v++) {
		switch (*v) {
		case '\\': fputs("\\\\", f); break;
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		default: fputc(*v, f); break;
		}
	}
}

static char *get_value(const char *s, size_t len)
{
	if (len == 2 && s[0] == '\\' && s[1] == 'N')
		return NULL;
	char *out = xmalloc(len + 1), *o = out;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			*o++ = s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i] == 'r' ? '\r' : s[i];
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

static void put_int_field(FILE *f, int n)
{
	fprintf(f, "\t%d", n);
}

static void put_field(FILE *f, const char *v)
{
	fputc('\t', f);
	put_value(f, v);
}

static void write_form(FILE *f, const struct journal_form *j)
{
	fprintf(f, "form\t%s", db_record_def(j->kind)->name);
	put_field(f, j->id);
	put_field(f, j->version);
	put_int_field(f, j->nvalues);
	put_field(f, j->client_key);
	fputc('\n', f);
	for (int v = 0; v < j->nvalues; v++) {
		fputs("value", f);
		put_field(f, j->values[v]);
		put_field(f, j->names ? j->names[v] : NULL);
		fputc('\n', f);
	}
}

static void write_capture(FILE *f, const struct journal_capture *c)
{
	fputs("capture", f);
	put_field(f, c->meeting_id);
	put_field(f, c->title);
	put_field(f, c->today);
	fprintf(f, "\t%zu\n", c->count);
	for (size_t i = 0; i < c->count; i++) {
		const struct journal_line *l = &c->lines[i];
		fputs("line", f);
		put_int_field(f, l->section);
		put_field(f, l->id);
		put_field(f, l->version);
		put_int_field(f, l->position);
		put_int_field(f, l->parent);
		put_field(f, l->saved);
		put_field(f, l->text);
		put_field(f, l->key);
		if (l->choice_for) {
			put_field(f, l->choice_for);
			put_field(f, l->choice);
		}
		fputc('\n', f);
	}
}

size_t journal_count(const struct journal *journal)
{
	return journal->nforms + journal->ncaptures;
}

bool journal_write(const char *path, const struct journal *journal)
{
	if (!journal_count(journal))
		return unlink(path) == 0 || errno == ENOENT;
	char *tmp = xasprintf("%s.new", path);
	/* what was typed may be anyone's name and phone: for the user alone */
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f = fd >= 0 && fchmod(fd, 0600) == 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		free(tmp);
		return false;
	}
	fprintf(f, "%s\n", JOURNAL_MAGIC);
	for (size_t i = 0; i < journal->nforms; i++)
		write_form(f, &journal->forms[i]);
	for (size_t i = 0; i < journal->ncaptures; i++)
		write_capture(f, &journal->captures[i]);
	bool ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
	ok = fclose(f) == 0 && ok;
	ok = ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}

struct journal_form *journal_add_form(struct journal *journal)
{
	journal->forms = xrealloc(journal->forms, (journal->nforms + 1) * sizeof(*journal->forms));
	struct journal_form *form = &journal->forms[journal->nforms++];
	memset(form, 0, sizeof(*form));
	return form;
}

struct journal_capture *journal_add_capture(struct journal *journal)
{
	journal->captures = xrealloc(journal->captures, (journal->ncaptures + 1) * sizeof(*journal->captures));
	struct journal_capture *capture = &journal->captures[journal->ncaptures++];
	memset(capture, 0, sizeof(*capture));
	return capture;
}

struct journal_line *journal_add_line(struct journal_capture *capture)
{
	capture->lines = xrealloc(capture->lines, (capture->count + 1) * sizeof(*capture->lines));
	struct journal_line *line = &capture->lines[capture->count++];
	memset(line, 0, sizeof(*line));
	return line;
}

static void form_done(struct journal_form *form)
{
	for (int v = 0; v < form->nvalues; v++) {
		free(form->values[v]);
		if (form->names)
			free(form->names[v]);
	}
	free(form->values);
	free(form->names);
	free(form->id);
	free(form->version);
	free(form->client_key);
}

static void capture_done(struct journal_capture *capture)
{
	for (size_t i = 0; i < capture->count; i++) {
		struct journal_line *l = &capture->lines[i];
		free(l->id);
		free(l->version);
		free(l->saved);
		free(l->text);
		free(l->key);
		free(l->choice_for);
		free(l->choice);
	}
	free(capture->lines);
	free(capture->meeting_id);
	free(capture->title);
	free(capture->today);
}

void journal_done(struct journal *journal)
{
	for (size_t i = 0; i < journal->nforms; i++)
		form_done(&journal->forms[i]);
	for (size_t i = 0; i < journal->ncaptures; i++)
		capture_done(&journal->captures[i]);
	free(journal->forms);
	free(journal->captures);
	memset(journal, 0, sizeof(*journal));
}

void journal_take(struct journal *into, struct journal *from)
{
	for (size_t i = 0; i < from->nforms; i++)
		*journal_add_form(into) = from->forms[i];
	for (size_t i = 0; i < from->ncaptures; i++)
		*journal_add_capture(into) = from->captures[i];
	free(from->forms);
	free(from->captures);
	memset(from, 0, sizeof(*from));
}

void journal_copy(struct journal *into, const struct journal *from)
{
	for (size_t i = 0; i < from->nforms; i++) {
		const struct journal_form *src = &from->forms[i];
		struct journal_form *dst = journal_add_form(into);
		dst->kind = src->kind;
		dst->id = src->id ? xstrdup(src->id) : NULL;
		dst->version = src->version ? xstrdup(src->version) : NULL;
		dst->client_key = src->client_key ? xstrdup(src->client_key) : NULL;
		dst->nvalues = src->nvalues;
		dst->values = xcalloc((size_t)src->nvalues + 1, sizeof(char *));
		dst->names = xcalloc((size_t)src->nvalues + 1, sizeof(char *));
		for (int v = 0; v < src->nvalues; v++) {
			dst->values[v] = src->values[v] ? xstrdup(src->values[v]) : NULL;
			dst->names[v] = src->names && src->names[v] ? xstrdup(src->names[v]) : NULL;
		}
	}
	for (size_t i = 0; i < from->ncaptures; i++) {
		const struct journal_capture *src = &from->captures[i];
		struct journal_capture *dst = journal_add_capture(into);
		dst->meeting_id = src->meeting_id ? xstrdup(src->meeting_id) : NULL;
		dst->title = src->title ? xstrdup(src->title) : NULL;
		dst->today = src->today ? xstrdup(src->today) : NULL;
		for (size_t l = 0; l < src->count; l++) {
			const struct journal_line *sl = &src->lines[l];
			struct journal_line *dl = journal_add_line(dst);
			dl->section = sl->section;
			dl->id = sl->id ? xstrdup(sl->id) : NULL;
			dl->version = sl->version ? xstrdup(sl->version) : NULL;
			dl->saved = sl->saved ? xstrdup(sl->saved) : NULL;
			dl->text = sl->text ? xstrdup(sl->text) : NULL;
			dl->position = sl->position;
			dl->parent = sl->parent;
			dl->key = sl->key ? xstrdup(sl->key) : NULL;
			dl->choice_for = sl->choice_for ? xstrdup(sl->choice_for) : NULL;
			dl->choice = sl->choice ? xstrdup(sl->choice) : NULL;
			dl->asks = sl->asks;
		}
	}
}

/* Split a line at tabs into at most max fields (pointers into line, lengths in len). */
static int split(char *line, char **field, size_t *len, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		char *tab = strchr(p, '\t');
		field[n] = p;
		len[n] = tab ? (size_t)(tab - p) : strlen(p);
		n++;
		if (!tab)
			break;
		p = tab + 1;
	}
	return n;
}

static bool is_word(const char *field, size_t len, const char *word)
{
	return len == strlen(word) && strncmp(field, word, len) == 0;
}

static int kind_named(const char *name, size_t len)
{
	for (int k = 0; k < DB_RECORD_COUNT; k++)
		if (is_word(name, len, db_record_def((enum db_record_kind)k)->name))
			return k;
	return -1;
}

/* A number field: digits only. */
static bool get_int(const char *field, size_t len, long max, long *out)
{
	if (!len || len > 9)
		return false;
	long v = 0;
	for (size_t i = 0; i < len; i++) {
		if (field[i] < '0' || field[i] > '9')
			return false;
		v = v * 10 + (field[i] - '0');
	}
	*out = v;
	return v <= max;
}

/* A client key: \N (none), or a UUID as text (8-4-4-4-12 hex digits), else the file is not ours. */
static bool get_key(const char *field, size_t len, char **out)
{
	*out = NULL;
	if (len == 2 && field[0] == '\\' && field[1] == 'N')
		return true;
	if (len != 36)
		return false;
	for (size_t i = 0; i < len; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? field[i] != '-' : !isxdigit((unsigned char)field[i]))
			return false;
	}
	*out = xstrndup(field, len);
	return true;
}

/* A row's id: \N (none), or digits, else the file is not ours. */
static bool get_id(const char *field, size_t len, char **out)
{
	*out = NULL;
	if (len == 2 && field[0] == '\\' && field[1] == 'N')
		return true;
	if (!len || len > 19)
		return false;
	for (size_t i = 0; i < len; i++)
		if (field[i] < '0' || field[i] > '9')
			return false;
	*out = xstrndup(field, len);
	return true;
}

/* One line of the file into journal; false when it is not one the file may hold here. */
static bool read_line(struct journal *journal, char *line)
{
	char *field[12];
	size_t len[12];
	int n = split(line, field, len, 12);
	char *key = NULL, *choice = NULL;
	struct journal_form *form = journal->nforms ? &journal->forms[journal->nforms - 1] : NULL;
	struct journal_capture *capture = journal->ncaptures ? &journal->captures[journal->ncaptures - 1] : NULL;
	long number, section, position, parent;
	if ((n == 5 || n == 6) && is_word(field[0], len[0], "form")) {
		int kind = kind_named(field[1], len[1]);
		if (kind < 0 || !get_int(field[4], len[4], 1000, &number) ||
				number != db_record_def((enum db_record_kind)kind)->nfields ||
				(n == 6 && !get_key(field[5], len[5], &key)))
			return false;
		form = journal_add_form(journal);
		form->kind = kind;
		form->client_key = key;
		form->id = get_value(field[2], len[2]);
		form->version = get_value(field[3], len[3]);
		form->values = xcalloc((size_t)number + 1, sizeof(char *));
		form->names = xcalloc((size_t)number + 1, sizeof(char *));
		return true;
	}
	if (n == 3 && is_word(field[0], len[0], "value")) {
		if (!form || form->nvalues >= db_record_def((enum db_record_kind)form->kind)->nfields)
			return false;
		form->values[form->nvalues] = get_value(field[1], len[1]);
		form->names[form->nvalues] = get_value(field[2], len[2]);
		form->nvalues++;
		return true;
	}
	if (n == 5 && is_word(field[0], len[0], "capture")) {
		if (!get_int(field[4], len[4], 100000, &number))
			return false;
		capture = journal_add_capture(journal);
		capture->meeting_id = get_value(field[1], len[1]);
		capture->title = get_value(field[2], len[2]);
		capture->today = get_value(field[3], len[3]);
		return capture->meeting_id != NULL;
	}
	if ((n == 8 || n == 9 || n == 11) && is_word(field[0], len[0], "line")) {
		if (!capture || !get_int(field[1], len[1], DB_CAPTURE_SECTIONS - 1, &section) ||
				!get_int(field[4], len[4], 100000, &position) || !get_int(field[5], len[5], 100000, &parent))
			return false;
		if (n >= 9 && !get_key(field[8], len[8], &key))
			return false;
		char *choice_for = n == 11 ? get_value(field[9], len[9]) : NULL;
		if (n == 11 && (!choice_for || !get_id(field[10], len[10], &choice))) {
			free(key);
			free(choice_for);
			return false;
		}
		struct journal_line *l = journal_add_line(capture);
		l->key = key;
		l->choice_for = choice_for;
		l->choice = choice;
		l->section = (int)section;
		l->id = get_value(field[2], len[2]);
		l->version = get_value(field[3], len[3]);
		l->position = (int)position;
		l->parent = (int)parent;
		l->saved = get_value(field[6], len[6]);
		l->text = get_value(field[7], len[7]);
		return l->text != NULL;
	}
	return false;
}

bool journal_read(const char *path, struct journal *journal)
{
	memset(journal, 0, sizeof(*journal));
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got = getline(&line, &cap, f);
	bool ok = got > 0 && strncmp(line, JOURNAL_MAGIC, strlen(JOURNAL_MAGIC)) == 0;
	while (ok && (got = getline(&line, &cap, f)) > 0) {
		if (line[got - 1] == '\n')
			line[--got] = '\0';
		ok = read_line(journal, line);
	}
	free(line);
	fclose(f);
	/* a form cut short is not restored half-way (the file is renamed into place, so only a hand edit
	 * or another program's file can do that) */
	for (size_t i = 0; ok && i < journal->nforms; i++)
		ok = journal->forms[i].nvalues == db_record_def((enum db_record_kind)journal->forms[i].kind)->nfields;
	if (!ok)
		journal_done(journal);
	return ok;
}
