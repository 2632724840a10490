// Binder: table-valued functions in FROM. ML.PREDICT(MODEL m, TABLE t | (query)
// [, STRUCT(n AS batch_size, TRUE AS null_on_error, TRUE AS missing_as_nan)]) becomes a LogicalPredict over the bound input relation;
// ML.FEATURE_INFO(MODEL m) a constant relation describing the model's inputs and outputs.
//
// Input binding rules (the model's declared shapes, dimension 0 = batch, see tensor_layout.h):
//   * each model input binds to the input column of the same name, case-insensitively;
//   * a [batch] / [batch, 1] input takes an INT64 or FLOAT64 column, any other shape an
//     ARRAY<INT64> or ARRAY<FLOAT64> column holding the trailing dimensions row-major;
//   * INT64 model inputs need INT64 columns (FLOAT64 values are not truncated silently).
// Outputs: FLOAT64 (INT64 for int64 outputs) when one value per row, else ARRAY of it.
// Classifier outputs that ONNX types as strings or maps (ml::OutputLabels): a "STRING" label
// output is a STRING column; a "MAP<K, FLOAT32>" output (ZipMap) is one
// ARRAY<STRUCT<label K, prob FLOAT64>> per row, in the model's class order.
#include <algorithm>

#include "common/error.h"
#include "ml/tensor.h"
#include "ml/tensor_layout.h"
#include "plan/binder.h"
#include "plan/expression_binder.h"

