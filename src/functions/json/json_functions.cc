// JSON functions over JSON values (stored as normalized JSON text) and JSON-formatted STRINGs:
//   PARSE_JSON(string) -> JSON                  error "Invalid JSON input: ..." when malformed
//   TO_JSON(value) -> JSON, TO_JSON_STRING(value[, pretty_print]) -> STRING (json_writer.h)
//   JSON_VALUE / JSON_EXTRACT_SCALAR(json_or_string[, path]) -> STRING: a scalar's text, else NULL
//   JSON_QUERY / JSON_EXTRACT(json_or_string[, path]) -> JSON or STRING: the selected value
//   JSON_VALUE_ARRAY / JSON_EXTRACT_STRING_ARRAY(json_or_string[, path]) -> ARRAY<STRING>
//   JSON_QUERY_ARRAY / JSON_EXTRACT_ARRAY(json_or_string[, path]) -> ARRAY<JSON or STRING>
//   JSON_TYPE(json) -> STRING, and the conversions BOOL / INT64 / FLOAT64 / STRING(json).
//   "$json_element"(json, INT64), "$json_member"(json, STRING) -> JSON: json[0], json['name']
//                 and json.name; an absent member, an index out of range or a value of the
//                 wrong kind gives SQL NULL.
//
// Paths follow json_path.h and default to '$'; a constant path is parsed once at bind time.
// Each input document is parsed once per row. A STRING that is not valid JSON gives NULL in
// the extraction functions, as in GoogleSQL. JSON values keep object members in key order
// (as GoogleSQL's JSON type does); extraction from STRINGs keeps the input's member order.
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "functions/array_result.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/json/json_path.h"
#include "functions/json/json_writer.h"
#include "functions/kernel_helpers.h"
#include "functions/kernel_helpers_extra.h"

