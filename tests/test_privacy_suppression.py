"""woonmonitor.privacy.suppress_table: small counts in a table with its own totals, secondary suppression
along every dimension (rows and columns), computed by hand."""

from chispa import assert_df_equality
from pyspark.sql import functions as F
from pyspark.sql import types as T

from woonmonitor.privacy import suppress_table

SCHEMA = T.StructType(
    [T.StructField("wpl", T.StringType()), T.StructField("type", T.StringType()), T.StructField("n", T.LongType())]
)
OUT = T.StructType([*SCHEMA.fields, T.StructField("onderdrukt", T.BooleanType())])


def test_rows_and_columns_both_protected(spark):
    # woonplaats x type with row totals (type 't') and column totals (wpl '*')
    cells = [
        ("A", "x", 4), ("A", "y", 10), ("A", "t", 14),
        ("B", "x", 6), ("B", "y", 8), ("B", "t", 14),
        ("C", "x", 0), ("C", "y", 5), ("C", "t", 5),
        ("*", "x", 10), ("*", "y", 23), ("*", "t", 33),
    ]
    got = suppress_table(spark.createDataFrame(cells, SCHEMA), "n", ["wpl", "type"], [], 4)
    # A.x = 4 primary. Column x: *.x - B.x - C.x would reveal it -> B.x (6, smallest non-zero) hidden.
    # Row A: A.t - A.y would reveal it -> A.y hidden; row B likewise -> B.y hidden. Column y then has two
    # hidden cells: stable. C.y = 5 and the zero C.x stay visible, the totals too.
    expected = spark.createDataFrame(
        [
            ("A", "x", None, True), ("A", "y", None, True), ("A", "t", 14, False),
            ("B", "x", None, True), ("B", "y", None, True), ("B", "t", 14, False),
            ("C", "x", 0, False), ("C", "y", 5, False), ("C", "t", 5, False),
            ("*", "x", 10, False), ("*", "y", 23, False), ("*", "t", 33, False),
        ],
        OUT,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)


def test_forced_cell_and_fixed_groups(spark):
    cells = [("A", "p1", 10), ("B", "p1", 20), ("*", "p1", 30), ("A", "p2", 10), ("B", "p2", 20), ("*", "p2", 30)]
    df = spark.createDataFrame(cells, SCHEMA)
    # A is forced in period p1 only (suppressed in a linked table); 'type' holds the period here (fixed)
    got = suppress_table(df, "n", ["wpl"], ["type"], 4, forced=(F.col("wpl") == "A") & (F.col("type") == "p1"))
    expected = spark.createDataFrame(
        [("A", "p1", None, True), ("B", "p1", None, True), ("*", "p1", 30, False),
         ("A", "p2", 10, False), ("B", "p2", 20, False), ("*", "p2", 30, False)],
        OUT,
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)
