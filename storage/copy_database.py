"""Move the bot's data from its SQLite file to an empty PostgreSQL database, once, when an
operator switches engines:

    python -m storage.copy_database --from data/bot.sqlite3 --to postgresql://user:pw@host/db

Why it works the way it does:

- Both sides are opened with `Database.open`, which brings each schema to the latest
  migration; one schema version means the same tables and columns on both engines, and
  the command checks that before copying a row.
- The target must be empty. Merging into a live database would collide ids and mix two
  histories, so any row in any table there is a refusal that names the table.
- The tables come from the SQLite catalogue and are ordered by their foreign keys, parents
  first, so a table added by a later migration is copied without changing this file.
- Every row goes in through ONE unit of work on the target: a failure (a value PostgreSQL
  rejects, a lost connection, Ctrl+C, counts that differ) rolls it all back, the target
  stays empty and the command can simply be run again.
- The source is read inside one unit of work as well (SQLite's `BEGIN IMMEDIATE`), so a
  bot still running against the file cannot change it halfway through the copy.
- Rows keep their ids, so each identity sequence is moved past the copied ids afterwards;
  otherwise the first new client on PostgreSQL would get id 1 and collide.
- Passwords are never printed: URLs are shown with `***` in place of the password.

Exit status: 0 copied; 1 the copy failed and nothing was committed; 2 refused before
copying (wrong engine, missing file, target not empty, schemas differ).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from storage.db import Database, DatabaseUrlError, parse_database_url

BATCH_ROWS = 1000
# Rows of this table describe the schema, not the bot's data: migrations write it.
_POSTGRES_BOOKKEEPING = frozenset({"schema_version"})

Say = Callable[[str], None]


class RefusedError(Exception):
    """The inputs cannot be used; nothing was copied (exit status 2)."""


class CopyFailedError(Exception):
    """The copy could not be done or finished; the target's unit of work was rolled back,
    so no row was committed (exit status 1)."""


@dataclass(frozen=True, slots=True)
class Table:
    """What the copy needs to know about one SQLite table."""

    name: str
    columns: tuple[str, ...]
    primary_key: tuple[str, ...]
    parents: frozenset[str]  # tables its foreign keys point at
    has_rowid: bool  # False for WITHOUT ROWID tables, which are paged by primary key


# -- arguments -----------------------------------------------------------------------------


def shown(value: str) -> str:
    """A database URL fit to print: the password replaced by ***."""
    if "://" not in value:
        return value
    try:
        return make_url(value).render_as_string(hide_password=True)
    except Exception:  # never echo a URL we could not parse: it may hold a password
        return "<the given URL>"


def source_path(value: str) -> Path:
    """The SQLite file named by a path or a sqlite:/// URL. It must exist already:
    `Database.open` would otherwise create an empty file and copy nothing from it."""
    if "://" in value:
        try:
            url = parse_database_url(value)
        except DatabaseUrlError as error:
            raise RefusedError(f"--from {shown(value)} {error}") from None
        if url.get_backend_name() != "sqlite":
            raise RefusedError(
                f"--from must be a SQLite file or sqlite:/// URL, not {url.get_backend_name()} "
                f"({shown(value)})"
            )
        assert url.database is not None  # parse_database_url insists on a file path
        path = Path(url.database)
    else:
        path = Path(value)
    if not path.exists():
        raise RefusedError(f"the source {path} does not exist")
    if not path.is_file():
        raise RefusedError(f"the source {path} is not a file")
    return path


def target_url(value: str) -> URL:
    """The PostgreSQL database to fill; a SQLite path or URL is refused."""
    if "://" not in value:
        raise RefusedError(f"--to must be a postgresql:// URL, not the path {value}")
    try:
        url = parse_database_url(value)
    except DatabaseUrlError as error:
        raise RefusedError(f"--to {shown(value)} {error}") from None
    if url.get_backend_name() != "postgresql":
        raise RefusedError(
            f"--to must be a postgresql:// URL, not {url.get_backend_name()} ({shown(value)})"
        )
    return url


def describe(error: BaseException) -> str:
    """One line about an error: the driver's own message rather than SQLAlchemy's
    wrapper, which would repeat the statement and its parameters (user data)."""
    cause: BaseException = error
    if isinstance(error, DBAPIError) and error.orig is not None:
        cause = error.orig
    lines = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {lines[0]}" if lines else type(cause).__name__


def quote(name: str) -> str:
    """An identifier from a catalogue, quoted for either engine."""
    return '"' + name.replace('"', '""') + '"'


# -- the source's tables -------------------------------------------------------------------


async def read_tables(source: Database) -> list[Table]:
    """Every table of the SQLite schema, in catalogue (creation) order, with its columns
    and the tables its foreign keys point at."""
    names = await source.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"
    )
    tables: list[Table] = []
    for row in names:
        name = str(row["name"])
        columns = await source.fetchall(
            "SELECT name, pk FROM pragma_table_info(:table) ORDER BY cid", {"table": name}
        )
        parents = await source.fetchall(
            'SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(:table)',
            {"table": name},
        )
        without_rowid = await source.fetchvalue(
            "SELECT wr FROM pragma_table_list(:table) WHERE schema = 'main'", {"table": name}
        )
        tables.append(
            Table(
                name=name,
                columns=tuple(str(column["name"]) for column in columns),
                primary_key=tuple(
                    str(column["name"])
                    for column in sorted(columns, key=lambda column: int(column["pk"]))
                    if int(column["pk"]) > 0
                ),
                parents=frozenset(str(parent["parent"]) for parent in parents),
                has_rowid=not without_rowid,
            )
        )
    return tables


def copy_order(tables: Sequence[Table]) -> list[Table]:
    """Parents before children, so each inserted row finds the rows it refers to
    (PostgreSQL checks foreign keys statement by statement). Among the tables that are
    ready, the earliest in the catalogue goes first, which keeps creation order when that
    already works. A table referring to itself or to a table that is not there does not
    wait for it."""
    names = {table.name for table in tables}
    done: set[str] = set()
    ordered: list[Table] = []
    waiting = list(tables)
    while waiting:
        ready = next(
            (t for t in waiting if (t.parents & names) - {t.name} <= done),
            None,
        )
        if ready is None:
            cycle = ", ".join(sorted(table.name for table in waiting))
            raise RefusedError(f"the foreign keys of tables {cycle} form a cycle; no order works")
        ordered.append(ready)
        done.add(ready.name)
        waiting.remove(ready)
    return ordered


# -- checks on the target ------------------------------------------------------------------


async def check_target(source: Database, target: Database, tables: Sequence[Table]) -> None:
    """Refuse unless the target has the source's schema version, every table with the
    same columns, and no rows at all."""
    source_version = await source.user_version()
    target_version = await target.user_version()
    if source_version != target_version:
        raise RefusedError(
            f"schema versions differ after migrating: SQLite is at {source_version}, "
            f"PostgreSQL at {target_version}; run the same bot version on both"
        )
    rows = await target.fetchall(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema()"
    )
    target_columns: dict[str, set[str]] = {}
    for row in rows:
        target_columns.setdefault(str(row["table_name"]), set()).add(str(row["column_name"]))
    for table in tables:
        present = target_columns.get(table.name)
        if present is None:
            raise RefusedError(f"table {table.name} is in the SQLite file but not in PostgreSQL")
        if present != set(table.columns):
            only_source = sorted(set(table.columns) - present)
            only_target = sorted(present - set(table.columns))
            raise RefusedError(
                f"table {table.name} has different columns: only in SQLite {only_source}, "
                f"only in PostgreSQL {only_target}"
            )
    base_tables = await target.fetchall(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    )
    copied = [table.name for table in tables]
    others = sorted(
        str(row["table_name"])
        for row in base_tables
        if row["table_name"] not in copied and row["table_name"] not in _POSTGRES_BOOKKEEPING
    )
    for name in [*copied, *others]:
        if await target.fetchvalue(f"SELECT EXISTS (SELECT 1 FROM {quote(name)})"):
            raise RefusedError(
                f"the target already has rows in table {name}; copy only into an empty "
                "database (this command never merges into a live one)"
            )


# -- the copy ------------------------------------------------------------------------------


async def copy_table(source: Database, target: Database, table: Table) -> int:
    """Copy one table in batches; return the number of rows copied. Rowid tables are
    paged by rowid (each batch starts where the last ended, at any size); WITHOUT ROWID
    tables by primary key and offset. Rows keep their ids (OVERRIDING SYSTEM VALUE lets
    an identity column take them even if it is GENERATED ALWAYS)."""
    aliases = [f"c{index}" for index in range(len(table.columns))]
    select_list = ", ".join(
        f"{quote(column)} AS {alias}" for column, alias in zip(table.columns, aliases, strict=True)
    )
    insert = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in table.columns)}) "
        f"OVERRIDING SYSTEM VALUE VALUES ({', '.join(':' + alias for alias in aliases)})"
    )
    copied = 0
    after: int | None = None  # the last rowid copied
    while True:
        if table.has_rowid:
            where = "" if after is None else "WHERE rowid > :after "
            batch = await source.fetchall(
                f"SELECT rowid AS copy_key, {select_list} FROM {quote(table.name)} "
                f"{where}ORDER BY rowid LIMIT :limit",
                {"after": after, "limit": BATCH_ROWS},
            )
        else:
            order = ", ".join(quote(column) for column in table.primary_key)
            batch = await source.fetchall(
                f"SELECT {select_list} FROM {quote(table.name)} ORDER BY {order} "
                "LIMIT :limit OFFSET :offset",
                {"limit": BATCH_ROWS, "offset": copied},
            )
        if not batch:
            return copied
        await target.executemany(
            insert, ({alias: row[alias] for alias in aliases} for row in batch)
        )
        copied += len(batch)
        if table.has_rowid:
            after = int(batch[-1]["copy_key"])
        if len(batch) < BATCH_ROWS:
            return copied


async def count_rows(db: Database, table: str) -> int:
    return int(await db.fetchvalue(f"SELECT COUNT(*) FROM {quote(table)}") or 0)


async def move_sequences(target: Database, tables: Sequence[Table]) -> None:
    """Set each `id` identity sequence so the next id follows the largest copied one: the
    rows came with their ids and the sequences never saw them."""
    rows = await target.fetchall(
        "SELECT table_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND column_name = 'id'"
    )
    with_id = {str(row["table_name"]) for row in rows}
    for table in tables:
        if table.name not in with_id:
            continue
        sequence = await target.fetchvalue(
            "SELECT pg_get_serial_sequence(:table, 'id')", {"table": quote(table.name)}
        )
        if sequence is None:  # an id without a sequence: nothing hands out new ids
            continue
        await target.fetchvalue(
            "SELECT setval(pg_get_serial_sequence(:table, 'id'), COALESCE(MAX(id), 0) + 1, "
            f"false) FROM {quote(table.name)}",
            {"table": quote(table.name)},
        )


async def copy_all(source: Database, target: Database, tables: Sequence[Table], say: Say) -> int:
    """Copy every table in one unit of work on each side, check the counts and move the
    sequences before committing; return the number of rows copied."""
    width = max((len(table.name) for table in tables), default=0)
    total = 0
    # The source's unit holds SQLite's write lock: the rows read are one consistent state.
    async with source.transaction(), target.transaction():
        for table in tables:
            try:
                copied = await copy_table(source, target, table)
                in_source = await count_rows(source, table.name)
                in_target = await count_rows(target, table.name)
            except Exception as error:
                raise CopyFailedError(
                    f"copying table {table.name} failed: {describe(error)}"
                ) from error
            if not copied == in_source == in_target:
                raise CopyFailedError(
                    f"row counts differ in table {table.name}: {in_source} in SQLite, "
                    f"{in_target} in PostgreSQL ({copied} copied)"
                )
            say(f"{table.name:<{width}}  {copied:>9} rows")
            total += copied
        try:
            await move_sequences(target, tables)
        except Exception as error:
            raise CopyFailedError(f"moving the id sequences failed: {describe(error)}") from error
    return total


async def copy_database(source_arg: str, target_arg: str, say: Say) -> None:
    """The whole command: check the arguments, open both databases, refuse what cannot
    be copied safely, copy, report."""
    path = source_path(source_arg)
    url = target_url(target_arg)
    target_shown = shown(target_arg)
    # The target first: if it cannot be reached, the operator's file is left as it was
    # (opening the source migrates it).
    try:
        target = await Database.open(url.render_as_string(hide_password=False))
    except Exception as error:
        raise CopyFailedError(f"cannot open the target {target_shown}: {describe(error)}") from None
    try:
        try:
            source = await Database.open(path)
        except Exception as error:
            raise RefusedError(
                f"cannot open {path} as the bot's SQLite database: {describe(error)}"
            ) from None
        try:
            if source.engine != "sqlite" or target.engine != "postgresql":  # pragma: no cover
                raise RefusedError("the source must be SQLite and the target PostgreSQL")
            tables = copy_order(await read_tables(source))
            await check_target(source, target, tables)
            say(
                f"copying {path} to {target_shown} "
                f"(schema version {await source.user_version()}, {len(tables)} tables)"
            )
            total = await copy_all(source, target, tables, say)
        finally:
            await source.close()
    finally:
        await target.close()
    say(
        f"copied {total} rows in {len(tables)} tables from {path} to {target_shown}; "
        "row counts match on both sides"
    )


def _redact(message: str, url: str) -> str:
    """Belt and braces: no error text of a driver may carry the password out."""
    try:
        password = make_url(url).password if "://" in url else None
    except Exception:
        password = None
    return message.replace(str(password), "***") if password else message


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storage.copy_database",
        description="Copy the bot's SQLite database into an empty PostgreSQL database.",
    )
    parser.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="SQLITE",
        help="the SQLite file: a path or a sqlite:///path URL (it must exist)",
    )
    parser.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="POSTGRESQL_URL",
        help="postgresql://user:password@host/db; the database must have no rows",
    )
    args = parser.parse_args(argv)

    def say(line: str) -> None:
        print(line, flush=True)

    try:
        asyncio.run(copy_database(args.source, args.target, say))
    except RefusedError as error:
        print(f"copy_database: refused: {_redact(str(error), args.target)}", file=sys.stderr)
        return 2
    except CopyFailedError as error:
        message = _redact(str(error), args.target)
        print(f"copy_database: {message}; no row was written to the target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
