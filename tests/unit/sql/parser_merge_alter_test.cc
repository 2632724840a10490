// MERGE and ALTER TABLE: parsing, canonical text and syntax errors.
#include <gtest/gtest.h>

#include "parser_test_util.h"
#include "sql/parser.h"

namespace dq::sql {
namespace {

using testing::ExpectError;
using testing::ExpectStatement;

TEST(ParserMergeTest, Clauses) {
  ExpectStatement(
      "merge t using s on t.id = s.id "
      "when matched and s.x > 1 then update set x = s.x, t.y = default "
      "when matched then delete "
      "when not matched then insert (id, x) values (s.id, default) "
      "when not matched by target and s.id > 5 then insert row "
      "when not matched by source then delete "
      "when not matched by source and t.x is null then update set x = 0",
      "MERGE INTO t USING s ON (t.id = s.id)"
      " WHEN MATCHED AND (s.x > 1) THEN UPDATE SET x = s.x, t.y = DEFAULT"
      " WHEN MATCHED THEN DELETE"
      " WHEN NOT MATCHED BY TARGET THEN INSERT (id, x) VALUES (s.id, DEFAULT)"
      " WHEN NOT MATCHED BY TARGET AND (s.id > 5) THEN INSERT ROW"
      " WHEN NOT MATCHED BY SOURCE THEN DELETE"
      " WHEN NOT MATCHED BY SOURCE AND (t.x IS NULL) THEN UPDATE SET x = 0");
  ExpectStatement("MERGE ds.t AS tt USING (SELECT 1 AS id) AS src ON tt.id = src.id "
                  "WHEN NOT MATCHED THEN INSERT VALUES (src.id)",
                  "MERGE INTO ds.t AS tt USING (SELECT 1 AS id) AS src ON (tt.id = src.id)"
                  " WHEN NOT MATCHED BY TARGET THEN INSERT VALUES (src.id)");
  StatementPtr statement = ParseStatement(
      "MERGE INTO t T USING s S ON FALSE WHEN NOT MATCHED BY SOURCE THEN DELETE");
  const MergeStatement& merge = statement->As<MergeStatement>();
  EXPECT_EQ(merge.alias, "T");
  ASSERT_EQ(merge.clauses.size(), 1u);
  EXPECT_EQ(merge.clauses[0].match, MergeStatement::MatchKind::kNotMatchedBySource);
  EXPECT_EQ(merge.clauses[0].action, MergeStatement::ActionKind::kDelete);
  EXPECT_EQ(merge.source->kind, TableReferenceKind::kTable);
}

TEST(ParserMergeTest, Errors) {
  ExpectError("MERGE t USING s ON TRUE",
              "Syntax error: Expected keyword WHEN but got end of statement", 23);
  ExpectError("MERGE t USING s ON TRUE WHEN MATCHED THEN INSERT ROW",
              "Syntax error: Expected keyword DELETE or keyword UPDATE but got identifier "
              "\"INSERT\"",
              42);
  ExpectError("MERGE t USING s ON TRUE WHEN NOT MATCHED THEN DELETE",
              "Syntax error: Expected keyword INSERT but got identifier \"DELETE\"", 46);
  ExpectError("MERGE t USING s ON TRUE WHEN NOT MATCHED BY X THEN DELETE",
              "Syntax error: Expected keyword SOURCE or keyword TARGET but got identifier \"X\"",
              44);
  ExpectError("MERGE t USING s, u ON TRUE WHEN MATCHED THEN DELETE",
              "Syntax error: Expected keyword ON but got \",\"", 15);
  ExpectError("MERGE t USING UNNEST([1]) ON TRUE WHEN MATCHED THEN DELETE",
              "Syntax error: MERGE source must be a table name or a parenthesized query", 14);
  ExpectError("MERGE t USING s ON TRUE WHEN NOT MATCHED THEN INSERT (a)",
              "Syntax error: Expected keyword VALUES or keyword ROW but got end of statement",
              56);
}

TEST(ParserAlterTableTest, Actions) {
  ExpectStatement("alter table if exists ds.t add column c INT64 DEFAULT 5, "
                  "add column if not exists d STRING",
                  "ALTER TABLE IF EXISTS ds.t ADD COLUMN c INT64 DEFAULT 5, "
                  "ADD COLUMN IF NOT EXISTS d STRING");
  ExpectStatement("ALTER TABLE t DROP COLUMN IF EXISTS c, DROP COLUMN d",
                  "ALTER TABLE t DROP COLUMN IF EXISTS c, DROP COLUMN d");
  ExpectStatement("ALTER TABLE t RENAME COLUMN a TO b, RENAME COLUMN IF EXISTS c TO d",
                  "ALTER TABLE t RENAME COLUMN a TO b, RENAME COLUMN IF EXISTS c TO d");
  ExpectStatement("ALTER TABLE t RENAME TO u", "ALTER TABLE t RENAME TO u");
  ExpectStatement("ALTER TABLE t ALTER COLUMN a SET DEFAULT 'x', ALTER COLUMN b DROP DEFAULT, "
                  "ALTER COLUMN IF EXISTS c DROP NOT NULL",
                  "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'x', ALTER COLUMN b DROP DEFAULT, "
                  "ALTER COLUMN IF EXISTS c DROP NOT NULL");
  ExpectStatement("alter table t alter column if exists a set data type numeric",
                  "ALTER TABLE t ALTER COLUMN IF EXISTS a SET DATA TYPE NUMERIC");
  ExpectStatement("ALTER TABLE t SET OPTIONS(description = 'd'), "
                  "ALTER COLUMN a SET OPTIONS(description = 'e')",
                  "ALTER TABLE t SET OPTIONS(description = 'd'), "
                  "ALTER COLUMN a SET OPTIONS(description = 'e')");
  StatementPtr statement = ParseStatement("ALTER TABLE t ADD COLUMN c INT64 NOT NULL");
  const AlterTableStatement& alter = statement->As<AlterTableStatement>();
  ASSERT_EQ(alter.actions.size(), 1u);
  EXPECT_EQ(alter.actions[0].kind, AlterTableStatement::ActionKind::kAddColumn);
  EXPECT_TRUE(alter.actions[0].column.not_null);
}

TEST(ParserAlterTableTest, Errors) {
  ExpectError("ALTER TABLE t",
              "Syntax error: Expected keyword ADD, keyword ALTER, keyword DROP, keyword RENAME "
              "or keyword SET but got end of statement",
              13);
  ExpectError("ALTER TABLE t ADD c INT64",
              "Syntax error: Expected keyword COLUMN but got identifier \"c\"", 18);
  ExpectError("ALTER TABLE t ALTER COLUMN c SET TYPE INT64",
              "Syntax error: Expected keyword DATA, keyword DEFAULT or keyword OPTIONS but got "
              "identifier \"TYPE\"",
              33);
  ExpectError("ALTER TABLE t ALTER COLUMN c SET DATA INT64",
              "Syntax error: Expected keyword TYPE but got identifier \"INT64\"", 38);
  ExpectError("ALTER TABLE t ALTER COLUMN c DROP NULL",
              "Syntax error: Expected keyword DEFAULT or keyword NOT but got keyword NULL", 34);
}

}  // namespace
}  // namespace dq::sql
