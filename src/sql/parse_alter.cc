// ALTER TABLE statements.
#include "sql/parser_internal.h"

namespace dq::sql {

StatementPtr Parser::ParseAlterTable() {
  auto statement = std::make_unique<AlterTableStatement>(ExpectWord("ALTER").position);
  ExpectWord("TABLE");
  statement->if_exists = ParseIfExists();
  statement->table = ParsePath(true);
  do {
    statement->actions.push_back(ParseAlterTableAction());
  } while (AcceptSymbol(","));
  return statement;
}

AlterTableStatement::Action Parser::ParseAlterTableAction() {
  using ActionKind = AlterTableStatement::ActionKind;
  AlterTableStatement::Action action;
  action.position = Peek().position;
  if (AcceptWord("ADD")) {
    ExpectWord("COLUMN");
    action.kind = ActionKind::kAddColumn;
    action.if_not_exists = ParseIfNotExists();
    action.column = ParseColumnDefinition();
    return action;
  }
  if (AcceptWord("DROP")) {
    ExpectWord("COLUMN");
    action.kind = ActionKind::kDropColumn;
    action.if_exists = ParseIfExists();
    action.column_name = ExpectIdentifier();
    return action;
  }
  if (AcceptWord("RENAME")) {
    if (AcceptKeyword("TO")) {
      action.kind = ActionKind::kRenameTable;
      action.new_name = ParsePath(true);
      return action;
    }
    ExpectWord("COLUMN");
    action.kind = ActionKind::kRenameColumn;
    action.if_exists = ParseIfExists();
    action.column_name = ExpectIdentifier();
    ExpectKeyword("TO");
    action.new_name = {ExpectIdentifier()};
    return action;
  }
  if (AcceptKeyword("SET")) {
    action.kind = ActionKind::kSetOptions;
    if (!AtWord("OPTIONS")) ThrowExpected("keyword OPTIONS");
    Advance();
    action.options = ParseOptionList();
    return action;
  }
  if (!AcceptWord("ALTER")) {
    ThrowExpected("keyword ADD, keyword ALTER, keyword DROP, keyword RENAME or keyword SET");
  }
  ExpectWord("COLUMN");
  action.if_exists = ParseIfExists();
  action.column_name = ExpectIdentifier();
  if (AcceptKeyword("SET")) {
    if (AcceptKeyword("DEFAULT")) {
      action.kind = ActionKind::kSetDefault;
      action.default_value = ParseExpressionNode();
      return action;
    }
    if (AcceptWord("DATA")) {
      ExpectWord("TYPE");
      action.kind = ActionKind::kSetDataType;
      action.data_type = ParseType();
      return action;
    }
    if (!AtWord("OPTIONS")) ThrowExpected("keyword DATA, keyword DEFAULT or keyword OPTIONS");
    Advance();
    action.kind = ActionKind::kSetColumnOptions;
    action.options = ParseOptionList();
    return action;
  }
  if (!AcceptWord("DROP")) ThrowExpected("keyword DROP or keyword SET");
  if (AcceptKeyword("DEFAULT")) {
    action.kind = ActionKind::kDropDefault;
    return action;
  }
  if (!AcceptKeyword("NOT")) ThrowExpected("keyword DEFAULT or keyword NOT");
  ExpectKeyword("NULL");
  action.kind = ActionKind::kDropNotNull;
  return action;
}

}  // namespace dq::sql
