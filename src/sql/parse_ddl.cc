// CREATE and DROP statements, column definitions and OPTIONS lists.
#include "sql/parser_internal.h"

namespace dq::sql {

bool Parser::ParseIfNotExists() {
  if (!AcceptKeyword("IF")) return false;
  ExpectKeyword("NOT");
  ExpectKeyword("EXISTS");
  return true;
}

bool Parser::ParseIfExists() {
  if (!AcceptKeyword("IF")) return false;
  ExpectKeyword("EXISTS");
  return true;
}

std::vector<std::string> Parser::ParseParenthesizedNames() {
  std::vector<std::string> names;
  ExpectSymbol("(");
  do {
    names.push_back(ExpectIdentifier());
  } while (AcceptSymbol(","));
  ExpectSymbol(")");
  return names;
}

OptionList Parser::ParseOptionList() {
  OptionList options;
  ExpectSymbol("(");
  if (!AtSymbol(")")) {
    do {
      OptionEntry entry;
      entry.position = Peek().position;
      if (!AtIdentifier() && Peek().kind != TokenKind::kKeyword) ThrowExpected("identifier");
      entry.name = Advance().NameText();
      ExpectSymbol("=");
      entry.value = ParseExpressionNode();
      options.push_back(std::move(entry));
    } while (AcceptSymbol(","));
  }
  ExpectSymbol(")");
  return options;
}

OptionList Parser::ParseOptionalOptions() {
  if (!AcceptWord("OPTIONS")) return {};
  return ParseOptionList();
}

ColumnDefinition Parser::ParseColumnDefinition() {
  ColumnDefinition column;
  column.position = Peek().position;
  column.name = ExpectIdentifier();
  column.type = ParseType();
  while (true) {
    if (AcceptKeyword("NOT")) {
      ExpectKeyword("NULL");
      column.not_null = true;
    } else if (AcceptKeyword("NULL")) {
      // Explicitly nullable, the default.
    } else if (AtWord("PRIMARY") && AtWord("KEY", 1)) {
      Advance();
      Advance();
      column.primary_key = true;
      if (AcceptKeyword("NOT")) ExpectWord("ENFORCED");
    } else if (AcceptKeyword("DEFAULT")) {
      column.default_value = ParseExpressionNode();
    } else if (AtWord("OPTIONS")) {
      column.options = ParseOptionalOptions();
    } else {
      return column;
    }
  }
}

StatementPtr Parser::ParseCreate() {
  int64_t position = ExpectKeyword("CREATE").position;
  bool or_replace = false;
  if (AcceptKeyword("OR")) {
    ExpectWord("REPLACE");
    or_replace = true;
  }
  bool temporary = AcceptWord("TEMP") || AcceptWord("TEMPORARY");
  if (AtWord("TABLE")) return ParseCreateTable(position, or_replace, temporary);
  if (AtWord("VIEW")) return ParseCreateView(position, or_replace);
  if (AtWord("MODEL") && !temporary) return ParseCreateModel(position, or_replace);
  if (AtWord("INDEX") || AtWord("UNIQUE") || AtWord("VECTOR")) {
    return ParseCreateIndex(position, or_replace);
  }
  if (AcceptWord("SCHEMA") || AcceptWord("DATASET")) {
    auto statement = std::make_unique<CreateSchemaStatement>(position);
    statement->if_not_exists = ParseIfNotExists();
    statement->name = ParsePath(true);
    statement->options = ParseOptionalOptions();
    return statement;
  }
  ThrowUnexpected();
}

StatementPtr Parser::ParseCreateTable(int64_t position, bool or_replace, bool temporary) {
  ExpectWord("TABLE");
  auto statement = std::make_unique<CreateTableStatement>(position);
  statement->or_replace = or_replace;
  statement->temporary = temporary;
  statement->if_not_exists = ParseIfNotExists();
  statement->name = ParsePath(true);
  bool has_columns = false;
  if (AtSymbol("(") && !AtParenthesizedQuery()) {
    has_columns = true;
    Advance();
    do {
      if (AtWord("PRIMARY") && AtWord("KEY", 1)) {
        Advance();
        Advance();
        statement->primary_key = ParseParenthesizedNames();
        if (AcceptKeyword("NOT")) ExpectWord("ENFORCED");
      } else {
        statement->columns.push_back(ParseColumnDefinition());
      }
    } while (AcceptSymbol(","));
    ExpectSymbol(")");
  }
  statement->options = ParseOptionalOptions();
  if (AcceptKeyword("AS")) {
    statement->query = ParseQuery();
  } else if (!has_columns) {
    ThrowExpected("\"(\" or keyword AS");
  }
  return statement;
}

StatementPtr Parser::ParseCreateView(int64_t position, bool or_replace) {
  ExpectWord("VIEW");
  auto statement = std::make_unique<CreateViewStatement>(position);
  statement->or_replace = or_replace;
  statement->if_not_exists = ParseIfNotExists();
  statement->name = ParsePath(true);
  if (AtSymbol("(")) statement->column_names = ParseParenthesizedNames();
  statement->options = ParseOptionalOptions();
  ExpectKeyword("AS");
  statement->query = ParseQuery();
  return statement;
}

StatementPtr Parser::ParseCreateModel(int64_t position, bool or_replace) {
  ExpectWord("MODEL");
  auto statement = std::make_unique<CreateModelStatement>(position);
  statement->or_replace = or_replace;
  statement->if_not_exists = ParseIfNotExists();
  statement->name = ParsePath(true);
  statement->options = ParseOptionalOptions();
  if (AcceptKeyword("AS")) statement->query = ParseQuery();
  return statement;
}

StatementPtr Parser::ParseCreateIndex(int64_t position, bool or_replace) {
  auto statement = std::make_unique<CreateIndexStatement>(position);
  statement->or_replace = or_replace;
  statement->unique = AcceptWord("UNIQUE");
  if (!statement->unique) statement->vector = AcceptWord("VECTOR");
  ExpectWord("INDEX");
  statement->if_not_exists = ParseIfNotExists();
  statement->name = ParsePath(true);
  ExpectKeyword("ON");
  statement->table = ParsePath(true);
  ExpectSymbol("(");
  statement->columns = ParseOrderByList();
  ExpectSymbol(")");
  statement->options = ParseOptionalOptions();
  return statement;
}

StatementPtr Parser::ParseDrop() {
  int64_t position = ExpectWord("DROP").position;
  StatementKind kind;
  if (AcceptWord("SCHEMA") || AcceptWord("DATASET")) {
    kind = StatementKind::kDropSchema;
  } else if (AcceptWord("TABLE")) {
    kind = StatementKind::kDropTable;
  } else if (AcceptWord("VIEW")) {
    kind = StatementKind::kDropView;
  } else if (AcceptWord("INDEX")) {
    kind = StatementKind::kDropIndex;
  } else if (AcceptWord("MODEL")) {
    kind = StatementKind::kDropModel;
  } else {
    ThrowUnexpected();
  }
  auto statement = std::make_unique<DropStatement>(kind, position);
  statement->if_exists = ParseIfExists();
  statement->name = ParsePath(true);
  if (kind == StatementKind::kDropIndex && AcceptKeyword("ON")) {
    statement->index_table = ParsePath(true);
  }
  if (AcceptWord("CASCADE")) {
    statement->mode = DropStatement::Mode::kCascade;
  } else if (AcceptWord("RESTRICT")) {
    statement->mode = DropStatement::Mode::kRestrict;
  }
  return statement;
}

}  // namespace dq::sql
