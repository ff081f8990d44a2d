// Forced first include of every eigen-flavor candidate, precompiled once per build
// (build/pch/eigen/prelude.hpp.gch): what the stub includes, so a check compiles only the
// candidate's own code.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

// Eigen's product kernels for double (GEMM packing and micro-kernel, GEMV; every storage
// order a product of MatrixXd, a vector and their transposes can take) are compiled once, into
// the runner library (runner/eigen_prelude.cpp), instead of in every candidate: measured
// 8.5 → 5.1–6.1 s of CPU for the attention reference (g++, -O1). The template arguments come from Eigen's
// own traits, so they follow the flags the flavor compiles with.
namespace Eigen::internal {
using MldrillGemmTraits = gebp_traits<double, double>;
#define MLDRILL_EIGEN_PRODUCTS(KIND)                                                                                 \
  KIND struct gebp_kernel<double, double, Index, blas_data_mapper<double, Index, ColMajor, Unaligned, 1>,           \
                          MldrillGemmTraits::mr, MldrillGemmTraits::nr, false, false>;                              \
  KIND struct gemm_pack_lhs<double, Index, const_blas_data_mapper<double, Index, ColMajor>, MldrillGemmTraits::mr,  \
                            MldrillGemmTraits::LhsProgress, MldrillGemmTraits::LhsPacket4Packing, ColMajor, false, \
                            false>;                                                                                 \
  KIND struct gemm_pack_lhs<double, Index, const_blas_data_mapper<double, Index, RowMajor>, MldrillGemmTraits::mr,  \
                            MldrillGemmTraits::LhsProgress, MldrillGemmTraits::LhsPacket4Packing, RowMajor, false, \
                            false>;                                                                                 \
  KIND struct gemm_pack_rhs<double, Index, const_blas_data_mapper<double, Index, ColMajor>, MldrillGemmTraits::nr,  \
                            ColMajor, false, false>;                                                                \
  KIND struct gemm_pack_rhs<double, Index, const_blas_data_mapper<double, Index, RowMajor>, MldrillGemmTraits::nr,  \
                            RowMajor, false, false>;                                                                \
  KIND struct general_matrix_vector_product<Index, double, const_blas_data_mapper<double, Index, ColMajor>,         \
                                            ColMajor, false, double,                                                \
                                            const_blas_data_mapper<double, Index, RowMajor>, false, 0>;             \
  KIND struct general_matrix_vector_product<Index, double, const_blas_data_mapper<double, Index, RowMajor>,         \
                                            RowMajor, false, double,                                                \
                                            const_blas_data_mapper<double, Index, ColMajor>, false, 0>;
MLDRILL_EIGEN_PRODUCTS(extern template)
}  // namespace Eigen::internal

// The decompositions a solution reaches for (SVD, eigensolver, Cholesky, QR, LU) on MatrixXd,
// likewise compiled once into the runner library: their compute() is most of a candidate's
// compile time when it uses one (measured, g++ -O1: a BDCSVD candidate 43.9 → 3.6 s of CPU,
// a SelfAdjointEigenSolver one 14.6 → 4.5 s). compute() is a member template in some of them,
// instantiated here for a MatrixXd argument (the usual call); other arguments still compile
// in the candidate, only slower.
#define MLDRILL_EIGEN_DECOMPOSITIONS(KIND)                                                                   \
  KIND class Eigen::BDCSVD<Eigen::MatrixXd>;                                                                 \
  KIND class Eigen::JacobiSVD<Eigen::MatrixXd>;                                                              \
  KIND class Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>;                                                 \
  KIND Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>& Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>::compute( \
      const Eigen::EigenBase<Eigen::MatrixXd>&, int);                                                        \
  KIND class Eigen::LDLT<Eigen::MatrixXd>;                                                                   \
  KIND Eigen::LDLT<Eigen::MatrixXd>& Eigen::LDLT<Eigen::MatrixXd>::compute(const Eigen::EigenBase<Eigen::MatrixXd>&); \
  KIND class Eigen::LLT<Eigen::MatrixXd>;                                                                    \
  KIND Eigen::LLT<Eigen::MatrixXd>& Eigen::LLT<Eigen::MatrixXd>::compute(const Eigen::EigenBase<Eigen::MatrixXd>&);   \
  KIND class Eigen::HouseholderQR<Eigen::MatrixXd>;                                                          \
  KIND class Eigen::ColPivHouseholderQR<Eigen::MatrixXd>;                                                    \
  KIND Eigen::ColPivHouseholderQR<Eigen::MatrixXd>& Eigen::ColPivHouseholderQR<Eigen::MatrixXd>::compute(       \
      const Eigen::EigenBase<Eigen::MatrixXd>&);                                                             \
  KIND class Eigen::PartialPivLU<Eigen::MatrixXd>;                                                           \
  KIND class Eigen::FullPivLU<Eigen::MatrixXd>;
MLDRILL_EIGEN_DECOMPOSITIONS(extern template)
