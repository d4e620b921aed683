# jiazong — plain GNU make. `make` builds build/lib/libjz.a and build/bin/jz-*.
# `make demo` runs the main job on samples/, `make check` runs every test.
# Both first run `deps`, which installs missing Debian packages.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
VERSION := 0.1.0

PKGS        := yaml-0.1 xlsxwriter
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
             $(CSV_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
LDLIBS_ALL = $(CSV_LIBS) $(PKG_LIBS) -lm -pthread

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRC   := $(sort $(wildcard src/lib/*.c))
TOOL_SRC  := $(sort $(wildcard src/tools/jz-*.c))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TOOLS     := $(TOOL_SRC:src/tools/%.c=$(BUILD)/bin/%)
UNITS     := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB       := $(BUILD)/lib/libjz.a
MANS      := $(sort $(wildcard man/*.[157]))

.SECONDARY:
.PHONY: all deps demo check test unit golden golden-update asan lint-man bench fuzz \
        install uninstall clean banned
all: $(LIB) $(TOOLS)

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
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS_ALL) $(CMOCKA_LIBS)

$(BUILD)/obj/tests/unit/%.o: ALL_CFLAGS += $(CMOCKA_CFLAGS) -Wno-missing-prototypes

deps:
	@sh tests/deps.sh

demo: deps all
	@sh samples/demo.sh $(BUILD)

# Every test: unit + golden, then again under ASan+UBSan, then man-page lint.
check: deps
	$(Q)$(MAKE) --no-print-directory test
	$(Q)$(MAKE) --no-print-directory BUILD=build/asan OPT=-O1 \
	    CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    LDFLAGS='-fsanitize=address,undefined' test
	$(Q)$(MAKE) --no-print-directory lint-man banned
	@echo "check: all passed"

test: all $(UNITS)
	$(Q)sh tests/run-unit.sh $(BUILD)
	$(Q)sh tests/golden.sh $(BUILD)
	$(Q)python3 tests/audit/check.py $(BUILD)
	$(Q)$${PYTHON:-/usr/bin/python3} tests/audit/report_check.py $(BUILD)
	$(Q)sh tests/rubrics.sh $(BUILD)
	$(Q)sh tests/report/check-pipeline.sh $(BUILD)
	$(Q)sh tests/xlsx/check.sh $(BUILD)
	$(Q)sh tests/verify/check.sh $(BUILD)
	$(Q)JZ_REQUIRE_CHROMIUM=1 sh tests/html/check.sh $(BUILD)

unit: all $(UNITS)
	$(Q)sh tests/run-unit.sh $(BUILD)

golden: all
	$(Q)sh tests/golden.sh $(BUILD)

golden-update: all
	$(Q)UPDATE=1 sh tests/golden.sh $(BUILD)

lint-man:
	$(Q)for m in $(MANS); do mandoc -Tlint -W warning $$m || exit 1; done; echo "man pages: $(words $(MANS)) clean"

# curl-style banned functions: never in our sources.
banned:
	$(Q)! grep -nE '\b(atoi|atol|strcpy|strcat|sprintf|vsprintf|gets|strtok)\s*\(' src/lib/*.c src/tools/*.c $(CLI_SRC) \
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
	cp -R rubrics/. $(DESTDIR)$(PREFIX)/share/jiazong/

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(PREFIX)/bin/$${t##*/}; done
	for m in $(MANS); do s=$${m##*.}; rm -f $(DESTDIR)$(PREFIX)/share/man/man$$s/$${m##*/}; done
	rm -rf $(DESTDIR)$(PREFIX)/share/jiazong

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
