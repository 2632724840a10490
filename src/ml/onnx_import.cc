#include "ml/onnx_import.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <cstring>
#include <map>
#include <unordered_map>

#include "ml/kernel.h"

namespace dq::ml {
namespace {

std::string DataTypeName(int32_t data_type) {
  if (onnx::TensorProto_DataType_IsValid(data_type)) {
    return onnx::TensorProto_DataType_Name(static_cast<onnx::TensorProto_DataType>(data_type));
  }
  return std::to_string(data_type);
}

Result<ElementType> ToElementType(int32_t data_type, const std::string& tensor) {
  if (data_type == onnx::TensorProto::FLOAT) return ElementType::kFloat32;
  if (data_type == onnx::TensorProto::INT64) return ElementType::kInt64;
  return Status::InvalidInput("Unsupported data type " + DataTypeName(data_type) +
                              " for tensor '" + tensor + "' (supported: FLOAT, INT64)");
}

// Converts an initializer or Constant value. INT32 is widened to INT64 (shape constants) and
// BOOL becomes INT64 0/1 (tensor.h).
Result<std::shared_ptr<const Tensor>> ToTensor(const onnx::TensorProto& proto) {
  const std::string& name = proto.name();
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    return Status::InvalidInput("Unsupported data type: tensor '" + name +
                                "' uses external data");
  }
  std::vector<int64_t> shape(proto.dims().begin(), proto.dims().end());
  for (int64_t dim : shape) {
    if (dim < 0) return Status::InvalidInput("Invalid model file: tensor '" + name + "' has a negative dimension");
  }
  int64_t count = ShapeElementCount(shape);
  const std::string& raw = proto.raw_data();
  bool has_raw = proto.has_raw_data();
  auto size_error = [&]() {
    return Status::InvalidInput("Invalid model file: tensor '" + name +
                                "' holds the wrong number of values for shape " +
                                ShapeToString(shape));
  };
  switch (proto.data_type()) {
    case onnx::TensorProto::FLOAT: {
      auto tensor = std::make_shared<Tensor>(ElementType::kFloat32, shape);
      if (has_raw) {
        if (raw.size() != count * sizeof(float)) return size_error();
        std::memcpy(tensor->floats(), raw.data(), raw.size());
      } else {
        if (proto.float_data_size() != count) return size_error();
        std::copy(proto.float_data().begin(), proto.float_data().end(), tensor->floats());
      }
      return std::shared_ptr<const Tensor>(std::move(tensor));
    }
    case onnx::TensorProto::INT64: {
      auto tensor = std::make_shared<Tensor>(ElementType::kInt64, shape);
      if (has_raw) {
        if (raw.size() != count * sizeof(int64_t)) return size_error();
        std::memcpy(tensor->int64s(), raw.data(), raw.size());
      } else {
        if (proto.int64_data_size() != count) return size_error();
        std::copy(proto.int64_data().begin(), proto.int64_data().end(), tensor->int64s());
      }
      return std::shared_ptr<const Tensor>(std::move(tensor));
    }
    case onnx::TensorProto::INT32: {
      auto tensor = std::make_shared<Tensor>(ElementType::kInt64, shape);
      if (has_raw) {
        if (raw.size() != count * sizeof(int32_t)) return size_error();
        for (int64_t index = 0; index < count; ++index) {
          int32_t value;
          std::memcpy(&value, raw.data() + index * sizeof(int32_t), sizeof(int32_t));
          tensor->int64s()[index] = value;
        }
      } else {
        if (proto.int32_data_size() != count) return size_error();
        std::copy(proto.int32_data().begin(), proto.int32_data().end(), tensor->int64s());
      }
      return std::shared_ptr<const Tensor>(std::move(tensor));
    }
    case onnx::TensorProto::BOOL: {  // held as INT64 0/1 (tensor.h)
      auto tensor = std::make_shared<Tensor>(ElementType::kInt64, shape);
      if (has_raw) {
        if (raw.size() != static_cast<size_t>(count)) return size_error();
        for (int64_t index = 0; index < count; ++index) tensor->int64s()[index] = raw[index] != 0;
      } else {
        if (proto.int32_data_size() != count) return size_error();
        for (int64_t index = 0; index < count; ++index) {
          tensor->int64s()[index] = proto.int32_data(index) != 0;
        }
      }
      return std::shared_ptr<const Tensor>(std::move(tensor));
    }
    default:
      return Status::InvalidInput("Unsupported data type " + DataTypeName(proto.data_type()) +
                                  " for tensor '" + name + "' (supported: FLOAT, INT64)");
  }
}

Result<Attribute> ToAttribute(const onnx::AttributeProto& proto, const std::string& node) {
  Attribute attribute;
  switch (proto.type()) {
    case onnx::AttributeProto::INT:
      attribute.kind = Attribute::Kind::kInt;
      attribute.int_value = proto.i();
      break;
    case onnx::AttributeProto::FLOAT:
      attribute.kind = Attribute::Kind::kFloat;
      attribute.float_value = proto.f();
      break;
    case onnx::AttributeProto::STRING:
      attribute.kind = Attribute::Kind::kString;
      attribute.string_value = proto.s();
      break;
    case onnx::AttributeProto::INTS:
      attribute.kind = Attribute::Kind::kInts;
      attribute.ints.assign(proto.ints().begin(), proto.ints().end());
      break;
    case onnx::AttributeProto::FLOATS:
      attribute.kind = Attribute::Kind::kFloats;
      attribute.floats.assign(proto.floats().begin(), proto.floats().end());
      break;
    case onnx::AttributeProto::STRINGS:
      attribute.kind = Attribute::Kind::kStrings;
      attribute.strings.assign(proto.strings().begin(), proto.strings().end());
      break;
    case onnx::AttributeProto::TENSOR: {
      attribute.kind = Attribute::Kind::kTensor;
      auto tensor = ToTensor(proto.t());
      if (!tensor.ok()) {
        // e.g. the DOUBLE *_as_tensor attributes of the ai.onnx.ml tree ensembles
        return Status::InvalidInput("Unsupported attribute '" + proto.name() + "' in node '" +
                                    node + "': " + tensor.status().message());
      }
      attribute.tensor = std::move(*tensor);
      break;
    }
    default:
      return Status::InvalidInput("Unsupported attribute '" + proto.name() + "' in node '" +
                                  node + "' (graph, sparse tensor and list-of-tensor attributes)");
  }
  return attribute;
}

// Constant's value_float/value_floats/value_int/value_ints become a "value" tensor.
void NormalizeConstant(Node* node) {
  auto make = [&](ElementType type, std::vector<int64_t> shape, auto fill) {
    auto tensor = std::make_shared<Tensor>(type, std::move(shape));
    fill(*tensor);
    Attribute value;
    value.kind = Attribute::Kind::kTensor;
    value.tensor = std::move(tensor);
    node->attributes["value"] = std::move(value);
  };
  const auto& attributes = node->attributes;
  if (auto found = attributes.find("value_float"); found != attributes.end()) {
    float scalar = found->second.float_value;
    make(ElementType::kFloat32, {}, [&](Tensor& t) { t.floats()[0] = scalar; });
  } else if (auto found = attributes.find("value_int"); found != attributes.end()) {
    int64_t scalar = found->second.int_value;
    make(ElementType::kInt64, {}, [&](Tensor& t) { t.int64s()[0] = scalar; });
  } else if (auto found = attributes.find("value_floats"); found != attributes.end()) {
    std::vector<float> values = found->second.floats;
    make(ElementType::kFloat32, {static_cast<int64_t>(values.size())},
         [&](Tensor& t) { std::copy(values.begin(), values.end(), t.floats()); });
  } else if (auto found = attributes.find("value_ints"); found != attributes.end()) {
    std::vector<int64_t> values = found->second.ints;
    make(ElementType::kInt64, {static_cast<int64_t>(values.size())},
         [&](Tensor& t) { std::copy(values.begin(), values.end(), t.int64s()); });
  }
}

Result<Value> ToInputValue(const onnx::ValueInfoProto& info) {
  Value value;
  value.name = info.name();
  if (!info.type().has_tensor_type()) {
    return Status::InvalidInput("Unsupported data type for input '" + info.name() +
                                "': only tensors are supported");
  }
  const auto& tensor_type = info.type().tensor_type();
  DQ_ASSIGN_OR_RETURN(value.type, ToElementType(tensor_type.elem_type(), info.name()));
  if (!tensor_type.has_shape()) {
    return Status::InvalidInput("Invalid model: input '" + info.name() +
                                "' declares no shape, so shapes cannot be inferred");
  }
  for (const auto& dim : tensor_type.shape().dim()) {
    value.shape.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
  }
  return value;
}

bool IsDefaultDomain(const std::string& domain) { return domain.empty() || domain == "ai.onnx"; }

// The node's name, or "<op_type>_<index>" when it has none.
std::string NodeName(const onnx::NodeProto& node, int index) {
  return node.name().empty() ? node.op_type() + "_" + std::to_string(index) : node.name();
}

Status CheckModel(const onnx::ModelProto& model) {
  try {
    onnx::checker::check_model(model);
  } catch (const std::exception& error) {
    return Status::InvalidInput(std::string("Invalid model file: ") + error.what());
  }
  return Status::OK();
}

// Model-local functions (ModelProto.functions, what exporters emit for composite operators)
// are inlined: each call becomes the function's nodes, its formal inputs and outputs renamed
// to the call's tensors, its other tensors to "<call>/<name>", attribute references
// (ref_attr_name) resolved from the call's attributes (an attribute the call does not give is
// left out; libonnx 1.12's proto has no function attribute defaults). Calls inside functions
// are inlined in turn, up to kMaxFunctionDepth levels (deeper means recursion).
constexpr int kMaxFunctionDepth = 16;

using FunctionKey = std::pair<std::string, std::string>;  // (domain, name)

Status InlineNode(const onnx::NodeProto& call, const std::string& call_name,
                  const std::map<FunctionKey, const onnx::FunctionProto*>& functions,
                  int64_t model_opset, int depth, std::vector<onnx::NodeProto>* out);

// Appends `node` to `out`, or its function's body when it calls a model-local function.
Status AppendNode(const onnx::NodeProto& node, const std::string& name,
                  const std::map<FunctionKey, const onnx::FunctionProto*>& functions,
                  int64_t model_opset, int depth, std::vector<onnx::NodeProto>* out) {
  if (functions.count({node.domain(), node.op_type()})) {
    return InlineNode(node, name, functions, model_opset, depth, out);
  }
  out->push_back(node);
  out->back().set_name(name);
  return Status::OK();
}

Status InlineNode(const onnx::NodeProto& call, const std::string& call_name,
                  const std::map<FunctionKey, const onnx::FunctionProto*>& functions,
                  int64_t model_opset, int depth, std::vector<onnx::NodeProto>* out) {
  const onnx::FunctionProto& function = *functions.at({call.domain(), call.op_type()});
  const std::string label = call.domain() + "." + call.op_type();
  if (depth >= kMaxFunctionDepth) {
    return Status::InvalidInput("Invalid model: function " + label + " calls itself (node '" +
                                call_name + "')");
  }
  for (const auto& opset : function.opset_import()) {
    if (IsDefaultDomain(opset.domain()) && opset.version() != model_opset) {
      return Status::InvalidInput("Unsupported function " + label + ": it imports opset " +
                                  std::to_string(opset.version()) + ", the model " +
                                  std::to_string(model_opset));
    }
  }
  if (call.input_size() > function.input_size() || call.output_size() > function.output_size()) {
    return Status::InvalidInput("Invalid model: node '" + call_name + "' passes more inputs or "
                                "outputs than function " + label + " declares");
  }
  std::map<std::string, std::string> names;  // formal -> actual
  for (int index = 0; index < function.input_size(); ++index) {
    names[function.input(index)] = index < call.input_size() ? call.input(index) : "";
  }
  for (int index = 0; index < function.output_size(); ++index) {
    names[function.output(index)] = index < call.output_size() ? call.output(index) : "";
  }
  auto rename = [&](const std::string& name) -> std::string {
    if (name.empty()) return name;
    auto found = names.find(name);
    return found != names.end() ? found->second : call_name + "/" + name;
  };
  std::map<std::string, const onnx::AttributeProto*> arguments;  // the call's, by name
  for (const auto& attribute : call.attribute()) arguments[attribute.name()] = &attribute;
  for (int index = 0; index < function.node_size(); ++index) {
    onnx::NodeProto node = function.node(index);
    for (auto& input : *node.mutable_input()) input = rename(input);
    for (auto& output : *node.mutable_output()) output = rename(output);
    onnx::NodeProto resolved = node;
    resolved.clear_attribute();
    for (const auto& attribute : node.attribute()) {
      if (attribute.ref_attr_name().empty()) {
        *resolved.add_attribute() = attribute;
        continue;
      }
      auto found = arguments.find(attribute.ref_attr_name());
      if (found == arguments.end()) continue;  // neither given nor defaulted: left out
      onnx::AttributeProto* value = resolved.add_attribute();
      *value = *found->second;
      value->set_name(attribute.name());
    }
    const std::string name =
        call_name + "/" + (node.name().empty() ? node.op_type() + "_" + std::to_string(index)
                                               : node.name());
    DQ_RETURN_IF_ERROR(AppendNode(resolved, name, functions, model_opset, depth + 1, out));
  }
  return Status::OK();
}

// The graph's nodes with every model-local function call inlined, each named (NodeName).
Result<std::vector<onnx::NodeProto>> FlattenNodes(const onnx::ModelProto& model,
                                                  int64_t model_opset) {
  std::map<FunctionKey, const onnx::FunctionProto*> functions;
  for (const auto& function : model.functions()) {
    functions[{function.domain(), function.name()}] = &function;
  }
  std::vector<onnx::NodeProto> nodes;
  for (int index = 0; index < model.graph().node_size(); ++index) {
    const onnx::NodeProto& node = model.graph().node(index);
    DQ_RETURN_IF_ERROR(
        AppendNode(node, NodeName(node, index), functions, model_opset, 0, &nodes));
  }
  return nodes;
}

}  // namespace

