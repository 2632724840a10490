// A tree ensemble as the ai.onnx.ml TreeEnsembleClassifier / TreeEnsembleRegressor attributes
// describe it, flattened once at import into arrays, and its evaluation over blocks of rows.
//
// Attributes (ONNX Operators-ml.md). One entry per node, all lists of equal length:
//   nodes_treeids, nodes_nodeids        the node's (tree id, node id); each pair once
//   nodes_modes                         BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT,
//                                       BRANCH_EQ, BRANCH_NEQ or LEAF
//   nodes_featureids, nodes_values      a branch compares X[row, feature] (as float) with the
//                                       value: "X <= value" for BRANCH_LEQ, and so on
//   nodes_truenodeids, nodes_falsenodeids  the children's node ids, in the same tree
//   nodes_missing_value_tracks_true     optional; where X is NaN, 1 takes the true child and
//                                       0 the false child, whatever the mode
//   nodes_hitrates                      ignored
// and one entry per vote, with prefix "class" (classifier) or "target" (regressor):
//   <prefix>_treeids, <prefix>_nodeids  the leaf; <prefix>_ids  the class or target index;
//   <prefix>_weights                    the value added (or min/max-ed) into that score
// A tree's root is its first node in attribute order (as in the onnx reference evaluator);
// nodes not reachable from a root are ignored. The DOUBLE *_as_tensor variants are rejected
// at import (onnx_import.cc), as are DOUBLE inputs.
//
// Flattened layout: every reachable node of every tree in one array of FlatTreeNode, each
// tree contiguous in breadth-first order from its root, children as absolute indices. A leaf's
// children are the leaf itself, so stepping from a leaf stays there; its votes are the range
// [vote_begin_[leaf], vote_begin_[leaf + 1]) of the (target, weight) arrays.
//
// Build rejects, naming the node and the offending (tree, node) ids: lists of unequal length,
// duplicate ids, unknown modes, negative features, children missing from the tree, a node
// reached twice (a cycle or a shared child), votes for missing or non-leaf nodes or for
// targets out of range.
//
// Evaluation goes tree by tree over a block of rows, so a tree stays in cache for the whole
// block. Within a tree, 16 rows descend together step by step (leaves loop on themselves), so
// their dependent loads overlap instead of waiting on each other and no branch depends on the
// data; a group stops at the tree's depth, or earlier once all 16 sit on leaves (checked
// every 8 steps, for deep unbalanced trees). The comparison is specialized when all branches
// share one mode (the usual case: scikit-learn and LightGBM export BRANCH_LEQ, XGBoost
// BRANCH_LT) and when no node routes NaN to the true child. Measured with
// bench/ml/run_trees.sh (100k rows, one thread): a 100-tree forest of depth 10 at 2.6x and a
// 200-tree boosting model of depth 6 at 1.1x ONNX Runtime's rows/s.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ml/graph.h"

namespace dq::ml {

enum class NodeMode : uint8_t { kLeq, kLt, kGte, kGt, kEq, kNeq, kLeaf };

// How a target's votes across trees combine (TreeEnsembleRegressor's aggregate_function;
// classifiers always sum).
enum class Aggregate : uint8_t { kSum, kAverage, kMin, kMax };

// Set in FlatTreeNode::feature when X = NaN takes the true child.
inline constexpr int32_t kMissingTracksTrue = INT32_MIN;

// 16 bytes, four per cache line; the mode lives apart (only mixed ensembles read it).
struct FlatTreeNode {
  float value;          // a branch's threshold
  int32_t feature;      // a branch's feature index, | kMissingTracksTrue; 0 for a leaf
  int32_t children[2];  // [false child, true child]; a leaf's are itself
};

class TreeEnsemble {
 public:
  // Reads and validates the node's nodes_* attributes and the votes of `vote_prefix`
  // ("class" or "target"), whose ids must be below `target_count`.
  static Result<TreeEnsemble> Build(const Node& node, std::string_view vote_prefix,
                                    int64_t target_count);

  int64_t tree_count() const { return roots_.size(); }
  int64_t target_count() const { return target_count_; }
  // 1 + the largest feature index a branch reads (0 when every tree is a single leaf).
  int64_t feature_count() const { return feature_count_; }
  // The distinct target ids that votes name, in increasing order.
  const std::vector<int32_t>& voted_targets() const { return voted_targets_; }

  // Folds every tree's votes for rows [0, row_count) of `rows` (row r's features start at
  // rows + r * row_width) into scores[r * target_count() + target]: kSum and kAverage add;
  // kMin and kMax keep the extreme, treating a NaN score as "no vote yet".
  // REQUIRES: row_width >= feature_count().
  void Accumulate(const float* rows, int64_t row_count, int64_t row_width, Aggregate aggregate,
                  double* scores) const;
  void Accumulate(const int64_t* rows, int64_t row_count, int64_t row_width, Aggregate aggregate,
                  double* scores) const;

 private:
  template <typename Input>
  void Dispatch(const Input* rows, int64_t row_count, int64_t row_width, Aggregate aggregate,
                double* scores) const;
  template <typename Input, NodeMode kMode, bool kMissing>
  void AccumulateBlock(const Input* rows, int64_t row_count, int64_t row_width, Aggregate aggregate,
                       double* scores) const;

  std::vector<FlatTreeNode> nodes_;
  std::vector<NodeMode> modes_;        // per node
  std::vector<int32_t> roots_;         // per tree, its root's index in nodes_
  std::vector<int32_t> depths_;        // per tree, the most branches on a root-to-leaf path
  std::vector<int32_t> vote_begin_;    // per node (and one past the end), its first vote
  std::vector<int32_t> vote_targets_;  // per vote, grouped by leaf in node order
  std::vector<float> vote_weights_;
  std::vector<int32_t> voted_targets_;
  int64_t target_count_ = 0;
  int64_t feature_count_ = 0;
  NodeMode common_mode_ = NodeMode::kLeq;  // the mode of every branch, unless mixed_modes_
  bool mixed_modes_ = false;
  bool any_missing_tracks_true_ = false;
};

}  // namespace dq::ml
