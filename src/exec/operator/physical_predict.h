// PhysicalPredict: the streaming operator behind ML.PREDICT. For every input chunk it emits
// the same rows, the input's columns unchanged, followed by one column per model output.
//
// Rows are cut into batches of at most `batch_size` rows (batches never span input chunks,
// so a batch_size above the chunk size kBatchSize acts as kBatchSize). For each batch the
// rows whose model inputs are all non-NULL (arrays: no NULL element either) are gathered into
// one tensor per model input, [rows, trailing dims...], the model runs once, and the output
// tensors are scattered back; the other rows get NULL outputs.
//
// Bad rows: an ARRAY input whose length does not fit the model's shape, or a FLOAT32 input
// value that is NaN, infinite or beyond FLOAT32's range, is an error (kInvalidInput, naming
// the input and the row's value); so is a batch the model rejects. With null_on_error those
// rows get NULL outputs instead: a rejected batch is rerun row by row to find them. With
// missing_as_nan, NULL and NaN FLOAT32 inputs (also array elements) are fed as NaN, the
// missing value of tree ensembles.
//
// Threading: the operator is immutable and shared; each pipeline thread gets its own
// PredictState holding a ModelSession of the shared, immutable ml::Model and reusable tensors.
// Outputs with ml::OutputLabels (ai.onnx.ml classifiers): class indices become their STRING
// labels, a label map (ZipMap) one ARRAY<STRUCT<label, prob>> per row in class order.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "exec/physical_operator.h"
#include "ml/model.h"
#include "plan/logical_operator.h"

namespace dq {

// How one model input is fed.
struct PredictInputSpec {
  size_t column = 0;              // position in the input chunk
  std::string name;               // the model input's name
  ml::ElementType type = ml::ElementType::kFloat32;
  std::vector<int64_t> shape;     // as declared; dimension 0 is the batch
  bool is_array = false;          // an ARRAY column (else INT64 / FLOAT64)
};

class PhysicalPredict : public PhysicalOperator {
 public:
  // `types`: the input's types, then one per model output (FLOAT64 / INT64 or ARRAY of them).
  // REQUIRES: inputs follow model->inputs() order; batch_size >= 1.
  PhysicalPredict(std::vector<LogicalType> types, std::string model_name,
                  std::shared_ptr<const ml::Model> model, std::vector<PredictInputSpec> inputs,
                  const PredictOptions& options)
      : PhysicalOperator(std::move(types)),
        model_name_(std::move(model_name)),
        model_(std::move(model)),
        inputs_(std::move(inputs)),
        batch_size_(options.batch_size),
        null_on_error_(options.null_on_error),
        missing_as_nan_(options.missing_as_nan) {}

  std::string Name() const override { return "ML.PREDICT"; }
  std::vector<std::string> Details() const override;
  std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const override;
  OperatorResult Execute(ExecutionContext& context, DataChunk& input, DataChunk& output,
                         OperatorState& state) const override;

 private:
  struct Batch;
  // Runs rows [begin, end) of `input` through the model into `output`.
  void RunBatch(Batch& batch, size_t begin, size_t end, DataChunk& output) const;
  // Whether `row` can be fed: every input non-NULL, arrays of the right length without NULL
  // elements, FLOAT32 inputs finite. Throws for a bad row unless null_on_error_.
  bool RowIsFeedable(Batch& batch, size_t row) const;
  void SetNullOutputs(DataChunk& output, size_t begin, size_t end) const;

  std::string model_name_;
  std::shared_ptr<const ml::Model> model_;
  std::vector<PredictInputSpec> inputs_;
  size_t batch_size_;
  bool null_on_error_;
  bool missing_as_nan_;
};

}  // namespace dq
