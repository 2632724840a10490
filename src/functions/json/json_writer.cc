#include "functions/json/json_writer.h"

#include <cmath>
#include <cstdio>

#include "functions/text_encoding.h"
#include "types/date_time.h"

namespace dq {

namespace {

constexpr int64_t kMaxLosslessInteger = int64_t{1} << 53;

class JsonWriter {
 public:
  JsonWriter(bool pretty, bool stringify_wide_numbers, std::string* out)
      : pretty_(pretty), stringify_wide_numbers_(stringify_wide_numbers), out_(out) {}

  void Write(const Value& value) {
    if (value.is_null()) {
      out_->append("null");
      return;
    }
    switch (value.type().id()) {
      case TypeId::kBool:
        out_->append(value.bool_value() ? "true" : "false");
        return;
      case TypeId::kInt64: {
        int64_t number = value.int64_value();
        bool quote = stringify_wide_numbers_ &&
                     (number < -kMaxLosslessInteger || number > kMaxLosslessInteger);
        if (quote) out_->push_back('"');
        out_->append(std::to_string(number));
        if (quote) out_->push_back('"');
        return;
      }
      case TypeId::kFloat64:
        WriteDouble(value.float64_value());
        return;
      case TypeId::kNumeric: {
        std::string text = value.ToString();
        int128_t scaled = value.numeric_value();
        int128_t limit = static_cast<int128_t>(kMaxLosslessInteger) * 1000000000;
        bool quote = text.find('.') != std::string::npos || scaled > limit || scaled < -limit;
        if (quote) out_->push_back('"');
        out_->append(text);
        if (quote) out_->push_back('"');
        return;
      }
      case TypeId::kString:
        AppendJsonString(value.string_value(), out_);
        return;
      case TypeId::kBytes: {
        out_->push_back('"');
        Base64Encode(value.string_value(), out_);
        out_->push_back('"');
        return;
      }
      case TypeId::kJson:
        out_->append(value.string_value());
        return;
      case TypeId::kDatetime:
      case TypeId::kTimestamp: {
        std::string text = FormatDatetime(value.micros_value());
        text[10] = 'T';
        if (value.type().id() == TypeId::kTimestamp) text.push_back('Z');
        AppendJsonString(text, out_);
        return;
      }
      case TypeId::kArray:
        WriteArray(value);
        return;
      case TypeId::kStruct:
        WriteStruct(value);
        return;
      default:  // DATE, TIME, INTERVAL: their canonical text
        AppendJsonString(value.ToString(), out_);
        return;
    }
  }

 private:
  void WriteDouble(double number) {
    if (std::isnan(number)) {
      out_->append("\"NaN\"");
    } else if (std::isinf(number)) {
      out_->append(number > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    } else {
      out_->append(FormatDouble(number));
    }
  }

  void NewLine() {
    if (!pretty_) return;
    out_->push_back('\n');
    out_->append(static_cast<size_t>(depth_) * 2, ' ');
  }

  void WriteArray(const Value& value) {
    const auto& elements = value.children();
    if (elements.empty()) {
      out_->append("[]");
      return;
    }
    out_->push_back('[');
    ++depth_;
    for (size_t index = 0; index < elements.size(); ++index) {
      if (index > 0) out_->push_back(',');
      NewLine();
      Write(elements[index]);
    }
    --depth_;
    NewLine();
    out_->push_back(']');
  }

  void WriteStruct(const Value& value) {
    const auto& fields = value.children();
    if (fields.empty()) {
      out_->append("{}");
      return;
    }
    const auto& names = value.type().fields();
    out_->push_back('{');
    ++depth_;
    for (size_t index = 0; index < fields.size(); ++index) {
      if (index > 0) out_->push_back(',');
      NewLine();
      AppendJsonString(names[index].name, out_);
      out_->append(pretty_ ? ": " : ":");
      Write(fields[index]);
    }
    --depth_;
    NewLine();
    out_->push_back('}');
  }

  bool pretty_;
  bool stringify_wide_numbers_;
  std::string* out_;
  int depth_ = 0;
};

}  // namespace

void AppendJsonValue(const Value& value, bool pretty, bool stringify_wide_numbers,
                     std::string* out) {
  JsonWriter(pretty, stringify_wide_numbers, out).Write(value);
}

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned>(c));
          out->append(escaped);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

}  // namespace dq
