// expect: runtime_error
// case: gradient(n=40,d=6)
// message: autograd is off in this drill
// message: found no graph
// torch::autograd::grad found by hand: its address read from libtorch_cpu.so's own symbol
// table (via /proc/self/maps and the ELF file), so that neither its name nor the dynamic
// loader appears among the file's imports. No compile-time rule can see this; the run-time
// guard can: the Autograd dispatch keys are excluded around every call, so no graph exists.
#include <torch/torch.h>
#include <elf.h>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace drill::logreg {

struct Gradient { torch::Tensor dw; double db; };
struct Model    { torch::Tensor w;  double b;  };

torch::Tensor predict_proba(const torch::Tensor& X, const torch::Tensor& w, double b) {
  return torch::sigmoid(X.matmul(w) + b);
}

double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  const torch::Tensor z = X.matmul(w) + b;
  return (torch::clamp_min(z, 0) + torch::log1p(torch::exp(-z.abs())) - y * z).mean().item<double>();
}

// The mean cross-entropy of (wv, bv), built so that autograd could differentiate it.
torch::Tensor loss_graph(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& wv,
                         const torch::Tensor& bv) {
  const torch::Tensor z = X.matmul(wv) + bv;
  return (torch::clamp_min(z, 0) + torch::log1p(torch::exp(-z.abs())) - y * z).mean();
}

// The run-time address of `name` in the loaded library whose path contains `lib`.
void* find_symbol(const std::string& lib, const std::string& name) {
  std::ifstream maps("/proc/self/maps");
  std::string line, path;
  uintptr_t base = 0;
  while (std::getline(maps, line)) {
    std::istringstream in(line);
    std::string range, perms, offset, dev, inode;
    in >> range >> perms >> offset >> dev >> inode >> path;
    if (path.find(lib) == std::string::npos || std::stoull(offset, nullptr, 16) != 0) continue;
    base = std::stoull(range.substr(0, range.find('-')), nullptr, 16);
    break;
  }
  if (!base) return nullptr;
  std::ifstream f(path, std::ios::binary);
  auto read_at = [&](uint64_t at, void* out, size_t n) {
    f.seekg(std::streamoff(at));
    f.read(static_cast<char*>(out), std::streamsize(n));
  };
  Elf64_Ehdr eh;
  read_at(0, &eh, sizeof eh);
  std::vector<Elf64_Shdr> sh(eh.e_shnum);
  read_at(eh.e_shoff, sh.data(), sh.size() * sizeof(Elf64_Shdr));
  for (const Elf64_Shdr& s : sh) {
    if (s.sh_type != SHT_DYNSYM) continue;
    std::vector<Elf64_Sym> syms(s.sh_size / sizeof(Elf64_Sym));
    read_at(s.sh_offset, syms.data(), s.sh_size);
    const Elf64_Shdr& strtab = sh[s.sh_link];
    std::string strs(strtab.sh_size, '\0');
    read_at(strtab.sh_offset, strs.data(), strs.size());
    for (const Elf64_Sym& sym : syms)
      if (sym.st_value && std::strcmp(strs.c_str() + sym.st_name, name.c_str()) == 0)
        return reinterpret_cast<void*>(base + sym.st_value);
  }
  return nullptr;
}

using GradFn = std::vector<torch::Tensor> (*)(const std::vector<torch::Tensor>&, const std::vector<torch::Tensor>&,
                                              const std::vector<torch::Tensor>&, c10::optional<bool>, bool, bool);

Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  auto grad = reinterpret_cast<GradFn>(find_symbol(
      "libtorch_cpu.so", "_ZN5torch8autograd4gradERKSt6vectorIN2at6TensorESaIS3_EES7_S7_N3c108optionalIbEEbb"));
  if (!grad) throw std::runtime_error("torch::autograd::grad not found");
  torch::AutoGradMode on(true);
  torch::Tensor wv = w.clone().requires_grad_(true);
  torch::Tensor bv = torch::tensor(b, torch::kFloat64).requires_grad_(true);
  auto g = grad({loss_graph(X, y, wv, bv)}, {wv, bv}, {}, c10::nullopt, false, false);
  return {g[0].detach(), g[1].item<double>()};
}

Model fit(const torch::Tensor& X, const torch::Tensor& y, double learning_rate, int epochs) {
  Model m{torch::zeros({X.size(1)}, torch::kFloat64), 0.0};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.w, m.b);
    m.w = m.w - learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  return m;
}

}  // namespace drill::logreg
