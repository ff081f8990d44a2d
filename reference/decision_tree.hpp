// The CART decision-tree contract (eigen flavor), exactly as the stub presents it.
// Shapes: n samples, d features; X is n × d, y holds n labels 0 .. C−1; a Tree's fields have
// one entry per node, numbered in depth-first pre-order (scikit-learn's tree_).
#pragma once
#include <Eigen/Dense>

namespace drill::decision_tree {

struct Split {
  int feature;       // −1 when no column varies over the rows
  double threshold;  // rows with x[feature] <= threshold go left; 0.0 when feature == −1
  double impurity;   // weighted child Gini; gini(y) when feature == −1
};

struct Tree {
  Eigen::VectorXi feature;      // split column, −1 at a leaf
  Eigen::VectorXd threshold;    // go left when x[feature] <= threshold; 0.0 at a leaf
  Eigen::VectorXi left, right;  // child node numbers, −1 at a leaf
  Eigen::VectorXi value;        // majority label of the rows reaching the node (ties → smallest)
};

double gini(const Eigen::VectorXi& y);
Split best_split(const Eigen::MatrixXd& X, const Eigen::VectorXi& y);
Tree fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, int max_depth, int min_samples_split);
Eigen::VectorXi predict(const Tree& t, const Eigen::MatrixXd& X);

}  // namespace drill::decision_tree
