#include "ml/kernels/tree_ensemble.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <span>
#include <string>
#include <type_traits>

#include "ml/kernel.h"

namespace dq::ml {
namespace {

using TreeNodeId = std::pair<int64_t, int64_t>;  // (tree id, node id)

std::string Describe(const TreeNodeId& id) {
  return "(tree " + std::to_string(id.first) + ", node " + std::to_string(id.second) + ")";
}

bool ParseMode(std::string_view name, NodeMode* mode) {
  static constexpr std::pair<std::string_view, NodeMode> kModes[] = {
      {"BRANCH_LEQ", NodeMode::kLeq}, {"BRANCH_LT", NodeMode::kLt}, {"BRANCH_GTE", NodeMode::kGte},
      {"BRANCH_GT", NodeMode::kGt},   {"BRANCH_EQ", NodeMode::kEq}, {"BRANCH_NEQ", NodeMode::kNeq},
      {"LEAF", NodeMode::kLeaf}};
  for (const auto& [text, value] : kModes) {
    if (name == text) {
      *mode = value;
      return true;
    }
  }
  return false;
}

// Whether X takes the true branch. Every comparison is false for a NaN X (BRANCH_NEQ too), so
// NaN goes to the false child unless missing_tracks_true says otherwise.
template <NodeMode kMode>
inline bool Compare(float x, float threshold) {
  if constexpr (kMode == NodeMode::kLeq) return x <= threshold;
  if constexpr (kMode == NodeMode::kLt) return x < threshold;
  if constexpr (kMode == NodeMode::kGte) return x >= threshold;
  if constexpr (kMode == NodeMode::kGt) return x > threshold;
  if constexpr (kMode == NodeMode::kEq) return x == threshold;
  if constexpr (kMode == NodeMode::kNeq) return x < threshold || x > threshold;
  return false;
}

// kLeaf stands for "each node's own mode" in the templates below.
inline bool CompareMixed(NodeMode mode, float x, float threshold) {
  switch (mode) {
    case NodeMode::kLeq:
      return Compare<NodeMode::kLeq>(x, threshold);
    case NodeMode::kLt:
      return Compare<NodeMode::kLt>(x, threshold);
    case NodeMode::kGte:
      return Compare<NodeMode::kGte>(x, threshold);
    case NodeMode::kGt:
      return Compare<NodeMode::kGt>(x, threshold);
    case NodeMode::kEq:
      return Compare<NodeMode::kEq>(x, threshold);
    case NodeMode::kNeq:
      return Compare<NodeMode::kNeq>(x, threshold);
    case NodeMode::kLeaf:
      break;
  }
  return false;
}

// The child of node `index` that the row takes (a leaf's children are itself). Without
// kMissing no feature carries the kMissingTracksTrue bit, so it is not masked off.
template <typename Input, NodeMode kMode, bool kMissing>
inline int32_t Step(const FlatTreeNode* nodes, const NodeMode* modes, int32_t index,
                    const Input* row) {
  const FlatTreeNode& node = nodes[index];
  int32_t feature = kMissing ? node.feature & ~kMissingTracksTrue : node.feature;
  float x = static_cast<float>(row[feature]);
  bool go_true;
  if constexpr (kMode == NodeMode::kLeaf) {
    go_true = CompareMixed(modes[index], x, node.value);
  } else {
    go_true = Compare<kMode>(x, node.value);
  }
  if constexpr (kMissing) go_true |= (node.feature < 0) & std::isnan(x);
  return node.children[go_true];
}

// Rows per interleaved descent (8 and 32 measured slower on bench/ml/run_trees.sh).
constexpr int64_t kLanes = 16;

// The attribute lists of the nodes, checked to be of equal length.
struct NodeAttributes {
  std::span<const int64_t> tree_ids, node_ids, feature_ids, true_ids, false_ids, missing;
  std::span<const std::string> modes;
  std::span<const float> values;
};

Result<NodeAttributes> ReadNodeAttributes(const Node& node) {
  NodeAttributes nodes{
      node.GetInts("nodes_treeids"),      node.GetInts("nodes_nodeids"),
      node.GetInts("nodes_featureids"),   node.GetInts("nodes_truenodeids"),
      node.GetInts("nodes_falsenodeids"), node.GetInts("nodes_missing_value_tracks_true"),
      node.GetStrings("nodes_modes"),     node.GetFloats("nodes_values")};
  size_t count = nodes.tree_ids.size();
  if (count == 0) return NodeError(node, "nodes_treeids is empty: the ensemble has no trees");
  std::pair<std::string_view, size_t> sizes[] = {
      {"nodes_nodeids", nodes.node_ids.size()},     {"nodes_featureids", nodes.feature_ids.size()},
      {"nodes_truenodeids", nodes.true_ids.size()}, {"nodes_falsenodeids", nodes.false_ids.size()},
      {"nodes_modes", nodes.modes.size()},          {"nodes_values", nodes.values.size()}};
  for (const auto& [name, size] : sizes) {
    if (size != count) {
      return NodeError(node, std::string(name) + " has " + std::to_string(size) +
                                 " entries, nodes_treeids " + std::to_string(count));
    }
  }
  if (!nodes.missing.empty() && nodes.missing.size() != count) {
    return NodeError(node, "nodes_missing_value_tracks_true has " +
                               std::to_string(nodes.missing.size()) + " entries, nodes_treeids " +
                               std::to_string(count));
  }
  return nodes;
}

}  // namespace

Result<TreeEnsemble> TreeEnsemble::Build(const Node& node, std::string_view vote_prefix,
                                         int64_t target_count) {
  DQ_ASSIGN_OR_RETURN(NodeAttributes attributes, ReadNodeAttributes(node));
  const size_t count = attributes.tree_ids.size();
  TreeEnsemble ensemble;
  ensemble.target_count_ = target_count;

  // Index the nodes by id; trees in order of first appearance, the first node the root.
  std::map<TreeNodeId, int32_t> position_of;
  std::vector<NodeMode> modes(count);
  std::vector<int32_t> tree_roots;
  std::map<int64_t, size_t> seen_trees;
  for (size_t position = 0; position < count; ++position) {
    TreeNodeId id{attributes.tree_ids[position], attributes.node_ids[position]};
    if (!position_of.emplace(id, static_cast<int32_t>(position)).second) {
      return NodeError(node, "node " + Describe(id) + " is listed twice");
    }
    if (!ParseMode(attributes.modes[position], &modes[position])) {
      return NodeError(
          node, "node " + Describe(id) + " has unknown mode '" + attributes.modes[position] + "'");
    }
    if (seen_trees.emplace(id.first, tree_roots.size()).second) {
      tree_roots.push_back(static_cast<int32_t>(position));
    }
  }
  if (position_of.size() > static_cast<size_t>(INT32_MAX / 2)) {
    return NodeError(node, "too many tree nodes");
  }
  // Children by attribute position, checked.
  std::vector<std::array<int32_t, 2>> children(count, {-1, -1});
  for (size_t position = 0; position < count; ++position) {
    if (modes[position] == NodeMode::kLeaf) continue;
    TreeNodeId id{attributes.tree_ids[position], attributes.node_ids[position]};
    if (attributes.feature_ids[position] < 0 || attributes.feature_ids[position] > INT32_MAX) {
      return NodeError(node, "node " + Describe(id) + " reads feature " +
                                 std::to_string(attributes.feature_ids[position]));
    }
    int64_t child_ids[2] = {attributes.false_ids[position], attributes.true_ids[position]};
    for (int side = 0; side < 2; ++side) {
      auto found = position_of.find({id.first, child_ids[side]});
      if (found == position_of.end()) {
        return NodeError(node, "node " + Describe(id) + ": " + (side ? "true" : "false") +
                                   " child " + std::to_string(child_ids[side]) +
                                   " is not a node of tree " + std::to_string(id.first));
      }
      children[position][side] = found->second;
    }
  }
  // Breadth-first numbering per tree; a node reached twice means the tree is not a tree.
  std::vector<int32_t> flat_of(count, -1);
  std::vector<int32_t> order;  // attribute positions in flat order
  std::vector<int32_t> depth_of(count, 0);
  for (int32_t root : tree_roots) {
    ensemble.roots_.push_back(static_cast<int32_t>(order.size()));
    ensemble.depths_.push_back(0);
    flat_of[root] = static_cast<int32_t>(order.size());
    order.push_back(root);
    for (size_t next = ensemble.roots_.back(); next < order.size(); ++next) {
      int32_t position = order[next];
      ensemble.depths_.back() = std::max(ensemble.depths_.back(), depth_of[position]);
      if (modes[position] == NodeMode::kLeaf) continue;
      for (int32_t child : children[position]) {
        depth_of[child] = depth_of[position] + 1;
        if (flat_of[child] >= 0) {
          return NodeError(
              node, "tree " + std::to_string(attributes.tree_ids[child]) + " is not a tree: node " +
                        std::to_string(attributes.node_ids[child]) + " is reached twice");
        }
        flat_of[child] = static_cast<int32_t>(order.size());
        order.push_back(child);
      }
    }
  }
  // Votes, grouped by leaf in attribute order.
  std::string prefix(vote_prefix);
  auto vote_trees = node.GetInts(prefix + "_treeids");
  auto vote_nodes = node.GetInts(prefix + "_nodeids");
  auto vote_ids = node.GetInts(prefix + "_ids");
  auto vote_weights = node.GetFloats(prefix + "_weights");
  size_t vote_count = vote_trees.size();
  if (vote_nodes.size() != vote_count || vote_ids.size() != vote_count ||
      vote_weights.size() != vote_count) {
    return NodeError(node, prefix + "_treeids, " + prefix + "_nodeids, " + prefix + "_ids and " +
                               prefix + "_weights must have equal lengths");
  }
  std::vector<std::vector<int32_t>> votes_of(order.size());  // flat index -> vote positions
  std::vector<bool> voted(target_count, false);
  for (size_t vote = 0; vote < vote_count; ++vote) {
    TreeNodeId id{vote_trees[vote], vote_nodes[vote]};
    auto found = position_of.find(id);
    if (found == position_of.end() || modes[found->second] != NodeMode::kLeaf) {
      return NodeError(node, prefix + " vote " + std::to_string(vote) + " is for node " +
                                 Describe(id) + ", which is not a leaf");
    }
    if (vote_ids[vote] < 0 || vote_ids[vote] >= target_count) {
      return NodeError(node, prefix + " vote " + std::to_string(vote) + " is for " + prefix + " " +
                                 std::to_string(vote_ids[vote]) + ", but there are " +
                                 std::to_string(target_count));
    }
    voted[vote_ids[vote]] = true;
    if (flat_of[found->second] >= 0) votes_of[flat_of[found->second]].push_back(vote);
  }
  for (int32_t target = 0; target < target_count; ++target) {
    if (voted[target]) ensemble.voted_targets_.push_back(target);
  }
  // The flat arrays.
  ensemble.nodes_.resize(order.size());
  ensemble.modes_.resize(order.size());
  bool first_branch = true;
  for (size_t flat = 0; flat < order.size(); ++flat) {
    int32_t position = order[flat];
    FlatTreeNode& target = ensemble.nodes_[flat];
    NodeMode mode = modes[position];
    ensemble.modes_[flat] = mode;
    target.value = attributes.values[position];
    ensemble.vote_begin_.push_back(static_cast<int32_t>(ensemble.vote_targets_.size()));
    for (int32_t vote : votes_of[flat]) {
      ensemble.vote_targets_.push_back(static_cast<int32_t>(vote_ids[vote]));
      ensemble.vote_weights_.push_back(vote_weights[vote]);
    }
    if (mode == NodeMode::kLeaf) {
      target.feature = 0;
      target.children[0] = target.children[1] = static_cast<int32_t>(flat);
      continue;
    }
    int32_t feature = static_cast<int32_t>(attributes.feature_ids[position]);
    bool missing_tracks_true = !attributes.missing.empty() && attributes.missing[position] != 0;
    target.feature = feature | (missing_tracks_true ? kMissingTracksTrue : 0);
    target.children[0] = flat_of[children[position][0]];
    target.children[1] = flat_of[children[position][1]];
    ensemble.feature_count_ = std::max<int64_t>(ensemble.feature_count_, feature + 1);
    ensemble.any_missing_tracks_true_ |= missing_tracks_true;
    if (first_branch) ensemble.common_mode_ = mode;
    if (mode != ensemble.common_mode_) ensemble.mixed_modes_ = true;
    first_branch = false;
  }
  ensemble.vote_begin_.push_back(static_cast<int32_t>(ensemble.vote_targets_.size()));
  return ensemble;
}

template <typename Input, NodeMode kMode, bool kMissing>
void TreeEnsemble::AccumulateBlock(const Input* rows, int64_t row_count, int64_t row_width,
                                   Aggregate aggregate, double* scores) const {
  const FlatTreeNode* nodes = nodes_.data();
  const NodeMode* modes = modes_.data();
  const bool add = aggregate == Aggregate::kSum || aggregate == Aggregate::kAverage;
  const bool keep_min = aggregate == Aggregate::kMin;
  auto vote = [&](int32_t leaf, int64_t row) {
    double* row_scores = scores + row * target_count_;
    for (int32_t vote = vote_begin_[leaf]; vote < vote_begin_[leaf + 1]; ++vote) {
      double& score = row_scores[vote_targets_[vote]];
      double weight = vote_weights_[vote];
      if (add) {
        score += weight;
      } else if (std::isnan(score) || (keep_min ? weight < score : weight > score)) {
        score = weight;
      }
    }
  };
  for (size_t tree = 0; tree < roots_.size(); ++tree) {
    const int32_t root = roots_[tree];
    const int32_t depth = depths_[tree];
    int64_t row = 0;
    for (; row + kLanes <= row_count; row += kLanes) {
      int32_t at[kLanes];
      for (int64_t lane = 0; lane < kLanes; ++lane) at[lane] = root;
      for (int32_t step = 0; step < depth; ++step) {
        for (int64_t lane = 0; lane < kLanes; ++lane) {
          at[lane] =
              Step<Input, kMode, kMissing>(nodes, modes, at[lane], rows + (row + lane) * row_width);
        }
        if ((step & 7) == 7) {
          bool all_leaves = true;
          for (int64_t lane = 0; lane < kLanes; ++lane) {
            all_leaves &= nodes[at[lane]].children[0] == at[lane];
          }
          if (all_leaves) break;
        }
      }
      for (int64_t lane = 0; lane < kLanes; ++lane) vote(at[lane], row + lane);
    }
    for (; row < row_count; ++row) {  // the rows left over, one at a time
      int32_t at = root;
      for (int32_t step = 0; step < depth && nodes[at].children[0] != at; ++step) {
        at = Step<Input, kMode, kMissing>(nodes, modes, at, rows + row * row_width);
      }
      vote(at, row);
    }
  }
}

template <typename Input>
void TreeEnsemble::Dispatch(const Input* rows, int64_t row_count, int64_t row_width,
                            Aggregate aggregate, double* scores) const {
  // Integer inputs are never NaN, so they skip the missing-value check.
  constexpr bool kCanBeNan = std::is_floating_point_v<Input>;
  auto run = [&]<NodeMode kMode>() {
    if (kCanBeNan && any_missing_tracks_true_) {
      AccumulateBlock<Input, kMode, kCanBeNan>(rows, row_count, row_width, aggregate, scores);
    } else {
      AccumulateBlock<Input, kMode, false>(rows, row_count, row_width, aggregate, scores);
    }
  };
  if (mixed_modes_) return run.template operator()<NodeMode::kLeaf>();  // each node's own mode
  switch (common_mode_) {
    case NodeMode::kLeq:
      return run.template operator()<NodeMode::kLeq>();
    case NodeMode::kLt:
      return run.template operator()<NodeMode::kLt>();
    case NodeMode::kGte:
      return run.template operator()<NodeMode::kGte>();
    case NodeMode::kGt:
      return run.template operator()<NodeMode::kGt>();
    case NodeMode::kEq:
      return run.template operator()<NodeMode::kEq>();
    case NodeMode::kNeq:
      return run.template operator()<NodeMode::kNeq>();
    case NodeMode::kLeaf:
      return run.template operator()<NodeMode::kLeaf>();
  }
}

void TreeEnsemble::Accumulate(const float* rows, int64_t row_count, int64_t row_width,
                              Aggregate aggregate, double* scores) const {
  Dispatch(rows, row_count, row_width, aggregate, scores);
}

void TreeEnsemble::Accumulate(const int64_t* rows, int64_t row_count, int64_t row_width,
                              Aggregate aggregate, double* scores) const {
  Dispatch(rows, row_count, row_width, aggregate, scores);
}

}  // namespace dq::ml
