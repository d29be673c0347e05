#!/usr/bin/env python3
"""Runs a Precis pipeline over a JSON-lines corpus on Apache Spark, in two passes.

    python precis_spark.py --precis /abs/path/to/precis --pipeline /abs/path/to/news.yaml \
        --input corpus.jsonl --output out/ [--master local[2,2]] [--partitions 4] [--fail-once]

Pass 1 counts the corpus statistics of the pipeline's corpus stages per partition
(`precis stats count --input -`), the driver merges them (`precis stats merge`); pass 2 streams
every partition through `precis run --jsonl --stats MERGED`. Writes OUTPUT/documents.jsonl (one
record per input line, sorted by input order) and OUTPUT/statistics/<stage>.json.

Pitfalls handled (measured with pyspark 4.3.0):
- RDD.pipe replaces the environment: the binary is called by absolute path and LANG is passed.
- RDD.pipe ignores exit codes unless checkCode=True, so a crashing binary would silently truncate
  the output: checkCode=True, and `--allow-failed-documents` keeps per-document failures (which are
  recorded in the output) from failing the task.
- Without persist(), later actions re-run the pipe: the results are persisted before use.
- Local mode retries a failed task only with a master such as local[2,2]; --fail-once makes the
  first attempt of partition 0 fail, to show that a retried task gives the same output.
- The statistics file must be readable where the executors run: in local mode it is the driver's
  file system; on a cluster, ship it with SparkContext.addFile and pass SparkFiles.get's path.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--precis", required=True, help="absolute path of the precis binary")
    parser.add_argument("--pipeline", required=True, help="absolute path of the pipeline file")
    parser.add_argument("--input", required=True, help="JSON-lines corpus: {\"id\", \"text\"} per line")
    parser.add_argument("--output", required=True)
    parser.add_argument("--master", default="local[2,2]")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--fail-once", action="store_true", help="fail partition 0's first attempt")
    args = parser.parse_args()
    precis, pipeline = os.path.abspath(args.precis), os.path.abspath(args.pipeline)

    from pyspark import SparkConf, SparkContext, StorageLevel, TaskContext

    sc = SparkContext(conf=SparkConf().setMaster(args.master).setAppName("precis"))
    sc.setLogLevel("ERROR")
    env = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    fail_once = args.fail_once

    # Number the lines so the output can be put back in input order.
    lines = sc.textFile(args.input, minPartitions=args.partitions).filter(lambda line: line.strip()).zipWithIndex()
    lines = lines.persist(StorageLevel.MEMORY_AND_DISK)

    def maybe_fail(index, rows):
        if fail_once and index == 0 and TaskContext.get().attemptNumber() == 0:
            raise RuntimeError("injected failure of partition 0, attempt 0")
        return rows

    # The id travels in the line itself; the index is kept aside to restore the order.
    texts = lines.map(lambda pair: pair[0])

    # Pass 1: statistics per partition, merged on the driver.
    counted = texts.mapPartitionsWithIndex(maybe_fail).pipe(
        f"{precis} stats count {pipeline} --input - --jobs 1", env=env, checkCode=True).collect()
    statistics = os.path.join(args.output, "statistics")
    os.makedirs(args.output, exist_ok=True)
    stats_option = ""
    # The partitions' bundles are scratch: written for `stats merge`, removed once it has read them.
    with tempfile.TemporaryDirectory(prefix="precis-spark-") as work:
        bundles = []
        for number, line in enumerate(counted):
            path = os.path.join(work, f"stats-{number}.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(line + "\n")
            bundles.append(path)
        if bundles:
            subprocess.run([precis, "stats", "merge", *bundles, "-o", statistics], check=True)
            stats_option = f" --stats {statistics}"

    # Pass 2: every partition streams through the pipeline; one output line per input line.
    results = texts.mapPartitionsWithIndex(maybe_fail).pipe(
        f"{precis} run {pipeline} --jsonl --jobs 1 --quiet --allow-failed-documents{stats_option}",
        env=env, checkCode=True)
    indexed = results.zip(lines.map(lambda pair: pair[1])).persist(StorageLevel.MEMORY_AND_DISK)
    records = indexed.sortBy(lambda pair: pair[1]).map(lambda pair: pair[0]).collect()
    with open(os.path.join(args.output, "documents.jsonl"), "w", encoding="utf-8") as f:
        for record in records:
            f.write(record + "\n")
    count = lines.count()
    sc.stop()
    if len(records) != count:
        sys.exit(f"precis_spark: {count} input lines but {len(records)} results")
    print(f"precis_spark: {len(records)} documents -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
