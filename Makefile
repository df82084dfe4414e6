# Grendel's build. `make run` and `make test` install what is missing first
# (scripts/install-deps.sh), so both work on a fresh Debian/Ubuntu machine.
SHELL   := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin
GO      ?= go
BIN     := bin/grendel
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
# The Fyne-free core: tested with -race, vetted for darwin, and checked to
# stay free of fyne.io.
CORE    := ./app/... ./policy/... ./assets/... ./internal/...
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

# Fyne's lang package parses all its built-in translations in its init, in
# every process of the binary; Grendel builds it with a patched lang.go that
# does this on first use, and only for the language in use
# (third_party/fyne-lang/README.md). Every go command below runs in a Go
# workspace (GOWORK, made by third_party/fyne-lang/make-work.sh) where
# fyne.io/fyne/v2 is a copy of the pinned version with that one file
# replaced; the go commands that tests and scripts/package run inherit it.
# A plain go build outside make is the same program, slower to start.
FYNEWORK := bin/fyne-lang/go.work
export GOWORK := $(CURDIR)/$(FYNEWORK)

.PHONY: all deps build run test unit ui-test integration cross wine-test check-layers lint bench fuzz clean package package-test

all: build

deps:
	@GOWORK=off scripts/install-deps.sh

$(FYNEWORK): go.mod go.sum $(wildcard third_party/fyne-lang/*)
	GOWORK=off third_party/fyne-lang/make-work.sh $(@D)

# -trimpath keeps the build machine's paths (/root/go/pkg/mod/…) out of
# the binary, and so out of the file:line of any log line or panic.
build: $(FYNEWORK)
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) .

# Starts the resident agent on the embedded default policy (plus any
# managed files this machine has).
run: deps build
	./$(BIN)

test: deps check-layers unit ui-test integration cross wine-test package-test
	@echo "make test: all passed"

# Core unit tests, with the race detector. They run inside a real session
# (Xvfb, D-Bus, gnome-keyring) so that the tests of platform code (idle time
# from the X server, lockers) meet the real thing; pure tests ignore it.
SESSION := scripts/with-session.sh
unit: $(FYNEWORK)
	$(SESSION) $(GO) test -race -count=1 $(CORE)
	# Grendel's own tests of the patched copies in third_party (upstream's
	# tests of zxcvbn depend on the current year and fail without the patch),
	# and upstream's tests of Fyne's lang package on the patched lang.go (the
	# workspace's; ui-test runs Grendel's, in ui/i18n).
	$(GO) test -race -count=1 -run 'TestDictionariesBuiltOnFirstUse|TestPatternMatches' github.com/trustelem/zxcvbn/matching
	$(GO) test -race -count=1 -run 'TestMetadataLoadedOnFirstUse' github.com/nyaruka/phonenumbers
	$(GO) test -race -count=1 -run 'TestSameNames|TestSetUpOnFirstUse' github.com/nyaruka/phonenumbers/internal/display
	$(GO) test -race -count=1 -run 'TestMatcherBuiltOnFirstUse' github.com/nicksnyder/go-i18n/v2/i18n
	$(GO) test -race -count=1 -run 'TestBuiltOnFirstUse' github.com/xuri/excelize/v2
	$(GO) test -race -count=1 -run 'TestBuiltOnFirstUse' github.com/yuin/goldmark
	$(GO) test -race -count=1 fyne.io/fyne/v2/lang

# ui/ packages with Fyne's headless test driver and the real D-Bus tray (the
# window process and the CLI link the GL driver but never start it in tests).
ui-test: $(FYNEWORK)
	$(SESSION) $(GO) test -race -count=1 ./ui/...

# The real binary under Xvfb, a D-Bus session and an unlocked gnome-keyring.
integration: $(FYNEWORK)
	$(SESSION) $(GO) test -count=1 -tags 'integration' -run 'Integration' -v -timeout 15m .

# Windows amd64 through mingw: the console grendel.exe for the CLI and the
# GUI-subsystem grendelw.exe (no console window) for the agent, the
# supervisor and the windows, from the same source (README "Install");
# the second link reuses the first's cgo build. And vet of the Fyne-free
# packages for macOS.
WINBUILD := CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc $(GO) build -trimpath
cross: $(FYNEWORK)
	$(WINBUILD) -ldflags '$(LDFLAGS)' -o grendel.exe .
	$(WINBUILD) -ldflags '$(LDFLAGS) -H=windowsgui' -o grendelw.exe .
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 $(GO) vet $(CORE)
	GOOS=darwin GOARCH=amd64 CGO_ENABLED=0 $(GO) vet $(CORE)

# The Windows build of the core's tests (and of internal/, their helpers)
# run under Wine: scripts/winetest makes a private prefix with the
# ProcessPrng shim (scripts/internal/wineprefix), runs GOOS=windows go test
# -exec wine there and ends its wineserver. README "Windows under Wine"
# says what Wine cannot do and which tests skip there.
WINE_PKGS := $(CORE)
# The ui/ packages link Fyne: winetest -cgo builds them as cross builds
# grendel.exe (mingw, -trimpath), so they share its build cache. ui/cli
# starts a Wine process per command it checks: about 2.5 minutes under
# Wine (TestHelpLanguages 75 s of them).
WINE_UI_PKGS = $(shell $(GO) list ./ui/...)
wine-test: $(FYNEWORK)
	$(GO) run ./scripts/winetest -count=1 -timeout 5m $(WINE_PKGS)
	$(GO) run ./scripts/winetest -cgo -count=1 -timeout 10m $(WINE_UI_PKGS)

# The Linux packages (.deb, .rpm, .tar.xz with install.sh), the macOS
# property lists and the Windows .msi (wixl), from one definition, into
# dist/ (scripts/package; README "Install"). The programs are built there:
# -trimpath, stripped, versioned.
package: $(FYNEWORK)
	$(GO) run ./scripts/package -out dist

# Builds the packages and checks them: lintian, rpm -qlp, install.sh into a
# temporary DESTDIR and, as root with dpkg (CI), the .deb installed,
# upgraded, removed and purged on this machine.
package-test: $(FYNEWORK)
	$(GO) test -count=1 -v -timeout 20m ./scripts/package/ ./scripts/winetest/

check-layers: $(FYNEWORK)
	@if $(GO) list -deps $(CORE) | grep '^fyne\.io'; then \
		echo "check-layers: the core (app/, policy/, assets/) imports Fyne; only ui/ and main.go may"; exit 1; \
	else echo "check-layers: the core is free of Fyne"; fi

lint: $(FYNEWORK)
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# Benchmarks, inside the real session so that those of the X11 idle source
# and the real lockers (i3lock) run too.
bench: $(FYNEWORK)
	$(SESSION) $(GO) test -run '^$$' -bench . -benchmem $(CORE)

# A short run of every fuzz target; FUZZTIME=5m for a longer one.
FUZZTIME ?= 20s
fuzz: $(FYNEWORK)
	@for pkg in $(CORE); do \
		for f in $$($(GO) test -list 'Fuzz.*' $$pkg | grep '^Fuzz'); do \
			echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10x $$pkg || exit 1; \
		done; \
	done

clean:
	rm -rf bin grendel.exe grendelw.exe dist
