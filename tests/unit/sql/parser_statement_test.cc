#include <gtest/gtest.h>

#include "parser_test_util.h"
#include "sql/parser.h"

namespace dq::sql {
namespace {

using testing::ExpectStatement;

TEST(ParserStatementTest, SchemaStatements) {
  ExpectStatement("CREATE SCHEMA ds", "CREATE SCHEMA ds");
  ExpectStatement("create dataset if not exists proj.ds options(description = 'x')",
                  "CREATE SCHEMA IF NOT EXISTS proj.ds OPTIONS(description = 'x')");
  ExpectStatement("DROP SCHEMA IF EXISTS ds CASCADE", "DROP SCHEMA IF EXISTS ds CASCADE");
  ExpectStatement("DROP DATASET ds RESTRICT", "DROP SCHEMA ds RESTRICT");
  StatementPtr statement = ParseStatement("DROP SCHEMA ds");
  EXPECT_EQ(statement->kind, StatementKind::kDropSchema);
  EXPECT_EQ(statement->As<DropStatement>().mode, DropStatement::Mode::kDefault);
}

TEST(ParserStatementTest, CreateTable) {
  ExpectStatement(
      "CREATE TABLE ds.t (id INT64 NOT NULL, name STRING(20) DEFAULT 'x' OPTIONS(description = "
      "'n'), tags ARRAY<STRING>, PRIMARY KEY (id) NOT ENFORCED) OPTIONS(expiration = 3)",
      "CREATE TABLE ds.t (id INT64 NOT NULL, name STRING(20) DEFAULT 'x' OPTIONS(description = "
      "'n'), tags ARRAY<STRING>, PRIMARY KEY (id) NOT ENFORCED) OPTIONS(expiration = 3)");
  ExpectStatement("create or replace temp table if not exists t as select 1 as a",
                  "CREATE OR REPLACE TEMP TABLE IF NOT EXISTS t AS SELECT 1 AS a");
  ExpectStatement(
      "CREATE TABLE t1(a INTEGER, b VARCHAR(30) NULL, c DOUBLE PRECISION, d DECIMAL(10,2))",
      "CREATE TABLE t1 (a INTEGER, b VARCHAR(30), c DOUBLE PRECISION, d DECIMAL(10, 2))");
  ExpectStatement("CREATE TABLE `proj.ds.t` (a INT64 PRIMARY KEY) AS (SELECT 1)",
                  "CREATE TABLE proj.ds.t (a INT64 PRIMARY KEY NOT ENFORCED) AS (SELECT 1)");
  StatementPtr statement = ParseStatement("CREATE TABLE t (a INT64 DEFAULT -1, b BOOL NOT NULL)");
  const CreateTableStatement& create = statement->As<CreateTableStatement>();
  ASSERT_EQ(create.columns.size(), 2u);
  EXPECT_EQ(create.columns[0].default_value->As<Literal>().int_value, -1);
  EXPECT_EQ(create.columns[0].type->name, "INT64");
  EXPECT_TRUE(create.columns[1].not_null);
  EXPECT_EQ(create.columns[1].position, 36);
  EXPECT_EQ(create.query, nullptr);
}

TEST(ParserStatementTest, ViewsAndIndexes) {
  ExpectStatement("CREATE OR REPLACE VIEW v (a, b) AS SELECT 1, 2",
                  "CREATE OR REPLACE VIEW v (a, b) AS SELECT 1, 2");
  ExpectStatement("CREATE VIEW IF NOT EXISTS ds.v AS WITH w AS (SELECT 1) SELECT * FROM w",
                  "CREATE VIEW IF NOT EXISTS ds.v AS WITH w AS (SELECT 1) SELECT * FROM w");
  ExpectStatement("DROP VIEW IF EXISTS ds.v", "DROP VIEW IF EXISTS ds.v");
  ExpectStatement("CREATE UNIQUE INDEX i1 ON t1(a, b DESC)",
                  "CREATE UNIQUE INDEX i1 ON t1(a, b DESC)");
  ExpectStatement(
      "CREATE VECTOR INDEX IF NOT EXISTS vi ON ds.t(emb) OPTIONS(distance_type = 'COSINE')",
      "CREATE VECTOR INDEX IF NOT EXISTS vi ON ds.t(emb) OPTIONS(distance_type = 'COSINE')");
  ExpectStatement("DROP INDEX i1 ON t1", "DROP INDEX i1 ON t1");
}

TEST(ParserStatementTest, Models) {
  ExpectStatement(
      "create or replace model shop.churn options(model_type='ONNX', model_path='m.onnx')",
      "CREATE OR REPLACE MODEL shop.churn OPTIONS(model_type = 'ONNX', model_path = 'm.onnx')");
  ExpectStatement("CREATE MODEL IF NOT EXISTS m", "CREATE MODEL IF NOT EXISTS m");
  ExpectStatement("CREATE MODEL ds.f OPTIONS(model_type = 'ARIMA_PLUS') AS SELECT 1",
                  "CREATE MODEL ds.f OPTIONS(model_type = 'ARIMA_PLUS') AS SELECT 1");
  ExpectStatement("DROP MODEL IF EXISTS shop.churn", "DROP MODEL IF EXISTS shop.churn");
  ExpectStatement("DROP MODEL `p.shop.churn`", "DROP MODEL p.shop.churn");
}

TEST(ParserStatementTest, Dml) {
  ExpectStatement("INSERT INTO ds.t (a, b) VALUES (1, 'x'), (2, DEFAULT)",
                  "INSERT INTO ds.t (a, b) VALUES (1, 'x'), (2, DEFAULT)");
  ExpectStatement("INSERT t SELECT * FROM u", "INSERT INTO t SELECT * FROM u");
  ExpectStatement("INSERT INTO t (a) (SELECT 1)", "INSERT INTO t (a) (SELECT 1)");
  ExpectStatement("INSERT INTO t WITH w AS (SELECT 1) SELECT * FROM w",
                  "INSERT INTO t WITH w AS (SELECT 1) SELECT * FROM w");
  ExpectStatement("DELETE FROM t WHERE a = 1", "DELETE FROM t WHERE (a = 1)");
  ExpectStatement("DELETE ds.t x WHERE x.a IS NULL", "DELETE FROM ds.t AS x WHERE (x.a IS NULL)");
  ExpectStatement("UPDATE t AS x SET a = a + 1, s.f = DEFAULT FROM u WHERE x.id = u.id",
                  "UPDATE t AS x SET a = (a + 1), s.f = DEFAULT FROM u WHERE (x.id = u.id)");
  ExpectStatement("TRUNCATE TABLE ds.t", "TRUNCATE TABLE ds.t");
  StatementPtr statement = ParseStatement("INSERT INTO t VALUES (1, 2), (3, 4), (5, 6)");
  const InsertStatement& insert = statement->As<InsertStatement>();
  EXPECT_EQ(insert.rows.size(), 3u);
  EXPECT_TRUE(insert.columns.empty());
  EXPECT_EQ(insert.query, nullptr);
}

TEST(ParserStatementTest, LoadData) {
  ExpectStatement(
      "LOAD DATA INTO ds.t FROM FILES(format = 'CSV', uris = ['a/*.csv'], skip_leading_rows = 1, "
      "field_delimiter = ',')",
      "LOAD DATA INTO ds.t FROM FILES(format = 'CSV', uris = ['a/*.csv'], skip_leading_rows = 1, "
      "field_delimiter = ',')");
  ExpectStatement("LOAD DATA OVERWRITE t (a INT64, b STRING) FROM FILES(format = 'PARQUET')",
                  "LOAD DATA OVERWRITE t (a INT64, b STRING) FROM FILES(format = 'PARQUET')");
  ExpectStatement("LOAD DATA INTO TEMP TABLE t OPTIONS(x = 1) FROM FILES(uris = ['f'])",
                  "LOAD DATA INTO TEMP TABLE t OPTIONS(x = 1) FROM FILES(uris = ['f'])");
  StatementPtr statement = ParseStatement("LOAD DATA OVERWRITE t FROM FILES(format = 'CSV')");
  const LoadDataStatement& load = statement->As<LoadDataStatement>();
  EXPECT_TRUE(load.overwrite);
  ASSERT_EQ(load.file_options.size(), 1u);
  EXPECT_EQ(load.file_options[0].name, "format");
  EXPECT_EQ(load.file_options[0].value->As<Literal>().text, "CSV");
}

TEST(ParserStatementTest, ExplainAndSet) {
  ExpectStatement("EXPLAIN SELECT 1", "EXPLAIN SELECT 1");
  ExpectStatement("explain analyze SELECT a FROM t", "EXPLAIN ANALYZE SELECT a FROM t");
  ExpectStatement("SET threads = 4", "SET threads = 4");
  ExpectStatement("SET memory_limit = '2GB'", "SET memory_limit = '2GB'");
  StatementPtr statement = ParseStatement("EXPLAIN ANALYZE DELETE FROM t WHERE TRUE");
  EXPECT_TRUE(statement->As<ExplainStatement>().analyze);
  EXPECT_EQ(statement->As<ExplainStatement>().statement->kind, StatementKind::kDelete);
}

TEST(ParserStatementTest, StatementLists) {
  std::vector<StatementPtr> statements =
      ParseStatements(";; SELECT 1; CREATE SCHEMA s;\n\n; INSERT INTO t VALUES (1);");
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0]->kind, StatementKind::kQuery);
  EXPECT_EQ(statements[1]->kind, StatementKind::kCreateSchema);
  EXPECT_EQ(statements[2]->kind, StatementKind::kInsert);
  EXPECT_EQ(statements[1]->position, 13);
  EXPECT_TRUE(ParseStatements("").empty());
  EXPECT_TRUE(ParseStatements(" -- nothing\n;").empty());
  EXPECT_EQ(ParseStatements("SELECT 1").size(), 1u);
  EXPECT_EQ(ParseStatement("SELECT 1;")->ToString(), "SELECT 1");
}

}  // namespace
}  // namespace dq::sql