namespace dq {

namespace {

using OrderedJson = nlohmann::ordered_json;

enum class Extraction { kValue, kQuery, kValueArray, kQueryArray };

// Compact text of a JSON node; invalid UTF-8 in strings is replaced, never an error.
template <typename Json>
std::string Dump(const Json& node, int indent = -1) {
  return node.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The text JSON_VALUE returns for a node: strings unquoted, numbers and booleans as written,
// nothing for null, objects and arrays.
template <typename Json>
std::optional<std::string> ScalarText(const Json& node) {
  if (node.is_string()) return node.template get<std::string>();
  if (node.is_number() || node.is_boolean()) return Dump(node);
  return std::nullopt;
}

// A path fixed at bind time (or its parse error, raised when a row uses it).
class BoundPath : public FunctionData {
 public:
  explicit BoundPath(std::string_view text) {
    try {
      path_ = JsonPath::Parse(text);
    } catch (const Error& error) {
      error_ = error.message();
    }
  }
  const JsonPath& Get() const {
    if (!error_.empty()) throw Error(ErrorKind::kOutOfRange, error_);
    return path_;
  }

 private:
  JsonPath path_;
  std::string error_;
};

// Parses JSON text; false when it is not valid JSON.
template <typename Json>
bool ParseDocument(std::string_view text, Json* document) {
  *document = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return !document->is_discarded();
}

template <Extraction kExtraction>
bool BindExtraction(const ScalarBindInput& input, ScalarBindOutput* output) {
  const auto& types = input.argument_types;
  if (types.empty() || types.size() > 2) return false;
  TypeId source = types[0].id();
  if (source == TypeId::kNull) source = TypeId::kString;
  if (source != TypeId::kString && source != TypeId::kJson) return false;
  if (types.size() == 2 && types[1].id() != TypeId::kString && types[1].id() != TypeId::kNull) {
    return false;
  }
  output->argument_types = {source};
  if (types.size() == 2) output->argument_types.push_back(TypeId::kString);
  switch (kExtraction) {
    case Extraction::kValue:
      output->return_type = TypeId::kString;
      break;
    case Extraction::kQuery:
      output->return_type = source;
      break;
    case Extraction::kValueArray:
      output->return_type = LogicalType::Array(TypeId::kString);
      break;
    case Extraction::kQueryArray:
      output->return_type = LogicalType::Array(source);
      break;
  }
  if (types.size() == 1) {
    output->bind_data = std::make_shared<BoundPath>("$");
  } else if (input.constant_arguments.size() > 1 && input.constant_arguments[1] != nullptr &&
             !input.constant_arguments[1]->is_null()) {
    output->bind_data = std::make_shared<BoundPath>(input.constant_arguments[1]->string_value());
  }
  return true;
}

// Writes row `row` of an extraction from `node` (never null here).
template <Extraction kExtraction, typename Json>
void WriteExtraction(const Json& node, size_t row, Vector& result,
                     ArrayResultBuilder* builder) {
  if constexpr (kExtraction == Extraction::kValue) {
    std::optional<std::string> text = ScalarText(node);
    if (!text) {
      result.SetNull(row);
    } else {
      result.Data<StringView>()[row] = result.AddString(*text);
    }
  } else if constexpr (kExtraction == Extraction::kQuery) {
    result.Data<StringView>()[row] = result.AddString(Dump(node));
  } else {
    if (!node.is_array()) {
      builder->FinishNullRow(row);
      return;
    }
    for (const Json& element : node) {
      if (kExtraction == Extraction::kQueryArray) {
        builder->AppendString(Dump(element));
      } else if (element.is_null()) {
        builder->AppendNull();
      } else if (std::optional<std::string> text = ScalarText(element)) {
        builder->AppendString(*text);
      } else {
        builder->FinishNullRow(row);  // an object or array element: no scalar array
        return;
      }
    }
    builder->FinishRow(row);
  }
}

// JSON values are read with sorted members (GoogleSQL's JSON type), STRINGs in input order.
template <Extraction kExtraction, typename Json>
void RunExtraction(const ScalarCall& call, const DataChunk& args, Vector& result) {
  constexpr bool kArray =
      kExtraction == Extraction::kValueArray || kExtraction == Extraction::kQueryArray;
  const size_t count = args.size();
  UnifiedVector documents;
  UnifiedVector paths;
  args.column(0).ToUnified(count, documents);
  bool has_path_column = args.column_count() > 1;
  if (has_path_column) args.column(1).ToUnified(count, paths);
  const auto* bound = static_cast<const BoundPath*>(call.bind_data);
  std::optional<ArrayResultBuilder> builder;
  if constexpr (kArray) builder.emplace(result);
  std::string cached_path_text;
  std::optional<JsonPath> cached_path;
  Json document;
  for (size_t row = 0; row < count; ++row) {
    if constexpr (kArray) builder->BeginRow();
    auto set_null = [&] {
      if constexpr (kArray) {
        builder->FinishNullRow(row);
      } else {
        result.SetNull(row);
      }
    };
    if (!documents.IsValid(row) || (has_path_column && !paths.IsValid(row))) {
      set_null();
      continue;
    }
    const JsonPath* path;
    if (bound != nullptr) {
      path = &bound->Get();
    } else {
      std::string_view text = paths.Data<StringView>()[paths.index(row)].view();
      if (!cached_path || text != cached_path_text) {
        cached_path = JsonPath::Parse(text);
        cached_path_text.assign(text);
      }
      path = &*cached_path;
    }
    if (!ParseDocument(documents.Data<StringView>()[documents.index(row)].view(), &document)) {
      set_null();
      continue;
    }
    const Json* node = path->Evaluate(document);
    if (node == nullptr) {
      set_null();
      continue;
    }
    WriteExtraction<kExtraction>(*node, row, result, kArray ? &*builder : nullptr);
  }
}

template <Extraction kExtraction>
void ExtractionKernel(const ScalarCall& call, const DataChunk& args, Vector& result) {
  if (args.column(0).type().id() == TypeId::kJson) {
    RunExtraction<kExtraction, nlohmann::json>(call, args, result);
  } else {
    RunExtraction<kExtraction, OrderedJson>(call, args, result);
  }
}

// ---- json[index], json['member'], json.member ----

template <typename Key>
void JsonSubscriptKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  nlohmann::json document;
  ExecuteBinaryWithNulls<StringView, Key, StringView>(
      args.column(0), args.column(1), args.size(), result,
      [&document](const StringView& json, const Key& key, Vector& out, size_t row) {
        const nlohmann::json* node = nullptr;
        if (ParseDocument(json.view(), &document)) {
          if constexpr (std::is_same_v<Key, int64_t>) {
            if (document.is_array() && key >= 0 &&
                static_cast<uint64_t>(key) < document.size()) {
              node = &document[static_cast<size_t>(key)];
            }
          } else if (document.is_object()) {
            auto found = document.find(std::string(key.view()));
            if (found != document.end()) node = &*found;
          }
        }
        if (node == nullptr) {
          out.SetNull(row);
          return StringView();
        }
        return out.AddString(Dump(*node));
      });
}

// ---- PARSE_JSON, TO_JSON, TO_JSON_STRING ----

void ParseJsonKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnaryWithNulls<StringView, StringView>(
      args.column(0), args.size(), result, [&result](const StringView& text, size_t) {
        nlohmann::json document;
        try {
          document = nlohmann::json::parse(text.view());
        } catch (const nlohmann::json::parse_error& error) {
          std::string message = error.what();
          size_t bracket = message.find("] ");
          if (message.starts_with("[json.exception") && bracket != std::string::npos) {
            message = message.substr(bracket + 2);
          }
          throw Error(ErrorKind::kOutOfRange, "Invalid JSON input: " + message);
        }
        return result.AddString(Dump(document));
      });
}

bool BindAnyToJson(const ScalarBindInput& input, ScalarBindOutput* output, LogicalType result) {
  const auto& types = input.argument_types;
  if (types.empty() || types.size() > 2) return false;
  if (types.size() == 2 && types[1].id() != TypeId::kBool && types[1].id() != TypeId::kNull) {
    return false;
  }
  output->argument_types = types;
  if (types.size() == 2) output->argument_types[1] = TypeId::kBool;
  output->return_type = std::move(result);
  return true;
}

bool BindToJsonString(const ScalarBindInput& input, ScalarBindOutput* output) {
  return BindAnyToJson(input, output, TypeId::kString);
}

bool BindToJson(const ScalarBindInput& input, ScalarBindOutput* output) {
  return input.argument_types.size() == 1 && BindAnyToJson(input, output, TypeId::kJson);
}

template <bool kJsonResult>
void ToJsonKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  StringView* out = result.Data<StringView>();
  std::string text;
  for (size_t row = 0; row < count; ++row) {
    bool pretty = false;
    if (args.column_count() > 1) {
      Value flag = args.column(1).GetValue(row);
      pretty = !flag.is_null() && flag.bool_value();
    }
    text.clear();
    Value value = args.column(0).GetValue(row);
    AppendJsonValue(value, pretty, /*stringify_wide_numbers=*/!kJsonResult, &text);
    if (kJsonResult && value.type().IsNested()) {
      text = Dump(nlohmann::json::parse(text));  // JSON objects keep members in key order
    }
    out[row] = result.AddString(text);
  }
}

