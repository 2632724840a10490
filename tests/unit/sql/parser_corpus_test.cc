// Statements in the styles of the sqllogictest corpus and of BigQuery's documentation: each must
// parse, and its canonical form must parse back to the same canonical form.
#include <gtest/gtest.h>

#include "sql/parser.h"

namespace dq::sql {
namespace {

TEST(ParserCorpusTest, CanonicalFormIsStable) {
  const char* statements[] = {
      "SELECT ALL * FROM tab0 WHERE NOT ( col0 ) IN ( 1 )",
      "SELECT DISTINCT - col1 * + col2 FROM tab0 AS cor0 CROSS JOIN tab1",
      "SELECT col0 FROM tab0 WHERE + col1 NOT BETWEEN NULL AND + 93",
      "SELECT - - 5, - ( - 5 ), -a, ~b",
      "SELECT CASE WHEN NOT a IS NULL THEN 1 END FROM t",
      "SELECT a FROM t WHERE (a, b) IN ((1, 2), (3, 4))",
      "SELECT ARRAY<STRUCT<a INT64>>[(1)], STRUCT<x ARRAY<INT64>>([1])",
      "SELECT * FROM t WHERE a IN (1) AND b OR NOT c",
      "SELECT COUNT(*) AS n, SUM(x) / COUNT(x) avg FROM t GROUP BY ROLLUP(a) HAVING n > 1",
      "SELECT FORMAT_DATE('%Y', DATE_SUB(CURRENT_DATE(), INTERVAL 1 MONTH))",
      "SELECT e, o FROM UNNEST(['a', 'b']) e WITH OFFSET o ORDER BY o",
      "SELECT * FROM (SELECT 1 a) JOIN (SELECT 1 a) USING (a)",
      "SELECT 1 FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.x = t1.x) LIMIT 1",
      "SELECT ARRAY_LENGTH(arr), arr[OFFSET(0)].f, (SELECT AS STRUCT 1 a).a",
      "SELECT LAG(x, 1) OVER (PARTITION BY g ORDER BY t) FROM t QUALIFY x > 0",
      "SELECT * FROM ML.PREDICT(MODEL `ds.m`, (SELECT * FROM ds.t))",
      "SELECT s FROM t WHERE s LIKE r'a\\d%' AND b = b'\\x00'",
      "SELECT 1 + 2 << 3 & 4 ^ 5 | 6",
      "SELECT IFNULL(a, 0), COALESCE(a, b, 0), NULLIF(a, 0), IF(a, 1, 2)",
      "SELECT ST_DISTANCE(a, b), NET.HOST(u), SAFE_DIVIDE(1, 0)",
      "WITH t AS (SELECT 1 x) (SELECT x FROM t) UNION ALL (SELECT 2)",
      "CREATE TABLE IF NOT EXISTS tab0(col0 INTEGER, col1 INTEGER, col2 INTEGER)",
      "INSERT INTO tab0 VALUES(97,1,99)",
      "UPDATE t SET a = NULL WHERE TRUE",
      "CREATE TABLE ds.t2 AS SELECT * FROM ds.t WHERE FALSE",
      "EXPLAIN SELECT * FROM a LEFT JOIN b ON a.x = b.x WHERE b.x IS NULL",
      "SELECT CAST('1' AS BIGNUMERIC), CAST(x AS BYTES(4)), CAST(x AS TIMESTAMP)",
      "SELECT TIMESTAMP_TRUNC(ts, HOUR), EXTRACT(ISOWEEK FROM d), DATE_DIFF(a, b, DAY)",
      "SELECT GROUPING(a) FROM t GROUP BY CUBE(a)",
      "SELECT * FROM t WHERE x = @p AND y IN UNNEST(@arr)",
      "SELECT -9223372036854775808, 9223372036854775807, -0.0, 1e-300",
  };
  for (const char* sql : statements) {
    SCOPED_TRACE(sql);
    try {
      std::string canonical = ParseStatement(sql)->ToString();
      EXPECT_EQ(ParseStatement(canonical)->ToString(), canonical);
    } catch (const Error& error) {
      ADD_FAILURE() << error.message() << " at " << error.position();
    }
  }
}

}  // namespace
}  // namespace dq::sql