namespace dq {

namespace {

constexpr int64_t kMaxBatchSize = 1 << 16;

std::string FunctionName(const sql::TableFunctionCall& call) {
  std::string name;
  for (const std::string& part : call.name) name += (name.empty() ? "" : ".") + part;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return name;
}

// The column type an input of this declared type and shape accepts, for error messages.
std::string AcceptedTypes(const ModelTensorMeta& input) {
  bool is_int = input.type == "INT64";
  if (ml::IsScalarPerRow(input.shape)) return is_int ? "INT64" : "INT64 or FLOAT64";
  return is_int ? "ARRAY<INT64>" : "ARRAY<INT64> or ARRAY<FLOAT64>";
}

bool AcceptsColumn(const ModelTensorMeta& input, const LogicalType& type) {
  bool is_int = input.type == "INT64";
  const LogicalType* scalar = &type;
  if (!ml::IsScalarPerRow(input.shape)) {
    if (type.id() != TypeId::kArray) return false;
    scalar = &type.element_type();
  }
  if (scalar->id() == TypeId::kInt64) return true;
  return !is_int && scalar->id() == TypeId::kFloat64;
}

LogicalType OutputType(const ModelTensorMeta& output) {
  if (output.type == "STRING") return LogicalType(TypeId::kString);
  if (output.type.rfind("MAP<", 0) == 0) {
    bool string_keys = output.type.rfind("MAP<STRING", 0) == 0;
    return LogicalType::Array(LogicalType::Struct(
        {{"label", LogicalType(string_keys ? TypeId::kString : TypeId::kInt64)},
         {"prob", LogicalType(TypeId::kFloat64)}}));
  }
  LogicalType scalar(output.type == "INT64" ? TypeId::kInt64 : TypeId::kFloat64);
  return ml::IsScalarPerRow(output.shape) ? scalar : LogicalType::Array(scalar);
}

// STRUCT(n AS batch_size, TRUE AS null_on_error, TRUE AS missing_as_nan): any field may be
// left out.
void ReadPredictOptions(const Value& options, int64_t position, LogicalPredict& predict) {
  if (options.is_null() || options.type().id() != TypeId::kStruct) {
    throw Error(ErrorKind::kBinding, "ML.PREDICT options must be a STRUCT, e.g. "
                "STRUCT(256 AS batch_size, TRUE AS null_on_error)", position);
  }
  const std::vector<StructField>& fields = options.type().fields();
  for (size_t field = 0; field < fields.size(); ++field) {
    const Value& value = options.children()[field];
    const std::string& name = fields[field].name;
    if (IdentifierEquals(name, "null_on_error") || IdentifierEquals(name, "missing_as_nan")) {
      if (value.is_null() || value.type().id() != TypeId::kBool) {
        throw Error(ErrorKind::kBinding, "ML.PREDICT " + name + " must be TRUE or FALSE",
                    position);
      }
      (IdentifierEquals(name, "null_on_error") ? predict.options.null_on_error
                                               : predict.options.missing_as_nan) =
          value.bool_value();
      continue;
    }
    if (!IdentifierEquals(fields[field].name, "batch_size")) {
      throw Error(ErrorKind::kBinding,
                  "Unsupported ML.PREDICT option " + fields[field].name +
                      "; expected batch_size, null_on_error or missing_as_nan",
                  position);
    }
    if (value.is_null() || value.type().id() != TypeId::kInt64 || value.int64_value() < 1 ||
        value.int64_value() > kMaxBatchSize) {
      throw Error(ErrorKind::kBinding,
                  "ML.PREDICT batch_size must be an INT64 between 1 and " +
                      std::to_string(kMaxBatchSize),
                  position);
    }
    predict.options.batch_size = static_cast<size_t>(value.int64_value());
  }
}

}  // namespace

LogicalOperatorPtr Binder::BindTableFunction(const sql::TableFunctionCall& call,
                                             BindScope& scope) {
  std::string name = FunctionName(call);
  if (name == "ML.PREDICT") return BindPredict(call, scope);
  if (name == "ML.FEATURE_INFO") return BindFeatureInfo(call, scope);
  throw Error(ErrorKind::kNotSupported, "Table-valued function " + name + " is not supported",
              call.position);
}

std::shared_ptr<const ModelEntry> Binder::ResolveModel(const sql::TableFunctionArgument& argument,
                                                       const std::string& function) const {
  if (argument.kind != sql::TableFunctionArgument::Kind::kModel) {
    throw Error(ErrorKind::kBinding, function + " expects MODEL <name> as its first argument",
                argument.position);
  }
  const std::vector<std::string>& path = argument.path;
  std::string dataset = "default";
  if (path.size() == 2) dataset = path[0];
  if (path.size() == 3) dataset = path[1];
  if (path.empty() || path.size() > 3) {
    throw Error(ErrorKind::kBinding, "Invalid model name", argument.position);
  }
  if (!catalog_->FindDataset(dataset)) {
    throw Error(ErrorKind::kCatalog, "Not found: Dataset " + dataset + " was not found",
                argument.position);
  }
  std::shared_ptr<const ModelEntry> model = catalog_->FindModel(dataset, path.back());
  if (!model) {
    throw Error(ErrorKind::kCatalog,
                "Not found: Model " + dataset + "." + path.back() + " was not found",
                argument.position);
  }
  return model;
}

LogicalOperatorPtr Binder::BindPredict(const sql::TableFunctionCall& call, BindScope& scope) {
  using Kind = sql::TableFunctionArgument::Kind;
  const auto& arguments = call.arguments;
  if (arguments.size() < 2 || arguments.size() > 3) {
    throw Error(ErrorKind::kBinding,
                "ML.PREDICT expects (MODEL m, TABLE t | (query) [, STRUCT(...)])", call.position);
  }
  std::shared_ptr<const ModelEntry> model = ResolveModel(arguments[0], "ML.PREDICT");
  const sql::TableFunctionArgument& source = arguments[1];
  BindScope input_scope;
  LogicalOperatorPtr child;
  if (source.kind == Kind::kTable) {
    child = BindTableScan(source.path, "", source.position, input_scope);
  } else if (source.kind == Kind::kQuery) {
    child = BindSubqueryRelation(*source.query, "", source.position, input_scope);
  } else {
    throw Error(ErrorKind::kBinding,
                "ML.PREDICT expects TABLE <name> or a parenthesized query as its second argument",
                source.position);
  }
  auto predict = std::make_unique<LogicalPredict>();
  if (arguments.size() == 3) {
    if (arguments[2].kind != Kind::kExpression) {
      throw Error(ErrorKind::kBinding, "ML.PREDICT options must be a STRUCT", arguments[2].position);
    }
    ReadPredictOptions(BindConstant(*arguments[2].expression, "ML.PREDICT"),
                       arguments[2].position, *predict);
  }
  const BoundRelation& input = input_scope.relations().front();
  for (const ModelTensorMeta& model_input : model->inputs) {
    size_t column = 0;
    while (column < input.column_names.size() &&
           !IdentifierEquals(input.column_names[column], model_input.name)) {
      ++column;
    }
    if (column == input.column_names.size()) {
      throw Error(ErrorKind::kBinding,
                  "ML.PREDICT: model " + model->dataset + "." + model->name + " needs input " +
                      model_input.name + " " + ml::ShapeToString(model_input.shape) +
                      ", but the input has no column named " + model_input.name,
                  source.position);
    }
    const LogicalType& type = input.types[column];
    if (!AcceptsColumn(model_input, type)) {
      throw Error(ErrorKind::kBinding,
                  "ML.PREDICT: column " + input.column_names[column] + " has type " +
                      type.ToString() + ", but model input " + model_input.name + " " +
                      model_input.type + " " + ml::ShapeToString(model_input.shape) +
                      " needs " + AcceptedTypes(model_input),
                  source.position);
    }
    predict->inputs.push_back(MakeColumnRef(input.bindings[column], type, model_input.name));
  }
  predict->model = model;
  predict->table_index = NextTableIndex();
  BoundRelation relation = input;
  relation.alias = call.alias.empty() ? "ML.PREDICT" : call.alias;
  relation.value_column = SIZE_MAX;
  for (size_t output = 0; output < model->outputs.size(); ++output) {
    LogicalType type = OutputType(model->outputs[output]);
    predict->output_types.push_back(type);
    relation.column_names.push_back(model->outputs[output].name);
    relation.types.push_back(type);
    relation.bindings.push_back({predict->table_index, static_cast<uint32_t>(output)});
  }
  predict->estimated_rows = child->estimated_rows;
  predict->children.push_back(std::move(child));
  scope.AddRelation(std::move(relation));
  return predict;
}

LogicalOperatorPtr Binder::BindFeatureInfo(const sql::TableFunctionCall& call, BindScope& scope) {
  if (call.arguments.size() != 1) {
    throw Error(ErrorKind::kBinding, "ML.FEATURE_INFO expects (MODEL m)", call.position);
  }
  std::shared_ptr<const ModelEntry> model = ResolveModel(call.arguments[0], "ML.FEATURE_INFO");
  const char* names[] = {"input_or_output", "name", "type", "shape"};
  auto values = std::make_unique<LogicalValues>();
  values->table_index = NextTableIndex();
  values->types.assign(4, LogicalType(TypeId::kString));
  values->rows = std::make_shared<ColumnDataCollection>(values->types);
  size_t count = model->inputs.size() + model->outputs.size();
  DataChunk chunk(values->types, std::max<size_t>(count, 1));
  size_t row = 0;
  for (const auto* tensors : {&model->inputs, &model->outputs}) {
    for (const ModelTensorMeta& tensor : *tensors) {
      chunk.SetValue(0, row, Value::String(tensors == &model->inputs ? "INPUT" : "OUTPUT"));
      chunk.SetValue(1, row, Value::String(tensor.name));
      chunk.SetValue(2, row, Value::String(tensor.type));
      chunk.SetValue(3, row, Value::String(ml::ShapeToString(tensor.shape)));
      ++row;
    }
  }
  chunk.SetSize(count);
  values->rows->Append(chunk);
  values->estimated_rows = count;
  BoundRelation relation;
  relation.alias = call.alias.empty() ? "ML.FEATURE_INFO" : call.alias;
  for (const char* name : names) {
    relation.column_names.push_back(name);
    relation.types.push_back(TypeId::kString);
  }
  relation.bindings = values->Bindings();
  scope.AddRelation(std::move(relation));
  return values;
}

}  // namespace dq