// ---- JSON_TYPE and conversions ----

nlohmann::json ParseJsonValue(const StringView& text) {
  nlohmann::json document = nlohmann::json::parse(text.view(), nullptr, false);
  if (document.is_discarded()) throw Error(ErrorKind::kOutOfRange, "Invalid JSON value");
  return document;
}

void JsonTypeKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnaryWithNulls<StringView, StringView>(
      args.column(0), args.size(), result, [](const StringView& text, size_t) {
        nlohmann::json document = ParseJsonValue(text);
        const char* name = document.is_object()    ? "object"
                           : document.is_array()   ? "array"
                           : document.is_string()  ? "string"
                           : document.is_number()  ? "number"
                           : document.is_boolean() ? "boolean"
                                                   : "null";
        return StringView(name, static_cast<uint32_t>(std::strlen(name)));
      });
}

void JsonToBoolKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnaryWithNulls<StringView, bool>(args.column(0), args.size(), result,
                                          [](const StringView& text, size_t) {
                                            nlohmann::json document = ParseJsonValue(text);
                                            if (!document.is_boolean()) {
                                              throw Error(ErrorKind::kOutOfRange,
                                                          "The provided JSON input is not a "
                                                          "boolean");
                                            }
                                            return document.get<bool>();
                                          });
}

void JsonToInt64Kernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnaryWithNulls<StringView, int64_t>(
      args.column(0), args.size(), result, [](const StringView& text, size_t) -> int64_t {
        nlohmann::json document = ParseJsonValue(text);
        if (document.is_number_integer() && !document.is_number_unsigned()) {
          return document.get<int64_t>();
        }
        if (document.is_number_unsigned() &&
            document.get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX)) {
          return static_cast<int64_t>(document.get<uint64_t>());
        }
        if (document.is_number_float()) {
          double number = document.get<double>();
          if (number == std::trunc(number) && number >= -9.2233720368547758e18 &&
              number < 9.2233720368547758e18) {
            return static_cast<int64_t>(number);
          }
          throw Error(ErrorKind::kOutOfRange, "The provided JSON number: " + Dump(document) +
                                                  " cannot be converted to an integer");
        }
        if (document.is_number()) {
          throw Error(ErrorKind::kOutOfRange, "The provided JSON number: " + Dump(document) +
                                                  " cannot be converted to an integer");
        }
        throw Error(ErrorKind::kOutOfRange, "The provided JSON input is not an integer");
      });
}

