"""pytest suite of the Python package: runs the real binary (PRECIS_BINARY, else the checkout's debug build)."""

import os
import pathlib

import pandas
import pytest

import precis

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "Corpus"


@pytest.fixture(scope="session", autouse=True)
def binary():
    path = os.environ.get("PRECIS_BINARY") or str(ROOT / ".build" / "debug" / "precis")
    if not os.access(path, os.X_OK):
        pytest.fail(f"no precis binary at {path}: run `swift build` or set PRECIS_BINARY")
    os.environ["PRECIS_BINARY"] = path
    return path


def test_texts_give_a_data_frame_row_each_in_order():
    frame = precis.run(["Ein Satz. Noch einer.", "The second text. It has two sentences too."])
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["id"]) == ["0", "1"]
    assert list(frame["status"]) == ["ok", "ok"]
    assert list(frame["language"]) == ["de", "en"]
    assert list(frame["sentence_count"]) == [2, 2]
    assert frame.loc[0, "sentences"] == ["Ein Satz.", "Noch einer."]
    assert str(frame["sentence_count"].dtype) == "Int64"


def test_a_data_frame_with_its_own_columns_keeps_its_ids():
    articles = pandas.DataFrame(
        {
            "article_id": [17, 42],
            "body": [
                (CORPUS / "de_fahrradwege-hamburg.txt").read_text(encoding="utf-8"),
                (CORPUS / "en_harbour-bridge-reopens.txt").read_text(encoding="utf-8"),
            ],
            "section": ["local", "city"],
        }
    )
    frame = precis.run(articles, pipeline="news", text="body", id="article_id")
    assert list(frame["id"]) == ["17", "42"]
    assert list(frame["language"]) == ["de", "en"]
    assert "Radwege" in " ".join(frame.loc[0, "keywords"])
    assert frame.loc[0, "summary"]
    assert frame.loc[0, "record"]["metadata"]["section"] == "local"


def test_a_document_that_fails_is_a_row_with_its_reason():
    frame = precis.run(["A fine text. It has words.", "x" * 2000], arguments=["--max-bytes", "1000"])
    assert list(frame["status"]) == ["ok", "skipped"]
    assert frame.loc[1, "error_code"] == "document-too-large"
    assert "1000" in frame.loc[1, "error_message"]


def test_records_stream_as_dicts():
    records = list(precis.iter_records(["Un texte. Deux phrases."], pipeline="sentences"))
    assert [r["status"] for r in records] == ["ok"]
    assert [s["text"] for s in records[0]["sentences"]] == ["Un texte.", "Deux phrases."]


def test_bad_input_says_what_to_fix():
    with pytest.raises(ValueError, match="no column 'body'"):
        precis.run(pandas.DataFrame({"text": ["a"]}), text="body")
    with pytest.raises(TypeError, match="not one string"):
        precis.run("just one string")
    with pytest.raises(precis.PrecisError, match="no bundled pipeline"):
        precis.run(["a"], pipeline="nosuchpipeline")


def test_every_csv_output_loads_with_default_options(tmp_path, binary):
    """documents.csv, keywords.csv, corpus-keywords.csv and errors.csv (empty: no document failed) load in csv,
    pandas, polars and DuckDB as they are."""
    import csv
    import subprocess

    subprocess.run([binary, "run", "news", "--input", str(CORPUS), "--output", str(tmp_path), "--quiet"], check=True)
    expected = {"documents.csv": 13, "keywords.csv": 130, "corpus-keywords.csv": 130, "errors.csv": 0}
    for name, rows in expected.items():
        path = tmp_path / name
        with open(path, newline="", encoding="utf-8") as handle:
            table = list(csv.reader(handle))
        assert len(table) == rows + 1 and len({len(row) for row in table}) == 1, name
        assert pandas.read_csv(path).shape[0] == rows, name
        try:
            import polars
        except ImportError:
            polars = None
        if polars is not None:
            assert polars.read_csv(path).height == rows, name
        try:
            import duckdb
        except ImportError:
            duckdb = None
        if duckdb is not None:
            assert duckdb.sql(f"select count(*) from read_csv_auto('{path}')").fetchall() == [(rows,)], name
    documents = pandas.read_csv(tmp_path / "documents.csv")
    assert list(documents.columns)[:5] == ["id", "source", "status", "error", "chars"]
    assert documents.loc[0, "source"] == "Corpus/000_05597add93c0269f.txt"
    assert documents.loc[0, "metadata"] == '{"encoding":"UTF-8"}'
    assert documents.loc[0, "date"] == "2023-10-27T10:56:00+02:00"


def test_errors_load_as_a_table_with_and_without_failures(tmp_path, binary):
    """errors.csv has the same six columns whether or not a document failed; errors.jsonl holds the same rows."""
    import json
    import subprocess

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Ein guter Satz. Noch einer.", encoding="utf-8")
    (inputs / "broken.txt").write_bytes(b"\x00\x01\x02\xff")
    output = tmp_path / "out"
    run = subprocess.run([binary, "run", "sentences", "--input", str(inputs), "--output", str(output), "--quiet"])
    assert run.returncode == 1
    columns = ["id", "source", "status", "stage", "code", "message"]
    errors = pandas.read_csv(output / "errors.csv")
    assert list(errors.columns) == columns
    assert errors.to_dict("records") == [json.loads(line) for line in (output / "errors.jsonl").read_text().splitlines()]
    assert errors.loc[0, "code"] == "binary-input" and errors.loc[0, "source"] == "in/broken.txt"
    try:
        import polars
    except ImportError:
        polars = None
    if polars is not None:
        assert polars.read_csv(output / "errors.csv").columns == columns
        assert polars.read_ndjson(output / "errors.jsonl").height == 1
