// ML.PREDICT end to end through the public API: the reference models' outputs computed inside
// SQL equal PyTorch's (tests/data/ml/*.cases.bin, scripts/make_test_models.py) within 1e-4.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "deepquery/deepquery.h"
#include "test_tensor_file.h"

namespace dq::ml {
namespace {

class PredictParityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/deepquery_predict_test_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    directory_ = pattern;
    auto opened = deepquery::Database::Open(directory_ + "/warehouse");
    ASSERT_TRUE(opened.ok()) << opened.error_message;
    database_ = std::move(opened.database);
    connection_ = database_->Connect();
    ASSERT_TRUE(connection_->Query("CREATE SCHEMA ml")->ok());
  }
  void TearDown() override {
    connection_.reset();
    database_.reset();
    std::filesystem::remove_all(directory_);
  }

  // Loads `model`, stores case 0's input rows in a table with one ARRAY<FLOAT64> or
  // ARRAY<INT64> column named like the model input, and compares every output.
  void CheckModel(const std::string& model, const std::string& input_name) {
    auto created = connection_->Query("CREATE MODEL ml." + model +
                                      " OPTIONS(model_type = 'ONNX', model_path = '" +
                                      testing::TestDataPath(model + ".onnx") + "')");
    ASSERT_TRUE(created->ok()) << created->error_message();
    std::map<std::string, Tensor> cases =
        testing::ReadTensorFile(testing::TestDataPath(model + ".cases.bin"));
    ASSERT_FALSE(cases.empty());
    const Tensor& input = cases.at("case0/input/" + input_name);
    int64_t rows = input.shape()[0];
    int64_t width = input.element_count() / rows;
    bool integer = input.type() == ElementType::kInt64;
    std::ostringstream insert;
    insert.precision(9);
    insert << "CREATE TABLE ml." << model << "_rows AS SELECT * FROM UNNEST([";
    for (int64_t row = 0; row < rows; ++row) {
      insert << (row > 0 ? ", " : "") << "STRUCT(" << row << " AS id, [";
      for (int64_t column = 0; column < width; ++column) {
        if (column > 0) insert << ", ";
        if (integer)
          insert << input.int64s()[row * width + column];
        else
          insert << "CAST(" << input.floats()[row * width + column] << " AS FLOAT64)";
      }
      insert << "] AS " << input_name << ")";
    }
    insert << "])";
    auto table = connection_->Query(insert.str());
    ASSERT_TRUE(table->ok()) << table->error_message();

    for (const auto& [name, expected] : cases) {
      std::string prefix = "case0/output/";
      if (name.rfind(prefix, 0) != 0) continue;
      std::string output = name.substr(prefix.size());
      auto result = connection_->Query("SELECT id, " + output + " FROM ML.PREDICT(MODEL ml." +
                                       model + ", TABLE ml." + model + "_rows) ORDER BY id");
      ASSERT_TRUE(result->ok()) << result->error_message();
      ASSERT_EQ(static_cast<int64_t>(result->row_count()), rows);
      int64_t per_row = expected.element_count() / rows;
      for (int64_t row = 0; row < rows; ++row) {
        // Outputs are FLOAT64 scalars or ARRAY<FLOAT64> rendered as "[a, b, ...]".
        std::string text = result->GetString(row, 1);
        std::vector<double> values;
        std::string number;
        for (char c : text) {
          if (c == '[' || c == ']' || c == ' ') continue;
          if (c == ',') {
            values.push_back(std::stod(number));
            number.clear();
          } else {
            number += c;
          }
        }
        if (!number.empty()) values.push_back(std::stod(number));
        ASSERT_EQ(static_cast<int64_t>(values.size()), per_row) << model << "." << output;
        for (int64_t index = 0; index < per_row; ++index) {
          double want = expected.floats()[row * per_row + index];
          double tolerance = 1e-4 * std::fabs(want) + 1e-5;
          EXPECT_NEAR(values[index], want, tolerance)
              << model << "." << output << " row " << row << " element " << index;
        }
      }
    }
  }

  std::string directory_;
  std::unique_ptr<deepquery::Database> database_;
  std::unique_ptr<deepquery::Connection> connection_;
};

TEST_F(PredictParityTest, MlpMatchesPyTorch) { CheckModel("mlp", "features"); }

TEST_F(PredictParityTest, LstmForecasterMatchesPyTorch) {
  CheckModel("lstm_forecaster", "readings");
}

TEST_F(PredictParityTest, RnnEncoderMatchesPyTorch) { CheckModel("rnn_encoder", "sequence"); }

// A table far smaller than a scan morsel, on 4 threads: the scan under ML.PREDICT splits its
// one row group into whole batches across the threads, which share one reader (each column
// chunk decoded once). Every row comes out once, with the answers of an unsplit run.
TEST_F(PredictParityTest, SmallTableSplitsAcrossThreadsInWholeBatches) {
  deepquery::DatabaseOptions options;
  options.threads = 4;
  auto opened = deepquery::Database::Open(directory_ + "/four_threads", options);
  ASSERT_TRUE(opened.ok()) << opened.error_message;
  auto connection = opened.database->Connect();
  for (const std::string& statement : std::vector<std::string>{
           "CREATE SCHEMA ml",
           "CREATE MODEL ml.mlp OPTIONS(model_type = 'ONNX', model_path = '" +
               testing::TestDataPath("mlp.onnx") + "')",
           "CREATE TABLE ml.flowers AS SELECT i AS id, [5 + SIN(i), 3 + COS(i), 3 + SIN(2 * i), "
           "1 + COS(3 * i)] AS features FROM UNNEST(GENERATE_ARRAY(1, 200)) AS i"}) {
    auto result = connection->Query(statement);
    ASSERT_TRUE(result->ok()) << statement << ": " << result->error_message();
  }
  auto predict = [&](int batch_size) {
    return connection->Query(
        "SELECT COUNT(*), COUNT(DISTINCT id), "
        "SUM(probabilities[OFFSET(0)] * id), SUM(logits[OFFSET(2)]) "
        "FROM ML.PREDICT(MODEL ml.mlp, TABLE ml.flowers, STRUCT(" +
        std::to_string(batch_size) + " AS batch_size))");
  };
  auto split = predict(8);
  auto whole = predict(1024);
  ASSERT_TRUE(split->ok()) << split->error_message();
  ASSERT_TRUE(whole->ok()) << whole->error_message();
  EXPECT_EQ(split->GetString(0, 0), "200");
  EXPECT_EQ(split->GetString(0, 1), "200");
  for (size_t column : {2, 3}) {  // float32 outputs of other batch shapes, summed in another order
    const double expected = std::stod(whole->GetString(0, column));
    EXPECT_NEAR(std::stod(split->GetString(0, column)), expected, 1e-6 * std::fabs(expected));
  }
}

}  // namespace
}  // namespace dq::ml
