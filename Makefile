# The two commands a new user needs (see README.md):
#   make run    run the news pipeline on the bundled Corpus/ into out/news
#   make test   run the test suite, then the Spark test (Scripts/test-spark, which installs a
#               Java runtime and pyspark when missing)
# Both install the system libraries first when they are missing (Scripts/setup).

.PHONY: setup run test release clean

setup:
	@bash Scripts/setup

run: setup
	swift run precis run Pipelines/news.yaml

test: setup
	swift test
	bash Scripts/test-spark

release: setup
	swift build -c release --product precis
	@echo "binary: .build/release/precis"

clean:
	rm -rf .build out
