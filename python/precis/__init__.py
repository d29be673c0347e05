"""Run Precis from Python.

``run`` takes texts, dicts or a pandas DataFrame and returns a DataFrame with one row per input,
in input order; ``iter_records`` yields the raw ``documents.jsonl`` records. Both stream the
inputs through ``precis run PIPELINE --jsonl`` (one process, inputs written on a thread while
results are read, so memory stays flat), and a document that fails is a row with its error.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from typing import Any, Iterable, Iterator, Optional, Sequence

__all__ = ["run", "iter_records", "find_binary", "PrecisError"]
__version__ = "0.1.0"


class PrecisError(RuntimeError):
    """The precis process failed as a whole (a bad pipeline, a missing binary): not one document."""


def find_binary(binary: Optional[str] = None) -> str:
    """The precis executable: ``binary``, ``$PRECIS_BINARY``, the one inside this package (a release
    wheel), ``.build/release/precis`` or ``.build/debug/precis`` under the current folder (a
    checkout of the repository), or ``precis`` on PATH."""
    candidates = [binary, os.environ.get("PRECIS_BINARY"), os.path.join(os.path.dirname(__file__), "bin", "precis")]
    # Run from a checkout of the repository: its own build.
    candidates += [os.path.join(".build", kind, "precis") for kind in ("release", "debug")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    on_path = shutil.which("precis")
    if on_path:
        return on_path
    raise PrecisError(
        "no precis binary: pass binary=..., set PRECIS_BINARY, install a release wheel, run from a checkout after `make release`, or put precis on PATH"
    )


def _lines(inputs: Any, text: str, id: str) -> Iterator[dict]:
    """The JSON-lines records for ``inputs``: strings, dicts with a ``text`` key, or a DataFrame."""
    try:
        import pandas
    except ImportError:  # pragma: no cover - pandas is a dependency
        pandas = None
    if pandas is not None and isinstance(inputs, pandas.DataFrame):
        if text not in inputs.columns:
            raise ValueError(f"the DataFrame has no column {text!r} (columns: {list(inputs.columns)}); pass text='...'")
        has_id = id in inputs.columns
        for position, row in enumerate(inputs.to_dict(orient="records")):
            record = {key: _plain(value) for key, value in row.items() if key not in (text, id)}
            record["text"] = "" if row[text] is None else str(row[text])
            record["id"] = str(row[id]) if has_id else str(inputs.index[position])
            yield record
        return
    if isinstance(inputs, (str, bytes)):
        raise TypeError("pass a list of texts, not one string: precis.run([text])")
    for position, item in enumerate(inputs):
        if isinstance(item, str):
            yield {"id": str(position), "text": item}
        elif isinstance(item, dict):
            if text not in item:
                raise ValueError(f"input {position} has no {text!r} key (keys: {sorted(item)}); pass text='...'")
            record = {key: _plain(value) for key, value in item.items() if key not in (text, id)}
            record["text"] = str(item[text])
            record["id"] = str(item.get(id, position))
            yield record
        else:
            raise TypeError(f"input {position} is a {type(item).__name__}; give texts (str) or dicts")


def _plain(value: Any) -> Any:
    """A value JSON can hold (numpy numbers, timestamps and missing values made plain)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return None if isinstance(value, float) and value != value else value
    if hasattr(value, "item"):
        return _plain(value.item())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def iter_records(
    inputs: Any,
    pipeline: str = "news",
    text: str = "text",
    id: str = "id",
    binary: Optional[str] = None,
    stats: Optional[str] = None,
    arguments: Sequence[str] = (),
) -> Iterator[dict]:
    """Yields the ``documents.jsonl`` record of each input, in input order.

    ``pipeline`` is a bundled pipeline's name (``news``, ``sentences``) or a pipeline file;
    ``stats`` reuses saved corpus statistics (else they are counted over these inputs).
    Raises ``PrecisError`` when the process fails as a whole.
    """
    command = [find_binary(binary), "run", pipeline, "--jsonl", "--quiet", "--allow-failed-documents"]
    if stats:
        command += ["--stats", stats]
    command += list(arguments)
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    problems: list = []

    def feed() -> None:
        try:
            for record in _lines(inputs, text, id):
                process.stdin.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        except BrokenPipeError:
            pass
        except Exception as error:  # reported once the process ends
            problems.append(error)
        finally:
            try:
                process.stdin.close()
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    errors: list = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
    reader.start()
    for line in process.stdout:
        if line.strip():
            yield json.loads(line)
    writer.join()
    status = process.wait()
    reader.join()
    if problems:
        raise problems[0]
    if status != 0:
        message = b"".join(errors).decode("utf-8", "replace").strip()
        raise PrecisError(f"precis exited with status {status}: {message}")


def _row(record: dict) -> dict:
    """The DataFrame row of one record (stages found by their names in the bundled pipelines)."""

    def output(name: str, kind: type) -> Any:
        value = record.get(name)
        return value if isinstance(value, kind) else None

    error = record.get("error") or {}
    language = output("language", dict) or {}
    layout = output("layout", dict) or {}
    sentences = output("sentences", list)
    keywords = output("keywords", list)
    return {
        "id": record.get("id"),
        "status": record.get("status"),
        "error_code": error.get("code"),
        "error_stage": error.get("stage"),
        "error_message": error.get("message"),
        "language": language.get("code"),
        "language_confidence": language.get("confidence"),
        "title": layout.get("title"),
        "date": layout.get("date"),
        "sentence_count": None if sentences is None else len(sentences),
        "sentences": None if sentences is None else [s.get("text") for s in sentences],
        "keywords": None if keywords is None else [k.get("text") for k in keywords],
        "keyword_scores": None if keywords is None else [k.get("score") for k in keywords],
        "summary": (output("summary", dict) or {}).get("text"),
        "record": record,
    }


COLUMNS = list(_row({}).keys())


def run(
    inputs: Any,
    pipeline: str = "news",
    text: str = "text",
    id: str = "id",
    binary: Optional[str] = None,
    stats: Optional[str] = None,
    arguments: Sequence[str] = (),
):
    """Runs ``pipeline`` on ``inputs`` (texts, dicts or a DataFrame) and returns a pandas DataFrame.

    One row per input, in order: ``id``, ``status`` (ok, error, skipped), ``error_code``,
    ``error_stage``, ``error_message``, ``language``, ``language_confidence``, ``title``, ``date``,
    ``sentence_count``, ``sentences`` (texts), ``keywords`` (texts, best first), ``keyword_scores``,
    ``summary``, and ``record`` (the whole ``documents.jsonl`` record, every stage's output).
    """
    import pandas

    records = iter_records(inputs, pipeline=pipeline, text=text, id=id, binary=binary, stats=stats, arguments=arguments)
    frame = pandas.DataFrame([_row(record) for record in records], columns=COLUMNS)
    frame["sentence_count"] = frame["sentence_count"].astype("Int64")
    frame["language_confidence"] = frame["language_confidence"].astype("float64")
    return frame
