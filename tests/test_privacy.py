"""woonmonitor.privacy: the Spark HMAC equals Python's hmac, the 11-proef, suppression of small counts."""

from __future__ import annotations

import hashlib
import hmac

from chispa import assert_df_equality
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.privacy import hmac_sha256, hmac_sha256_py, is_bsn, is_suppressed, suppress


def test_spark_hmac_equals_python_hmac(spark):
    key = b"test-key-not-secret"
    long_key = b"k" * 100  # longer than the 64-byte block: hashed first (RFC 2104)
    values = ["999993653", " 111222333 ", "Ünïcødé", "", None]
    df = spark.createDataFrame([(v,) for v in values], "v string")
    got = df.select(hmac_sha256(F.col("v"), key).alias("a"), hmac_sha256(F.col("v"), long_key).alias("b")).collect()
    for value, row in zip(values, got):
        if value is None or value.strip() == "":
            assert (row.a, row.b) == (None, None)
        else:
            assert row.a == hmac.new(key, value.strip().encode(), hashlib.sha256).hexdigest()
            assert row.b == hmac.new(long_key, value.strip().encode(), hashlib.sha256).hexdigest()
            assert row.a == hmac_sha256_py(value, key)


def test_is_bsn_elfproef():
    assert is_bsn("999993653")  # RvIG test BSN: 9*9+8*9+7*9+6*9+5*9+4*3+3*6+2*5-3 = 352 = 32*11
    assert is_bsn("111222333")
    assert not is_bsn("999993654")
    assert not is_bsn("100000009")
    assert not is_bsn("000000000")  # sum 0 is not a BSN
    assert not is_bsn("99999365")  # 8 digits
    assert not is_bsn("9999936530")  # 10 digits (an A-nummer length)
    assert not is_bsn("99999365a")


def test_suppress_small_counts(spark):
    df = spark.createDataFrame([(0,), (1,), (4,), (5,), (None,)], "n int")
    got = df.select("n", suppress(F.col("n"), 4).alias("shown"), is_suppressed(F.col("n"), 4).alias("flag"))
    expected = spark.createDataFrame(
        [(0, 0, False), (1, None, True), (4, None, True), (5, 5, False), (None, None, None)],
        T.StructType([T.StructField("n", T.IntegerType()), T.StructField("shown", T.LongType()),
                      T.StructField("flag", T.BooleanType())]),
    )
    assert_df_equality(got, expected, ignore_nullable=True)
