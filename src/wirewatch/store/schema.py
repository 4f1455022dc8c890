"""One schema for both stores. The migration files (`migrations/NNNN_name.sql`, SQLite DDL) are the
only statement of it; PostgreSQL's DDL is generated from them by `postgres_ddl`, statement by
statement, so a new migration reaches both stores and a construct with no PostgreSQL form fails
loudly (tests/store/test_schema.py) instead of drifting.

The translation, and why:
* INTEGER -> BIGINT, REAL -> DOUBLE PRECISION: SQLite's are 64-bit; TEXT -> TEXT COLLATE "C": SQLite
  compares and sorts text byte-wise, and the two stores must export identical orders.
* `INTEGER PRIMARY KEY` (a rowid) -> an identity column; `WITHOUT ROWID` dropped.
* The FTS5 table over a content table -> a generated `tsvector` column `tsv` on that table ('simple'
  configuration: no stemming, as FTS5's default tokenizer) with a GIN index; its sync triggers are
  dropped (a generated column keeps itself current).
* The R*Tree over event coordinates -> a generated `geography(Point, 4326)` column `geom` from
  latitude/longitude with GiST indexes (PostGIS, created by the first migration that needs it).
* `json_extract(col, '$.key')` -> `(col::jsonb->>'key')`, cast to the assigned column's type in
  `UPDATE ... SET c = json_extract(...)`.
* CREATE TABLEs come out ordered so a referenced table exists first (SQLite allows forward
  references; PostgreSQL does not).
"""
from __future__ import annotations

import re
from importlib import resources

__all__ = ["migrations", "postgres_ddl", "postgres_migrations", "split_statements"]

# R*Tree tables -> (the table whose rows they index, its latitude and longitude columns)
RTREE_SOURCES = {"events_rtree": ("events", "latitude", "longitude")}
_TYPES = {"INTEGER": "BIGINT", "REAL": "DOUBLE PRECISION", "TEXT": 'TEXT COLLATE "C"'}
_COLUMN_TYPE = re.compile(r"^(\s*\"?\w+\"?\s+)(INTEGER|REAL|TEXT)\b", re.I)


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration file, in order: the schema of both stores."""
    folder = resources.files("wirewatch.store") / "migrations"
    out = []
    for item in folder.iterdir():
        if item.name.endswith(".sql") and item.name[:4].isdigit():
            out.append((int(item.name[:4]), item.name, item.read_text(encoding="utf-8")))
    out.sort()
    versions = [v for v, _, _ in out]
    if versions != list(range(1, len(out) + 1)):
        # two branches each adding "their" 0002 would otherwise apply one and silently skip the other
        names = ", ".join(name for _, name, _ in out)
        raise RuntimeError(f"migration files must be numbered 1..N without gaps or repeats: {names}")
    return out


def split_statements(sql: str) -> list[str]:
    """The statements of a script, comments removed; a trigger's BEGIN ... END stays whole."""
    text = re.sub(r"--[^\n]*", "", sql)
    out: list[str] = []
    current = ""
    for part in text.split(";"):
        current += part
        head = current.strip().upper()
        if head.startswith("CREATE TRIGGER") and not re.search(r"\bEND\s*$", head):
            current += ";"
            continue
        if current.strip():
            out.append(" ".join(current.split()))
        current = ""
    return out