Result<Graph> ImportOnnxGraph(std::string_view onnx_bytes) {
  onnx::ModelProto model;
  if (onnx_bytes.empty() || !model.ParseFromArray(onnx_bytes.data(), onnx_bytes.size())) {
    return Status::InvalidInput("Invalid model file: not an ONNX model, or the file is truncated");
  }
  if (!model.has_graph() || model.graph().node_size() == 0 || model.ir_version() <= 0) {
    return Status::InvalidInput("Invalid model file: not an ONNX model (no graph or IR version)");
  }
  Graph graph;
  for (const auto& opset : model.opset_import()) {
    if (IsDefaultDomain(opset.domain())) graph.opset = opset.version();
    if (opset.domain() == kMlDomain) graph.ml_opset = opset.version();
  }
  // Operators first: an unsupported operator is the most useful message, and the checker
  // would only repeat what we report.
  const onnx::GraphProto& proto = model.graph();
  DQ_ASSIGN_OR_RETURN(std::vector<onnx::NodeProto> nodes, FlattenNodes(model, graph.opset));
  bool uses_default_domain = false;
  bool uses_ml_domain = false;
  for (const onnx::NodeProto& node : nodes) {
    if (!FindKernel(node.domain(), node.op_type())) {
      std::string op = IsDefaultDomain(node.domain()) ? node.op_type()
                                                      : node.domain() + "." + node.op_type();
      return Status::InvalidInput("Unsupported operator " + op + " in node '" + node.name() +
                                  "'");
    }
    if (IsDefaultDomain(node.domain())) {
      uses_default_domain = true;
    } else {
      uses_ml_domain = true;
    }
  }
  // A domain's opset matters only when a node uses it (a classical-ML graph may import the
  // default domain without a default-domain node).
  if (uses_default_domain && (graph.opset < kMinOpset || graph.opset > kMaxOpset)) {
    return Status::InvalidInput("Unsupported opset version " + std::to_string(graph.opset) +
                                " (supported: " + std::to_string(kMinOpset) + " to " +
                                std::to_string(kMaxOpset) + ")");
  }
  if (uses_ml_domain && (graph.ml_opset < kMinMlOpset || graph.ml_opset > kMaxMlOpset)) {
    return Status::InvalidInput(
        "Unsupported ai.onnx.ml opset version " + std::to_string(graph.ml_opset) +
        " (supported: " + std::to_string(kMinMlOpset) + " to " + std::to_string(kMaxMlOpset) + ")");
  }
  if (graph.opset <= kMaxCheckedOpset && graph.ml_opset <= kMaxCheckedMlOpset) {
    DQ_RETURN_IF_ERROR(CheckModel(model));
  }

  std::unordered_map<std::string, int> value_ids;
  auto add_value = [&](Value value) {
    int id = graph.values.size();
    value_ids[value.name] = id;
    graph.values.push_back(std::move(value));
    return id;
  };
  for (const auto& initializer : proto.initializer()) {
    Value value;
    value.name = initializer.name();
    DQ_ASSIGN_OR_RETURN(value.constant, ToTensor(initializer));
    value.type = value.constant->type();
    value.shape = value.constant->shape();
    add_value(std::move(value));
  }
  for (const auto& input : proto.input()) {
    if (value_ids.count(input.name())) continue;  // an initializer (a default value)
    DQ_ASSIGN_OR_RETURN(Value value, ToInputValue(input));
    graph.inputs.push_back(add_value(std::move(value)));
  }
  for (const onnx::NodeProto& node_proto : nodes) {
    Node node;
    node.name = node_proto.name();
    node.op_type = node_proto.op_type();
    bool default_domain = IsDefaultDomain(node_proto.domain());
    node.domain = default_domain ? std::string(kDefaultDomain) : node_proto.domain();
    node.opset = default_domain ? graph.opset : graph.ml_opset;
    node.kernel = FindKernel(node.domain, node.op_type);
    for (const auto& attribute : node_proto.attribute()) {
      DQ_ASSIGN_OR_RETURN(node.attributes[attribute.name()], ToAttribute(attribute, node.name));
    }
    if (node.op_type == "Constant") NormalizeConstant(&node);
    for (const auto& input : node_proto.input()) {
      if (input.empty()) {
        node.inputs.push_back(kNoValue);
        continue;
      }
      auto found = value_ids.find(input);
      if (found == value_ids.end()) {
        return Status::InvalidInput("Invalid model: " + node.Label() + " uses undefined tensor '" +
                                    input + "'");
      }
      node.inputs.push_back(found->second);
    }
    // Trailing optional outputs left unnamed are dropped (e.g. Dropout's mask).
    int output_count = node_proto.output_size();
    while (output_count > 0 && node_proto.output(output_count - 1).empty()) --output_count;
    for (int position = 0; position < output_count; ++position) {
      const std::string& output = node_proto.output(position);
      if (!output.empty() && value_ids.count(output)) {
        return Status::InvalidInput("Invalid model: " + node.Label() + " redefines tensor '" +
                                    output + "'");
      }
      Value value;
      value.name = output;
      node.outputs.push_back(add_value(std::move(value)));
    }
    DQ_RETURN_IF_ERROR(PrepareNode(&node));
    graph.nodes.push_back(std::move(node));
  }
  for (const auto& output : proto.output()) {
    auto found = value_ids.find(output.name());
    if (found == value_ids.end()) {
      return Status::InvalidInput("Invalid model: graph output '" + output.name() +
                                  "' is not produced by any node");
    }
    graph.outputs.push_back(found->second);
    graph.output_names.push_back(output.name());
  }
  if (graph.inputs.empty()) return Status::InvalidInput("Invalid model: the graph has no inputs");
  return graph;
}

}  // namespace dq::ml
