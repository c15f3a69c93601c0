"""The merged data as files for statisticians: CSV, Stata .dta (118) and SPSS .sav, labelled."""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import pandas as pd  # type: ignore[import-untyped]
import pyreadstat

from msc_desk.exchange.tables import table_csv

_STATA_NAME = re.compile(r"[^A-Za-z0-9_]")
_PLAIN_DECIMAL = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_STATA_STR_LIMIT = 2000


def dictionary_labels(dictionary_csv: bytes) -> dict[tuple[str, str], tuple[str, dict[str, str]]]:
    """{(table, column): (English label, {code: label})} from a batch's data dictionary."""
    labels: dict[tuple[str, str], tuple[str, dict[str, str]]] = {}
    reader = csv.DictReader(io.StringIO(dictionary_csv.decode("utf-8"), newline=""))
    for row in reader:
        if row.get("source") != "table":
            continue
        codes = {}
        for part in (row.get("codes") or "").split(" | "):
            if "=" in part:
                code, label = part.split("=", 1)
                codes[code] = label
        labels[(row["form_or_table"], row["name"])] = (row.get("label_en") or "", codes)
    return labels


def _stata_names(columns: Sequence[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for column in columns:
        base = _STATA_NAME.sub("_", column)[:32] or "v"
        if base[0].isdigit():
            base = ("v" + base)[:32]
        name, number = base, 1
        while name in names.values():
            suffix = f"_{number}"
            name, number = base[: 32 - len(suffix)] + suffix, number + 1
        names[column] = name
    return names


def _frame(header: list[str], rows: list[dict[str, str]]) -> pd.DataFrame:
    """The rows as a frame; a column whose every filled cell is a plain decimal becomes numeric.

    Only plain decimals reach pandas' parser: pandas 2 crashes the process on some texts in
    scientific notation (a hash such as "8e2569614270f3d8…" reads as an exponent past 2³¹).
    """
    frame = pd.DataFrame([[row.get(name, "") for name in header] for row in rows], columns=header)
    for column in header:
        values = frame[column]
        filled = values[values != ""]
        if len(filled) == 0 or not filled.str.fullmatch(_PLAIN_DECIMAL).all():
            continue
        frame[column] = pd.to_numeric(values.replace("", None), errors="coerce")
    return frame


def _longest(values: pd.Series) -> int:
    if values.dtype != object or values.empty:
        return 0
    return int(values.map(lambda value: len(str(value).encode("utf-8"))).max())


def write_table_files(
    out: Path,
    table: str,
    header: list[str],
    rows: list[dict[str, str]],
    labels: dict[tuple[str, str], tuple[str, dict[str, str]]],
) -> list[Path]:
    """<table>.csv, <table>.dta and <table>.sav in `out`, with variable and value labels."""
    csv_path = out / f"{table}.csv"
    csv_path.write_bytes(table_csv(rows, header))
    frame = _frame(header, rows)
    names = _stata_names(header)
    frame = frame.rename(columns=names)
    variable_labels = {
        names[column]: labels.get((table, column), (column, {}))[0][:80] or column
        for column in header
    }
    value_labels = {
        names[column]: codes
        for column in header
        if (codes := labels.get((table, column), ("", {}))[1])
        and frame[names[column]].dtype == object
    }
    stata = frame.copy()
    for column, codes in value_labels.items():
        present = [value for value in stata[column].unique() if value != ""]
        categories = list(dict.fromkeys([*codes, *present]))
        stata[column] = pd.Categorical(stata[column].replace("", None), categories=categories)
        stata[column] = stata[column].cat.rename_categories(
            [codes.get(code, code) for code in categories]
        )
    strl = [column for column in stata.columns if _longest(stata[column]) > _STATA_STR_LIMIT]
    dta_path = out / f"{table}.dta"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas notes the categorical value labels it writes
        stata.to_stata(
            dta_path, write_index=False, version=118, variable_labels=variable_labels,
            convert_strl=strl,
        )  # fmt: skip
    sav_path = out / f"{table}.sav"
    pyreadstat.write_sav(
        frame,
        str(sav_path),
        column_labels=cast(Any, variable_labels),
        variable_value_labels=cast(Any, value_labels) or None,
    )
    return [csv_path, dta_path, sav_path]