class _Translator:
    """Carries what earlier statements declared (column types, FTS and R*Tree tables) forward."""

    def __init__(self) -> None:
        self.types: dict[tuple[str, str], str] = {}
        self.fts: set[str] = set()
        self.postgis = False

    def migration(self, sql: str) -> str:
        statements = [s for s in (self.statement(st) for st in split_statements(sql)) if s]
        tables = [s for s in statements if s.startswith("CREATE TABLE")]
        rest = [s for s in statements if not s.startswith("CREATE TABLE")]
        head = []
        if self.postgis and any("geography(" in s for s in rest):
            head.append("CREATE EXTENSION IF NOT EXISTS postgis")
        return "".join(s + ";\n" for s in head + _referenced_first(tables) + rest)

    def statement(self, st: str) -> str | None:
        upper = st.upper()
        if upper.startswith("CREATE TABLE"):
            return self.create_table(st)
        if upper.startswith("CREATE VIRTUAL TABLE"):
            return self.virtual_table(st)
        if upper.startswith("CREATE TRIGGER"):
            if any(re.search(rf"\b{name}\b", st) for name in self.fts):
                return None  # FTS5 bookkeeping: the generated tsv column needs none
            raise ValueError(f"no PostgreSQL form for trigger: {st[:80]}")
        if re.match(r"CREATE (UNIQUE )?INDEX|CREATE VIEW", upper):
            return st
        if upper.startswith("ALTER TABLE") and " ADD COLUMN " in upper:
            m = re.match(r"ALTER TABLE (\w+) ADD COLUMN (\w+) (\w+)(.*)$", st, re.I)
            if not m:
                raise ValueError(f"no PostgreSQL form for: {st[:80]}")
            table, column, kind, rest = m.groups()
            self.types[(table, column)] = kind.upper()
            return f"ALTER TABLE {table} ADD COLUMN {column} {_TYPES.get(kind.upper(), kind)}{rest}"
        if upper.startswith("UPDATE "):
            return self.update(st)
        raise ValueError(f"no PostgreSQL form for: {st[:80]}")

    def create_table(self, st: str) -> str:
        m = re.match(r"CREATE TABLE (IF NOT EXISTS )?(\w+) \((.*)\)\s*(WITHOUT ROWID)?$", st, re.I)
        if not m:
            raise ValueError(f"no PostgreSQL form for: {st[:80]}")
        table, body = m.group(2), m.group(3)
        items = []
        for item in _top_level_split(body):
            item = item.strip()
            if re.match(r"\w+ INTEGER PRIMARY KEY$", item, re.I):
                items.append(f"{item.split()[0]} BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                self.types[(table, item.split()[0])] = "INTEGER"
                continue
            typed = _COLUMN_TYPE.match(item)
            if typed and typed.group(1).strip().upper() not in ("PRIMARY", "UNIQUE", "FOREIGN", "CHECK"):
                self.types[(table, typed.group(1).strip().strip('"'))] = typed.group(2).upper()
                item = _COLUMN_TYPE.sub(lambda t: t.group(1) + _TYPES[t.group(2).upper()], item, count=1)
            items.append(item)
        return f"CREATE TABLE {m.group(1) or ''}{table} ({', '.join(items)})"

    def virtual_table(self, st: str) -> str:
        m = re.match(r"CREATE VIRTUAL TABLE (\w+) USING (\w+)\((.*)\)$", st, re.I)
        if not m:
            raise ValueError(f"no PostgreSQL form for: {st[:80]}")
        name, module, args = m.group(1), m.group(2).lower(), [a.strip() for a in m.group(3).split(",")]
        if module == "fts5":
            options = dict(a.split("=", 1) for a in args if "=" in a)
            content = options.get("content", "").strip("'\"")
            columns = [a for a in args if "=" not in a]
            if not content:
                raise ValueError(f"FTS5 table {name} without a content table has no PostgreSQL form")
            self.fts.add(name)
            words = " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)
            return (f"ALTER TABLE {content} ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                    f"(to_tsvector('simple', {words})) STORED;\n"
                    f"CREATE INDEX {content}_tsv ON {content} USING GIN (tsv)")
        if module == "rtree" and name in RTREE_SOURCES:
            table, lat, lon = RTREE_SOURCES[name]
            self.postgis = True
            return (f"ALTER TABLE {table} ADD COLUMN geom geography(Point, 4326) GENERATED ALWAYS AS "
                    f"(CASE WHEN {lat} IS NOT NULL AND {lon} IS NOT NULL "
                    f"THEN ST_SetSRID(ST_MakePoint({lon}, {lat}), 4326)::geography END) STORED;\n"
                    f"CREATE INDEX {table}_geom ON {table} USING GIST (geom);\n"
                    # the bbox filter is a longitude/latitude rectangle, as the R*Tree: a planar index
                    f"CREATE INDEX {table}_geom_planar ON {table} USING GIST ((geom::geometry))")
        raise ValueError(f"no PostgreSQL form for virtual table {name} ({module})")

    def update(self, st: str) -> str:
        m = re.match(r"UPDATE (\w+) SET", st, re.I)
        table = m.group(1) if m else ""

        def cast(assign: re.Match[str]) -> str:
            column, source, key = assign.group(1), assign.group(2), assign.group(3)
            kind = _TYPES.get(self.types.get((table, column), "TEXT"), "TEXT").split(" COLLATE")[0]
            return f"{column} = ({source}::jsonb->>'{key}')::{kind.lower()}"

        st = re.sub(r"(\w+) = json_extract\((\w+), '\$\.(\w+)'\)", cast, st)
        if "json_extract" in st:
            raise ValueError(f"no PostgreSQL form for: {st[:80]}")
        return st


def _top_level_split(body: str) -> list[str]:
    """Split a column list on the commas outside parentheses."""
    out, depth, current = [], 0, ""
    for ch in body:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            out.append(current)
            current = ""
        else:
            current += ch
    return out + [current] if current.strip() else out


def _referenced_first(tables: list[str]) -> list[str]:
    """CREATE TABLEs ordered so each comes after the tables it references (stable otherwise)."""
    names = {re.match(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", t, re.I).group(1): t for t in tables}  # type: ignore[union-attr]
    done: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in done or name not in names:
            return
        if name in path:
            raise ValueError(f"tables reference each other in a circle: {' -> '.join(path + (name,))}")
        for ref in re.findall(r"REFERENCES (\w+)", names[name], re.I):
            if ref != name:
                visit(ref, path + (name,))
        done.append(name)

    for name in names:
        visit(name, ())
    return [names[n] for n in done]


def postgres_migrations() -> list[tuple[int, str, str]]:
    """(version, name, PostgreSQL DDL) for every migration file, translated in order."""
    translator = _Translator()
    return [(version, name, translator.migration(sql)) for version, name, sql in migrations()]


def postgres_ddl() -> str:
    """The whole PostgreSQL schema (all migrations), for reading and for the parity test."""
    return "".join(f"-- {name}\n{ddl}" for _, name, ddl in postgres_migrations())
