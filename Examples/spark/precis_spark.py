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
    stats_option = f" --stats {statistics}" if merge_statistics(precis, counted, statistics) else ""

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


def merge_statistics(precis, counted, statistics):
    """Merges the partitions' statistics bundles (the lines `precis stats count` printed) into the
    folder ``statistics``; False when there were none. The bundles are scratch files, removed once
    `precis stats merge` has read them."""
    if not counted:
        return False
    with tempfile.TemporaryDirectory(prefix="precis-spark-") as work:
        bundles = []
        for number, line in enumerate(counted):
            path = os.path.join(work, f"stats-{number}.jsonl")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(line + "\n")
            bundles.append(path)
        subprocess.run([precis, "stats", "merge", *bundles, "-o", statistics], check=True)
    return True


# The typed columns precis_dataframe returns, in order.
DATAFRAME_COLUMNS = [
    ("id", "string"), ("status", "string"), ("error_code", "string"), ("error_message", "string"),
    ("language", "string"), ("language_confidence", "double"), ("title", "string"), ("date", "string"),
    ("sentence_count", "int"), ("keywords", "array<string>"), ("keyword_scores", "array<double>"),
    ("summary", "string"), ("record", "string"),
]


def _typed_row(line):
    """One documents.jsonl record as the tuple of DATAFRAME_COLUMNS (stages found by their bundled names)."""
    record = json.loads(line)
    error = record.get("error") or {}
    language = record.get("language") if isinstance(record.get("language"), dict) else {}
    layout = record.get("layout") if isinstance(record.get("layout"), dict) else {}
    sentences = record.get("sentences") if isinstance(record.get("sentences"), list) else None
    keywords = record.get("keywords") if isinstance(record.get("keywords"), list) else None
    summary = record.get("summary") if isinstance(record.get("summary"), dict) else {}
    confidence = language.get("confidence")
    return (
        record.get("id"), record.get("status"), error.get("code"), error.get("message"),
        language.get("code"), float(confidence) if confidence is not None else None,
        layout.get("title"), layout.get("date"),
        len(sentences) if sentences is not None else None,
        [k.get("text") for k in keywords] if keywords is not None else None,
        [float(k.get("score")) for k in keywords] if keywords is not None else None,
        summary.get("text"), line,
    )


def precis_dataframe(df, precis, pipeline, text="text", id="id", statistics=None, work=None):
    """Runs PIPELINE over DataFrame ``df`` and returns a DataFrame of typed columns (DATAFRAME_COLUMNS).

    ``df`` needs a string column ``text`` (and may have ``id``; other columns are kept in each
    record's metadata). Corpus statistics are counted per partition and merged on the driver
    (into ``statistics``, default a folder under ``work`` or a temporary one) unless ``statistics``
    already holds them; each partition then streams through ``precis run --jsonl --stats``. One
    output row per input row, in the input's order within each partition.
    """
    from pyspark.sql.functions import col, struct, to_json

    if text not in df.columns:
        raise ValueError(f"the DataFrame has no column {text!r} (columns: {df.columns}); pass text='...'")
    precis, pipeline = os.path.abspath(precis), os.path.abspath(pipeline)
    env = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    # The executors parse the records with this module's _typed_row: ship it to them.
    df.sparkSession.sparkContext.addPyFile(os.path.abspath(__file__))
    fields = [col(text).alias("text")] + ([col(id).cast("string").alias("id")] if id in df.columns else [])
    fields += [col(name) for name in df.columns if name not in (text, id)]
    lines = df.select(to_json(struct(*fields)).alias("line")).rdd.map(lambda row: row.line)
    if statistics is None or not os.path.isdir(statistics):
        statistics = statistics or os.path.join(work or tempfile.mkdtemp(prefix="precis-spark-"), "statistics")
        counted = lines.pipe(f"{precis} stats count {pipeline} --input - --jobs 1", env=env, checkCode=True).collect()
        merge_statistics(precis, counted, statistics)
    results = lines.pipe(
        f"{precis} run {pipeline} --jsonl --jobs 1 --quiet --allow-failed-documents --stats {statistics}",
        env=env, checkCode=True)
    schema = ", ".join(f"{name} {kind}" for name, kind in DATAFRAME_COLUMNS)
    return df.sparkSession.createDataFrame(results.map(_typed_row), schema=schema)


if __name__ == "__main__":
    main()
