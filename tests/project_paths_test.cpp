// project::Paths: where the data tree and the build's outputs are, and the error that
// names the missing directory when the checkout moved or MLDRILL_DATASETS is wrong.
#include <catch2/catch.hpp>

#include <filesystem>

#include "project/paths.hpp"

namespace fs = std::filesystem;
using mldrill::project::DataTreeMissing;
using mldrill::project::Paths;

namespace {
// A fresh directory under the build's test-work/, holding the given subdirectories.
fs::path tree(const std::string& name, std::initializer_list<const char*> subdirs) {
  const fs::path root = fs::path(MLDRILL_BUILD_DIR) / "test-work" / "project-paths" / name;
  fs::remove_all(root);
  fs::create_directories(root);
  for (const char* d : subdirs) fs::create_directories(root / d);
  return root;
}
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

// The paths of this build are the checkout and build directory CMake configured.
TEST_CASE("This build's paths name its checkout and build directory", "[project]") {
  const Paths& p = mldrill::project::paths();
  CHECK(fs::equivalent(p.source_dir(), MLDRILL_SOURCE_DIR));
  CHECK(fs::equivalent(p.build_dir(), MLDRILL_BUILD_DIR));
  CHECK(fs::exists(p.exercise_dir("logreg") + "/exercise.json"));
  CHECK(fs::exists(p.reference_header("logreg")));
  CHECK(fs::exists(p.dataset_file("breast_cancer")));
  CHECK(fs::exists(p.toolchain_file()));
  CHECK(fs::exists(p.runner_library("logreg", "eigen")));
}

// Each path is the documented place under the source or build directory.
TEST_CASE("Paths resolve under the source and build directories", "[project]") {
  const fs::path src = tree("complete", {"exercises", "reference", "datasets"});
  const Paths p(src.string(), "/b");
  CHECK(p.exercise_dir("knn") == src.string() + "/exercises/knn");
  CHECK(p.reference_header("knn") == src.string() + "/reference/knn.hpp");
  CHECK(p.dataset_file("iris") == src.string() + "/datasets/iris.csv");
  CHECK(p.dataset_file("bpe_words", ".tsv") == src.string() + "/datasets/bpe_words.tsv");
  CHECK(p.default_workspace() == src.string() + "/workspace");
  CHECK(p.toolchain_file() == "/b/toolchain.json");
  CHECK(p.runner_library("knn", "torch") == "/b/runners/libknn_torch.a");
  CHECK(p.work_dir() == "/b/work");
  CHECK(p.test_work_dir() == "/b/test-work");
  CHECK(p.mldrill_binary() == "/b/harness/mldrill");
}

// MLDRILL_DATASETS replaces datasets/ (and only it).
TEST_CASE("A datasets override replaces the checkout's datasets directory", "[project]") {
  const fs::path src = tree("override", {"exercises", "reference", "datasets"});
  const fs::path other = tree("override-data", {});
  const Paths p(src.string(), "/b", other.string());
  CHECK(p.dataset_file("iris") == other.string() + "/iris.csv");
  CHECK(p.exercise_dir("knn") == src.string() + "/exercises/knn");
}

// A moved or deleted checkout: the error names the missing directory and what to do.
TEST_CASE("A missing data tree is an error naming the directory and the fix", "[project]") {
  const fs::path src = tree("missing", {"datasets"});
  const Paths p(src.string(), "/b");
  CHECK_THROWS_MATCHES(p.exercise_dir("knn"), DataTreeMissing,
                       Catch::Matchers::Predicate<DataTreeMissing>([&](const DataTreeMissing& e) {
                         const std::string m = e.what();
                         return contains(m, src.string() + "/exercises is missing") &&
                                contains(m, "configured from " + src.string()) &&
                                contains(m, "configure and build again");
                       }));
  CHECK_THROWS_WITH(p.reference_header("knn"), Catch::Contains(src.string() + "/reference is missing"));
  CHECK_NOTHROW(p.dataset_file("iris"));
  const Paths gone((src / "nowhere").string(), "/b");
  CHECK_THROWS_WITH(gone.dataset_file("iris"), Catch::Contains((src / "nowhere").string() + "/datasets is missing"));
}

// MLDRILL_DATASETS naming a file or nothing: the error names the variable, not the checkout.
TEST_CASE("A datasets override that is not a directory is an error naming MLDRILL_DATASETS", "[project]") {
  const fs::path src = tree("bad-override", {"exercises", "reference", "datasets"});
  const Paths p(src.string(), "/b", (src / "no-such-dir").string());
  CHECK_THROWS_AS(p.dataset_file("iris"), DataTreeMissing);
  CHECK_THROWS_WITH(p.dataset_file("iris"),
                    Catch::Contains("MLDRILL_DATASETS=" + (src / "no-such-dir").string() + " is not a directory") &&
                        Catch::Contains("unset it to use " + src.string() + "/datasets"));
  CHECK_NOTHROW(p.exercise_dir("knn"));
}
