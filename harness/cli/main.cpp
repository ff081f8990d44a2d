#include <iostream>
#include "cases/registry.hpp"
#include "grading/grader.hpp"
int main(int argc, char** argv) {
  auto rep = mldrill::grading::grade(argv[1], "eigen", argv[2], mldrill::cases::cases_for(argv[1]), "/tmp/mldrill-work");
  std::cout << mldrill::grading::to_json(rep).dump(2) << std::endl;
}
