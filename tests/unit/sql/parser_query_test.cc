#include <gtest/gtest.h>

#include "parser_test_util.h"
#include "sql/parser.h"

namespace dq::sql {
namespace {

using testing::ExpectStatement;

const QueryExpression& QueryOf(const StatementPtr& statement) {
  return *statement->As<QueryStatement>().query;
}

TEST(ParserQueryTest, SelectClauses) {
  ExpectStatement(
      "select distinct a, b as bee, c cee from t where a > 1 group by 1, 2 having count(*) > 2 "
      "qualify row_number() over (partition by a) = 1 order by 1 desc limit 10 offset 5",
      "SELECT DISTINCT a, b AS bee, c AS cee FROM t WHERE (a > 1) GROUP BY 1, 2 HAVING "
      "(count(*) > 2) QUALIFY (row_number() OVER (PARTITION BY a) = 1) ORDER BY 1 DESC LIMIT 10 "
      "OFFSET 5");
  ExpectStatement("SELECT 1", "SELECT 1");
  ExpectStatement("SELECT ALL 1", "SELECT 1");
  // A trailing comma ends the SELECT list (GoogleSQL).
  ExpectStatement("SELECT 1, FROM t", "SELECT 1 FROM t");
  ExpectStatement("SELECT a, b, FROM t UNION ALL SELECT 1, 2,",
                  "SELECT a, b FROM t UNION ALL SELECT 1, 2");
  ExpectStatement("SELECT (SELECT x, FROM t)", "SELECT (SELECT x FROM t)");
  ExpectStatement("SELECT AS STRUCT 1 AS a, 2 AS b", "SELECT AS STRUCT 1 AS a, 2 AS b");
  ExpectStatement("SELECT AS VALUE STRUCT(1 AS a)", "SELECT AS VALUE STRUCT(1 AS a)");
  ExpectStatement("SELECT x FROM t LIMIT @n", "SELECT x FROM t LIMIT @n");
}

TEST(ParserQueryTest, SelectItemsAndStars) {
  ExpectStatement("SELECT * FROM t", "SELECT * FROM t");
  ExpectStatement("SELECT t.*, u.x FROM t, u", "SELECT t.*, u.x FROM t, u");
  ExpectStatement("SELECT * EXCEPT (a, b) REPLACE (a + 1 AS c) FROM t",
                  "SELECT * EXCEPT (a, b) REPLACE ((a + 1) AS c) FROM t");
  ExpectStatement("SELECT s.* EXCEPT (x) FROM t", "SELECT s.* EXCEPT (x) FROM t");
  StatementPtr statement = ParseStatement("SELECT a AS `Order`, b date, `c d` FROM t");
  const SelectCore& select = QueryOf(statement).body->As<SelectCore>();
  ASSERT_EQ(select.items.size(), 3u);
  EXPECT_EQ(select.items[0].alias, "Order");
  EXPECT_EQ(select.items[1].alias, "date");  // a non-reserved word works as a bare alias
  EXPECT_EQ(select.items[2].alias, "");
  EXPECT_EQ(select.items[2].expression->As<PathExpression>().names[0], "c d");
  EXPECT_EQ(select.items[1].position, 21);
}

TEST(ParserQueryTest, WithAndSetOperations) {
  ExpectStatement("WITH a AS (SELECT 1 AS x), b AS (SELECT x FROM a) SELECT * FROM b",
                  "WITH a AS (SELECT 1 AS x), b AS (SELECT x FROM a) SELECT * FROM b");
  ExpectStatement("WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r",
                  "WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r");
  ExpectStatement("SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3",
                  "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3");
  ExpectStatement("SELECT 1 UNION SELECT 2", "SELECT 1 UNION DISTINCT SELECT 2");
  ExpectStatement(
      "(SELECT 1 EXCEPT DISTINCT SELECT 2) INTERSECT ALL (SELECT 3 ORDER BY 1 LIMIT 1)",
      "(SELECT 1 EXCEPT DISTINCT SELECT 2) INTERSECT ALL (SELECT 3 ORDER BY 1 LIMIT 1)");
  ExpectStatement("SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1 LIMIT 3",
                  "SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1 LIMIT 3");
  StatementPtr statement = ParseStatement("SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3");
  const SetOperation& top = QueryOf(statement).body->As<SetOperation>();
  EXPECT_TRUE(top.all);
  EXPECT_EQ(top.op, SetOperator::kUnion);
  EXPECT_EQ(top.left->kind, QueryBodyKind::kSetOperation);  // left-deep
  EXPECT_EQ(top.right->kind, QueryBodyKind::kSelect);
  ExpectStatement("((SELECT 1))", "((SELECT 1))");
}

TEST(ParserQueryTest, GroupByForms) {
  ExpectStatement("SELECT a, SUM(b) FROM t GROUP BY ROLLUP(a, c)",
                  "SELECT a, SUM(b) FROM t GROUP BY ROLLUP(a, c)");
  ExpectStatement("SELECT 1 FROM t GROUP BY CUBE(a, b), d",
                  "SELECT 1 FROM t GROUP BY CUBE(a, b), d");
  ExpectStatement("SELECT 1 FROM t GROUP BY GROUPING SETS((a, b), a, (), ROLLUP(c))",
                  "SELECT 1 FROM t GROUP BY GROUPING SETS((a, b), a, (), ROLLUP(c))");
  ExpectStatement("SELECT 1 FROM t GROUP BY ()", "SELECT 1 FROM t GROUP BY ()");
  ExpectStatement("SELECT a, COUNT(*) FROM t GROUP BY ALL",
                  "SELECT a, COUNT(*) FROM t GROUP BY ALL");
  StatementPtr statement = ParseStatement("SELECT 1 FROM t GROUP BY GROUPING SETS(a, (b, c))");
  const SelectCore& select = QueryOf(statement).body->As<SelectCore>();
  ASSERT_EQ(select.group_by.size(), 1u);
  EXPECT_EQ(select.group_by[0].kind, GroupingElement::Kind::kGroupingSets);
  EXPECT_EQ(select.group_by[0].children[1].expressions.size(), 2u);
}

TEST(ParserQueryTest, NamedWindows) {
  ExpectStatement(
      "SELECT SUM(x) OVER w1, AVG(x) OVER (w2 ROWS 1 PRECEDING) FROM t "
      "WINDOW w1 AS (PARTITION BY a), w2 AS (w1 ORDER BY b)",
      "SELECT SUM(x) OVER w1, AVG(x) OVER (w2 ROWS 1 PRECEDING) FROM t "
      "WINDOW w1 AS (PARTITION BY a), w2 AS (w1 ORDER BY b)");
}

TEST(ParserQueryTest, TableReferences) {
  ExpectStatement("SELECT * FROM ds.t AS x", "SELECT * FROM ds.t AS x");
  ExpectStatement("SELECT * FROM `proj.ds.t` x", "SELECT * FROM proj.ds.t AS x");
  ExpectStatement("SELECT * FROM proj.ds.`my table`", "SELECT * FROM proj.ds.`my table`");
  ExpectStatement("SELECT * FROM (SELECT 1 AS a) sub", "SELECT * FROM (SELECT 1 AS a) AS sub");
  ExpectStatement("SELECT * FROM UNNEST([1, 2]) AS v WITH OFFSET AS o",
                  "SELECT * FROM UNNEST([1, 2]) AS v WITH OFFSET AS o");
  ExpectStatement("SELECT * FROM UNNEST(arr) WITH OFFSET", "SELECT * FROM UNNEST(arr) WITH OFFSET");
  ExpectStatement("SELECT * FROM t, t.arr AS e", "SELECT * FROM t, t.arr AS e");
  StatementPtr statement = ParseStatement("SELECT * FROM `proj.ds.t`");
  const SelectCore& select = QueryOf(statement).body->As<SelectCore>();
  EXPECT_EQ(select.from->As<TableName>().path, (std::vector<std::string>{"proj", "ds", "t"}));
  EXPECT_EQ(select.from->position, 14);
}

TEST(ParserQueryTest, Joins) {
  ExpectStatement("SELECT * FROM a JOIN b ON a.id = b.id LEFT OUTER JOIN c USING (id)",
                  "SELECT * FROM a JOIN b ON (a.id = b.id) LEFT JOIN c USING (id)");
  ExpectStatement(
      "SELECT * FROM a INNER JOIN b USING (x, y) RIGHT JOIN c ON TRUE FULL JOIN d ON 1 = 1",
      "SELECT * FROM a JOIN b USING (x, y) RIGHT JOIN c ON TRUE FULL JOIN d ON (1 = 1)");
  ExpectStatement("SELECT * FROM a CROSS JOIN b, c", "SELECT * FROM a CROSS JOIN b, c");
  ExpectStatement("SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.y = b.y",
                  "SELECT * FROM a JOIN (b JOIN c ON (b.x = c.x)) ON (a.y = b.y)");
  ExpectStatement("SELECT * FROM t JOIN UNNEST(t.arr) AS e",
                  "SELECT * FROM t JOIN UNNEST(t.arr) AS e");
  StatementPtr statement = ParseStatement("SELECT * FROM a, b LEFT JOIN c ON TRUE");
  const TableReference& from = *QueryOf(statement).body->As<SelectCore>().from;
  const JoinTableReference& join = from.As<JoinTableReference>();
  EXPECT_EQ(join.join_type, JoinType::kLeft);
  EXPECT_EQ(join.left->As<JoinTableReference>().join_type, JoinType::kComma);
  EXPECT_EQ(join.right->As<TableName>().path[0], "c");
}

TEST(ParserQueryTest, TableFunctions) {
  ExpectStatement(
      "SELECT * FROM ML.PREDICT(MODEL ds.m, TABLE ds.t, STRUCT(0.5 AS threshold)) AS p",
      "SELECT * FROM ML.PREDICT(MODEL ds.m, TABLE ds.t, STRUCT(0.5 AS threshold)) AS p");
  ExpectStatement("SELECT * FROM ML.PREDICT(MODEL `ds.m`, (SELECT a FROM t))",
                  "SELECT * FROM ML.PREDICT(MODEL ds.m, (SELECT a FROM t))");
  ExpectStatement("SELECT * FROM f(1, 'x')", "SELECT * FROM f(1, 'x')");
  StatementPtr statement = ParseStatement("SELECT * FROM ML.EVALUATE(MODEL m, TABLE t)");
  const TableFunctionCall& call =
      QueryOf(statement).body->As<SelectCore>().from->As<TableFunctionCall>();
  EXPECT_EQ(call.name, (std::vector<std::string>{"ML", "EVALUATE"}));
  ASSERT_EQ(call.arguments.size(), 2u);
  EXPECT_EQ(call.arguments[0].kind, TableFunctionArgument::Kind::kModel);
  EXPECT_EQ(call.arguments[1].kind, TableFunctionArgument::Kind::kTable);
}

TEST(ParserQueryTest, KeywordsAsIdentifiers) {
  ExpectStatement("SELECT table, data, offset, date, options FROM schema.load",
                  "SELECT table, data, offset, date, options FROM schema.load");
  ExpectStatement("SELECT `select`, t.`from` FROM `where` AS t",
                  "SELECT `select`, t.`from` FROM `where` AS t");
  // Any word, reserved or not, may follow a dot.
  ExpectStatement("SELECT t.select FROM t", "SELECT t.`select` FROM t");
}

}  // namespace
}  // namespace dq::sql
