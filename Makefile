# iedesk — build, test, demo and install. `make check` and `make demo` set up a fresh Debian
# machine first (scripts/deps), then re-enter make so pkg-config sees what was just installed.

PREFIX     ?= /usr/local
bindir     ?= $(PREFIX)/bin
datadir    ?= $(PREFIX)/share
mandir     ?= $(PREFIX)/share/man
sysconfdir ?= /etc
localedir  ?= $(datadir)/locale
DESTDIR    ?=

VERSION    := 0.1.0
CC         ?= cc
CFLAGS     ?= -O2 -g
BUILD      ?= build
SANITIZE   ?=
# The suites `make test` runs (every one when empty), and the clock the program and the tests run on: empty
# for the machine's, else a faketime(1) spec such as +400d or '@2028-02-29 23:30:00'.
SUITES     ?=
CLOCK      ?=
# Check's tags of TCases to leave out ("scale": the database's work at volume, which no clock moves).
EXCLUDE_TAGS ?=

PKGS       := ncursesw libpq yaml-0.1
TEST_PKGS  := check vterm
WARNINGS   := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Werror
ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_FLAGS  := $(if $(SANITIZE),$(ASAN_FLAGS))

ALL_CFLAGS  = -std=c11 $(WARNINGS) $(CFLAGS) $(SAN_FLAGS) -I. -MMD -MP \
	      $(shell pkg-config --cflags $(PKGS)) \
	      -DIEDESK_VERSION='"$(VERSION)"' -DIEDESK_DATADIR='"$(datadir)/iedesk"' -DIEDESK_SYSCONFDIR='"$(sysconfdir)"' \
	      -DIEDESK_LOCALEDIR='"$(localedir)"'
LIBS        = $(shell pkg-config --libs $(PKGS))
TEST_CFLAGS = $(shell pkg-config --cflags $(TEST_PKGS))
TEST_LIBS   = $(shell pkg-config --libs $(TEST_PKGS)) -lutil

