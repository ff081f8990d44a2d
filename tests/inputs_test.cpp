// The shared problem generators (harness/cases/inputs.hpp). Oracles: the inline generators
// the drills used before (each generator must draw the same numbers in the same order, since
// corpus messages quote them), and the properties each generator promises.
#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>

#include "cases/inputs.hpp"

using namespace mldrill::cases;

TEST_CASE("linear_problem draws what logreg's inline generator drew, and thresholds to its labels", "[inputs]") {
  // logreg's learnable(60, 4, 14) before the move.
  Draw old(14);
  Eigen::MatrixXd X = old.normal(60, 4);
  Eigen::VectorXd w = old.normal_vector(4), y(60);
  for (int i = 0; i < 60; ++i) y[i] = (X.row(i).dot(w) + 0.3 + 0.5 * old.normal()) > 0 ? 1.0 : 0.0;

  Draw r(14);
  const Linear l = linear_problem(r, 60, 4, 0.3, 0.5);
  CHECK(l.X == X);
  CHECK(l.w == w);
  CHECK(above_zero(l.y) == y);
  CHECK(y.sum() > 10);  // both classes present: a problem fit() can learn
  CHECK(y.sum() < 50);
  // Without noise the targets are the rule itself.
  Draw q(3);
  const Linear exact = linear_problem(q, 5, 2, -1.5, 0.0);
  CHECK(exact.y.isApprox(Eigen::VectorXd((exact.X * exact.w).array() - 1.5)));
}

TEST_CASE("labelled_grid and integers draw what knn's inline grid drew", "[inputs]") {
  Draw old(27);
  Eigen::MatrixXd Xt(60, 2), Xq(40, 2);
  Eigen::VectorXi yt(60);
  for (int i = 0; i < 60; ++i) {
    for (int j = 0; j < 2; ++j) Xt(i, j) = old.below(5);
    yt[i] = old.below(3);
  }
  for (int i = 0; i < 40; ++i)
    for (int j = 0; j < 2; ++j) Xq(i, j) = old.below(5);

  Draw r(27);
  const Labelled train = labelled_grid(r, 60, 2, 5, 3);
  CHECK(train.X == Xt);
  CHECK(train.y == yt);
  CHECK(r.integers(40, 2, 5) == Xq);
  CHECK(train.X.minCoeff() == 0);
  CHECK(train.X.maxCoeff() == 4);
}

TEST_CASE("labels, coin labels and uniform rows stay in their ranges and use every value", "[inputs]") {
  Draw r(5);
  const Eigen::VectorXi y = r.labels(300, 4);
  CHECK(y.minCoeff() == 0);
  CHECK(y.maxCoeff() == 3);
  const Eigen::VectorXd c = r.coin_labels(200);
  CHECK(((c.array() == 0) || (c.array() == 1)).all());
  CHECK(c.sum() > 60);
  CHECK(c.sum() < 140);
  const Eigen::RowVectorXd b = r.uniform_row(50, -0.5, 0.5);
  CHECK(b.minCoeff() >= -0.5);
  CHECK(b.maxCoeff() < 0.5);
  // Same seed, same numbers.
  Draw a(9), a2(9);
  CHECK(a.normal(3, 3) == a2.normal(3, 3));
}

TEST_CASE("blobs: rows shuffled around their centres, each labelled with its blob", "[inputs]") {
  const Eigen::MatrixXd centres = matrix(3, 2, {0, 0, 50, 0, 0, 50});
  const Labelled b = blobs(centres, 20, 1.0, 21);
  REQUIRE(b.X.rows() == 60);
  std::set<int> first_labels;
  for (Eigen::Index i = 0; i < 60; ++i) {
    CHECK((b.X.row(i) - centres.row(b.y[i])).norm() < 6.0);
    if (i < 10) first_labels.insert(b.y[i]);
  }
  CHECK(first_labels.size() > 1);  // shuffled, not blob by blob
  CHECK((b.y.array() == 1).count() == 20);
}

TEST_CASE("matrix() refuses a list that does not fill it, and rows_of picks rows in order", "[inputs]") {
  CHECK_THROWS_AS(matrix(2, 2, {1, 2, 3}), std::logic_error);
  const Eigen::MatrixXd m = matrix(3, 2, {1, 2, 3, 4, 5, 6});
  CHECK(m(1, 0) == 3);
  const Eigen::MatrixXd r = rows_of(m, {2, 0});
  CHECK(r.row(0) == m.row(2));
  CHECK(r.row(1) == m.row(0));
}
