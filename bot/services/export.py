"""The /export file: a zip with all of a user's data as JSON and one CSV per table."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any


def build_export(tables: Mapping[str, Sequence[Mapping[str, Any]]], made_at: datetime) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        document = {"exported_at": made_at.isoformat(), "tables": tables}
        archive.writestr("export.json", json.dumps(document, ensure_ascii=False, indent=2))
        for name, rows in tables.items():
            text = io.StringIO()
            columns = list(rows[0]) if rows else []
            writer = csv.DictWriter(text, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
            archive.writestr(f"{name}.csv", text.getvalue())
    return buffer.getvalue()
