# The two commands a new user needs (see README.md):
#   make run    run the news pipeline on the bundled Corpus/ into out/news
#   make test   run the test suite, then the Python package's tests (Scripts/test-python), the
#               Spark test (Scripts/test-spark, which installs a Java runtime and pyspark when
#               missing) and the release test (Scripts/test-dist: the static tarball, ldd, a run)
# Both install the system libraries first when they are missing (Scripts/setup).

.PHONY: setup run test release dist install clean

setup:
	@bash Scripts/setup

run: setup
	swift run precis run Pipelines/news.yaml

test: setup
	swift test
	bash Scripts/test-python
	bash Scripts/test-spark
	bash Scripts/test-dist

release: setup
	swift build -c release --product precis
	@echo "binary: .build/release/precis"

# A relocatable release in dist/ (static Swift runtime, Foundation, ICU and libstemmer; see Scripts/make-dist).
dist: setup
	bash Scripts/make-dist

# Installs the release into PREFIX (default /usr/local): bin/precis with its resources beside it,
# share/precis/pipelines. TARBALL= installs a tarball already built.
PREFIX ?= /usr/local
install:
	@tarball="$(TARBALL)"; [ -n "$$tarball" ] || tarball=$$(bash Scripts/make-dist | tail -n 1); \
	work=$$(mktemp -d); tar -C "$$work" -xzf "$$tarball"; stage=$$(echo "$$work"/precis-*); \
	mkdir -p "$(PREFIX)/bin" "$(PREFIX)/share/precis"; \
	rm -rf "$(PREFIX)/bin/Precis_Precis.resources" "$(PREFIX)/share/precis/pipelines"; \
	cp "$$stage/bin/precis" "$(PREFIX)/bin/"; cp -R "$$stage/bin/Precis_Precis.resources" "$(PREFIX)/bin/"; \
	cp -R "$$stage/share/precis/pipelines" "$(PREFIX)/share/precis/"; \
	cp "$$stage/LICENSE" "$$stage/DATA-LICENSES.md" "$(PREFIX)/share/precis/"; rm -rf "$$work"; \
	echo "installed $(PREFIX)/bin/precis"

clean:
	rm -rf .build out