void JsonToFloat64Kernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnaryWithNulls<StringView, double>(
      args.column(0), args.size(), result, [](const StringView& text, size_t) {
        nlohmann::json document = ParseJsonValue(text);
        if (!document.is_number()) {
          throw Error(ErrorKind::kOutOfRange, "The provided JSON input is not a number");
        }
        return document.get<double>();
      });
}

void JsonToStringKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnaryWithNulls<StringView, StringView>(
      args.column(0), args.size(), result, [&result](const StringView& text, size_t) {
        nlohmann::json document = ParseJsonValue(text);
        if (!document.is_string()) {
          throw Error(ErrorKind::kOutOfRange, "The provided JSON input is not a string");
        }
        return result.AddString(document.get<std::string>());
      });
}

}  // namespace

void RegisterJsonFunctions(FunctionRegistry& registry) {
  auto add_bound = [&](const char* name, ScalarKernel kernel, ScalarBind bind, size_t min,
                       size_t max, bool propagates_nulls = true) {
    registry.AddScalar(ScalarFunction{.name = name,
                                      .kernel = kernel,
                                      .bind = bind,
                                      .min_arguments = min,
                                      .max_arguments = max,
                                      .propagates_nulls = propagates_nulls});
  };
  auto add = [&](const char* name, std::vector<LogicalType> arguments, LogicalType return_type,
                 ScalarKernel kernel) {
    registry.AddScalar(ScalarFunction{.name = name,
                                      .arguments = std::move(arguments),
                                      .return_type = return_type,
                                      .kernel = kernel});
  };
  for (const char* name : {"JSON_VALUE", "JSON_EXTRACT_SCALAR"}) {
    add_bound(name, ExtractionKernel<Extraction::kValue>, BindExtraction<Extraction::kValue>, 1,
              2);
  }
  for (const char* name : {"JSON_QUERY", "JSON_EXTRACT"}) {
    add_bound(name, ExtractionKernel<Extraction::kQuery>, BindExtraction<Extraction::kQuery>, 1,
              2);
  }
  for (const char* name : {"JSON_VALUE_ARRAY", "JSON_EXTRACT_STRING_ARRAY"}) {
    add_bound(name, ExtractionKernel<Extraction::kValueArray>,
              BindExtraction<Extraction::kValueArray>, 1, 2);
  }
  for (const char* name : {"JSON_QUERY_ARRAY", "JSON_EXTRACT_ARRAY"}) {
    add_bound(name, ExtractionKernel<Extraction::kQueryArray>,
              BindExtraction<Extraction::kQueryArray>, 1, 2);
  }
  add_bound("TO_JSON_STRING", ToJsonKernel<false>, BindToJsonString, 1, 2,
            /*propagates_nulls=*/false);
  add_bound("TO_JSON", ToJsonKernel<true>, BindToJson, 1, 1, /*propagates_nulls=*/false);
  add("PARSE_JSON", {TypeId::kString}, TypeId::kJson, ParseJsonKernel);
  add("$json_element", {TypeId::kJson, TypeId::kInt64}, TypeId::kJson,
      JsonSubscriptKernel<int64_t>);
  add("$json_member", {TypeId::kJson, TypeId::kString}, TypeId::kJson,
      JsonSubscriptKernel<StringView>);
  add("JSON_TYPE", {TypeId::kJson}, TypeId::kString, JsonTypeKernel);
  add("BOOL", {TypeId::kJson}, TypeId::kBool, JsonToBoolKernel);
  add("INT64", {TypeId::kJson}, TypeId::kInt64, JsonToInt64Kernel);
  add("FLOAT64", {TypeId::kJson}, TypeId::kFloat64, JsonToFloat64Kernel);
  add("STRING", {TypeId::kJson}, TypeId::kString, JsonToStringKernel);
}

}  // namespace dq