LIB_SRC    := $(sort $(wildcard db/*.c config/*.c))
TUI_SRC    := $(sort $(wildcard tui/*.c))
TEST_SRC   := $(sort $(wildcard tests/*.c))
LOAD_SRC   := scripts/load.c
LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ    := $(TUI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ   := $(TEST_SRC:%.c=$(BUILD)/%.o)
LOAD_OBJ   := $(LOAD_SRC:%.c=$(BUILD)/%.o)
# tui/main.c holds main(); the tests link the rest of tui/ to test its pure helpers.
TUI_LIB_OBJ := $(filter-out $(BUILD)/tui/main.o,$(TUI_OBJ))

# Messages: every source's go into a template (made, never committed), each language's translation in
# tui/po/LANG.po is compiled for the build and the install. The template keeps file names but no line
# numbers, so that moving code does not touch the translations.
LANGUAGES  := zh_CN
PO_DIR     := tui/po
POT        := $(BUILD)/po/iedesk.pot
MO_FILES   := $(LANGUAGES:%=$(BUILD)/locale/%/LC_MESSAGES/iedesk.mo)
MSG_SRC    := $(LIB_SRC) $(TUI_SRC) $(sort $(wildcard config/*.h db/*.h tui/*.h))
XGETTEXT   := xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 \
	      --add-comments=TRANSLATORS: --add-location=file --sort-by-file --package-name=iedesk \
	      --package-version=$(VERSION)

# The sanitized build keeps its program inside its build folder; the plain one sits at the top, like tig.
PROGRAM    := $(if $(SANITIZE),$(BUILD)/iedesk,iedesk)
LIBRARY    := $(BUILD)/libiedesk.a
TEST_BIN   := $(BUILD)/check_iedesk
# Many headless sessions against one database (scripts/loadtest); no curses, only the library.
LOAD_BIN   := $(BUILD)/iedesk-load

# What depends on "today": run again by `make check` with the clock moved, so a test or a line of the program
# that reads the machine's clock instead of the database's day fails the day it is written.
DATE_SUITES := screen lists inspections meetings capture report export consortia minutes iep cases
# A moved clock is the program's and the tests' only: the database server keeps the real one, as a server
# whose clock disagrees with its clients' would (under libfaketime its statement_timeout stops firing).
comma      := ,
CLOCK_RUN   = $(if $(CLOCK),env FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_SKIP_CMDS=postgres$(comma)initdb$(comma)pg_ctl \
	      faketime -f '$(CLOCK)')

.PHONY: all deps check test asan clang demo install uninstall clean po po-check
.DEFAULT_GOAL := all

all: $(PROGRAM) $(MO_FILES)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(if $(filter tests/%,$<),$(TEST_CFLAGS)) -c -o $@ $<

$(LIBRARY): $(LIB_OBJ)
	$(AR) rcs $@ $^

$(PROGRAM): $(TUI_OBJ) $(LIBRARY)
	$(CC) $(ALL_CFLAGS) -o $@ $(TUI_OBJ) $(LIBRARY) $(LIBS)

$(TEST_BIN): $(TEST_OBJ) $(TUI_LIB_OBJ) $(LIBRARY)
	$(CC) $(ALL_CFLAGS) -o $@ $(TEST_OBJ) $(TUI_LIB_OBJ) $(LIBRARY) $(LIBS) $(TEST_LIBS)

$(LOAD_BIN): $(LOAD_OBJ) $(LIBRARY)
	$(CC) $(ALL_CFLAGS) -o $@ $(LOAD_OBJ) $(LIBRARY) $(LIBS)

deps:
	@scripts/deps

$(BUILD)/locale/%/LC_MESSAGES/iedesk.mo: $(PO_DIR)/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(POT): $(MSG_SRC)
	@mkdir -p $(dir $@)
	$(XGETTEXT) -o $@ $(MSG_SRC)

# Bring the translations up to date with the sources' messages: new ones come in untranslated, changed
# ones fuzzy; then translate them in tui/po/LANG.po.
po: $(POT)
	for l in $(LANGUAGES); do \
		msgmerge --quiet --update --backup=none --add-location=file $(PO_DIR)/$$l.po $(POT) || exit 1; \
	done

# Fails when a message of the sources has no translation, or a fuzzy one, in any language.
po-check: $(POT)
	@for l in $(LANGUAGES); do \
		msgmerge --quiet --add-location=file -o $(BUILD)/po/$$l.po $(PO_DIR)/$$l.po $(POT) || exit 1; \
		stats=$$(msgfmt --check --statistics -o /dev/null $(BUILD)/po/$$l.po 2>&1) || { echo "$$stats"; exit 1; }; \
		echo "po-check: $$l: $$stats"; \
		case "$$stats" in *untranslated*|*fuzzy*) \
			msgattrib --untranslated $(BUILD)/po/$$l.po | grep '^msgid' | head -n 20; \
			msgattrib --only-fuzzy $(BUILD)/po/$$l.po | grep '^msgid' | head -n 20; \
			echo "po-check: $$l lacks translations (above); run make po, then translate $(PO_DIR)/$$l.po"; \
			exit 1;; \
		esac; \
	done

# The suite against one throwaway PostgreSQL, removed afterwards even when interrupted.
test: $(PROGRAM) $(TEST_BIN) $(LOAD_BIN) $(MO_FILES)
	IEDESK_SOURCE_DIR=$(CURDIR) IEDESK_DATADIR=$(CURDIR)/db IEDESK_BIN=$(abspath $(PROGRAM)) \
		IEDESK_LOCALEDIR=$(CURDIR)/$(BUILD)/locale $(if $(EXCLUDE_TAGS),CK_EXCLUDE_TAGS='$(EXCLUDE_TAGS)') \
		IEDESK_LOAD_BIN=$(abspath $(LOAD_BIN)) scripts/pgsandbox exec $(CLOCK_RUN) $(TEST_BIN) $(SUITES)

# Everything built with clang as well (its warnings are errors too); nothing run.
clang:
	$(MAKE) --no-print-directory CC=clang BUILD=build/clang PROGRAM=build/clang/iedesk \
		build/clang/iedesk build/clang/check_iedesk build/clang/iedesk-load

# Every test plainly and under AddressSanitizer and UBSan (leaks included), and the suites that depend on
# the date with the clock 400 days ahead and at 23:30 on a leap day; all built first, with clang as well.
# The four runs go side by side: the suite waits on the database and on screens settling far more than it
# computes, so together they take little longer than the longest. Each writes its log, shown if it fails.
CHECK_RUNS  := plain ahead leapday asan
RUN_plain   := test
RUN_ahead   := test SUITES="$(DATE_SUITES)" CLOCK=+400d EXCLUDE_TAGS=scale
RUN_leapday := test SUITES="$(DATE_SUITES)" CLOCK='@2028-02-29 23:30:00' EXCLUDE_TAGS=scale
RUN_asan    := BUILD=build/asan SANITIZE=1 test
.PHONY: $(CHECK_RUNS:%=check-%)

check: deps
	$(MAKE) --no-print-directory po-check
	$(MAKE) --no-print-directory -j2 clang
	$(MAKE) --no-print-directory -j2 $(PROGRAM) $(TEST_BIN) $(LOAD_BIN) $(MO_FILES)
	$(MAKE) --no-print-directory -j2 BUILD=build/asan SANITIZE=1 build/asan/iedesk build/asan/check_iedesk \
		build/asan/iedesk-load build/asan/locale/zh_CN/LC_MESSAGES/iedesk.mo
	@$(MAKE) --no-print-directory -j4 $(CHECK_RUNS:%=check-%)

$(CHECK_RUNS:%=check-%): check-%:
	@mkdir -p $(BUILD)
	@echo "check: the $* run started (log: $(BUILD)/check-$*.log)"
	@if $(MAKE) --no-print-directory $(RUN_$*) >$(BUILD)/check-$*.log 2>&1; then \
		echo "check: the $* run passed: $$(grep -o 'Checks: .*' $(BUILD)/check-$*.log | tail -n 1)"; \
	else \
		cat $(BUILD)/check-$*.log; echo "check: the $* run FAILED (above)"; exit 1; \
	fi

asan: deps
	$(MAKE) --no-print-directory BUILD=build/asan SANITIZE=1 test

demo: deps
	$(MAKE) --no-print-directory all
	IEDESK_DATADIR=$(CURDIR)/db IEDESK_LOCALEDIR=$(CURDIR)/$(BUILD)/locale scripts/pgsandbox exec scripts/demo $(abspath $(PROGRAM))

install: $(PROGRAM) $(MO_FILES)
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(mandir)/man1 $(DESTDIR)$(mandir)/man5 \
		$(DESTDIR)$(mandir)/zh_CN/man1 $(DESTDIR)$(mandir)/zh_CN/man5 \
		$(DESTDIR)$(datadir)/iedesk/migrations $(DESTDIR)$(datadir)/iedesk/demo \
		$(DESTDIR)$(sysconfdir)/iedesk
	install -m 755 $(PROGRAM) $(DESTDIR)$(bindir)/iedesk
	install -m 644 man/iedesk.1 $(DESTDIR)$(mandir)/man1/iedesk.1
	install -m 644 man/iedesk.yaml.5 $(DESTDIR)$(mandir)/man5/iedesk.yaml.5
	install -m 644 man/zh_CN/iedesk.1 $(DESTDIR)$(mandir)/zh_CN/man1/iedesk.1
	install -m 644 man/zh_CN/iedesk.yaml.5 $(DESTDIR)$(mandir)/zh_CN/man5/iedesk.yaml.5
	install -m 644 db/migrations/*.sql $(DESTDIR)$(datadir)/iedesk/migrations/
	install -m 644 db/demo/*.sql $(DESTDIR)$(datadir)/iedesk/demo/
	install -m 644 config/config.yaml.example $(DESTDIR)$(sysconfdir)/iedesk/config.yaml.example
	for l in $(LANGUAGES); do \
		install -d $(DESTDIR)$(localedir)/$$l/LC_MESSAGES && \
		install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/iedesk.mo $(DESTDIR)$(localedir)/$$l/LC_MESSAGES/iedesk.mo \
		|| exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(bindir)/iedesk $(DESTDIR)$(mandir)/man1/iedesk.1 \
		$(DESTDIR)$(mandir)/man5/iedesk.yaml.5 $(DESTDIR)$(sysconfdir)/iedesk/config.yaml.example \
		$(DESTDIR)$(mandir)/zh_CN/man1/iedesk.1 $(DESTDIR)$(mandir)/zh_CN/man5/iedesk.yaml.5
	rm -rf $(DESTDIR)$(datadir)/iedesk
	for l in $(LANGUAGES); do rm -f $(DESTDIR)$(localedir)/$$l/LC_MESSAGES/iedesk.mo; done
	-rmdir $(DESTDIR)$(sysconfdir)/iedesk 2>/dev/null

clean:
	rm -rf build iedesk

-include $(LIB_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(LOAD_OBJ:.o=.d)
