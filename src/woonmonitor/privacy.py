"""Personal data: pseudonymisation of BSN and A-nummer, and suppression of small counts.

The BSN is replaced at ingestion by HMAC-SHA256(key, bsn), computed with Spark's own ``sha2`` so it runs
on the executors at any scale, with no Python UDF:

    HMAC(K, m) = SHA256((K' xor opad) || SHA256((K' xor ipad) || m))    (RFC 2104, K' = K padded to 64 bytes)

The key comes from a Databricks secret scope on Databricks (no fallback: a missing key fails the job), and
locally from an environment variable or a git-ignored key file.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from pyspark.sql import Column
from pyspark.sql import functions as F

from woonmonitor.config import Settings

_BLOCK = 64


class MissingKeyError(RuntimeError):
    pass


def load_key(settings: Settings, create_local: bool = True) -> bytes:
    """The pseudonymisation key.

    Databricks: ``dbutils.secrets.get(scope, key)``; a missing secret raises (never an unkeyed hash).
    Local: ``$WOONMONITOR_HMAC_KEY``, else the key file; ``create_local`` writes a random key file on
    first use, so a fresh clone works and the key stays out of git.
    """
    from woonmonitor.spark import on_databricks

    if on_databricks():
        try:
            from databricks.sdk.runtime import dbutils  # type: ignore[attr-defined]

            value = dbutils.secrets.get(scope=settings.secret_scope, key=settings.secret_key)
        except Exception as exc:  # noqa: BLE001 - any failure to read the secret must stop the job
            raise MissingKeyError(
                f"no pseudonymisation key in secret scope {settings.secret_scope!r} key {settings.secret_key!r}: {exc}"
            ) from exc
        if not value:
            raise MissingKeyError(f"secret {settings.secret_scope}/{settings.secret_key} is empty")
        return value.encode()
    env = os.environ.get(settings.hmac_key_env)
    if env:
        return env.encode()
    path = Path(settings.hmac_key_file)
    if path.exists():
        return path.read_text().strip().encode()
    if not create_local:
        raise MissingKeyError(f"no key in ${settings.hmac_key_env} nor in {path}")
    key = secrets.token_hex(32)
    path.write_text(key + "\n")
    path.chmod(0o600)
    return key.encode()


def _pads(key: bytes) -> tuple[bytes, bytes]:
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def hmac_sha256(value: Column, key: bytes) -> Column:
    """HMAC-SHA256 of a string column as 64 hex characters; null stays null, blank becomes null."""
    ipad, opad = _pads(key)
    text = F.trim(value.cast("string"))
    inner = F.unhex(F.sha2(F.concat(F.lit(ipad), F.encode(text, "UTF-8")), 256))
    outer = F.sha2(F.concat(F.lit(opad), inner), 256)
    return F.when(text.isNull() | (text == ""), F.lit(None).cast("string")).otherwise(outer)


def hmac_sha256_py(value: str, key: bytes) -> str:
    """The same in plain Python (for tests and for joining a pseudonym back in an audit)."""
    import hmac

    return hmac.new(key, value.strip().encode(), hashlib.sha256).hexdigest()


def is_bsn(value: str) -> bool:
    """9 digits passing the 11-proef (elfproef) for BSNs: sum(d_i * w_i) with weights 9..2 and -1, mod 11 == 0."""
    if len(value) != 9 or not value.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(value, weights))
    return total % 11 == 0 and total != 0


def suppress(count: Column, bound: int) -> Column:
    """Null where 1 <= count <= bound (small counts of persons or households are not shown)."""
    return F.when((count >= 1) & (count <= bound), F.lit(None).cast("long")).otherwise(count.cast("long"))


def is_suppressed(count: Column, bound: int) -> Column:
    return (count >= 1) & (count <= bound)


def suppress_cells(df, count_col: str, group_cols: list[str], bound: int, flag_col: str = "onderdrukt"):
    """Suppress small counts in ``count_col`` and set ``flag_col``, with secondary suppression.

    Primary: 1 <= count <= bound. Secondary: where a group (the cells that add up to a published total,
    e.g. all age groups of one sex in one year) has any primary cell, its smallest other non-zero cell is
    suppressed as well. The total minus the visible parts then only reveals a sum that includes a count
    above the bound: not one hidden cell (one primary), nor several (two primaries of 1 summing to 2).
    """
    from pyspark.sql import Window

    n = F.col(count_col)
    primary = is_suppressed(n, bound)
    group = Window.partitionBy(*group_cols)
    candidates = Window.partitionBy(*group_cols).orderBy(F.when(~primary & (n > 0), n).asc_nulls_last())
    flagged = (
        df.withColumn("_primary", primary)
        .withColumn("_n_primary", F.sum(F.col("_primary").cast("int")).over(group))
        .withColumn("_rank", F.row_number().over(candidates))
        .withColumn(
            flag_col,
            F.coalesce(
                F.col("_primary") | ((F.col("_n_primary") >= 1) & (F.col("_rank") == 1) & ~F.col("_primary") & (n > 0)),
                F.lit(False),
            ),
        )
    )
    return flagged.withColumn(count_col, F.when(F.col(flag_col), F.lit(None)).otherwise(n).cast("long")).drop(
        "_primary", "_n_primary", "_rank"
    )


def suppress_table(
    df,
    count_col: str,
    dims: list[str],
    fixed: list[str],
    bound: int,
    flag_col: str = "onderdrukt",
    forced: Column | None = None,
    max_rounds: int = 20,
):
    """Suppress small counts in a table that publishes its own totals, on *every* additive equation.

    ``df`` holds the cells of a table **and its margins as rows of their own**: for every dimension in
    ``dims`` a total row carries a marker value in that column (e.g. ``'totaal'``; not null-unsafe: nulls
    group together too). Then, for each dimension ``d``, the rows that agree on ``fixed`` and on all other
    dimensions form one equation "parts over ``d`` + their total". A two-way table woonplaats x huishoudtype
    with row and column totals has the row equations (per woonplaats) and the column equations (per type).

    Primary: ``1 <= count <= bound`` (or ``forced`` true: a cell already suppressed in a linked table).
    Secondary, repeated until nothing changes: in every equation with exactly one suppressed cell, the
    smallest other non-zero cell is suppressed as well (ties broken by the dimension values, so the result
    is deterministic), so no total minus its visible parts reveals a hidden cell, in any direction.
    A group holding one single row (a face of a cube published without its parts) is no equation and
    is left alone. Returns ``df`` with ``count_col`` null where suppressed and ``flag_col`` (boolean).
    """
    from pyspark.sql import Window

    n = F.col(count_col)
    flag = F.col(flag_col)
    primary = is_suppressed(n, bound)
    if forced is not None:
        primary = primary | F.coalesce(forced, F.lit(False))
    current = df.withColumn(flag_col, F.coalesce(primary, F.lit(False))).localCheckpoint(eager=True)
    flagged_before = current.where(flag).count()
    for _ in range(max_rounds):
        for d in dims:
            groups = [*fixed, *[x for x in dims if x != d]]
            equation = Window.partitionBy(*groups)
            candidates = equation.orderBy(F.when(~flag & (n > 0), n).asc_nulls_last(), *[F.col(x).asc_nulls_first() for x in dims])
            current = (
                current.withColumn("_n_flag", F.sum(flag.cast("int")).over(equation))
                .withColumn("_rank", F.row_number().over(candidates))
                .withColumn(flag_col, flag | ((F.col("_n_flag") == 1) & (F.col("_rank") == 1) & ~flag & (n > 0)))
                .withColumn(flag_col, F.coalesce(flag, F.lit(False)))
                .drop("_n_flag", "_rank")
            )
        # materialise each round: keeps the plan small and tells whether the round changed anything
        current = current.localCheckpoint(eager=True)
        flagged = current.where(flag).count()
        if flagged == flagged_before:
            break
        flagged_before = flagged
    else:
        raise RuntimeError(f"secondary suppression of {count_col} did not settle in {max_rounds} rounds")
    return current.withColumn(count_col, F.when(flag, F.lit(None)).otherwise(n).cast("long"))
