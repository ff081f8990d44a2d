// A CART decision tree with Gini impurity — torch flavor (LibTorch, double precision).
// Target: 40 minutes.
// Implement the four functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features. X is n × d (one sample per row), y holds n labels 0 .. C−1
// (C = max(y) + 1). A Tree has one entry per node in each field, nodes numbered in depth-first
// PRE-ORDER: the root is 0, then its whole left subtree, then its right subtree.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// The inputs are shared, not copied: do not modify them in place (clone() first).
// Tensors arrive as torch::kFloat64 (labels torch::kInt64); return the Tree's fields as 1-D
// tensors, feature/left/right/value kInt64 and threshold kFloat64. X.accessor<double, 2>() reads
// entries fast; torch::tensor(std::vector<int64_t>) builds an int64 vector.
#include <torch/torch.h>
#include <algorithm>
#include <stdexcept>
#include <vector>

namespace drill::decision_tree {

struct Split {
  int feature;       // column to split on; −1 when no split exists (every column constant over the rows)
  double threshold;  // rows with x[feature] <= threshold go left; 0.0 when feature == −1
  double impurity;   // weighted child impurity (n_L·gini(L) + n_R·gini(R)) / n; gini(y) when feature == −1
};

struct Tree {
  torch::Tensor feature;    // split column, −1 at a leaf
  torch::Tensor threshold;  // go left when x[feature] <= threshold; 0.0 at a leaf (not graded)
  torch::Tensor left;       // left child's node number, −1 at a leaf
  torch::Tensor right;      // right child's node number, −1 at a leaf
  torch::Tensor value;      // EVERY node: majority label of the training rows reaching it, counted over
                            // 0 .. C−1 (C = max(y) + 1); equal counts → the smallest label
};

// Gini impurity 1 − Σₖ pₖ² of the labels in y (pₖ = share of label k among y's entries; labels
// are non-negative ints, not necessarily contiguous). 0 for an empty y.
double gini(const torch::Tensor& y) {
  throw std::logic_error("not implemented: gini");
}

// The split minimising the weighted child impurity over every feature j and every threshold
// midway between two CONSECUTIVE DISTINCT sorted values a < b of column j: (a + b) / 2. Never
// a cut between equal values. Equally good splits: the lowest feature, then the lowest
// threshold (scan ascending, replace the best only on a strictly lower impurity).
// y holds labels 0 .. C−1; X has at least one row.
Split best_split(const torch::Tensor& X, const torch::Tensor& y) {
  throw std::logic_error("not implemented: best_split");
}

// Grows the tree from the root (depth 0). A node is a leaf when any of: max_depth >= 0 and
// depth == max_depth (max_depth < 0: no limit); its row count < min_samples_split; its Gini is
// 0; best_split finds no split (feature −1). Otherwise it is split at best_split(its rows),
// EVEN IF that does not lower the impurity (the root of XOR is split).
// Throws std::invalid_argument if min_samples_split < 2 or X has no rows.
Tree fit(const torch::Tensor& X, const torch::Tensor& y, int max_depth, int min_samples_split) {
  throw std::logic_error("not implemented: fit");
}

// Label of each row: from the root, go left while x[feature] <= threshold, else right; the
// leaf's value.
torch::Tensor predict(const Tree& t, const torch::Tensor& X) {
  throw std::logic_error("not implemented: predict");
}

}  // namespace drill::decision_tree
