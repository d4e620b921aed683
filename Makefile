# jiazong — plain GNU make. `make` builds build/lib/libjz.a and build/bin/jz-*.
# `make demo` runs the main job on samples/, `make check` runs every test.
# Both first run `deps`, which installs missing Debian packages.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
VERSION := 0.1.0

# freexl: .xls workbooks (src/lib/input/xlsin.c); the Windows build has none (-DJZ_NO_XLS).
PKGS        := yaml-0.1 xlsxwriter libzip expat libcrypto freexl
CSV_CFLAGS  ?=
CSV_LIBS    ?= -lcsv
PKG_CFLAGS  := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

OPT      ?= -O2
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
CFLAGS   ?= $(OPT) -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) -Iinclude \
             -DJZ_VERSION='"$(VERSION)"' -DJZ_DATADIR='"$(PREFIX)/share/jiazong"' \
             -DJZ_LOCALEDIR='"$(PREFIX)/share/locale"' $(CSV_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
LDLIBS_ALL = $(CSV_LIBS) $(PKG_LIBS) -lm -pthread

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRC   := $(sort $(wildcard src/lib/*/*.c))
TOOL_SRC  := $(sort $(wildcard src/tools/jz-*.c)) src/tools/jiazong.c
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TOOLS     := $(TOOL_SRC:src/tools/%.c=$(BUILD)/bin/%)
UNITS     := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB       := $(BUILD)/lib/libjz.a
MANS      := $(sort $(wildcard man/*.[157]))
# Translated man pages: man/LANG/PAGE (full translations of man/PAGE), installed under
# share/man/LANG/manN so that `man -L LANG PAGE` (or LANGUAGE/LANG) finds them.
MANS_L10N := $(sort $(wildcard man/*/*.[157]))
POS      := $(sort $(wildcard po/*.po))
MOS      := $(POS:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/jiazong.mo)

.SECONDARY:
.PHONY: all deps demo check test unit golden golden-update asan lint-man layers po-check po-update bench fuzz \
        install uninstall clean banned windows windows-deps check-windows
all: $(LIB) $(TOOLS) $(MOS)

# ---- Messages (GNU gettext). po/LANG.po holds the translations; xgettext finds the
# messages by the functions that translate their format strings (include/jz/i18n.h).
# `make po-update` merges new messages into po/*.po; `make po-check` (in make check)
# fails on a message that is missing, untranslated or fuzzy, or whose printf
# conversions differ from the English.
POT      := $(BUILD)/po/jiazong.pot
XGETTEXT_KEYS := -k_ -kN_ -kD_ -kDC_:1c,2 -kDN_:1,2 -kjz_trn:1,2 -kjz_trn_in:2,3 -kC_:1c,2 -kNC_:1c,2 -kjz_diag_emit:8 -kjz_error_set:6 \
                 -kjz_error_sys:3 -kjz_error_write:3 -kjz_cli_usage_error:1 -kjz_cli_warn:1 -kjz_y_fail:4 \
                 -kfail_at:3 -kadd_finding:7 -kbad_case:3

$(BUILD)/locale/%/LC_MESSAGES/jiazong.mo: po/%.po
	@mkdir -p $(dir $@)
	$(Q)msgfmt --check -o $@ $<

$(POT): $(LIB_SRC) $(CLI_SRC) $(TOOL_SRC) $(wildcard include/jz/*.h)
	@mkdir -p $(dir $@)
	$(Q)xgettext --from-code=UTF-8 --language=C $(XGETTEXT_KEYS) --add-comments=TRANSLATORS \
	    --package-name=jiazong --package-version=$(VERSION) --no-location --sort-output \
	    -o $@ $(LIB_SRC) $(CLI_SRC) $(TOOL_SRC)

po-update: $(POT)
	$(Q)for po in $(POS); do msgmerge --quiet --update --backup=none --no-fuzzy-matching $$po $(POT); done

po-check: $(POT)
	$(Q)for po in $(POS); do \
	  msgmerge --quiet --no-fuzzy-matching -o $(BUILD)/po/check.po $$po $(POT) || exit 1; \
	  u=$$(msgattrib --untranslated --no-obsolete $(BUILD)/po/check.po | grep -c '^msgid ' ); \
	  f=$$(msgattrib --only-fuzzy --no-obsolete $(BUILD)/po/check.po | grep -c '^msgid '); \
	  if [ "$$u" -gt 0 ] || [ "$$f" -gt 0 ]; then \
	    echo "$$po: untranslated or fuzzy messages (make po-update, then translate):" >&2; \
	    msgattrib --untranslated --no-obsolete $(BUILD)/po/check.po | grep -A1 '^msgid ' | grep -v '^msgid ""$$' >&2; \
	    msgattrib --only-fuzzy --no-obsolete $(BUILD)/po/check.po | grep '^msgid ' >&2; exit 1; fi; \
	  msgfmt --check -o /dev/null $(BUILD)/po/check.po || exit 1; \
	  echo "$$po: $$(grep -c '^msgid ' $(BUILD)/po/check.po) messages, all translated"; done

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/bin/%: $(BUILD)/obj/src/tools/%.o $(CLI_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(CLI_OBJ) $(LIB) $(LDLIBS_ALL)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(LDLIBS_ALL) $(CMOCKA_LIBS)

# Test helpers (not unit programs: tests/run-unit.sh runs only test_*): mkxlsx writes
# workbooks from CSV files with libxlsxwriter for the golden cases and tests/xlsx/.
HELPERS   := $(BUILD)/tests/mkxlsx
$(BUILD)/tests/mkxlsx: $(BUILD)/obj/tests/xlsx/mkxlsx.o $(LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS_ALL)

$(BUILD)/obj/tests/xlsx/%.o: ALL_CFLAGS += -Wno-missing-prototypes

# The front end's own unit test links the front-end helpers too.
$(BUILD)/tests/test_cli: $(CLI_OBJ)

$(BUILD)/obj/tests/unit/%.o: ALL_CFLAGS += $(CMOCKA_CFLAGS) -Wno-missing-prototypes

deps:
	@sh tests/deps.sh

demo: deps all
	@sh samples/demo.sh $(BUILD)

# Every test, in four parts: `make test` (unit, golden, ...); the same again under
# ASan+UBSan, after tests/sanitizer-exit.sh; man-page lint and the static checks; the
# golden cases against the Windows build under Wine. Last, that /dev/null is still a
# device (CI runs as root: a tool writing -o /dev/null by rename would have replaced it).
# A sanitizer report exits 98 (ASan) or 99 (UBSan), so it can never pass for the exit
# status 1 of "findings" that many golden cases expect (tests/sanitizer-exit.sh checks
# that it does). The parts are independent once each build is made, so check runs them
# side by side on $(JOBS) jobs (default: the machine's cores), and each part's test steps
# side by side too (make -j test below); -O prints each step's output whole when it ends,
# and -k lets every step run: any step that fails fails check (make names it and its exit
# status). The Linux build (check-build) is made before the parts that use it: the Linux
# tests, the static checks and check-windows (its mkxlsx helper).
SAN_ENV := UBSAN_OPTIONS=halt_on_error=1:exitcode=99 ASAN_OPTIONS=exitcode=98
ASAN_MAKE = $(MAKE) --no-print-directory BUILD=build/asan OPT=-O1 \
    CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
    LDFLAGS='-fsanitize=address,undefined'
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# What the Linux and the sanitizer runs of one make check share (made empty when check
# starts): tests/xlsx/check.sh keeps check.py's passes there, so that a workbook the other
# build wrote byte for byte the same is not read back and checked a second time.
CHECK_SHARE := build/check-share
CHECK_PARTS := check-asan check-linux check-win check-static
.PHONY: check-build $(CHECK_PARTS)
check: deps
	$(Q)rm -rf $(CHECK_SHARE) && mkdir -p $(CHECK_SHARE)
	$(Q)JZ_CHECK_SHARE='$(CURDIR)/$(CHECK_SHARE)' $(MAKE) --no-print-directory -j$(JOBS) -k -Otarget $(CHECK_PARTS)
	$(Q)test -c /dev/null || { echo "check: FAILED: /dev/null is no longer a character device: a test" \
	    "replaced it (as root: rm -f /dev/null; mknod -m 666 /dev/null c 1 3)" >&2; exit 1; }
	@echo "check: all passed"

check-build: all $(UNITS) $(HELPERS)

check-linux: check-build
	$(Q)$(MAKE) --no-print-directory test

check-asan:
	$(Q)$(SAN_ENV) sh tests/sanitizer-exit.sh $(CC)
	$(Q)$(SAN_ENV) $(ASAN_MAKE) test

check-static: check-build
	$(Q)$(MAKE) --no-print-directory lint-man banned layers po-check

check-win: check-build
	$(Q)if [ -z "$$JZ_SKIP_WINDOWS" ]; then $(MAKE) --no-print-directory check-windows; \
	    else echo "check: check-windows skipped (JZ_SKIP_WINDOWS is set)"; fi

# `make test`: each step is a target of its own (test-unit, test-golden, ...), run in this
# order by `make test`, side by side by `make -j2 -O test` (as make check runs it): the
# longest first, so that no long one is left running alone at the end. A step that fails
# says so with its build and exit status.
TEST_STEPS := unit golden xlsx split report-zh verify xlsx-same-as-csv readme html audit audit-report \
              rubrics report-pipeline install
.PHONY: $(TEST_STEPS:%=test-%)
test: $(TEST_STEPS:%=test-%)
$(TEST_STEPS:%=test-%): all $(UNITS) $(HELPERS)
step = $(Q)$(1) || { s=$$?; echo "test: FAILED: $@ ($(BUILD)), exit $$s" >&2; exit $$s; }
test-unit:
	$(call step,sh tests/run-unit.sh $(BUILD))
test-golden:
	$(call step,sh tests/golden.sh $(BUILD))
test-split:
	$(call step,sh tests/split.sh $(BUILD))
test-audit:
	$(call step,python3 tests/audit/check.py $(BUILD))
test-audit-report:
	$(call step,$${PYTHON:-/usr/bin/python3} tests/audit/report_check.py $(BUILD))
test-rubrics:
	$(call step,sh tests/rubrics.sh $(BUILD))
test-report-pipeline:
	$(call step,sh tests/report/check-pipeline.sh $(BUILD))
test-report-zh:
	$(call step,$${PYTHON:-/usr/bin/python3} tests/report/zh-words.py $(BUILD))
test-xlsx:
	$(call step,sh tests/xlsx/check.sh $(BUILD))
test-xlsx-same-as-csv:
	$(call step,python3 tests/xlsx/same-as-csv.py $(BUILD))
test-verify:
	$(call step,sh tests/verify/check.sh $(BUILD))
test-readme:
	$(call step,python3 tests/readme.py $(BUILD))
test-install:
	$(call step,sh tests/install.sh $(BUILD))
test-html:
	$(call step,JZ_REQUIRE_CHROMIUM=1 sh tests/html/check.sh $(BUILD))

unit: all $(UNITS)
	$(Q)sh tests/run-unit.sh $(BUILD)

golden: all $(HELPERS)
	$(Q)sh tests/golden.sh $(BUILD)

golden-update: all $(HELPERS)
	$(Q)UPDATE=1 sh tests/golden.sh $(BUILD)

lint-man: all
	$(Q)for m in $(MANS) $(MANS_L10N); do mandoc -Tlint -W warning $$m || exit 1; \
	    w=$$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l $$m 2>&1 >/dev/null); [ -z "$$w" ] || { echo "$$m: man -l: $$w" >&2; exit 1; }; \
	done; echo "man pages: $(words $(MANS) $(MANS_L10N)) clean (mandoc lint, man -l)"
	$(Q)python3 tests/man-examples.py $(BUILD)
	$(Q)python3 tests/help-man.py $(BUILD)

# curl-style banned functions: never in our sources.
layers:
	$(Q)sh tests/layers.sh

banned:
	$(Q)! grep -nE '\b(atoi|atol|strcpy|strcat|sprintf|vsprintf|gets|strtok)\s*\(' src/lib/*/*.c src/tools/*.c $(CLI_SRC) \
	  || (echo "banned function used" >&2; false)

bench: all
	$(Q)sh bench/run.sh $(BUILD)

fuzz:
	$(Q)sh tests/fuzz/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/man/man7 \
	    $(DESTDIR)$(PREFIX)/share/jiazong
	install -m 755 $(TOOLS) $(DESTDIR)$(PREFIX)/bin/
	for m in $(MANS); do s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man$$s/; done
	for m in $(MANS_L10N); do s=$${m##*.}; l=$${m#man/}; l=$${l%%/*}; \
	    install -d $(DESTDIR)$(PREFIX)/share/man/$$l/man$$s; \
	    install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/$$l/man$$s/; done
	cp -R rubrics/. $(DESTDIR)$(PREFIX)/share/jiazong/
	for mo in $(MOS); do l=$${mo#$(BUILD)/locale/}; l=$${l%%/*}; \
	    install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES; \
	    install -m 644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/jiazong.mo; done

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(PREFIX)/bin/$${t##*/}; done
	for m in $(MANS); do s=$${m##*.}; rm -f $(DESTDIR)$(PREFIX)/share/man/man$$s/$${m##*/}; done
	for m in $(MANS_L10N); do s=$${m##*.}; l=$${m#man/}; l=$${l%%/*}; \
	    rm -f $(DESTDIR)$(PREFIX)/share/man/$$l/man$$s/$${m##*/}; done
	rm -rf $(DESTDIR)$(PREFIX)/share/jiazong
	for mo in $(MOS); do l=$${mo#$(BUILD)/locale/}; l=$${l%%/*}; \
	    rm -f $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/jiazong.mo; done

# ---- Windows (64-bit, MinGW-w64), tested under Wine. See README "Windows".
# `make windows` builds build/win/bin/jz-*.exe, statically linked, and the release zip;
# the C libraries are built for the target from their Debian source packages into
# build/win/deps by scripts/win-deps.sh (cached). Everything Windows-specific is in
# include/jz/os.h and src/lib/base/os.c: that header is force-included into every file
# (-include) and main is wrapped (--wrap=main) so that argv, file names and the console
# are UTF-8; include/jz/win/ holds the iconv.h and sys/mman.h MinGW lacks. -Wno-format:
# on MinGW, GCC checks __attribute__((format(printf))) against Microsoft's printf, which
# lacks %zu; the program uses MinGW's C99 printf (__USE_MINGW_ANSI_STDIO), and the Linux
# build checks every format string with -Wformat=2.
WIN         := build/win
WIN_CC      ?= x86_64-w64-mingw32-gcc
WIN_AR      ?= x86_64-w64-mingw32-ar
WIN_DEPS    := $(WIN)/deps
WIN_CFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -D__USE_MINGW_ANSI_STDIO=1 \
               -D_FILE_OFFSET_BITS=64 -DYAML_DECLARE_STATIC -DXML_STATIC -DJZ_NO_XLS $(WARN) -Wno-format -Iinclude -Iinclude/jz/win -I$(WIN)/gen \
               -I$(WIN_DEPS)/include -DJZ_VERSION='"$(VERSION)"' -DJZ_DATADIR='"$(PREFIX)/share/jiazong"' \
               -O2 -MMD -MP
WIN_FORCE   := -include jz/os.h
WIN_LDFLAGS := -static -Wl,--wrap=main -L$(WIN_DEPS)/lib
# -lzip and -lexpat: the .xlsx reader (src/lib/input/xlsxin.c); -lcrypto: OpenSSL's
# libcrypto (scripts/win-deps.sh); ws2_32, crypt32, bcrypt and user32
# are the Windows libraries it calls (sockets of its BIO layer, the system random source).
WIN_LIBS    := -lcsv -lxlsxwriter -lyaml -lzip -lexpat -lz -lcrypto -lm -lpthread -lshell32 -lws2_32 -lcrypt32 -lbcrypt -luser32
WIN_LIB_OBJ := $(LIB_SRC:%.c=$(WIN)/obj/%.o)
WIN_CLI_OBJ := $(CLI_SRC:%.c=$(WIN)/obj/%.o)
WIN_TOOLS   := $(TOOL_SRC:src/tools/%.c=$(WIN)/bin/%.exe)
WIN_LIB     := $(WIN)/lib/libjz.a
WIN_STAMP   := $(WIN_DEPS)/stamp/libxlsxwriter
WIN_PKG     := jiazong-$(VERSION)-win64
WIN_ZIP     := $(WIN)/$(WIN_PKG).zip
# The Chinese message catalogue: when po/*.po exist (the gettext issue), each is compiled
# with msgfmt into the zip's share/locale/LANG/LC_MESSAGES/jiazong.mo. The translated man
# pages go to doc/LANG/, linking to each other there and to the English pages in doc/.
WIN_PO      := $(wildcard po/*.po)

windows: $(WIN_ZIP)

windows-deps: $(WIN_STAMP)

$(WIN_STAMP): scripts/win-deps.sh
	$(Q)sh tests/deps-windows.sh
	$(Q)sh scripts/win-deps.sh $(WIN)
	$(Q)touch $@

$(WIN)/obj/%.o: %.c | $(WIN_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  WINCC   $<")
	$(Q)$(WIN_CC) $(WIN_CFLAGS) $(if $(filter %/os.o,$@),,$(WIN_FORCE)) -c -o $@ $<

# The GB18030 tables of the Windows iconv (src/lib/base/os.c), from glibc's iconv: every
# sequence converted by scripts/gb18030-all.c built for this machine, then turned into C.
$(WIN)/gen/gb18030-all: scripts/gb18030-all.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -O2 -o $@ $<

$(WIN)/gen/gb18030-glibc.txt: $(WIN)/gen/gb18030-all
	$(Q)$< >$@.tmp && mv $@.tmp $@

$(WIN)/gen/gb18030.h: scripts/gen-gb18030.py $(WIN)/gen/gb18030-glibc.txt
	$(Q)python3 scripts/gen-gb18030.py $(WIN)/gen/gb18030-glibc.txt $@.tmp && mv $@.tmp $@

# The same listing made by the Windows iconv, for check-windows to compare under Wine.
$(WIN)/bin/test/gb18030-all.exe: scripts/gb18030-all.c $(WIN_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(WIN_CC) $(WIN_CFLAGS) $(WIN_FORCE) $(WIN_LDFLAGS) -o $@ $< $(WIN_LIB) -lpthread -lshell32

$(WIN)/obj/src/lib/base/os.o: $(WIN)/gen/gb18030.h

$(WIN_LIB): $(WIN_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && $(WIN_AR) rcs $@ $^

$(WIN)/bin/%.exe: $(WIN)/obj/src/tools/%.o $(WIN_CLI_OBJ) $(WIN_LIB) $(WIN_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  WINLD   $@")
	$(Q)$(WIN_CC) $(WIN_LDFLAGS) -o $@ $< $(WIN_CLI_OBJ) $(WIN_LIB) $(WIN_LIBS)

$(WIN_ZIP): $(WIN_TOOLS) $(MANS) $(MANS_L10N) README.md LICENSE $(shell find rubrics samples -type f) $(WIN_PO)
	$(Q)rm -rf $(WIN)/pkg && mkdir -p $(WIN)/pkg/$(WIN_PKG)/doc
	$(Q)cp $(WIN_TOOLS) README.md LICENSE $(WIN)/pkg/$(WIN_PKG)/
	$(Q)cp -R rubrics samples $(WIN)/pkg/$(WIN_PKG)/
	$(Q)cp -R $(WIN_DEPS)/licenses $(WIN)/pkg/$(WIN_PKG)/licenses
	$(Q)for m in $(MANS); do b=$${m##*/}; \
	    mandoc -Thtml -Oman=%N.%S.html $$m >$(WIN)/pkg/$(WIN_PKG)/doc/$$b.html || exit 1; done
	$(Q)for m in $(MANS_L10N); do b=$${m##*/}; l=$${m#man/}; l=$${l%%/*}; mkdir -p $(WIN)/pkg/$(WIN_PKG)/doc/$$l; \
	    (cd man/$$l && mandoc -Thtml -O'man=%N.%S.html;../%N.%S.html' $$b) \
	    >$(WIN)/pkg/$(WIN_PKG)/doc/$$l/$$b.html || exit 1; done
	$(Q)for po in $(WIN_PO); do l=$${po##*/}; l=$${l%.po}; d=$(WIN)/pkg/$(WIN_PKG)/share/locale/$$l/LC_MESSAGES; \
	    mkdir -p $$d && msgfmt -o $$d/jiazong.mo $$po || exit 1; done
	$(Q)rm -f $@ && cd $(WIN)/pkg && zip -q -r -X ../$(WIN_PKG).zip $(WIN_PKG)
	@echo "  ZIP     $@"

# The golden cases again, against the .exe files under Wine (tests/windows/check.sh).
# make check runs it last; its deps step then installs MinGW-w64 and Wine (JZ_WINDOWS).
check: export JZ_WINDOWS := 1
check-windows: windows $(HELPERS) $(WIN)/bin/test/gb18030-all.exe $(WIN)/gen/gb18030-glibc.txt
	$(Q)JZ_LINUX_BUILD=$(BUILD) sh tests/windows/check.sh $(WIN)

-include $(shell find $(WIN)/obj -name '*.d' 2>/dev/null)

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
