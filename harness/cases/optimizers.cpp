// Grading cases of the optimizers drill (../shared/docs/drills/optimizers.md), in grading
// order: SGD ×5 → RMSprop ×4 → Adam ×4 → AdamW ×2 → invalid arguments. Every run is closed-loop:
// the gradient is taken at the candidate's own parameters, the state goes back as the candidate
// left it, and after EVERY step param and the compared state must equal the reference's run
// (checked against LibTorch's torch::optim in tests/reference_optimizers_torch_test.cpp).
#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "cases/registry.hpp"
#include "reference/optimizers.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/optimizers.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::optimizers;

const Tolerance kClose{1e-11, 1e-9};
const Tolerance kExact{0, 0};

// ---- the functions optimised -------------------------------------------------------------

struct Problem {
  std::string label;
  Eigen::VectorXd x0;
  std::function<Eigen::VectorXd(const Eigen::VectorXd&)> grad;
};

// f(x) = scale · (½xᵀAx − bᵀx), d = 5: A = MᵀM + ½I with M_ij = sin(3i + j + 1).
Problem quadratic(double scale) {
  const int d = 5;
  Eigen::MatrixXd M(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) M(i, j) = std::sin(3.0 * i + j + 1);
  const Eigen::MatrixXd A = M.transpose() * M + 0.5 * Eigen::MatrixXd::Identity(d, d);
  Eigen::VectorXd b(d), x0(d);
  b << 1, -2, 0.5, 3, -1;
  x0 << 1.5, -0.5, 2, -1, 0.25;
  return {scale == 1 ? "quadratic" : "quadratic/1000", x0,
          [=](const Eigen::VectorXd& x) -> Eigen::VectorXd { return scale * (A * x - b); }};
}

// (1 − x)² + 100 (y − x²)² from (−1.2, 1).
Problem rosenbrock() {
  Eigen::VectorXd x0(2);
  x0 << -1.2, 1;
  return {"rosenbrock", x0, [](const Eigen::VectorXd& p) -> Eigen::VectorXd {
            const double x = p[0], y = p[1];
            Eigen::VectorXd g(2);
            g << -2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x);
            return g;
          }};
}

// ---- an optimizer as the cases drive it --------------------------------------------------

// A state of any of the three kinds: `step` (Adam's only) and the buffers, in wire order.
struct State {
  int step = 0;
  std::vector<Eigen::VectorXd> buffers;
};
using StepFn = std::function<void(Eigen::VectorXd& param, const Eigen::VectorXd& grad, State& state)>;

struct Optimizer {
  Function fn;
  bool has_step = false;             // Adam's `step` travels first, as an integer
  std::vector<std::string> buffers;  // the state's vectors, in wire order
  std::vector<bool> compared;        // which of them this run compares
  wire::Values options;              // the options, field by field
  StepFn reference;
  std::vector<std::pair<std::string, StepFn>> slips;  // the known bugs, each a whole step
};

void zeros_if_empty(Eigen::VectorXd& v, Eigen::Index d) {
  if (v.size() == 0) v = Eigen::VectorXd::Zero(d);
}

// ---- SGD ---------------------------------------------------------------------------------

const char* kFirstBuffer = "the first buffer is a copy of g: b = g on its first step, no dampening (1 − τ) there";
const char* kDecayFirst = "weight decay goes into g before momentum: g = grad + λ·param, then the buffer from g";
const char* kNesterov = "Nesterov uses g + μ·b with the new b (b updated first, then the look-ahead g + μ·b)";
const char* kVelocity = "momentum_buffer holds b = μb + g, not −lr·b (same parameters, different state): "
                        "PyTorch's form is b = μ·b + g, param −= lr·b";

struct SgdSlip {
  bool damp_first = false;   // b = (1 − τ)·g on the first step
  bool decay_after = false;  // the buffer from grad, λ·param added to the update afterwards
  bool nesterov_old = false; // Nesterov's look-ahead with the buffer before this step's update
  bool nesterov_plain = false;  // Nesterov ignored: plain momentum's update
  double velocity = 0;       // ±1: the buffer stored as v = μv ∓ lr·g, param ± v (the CS231n form)
};

void sgd_slipped(Eigen::VectorXd& param, const Eigen::VectorXd& grad, State& s, const ref::SGDOptions& o,
                 SgdSlip slip) {
  Eigen::VectorXd g = grad;
  if (o.weight_decay != 0 && !slip.decay_after) g += o.weight_decay * param;
  if (o.momentum == 0) {
    param -= o.lr * g;
    return;
  }
  Eigen::VectorXd& b = s.buffers[0];
  if (slip.velocity != 0) {
    zeros_if_empty(b, param.size());
    b = o.momentum * b - slip.velocity * o.lr * g;
    param += slip.velocity * b;
    return;
  }
  const Eigen::VectorXd old = b.size() == 0 ? Eigen::VectorXd(Eigen::VectorXd::Zero(param.size())) : b;
  if (b.size() == 0 && !slip.damp_first) b = g;
  else b = o.momentum * old + (1 - o.dampening) * g;
  Eigen::VectorXd update = b;
  if (o.nesterov && !slip.nesterov_plain) update = g + o.momentum * (slip.nesterov_old ? old : b);
  if (slip.decay_after) update += o.weight_decay * param;
  param -= o.lr * update;
}

Optimizer sgd(const ref::SGDOptions& o) {
  Optimizer opt{fn::sgd_step, false, {"momentum_buffer"}, {o.momentum != 0},
                {o.lr, o.momentum, o.dampening, o.weight_decay, o.nesterov}, {}, {}};
  opt.reference = [o](Eigen::VectorXd& p, const Eigen::VectorXd& g, State& s) {
    ref::SGDState st{s.buffers[0]};
    ref::sgd_step(p, g, st, o);
    s.buffers[0] = st.momentum_buffer;
  };
  auto slip = [o](SgdSlip k) {
    return [o, k](Eigen::VectorXd& p, const Eigen::VectorXd& g, State& s) { sgd_slipped(p, g, s, o, k); };
  };
  opt.slips = {{kFirstBuffer, slip({true})},
               {kDecayFirst, slip({false, true})},
               {kNesterov, slip({false, false, true})},
               {kNesterov, slip({false, false, false, true})},
               {kVelocity, slip({false, false, false, false, 1})},
               {kVelocity, slip({false, false, false, false, -1})}};
  return opt;
}

// ---- RMSprop -----------------------------------------------------------------------------

const char* kEpsOutside = "ε goes outside the root: sqrt(v̂) + ε (PyTorch), not sqrt(v̂ + ε)";
const char* kCentered = "centered: v − ḡ² (the variance: the mean square minus the squared mean), not v + ḡ²";

struct RmsSlip {
  bool eps_inside = false;
  bool centered_plus = false;
};

void rmsprop_slipped(Eigen::VectorXd& param, const Eigen::VectorXd& grad, State& s, const ref::RMSpropOptions& o,
                     RmsSlip slip) {
  const Eigen::Index d = param.size();
  Eigen::ArrayXd g = grad.array();
  if (o.weight_decay != 0) g += o.weight_decay * param.array();
  Eigen::VectorXd &v = s.buffers[0], &b = s.buffers[1], &gbar = s.buffers[2];
  zeros_if_empty(v, d);
  v = (o.alpha * v.array() + (1 - o.alpha) * g.square()).matrix();
  Eigen::ArrayXd vt = v.array();
  if (o.centered) {
    zeros_if_empty(gbar, d);
    gbar = (o.alpha * gbar.array() + (1 - o.alpha) * g).matrix();
    vt += (slip.centered_plus ? 1.0 : -1.0) * gbar.array().square();
  }
  const Eigen::ArrayXd denom = slip.eps_inside ? Eigen::ArrayXd((vt + o.eps).sqrt()) : Eigen::ArrayXd(vt.sqrt() + o.eps);
  if (o.momentum > 0) {
    zeros_if_empty(b, d);
    b = (o.momentum * b.array() + g / denom).matrix();
    param -= o.lr * b;
  } else {
    param.array() -= o.lr * g / denom;
  }
}

Optimizer rmsprop(const ref::RMSpropOptions& o) {
  Optimizer opt{fn::rmsprop_step, false, {"square_avg", "momentum_buffer", "grad_avg"},
                {true, o.momentum > 0, o.centered},
                {o.lr, o.alpha, o.eps, o.weight_decay, o.momentum, o.centered}, {}, {}};
  opt.reference = [o](Eigen::VectorXd& p, const Eigen::VectorXd& g, State& s) {
    ref::RMSpropState st{s.buffers[0], s.buffers[1], s.buffers[2]};
    ref::rmsprop_step(p, g, st, o);
    s.buffers = {st.square_avg, st.momentum_buffer, st.grad_avg};
  };
  auto slip = [o](RmsSlip k) {
    return [o, k](Eigen::VectorXd& p, const Eigen::VectorXd& g, State& s) { rmsprop_slipped(p, g, s, o, k); };
  };
  opt.slips = {{kEpsOutside, slip({true})}, {kCentered, slip({false, true})}};
  return opt;
}

// ---- Adam and AdamW ----------------------------------------------------------------------

const char* kBiasCorrection = "Adam's bias correction (divide m by 1 − β1^t and v by 1 − β2^t) is missing";
const char* kDecoupled = "AdamW decays the weights directly (decoupled), not through the gradient: "
                         "param *= 1 − lr·weight_decay, then Adam's update with g = grad";
const char* kDecayLr = "AdamW's decay is 1 − lr·weight_decay, not 1 − weight_decay";
const char* kStep = "step must start at 1 and live in the state: t = ++state.step, then the corrections "
                    "1 − β1^t and 1 − β2^t (a static counter carries over to another parameter or run)";
const char* kZeros = "initialise the state to zeros: a buffer is sized to d and filled with zeros on its first step "
                     "(a resized Eigen vector holds NaN here)";

struct AdamParams {
  double lr, beta1, beta2, eps, weight_decay;
  bool decoupled;  // AdamW
};
struct AdamSlip {
  bool no_bias_correction = false;
  bool eps_inside = false;
  bool l2_not_decoupled = false;  // AdamW as Adam + L2
  bool decay_without_lr = false;  // AdamW's param *= 1 − λ
};

void adam_slipped(Eigen::VectorXd& param, const Eigen::VectorXd& grad, State& s, const AdamParams& o, AdamSlip slip) {
  const int t = ++s.step;
  Eigen::VectorXd g = grad;
  const bool decoupled = o.decoupled && !slip.l2_not_decoupled;
  if (decoupled) param *= 1 - (slip.decay_without_lr ? 1.0 : o.lr) * o.weight_decay;
  else if (o.weight_decay != 0) g += o.weight_decay * param;
  Eigen::VectorXd &m = s.buffers[0], &v = s.buffers[1];
  zeros_if_empty(m, param.size());
  zeros_if_empty(v, param.size());
  m = o.beta1 * m + (1 - o.beta1) * g;
  v = (o.beta2 * v.array() + (1 - o.beta2) * g.array().square()).matrix();
  const double c1 = slip.no_bias_correction ? 1 : 1 - std::pow(o.beta1, t);
  const double c2 = slip.no_bias_correction ? 1 : 1 - std::pow(o.beta2, t);
  const Eigen::ArrayXd vhat = v.array() / c2;
  const Eigen::ArrayXd denom = slip.eps_inside ? Eigen::ArrayXd((vhat + o.eps).sqrt()) : Eigen::ArrayXd(vhat.sqrt() + o.eps);
  param.array() -= o.lr * (m.array() / c1) / denom;
}

Optimizer adam_like(const AdamParams& o) {
  Optimizer opt{o.decoupled ? fn::adamw_step : fn::adam_step, true, {"exp_avg", "exp_avg_sq"}, {true, true},
                {o.lr, o.beta1, o.beta2, o.eps, o.weight_decay}, {}, {}};
  opt.reference = [o](Eigen::VectorXd& p, const Eigen::VectorXd& g, State& s) {
    ref::AdamState st{s.step, s.buffers[0], s.buffers[1]};
    if (o.decoupled) ref::adamw_step(p, g, st, {o.lr, o.beta1, o.beta2, o.eps, o.weight_decay});
    else ref::adam_step(p, g, st, {o.lr, o.beta1, o.beta2, o.eps, o.weight_decay});
    s = {st.step, {st.exp_avg, st.exp_avg_sq}};
  };
  auto slip = [o](AdamSlip k) {
    return [o, k](Eigen::VectorXd& p, const Eigen::VectorXd& g, State& s) { adam_slipped(p, g, s, o, k); };
  };
  opt.slips = {{kBiasCorrection, slip({true})}, {kEpsOutside, slip({false, true})}};
  if (o.decoupled) {
    opt.slips.emplace_back(kDecoupled, slip({false, false, true}));
    opt.slips.emplace_back(kDecayLr, slip({false, false, false, true}));
  }
  return opt;
}

Optimizer adam(double lr, double beta1, double beta2, double eps, double weight_decay) {
  return adam_like({lr, beta1, beta2, eps, weight_decay, false});
}
Optimizer adamw(double lr, double weight_decay) {
  const ref::AdamWOptions d;
  return adam_like({lr, d.beta1, d.beta2, d.eps, weight_decay, true});
}

// ---- the closed loop ---------------------------------------------------------------------

bool finite(const wire::Tensor& t) {
  for (double x : t.data)
    if (!std::isfinite(x)) return false;
  return true;
}

// One parameter being optimised: the candidate's param and state (as it left them, on the wire)
// beside the reference's run from the same start.
struct Track {
  Problem problem;
  Eigen::VectorXd param, ref_param;
  wire::Values state;  // the candidate's state fields, sent back as they came
  State ref_state;
};

// A state vector before its first step: the contract's "empty", an undefined tensor in torch.
wire::Tensor empty_state() {
  wire::Tensor t = tensor(Eigen::VectorXd());
  t.dtype = wire::kUndefined;
  return t;
}

Track start(const Problem& p, const Optimizer& opt) {
  Track t{p, p.x0, p.x0, {}, {}};
  if (opt.has_step) t.state.emplace_back(int64_t(0));
  for (size_t k = 0; k < opt.buffers.size(); ++k) t.state.emplace_back(empty_state());
  t.ref_state.buffers.resize(opt.buffers.size());
  return t;
}

// The candidate's state (its compared buffers; the others left empty) as the reference reads it.
State state_of(const wire::Values& values, const Optimizer& opt) {
  State s;
  size_t at = 0;
  if (opt.has_step) {
    const auto* i = std::get_if<int64_t>(&values[at++]);
    s.step = i ? int(*i) : 0;
  }
  for (size_t k = 0; k < opt.buffers.size(); ++k, ++at)
    s.buffers.push_back(opt.compared[k] ? vector_of(as_tensor(values[at])) : Eigen::VectorXd());
  return s;
}

wire::Tensor step_tensor(const wire::Value& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return scalar(double(*i));
  return as_tensor(v);
}

// Calls the candidate once on `t`, steps the reference, and compares param and the compared state.
void step_once(CaseContext& ctx, const Optimizer& opt, Track& t, int k, int steps) {
  const Eigen::VectorXd grad = t.problem.grad(t.param);
  wire::Values args = {tensor(t.param), tensor(grad)};
  args.insert(args.end(), t.state.begin(), t.state.end());
  args.insert(args.end(), opt.options.begin(), opt.options.end());
  const size_t fields = opt.buffers.size() + (opt.has_step ? 1 : 0);
  wire::Values out = ctx.call(opt.fn, args, 1 + fields);

  ctx.reference([&] {
    opt.reference(t.ref_param, t.problem.grad(t.ref_param), t.ref_state);
    return 0;
  });

  // Got and expected, in the order compared: step, param, then the compared buffers.
  std::vector<wire::Tensor> got;
  std::vector<CaseContext::Output> want;
  std::vector<size_t> slot;  // each compared output's place in a State-shaped result
  bool state_finite = true;
  size_t at = 1;
  if (opt.has_step) {
    got.push_back(step_tensor(out[at++]));
    want.push_back({"step", scalar(t.ref_state.step), kExact});
  }
  got.push_back(as_tensor(out[0]));
  want.push_back({"param", tensor(t.ref_param), kClose});
  for (size_t b = 0; b < opt.buffers.size(); ++b, ++at) {
    if (!opt.compared[b]) continue;
    got.push_back(as_tensor(out[at]));
    state_finite = state_finite && finite(got.back());
    want.push_back({opt.buffers[b], tensor(t.ref_state.buffers[b]), kClose});
  }
  for (auto& w : want) {
    if (w.name == "param")
      w.clues.nonfinite = !state_finite ? std::string(kZeros)
                          : opt.has_step ? "NaN or inf while your state is finite: 1 − β^t is 0 at t = 0. " +
                                               std::string(kStep)
                                         : std::string(kZeros);
    else
      w.clues.nonfinite = kZeros;
  }

  // Each known bug as a whole step from the candidate's own inputs.
  std::vector<Slip> slips;
  const State in = state_of(t.state, opt);
  for (const auto& [diagnosis, slipped] : opt.slips) {
    Eigen::VectorXd p = t.param;
    State s = in;
    slipped(p, grad, s);
    Slip slip{diagnosis, {}};
    if (opt.has_step) slip.output.push_back(scalar(s.step));
    slip.output.push_back(tensor(p));
    for (size_t b = 0; b < opt.buffers.size(); ++b)
      if (opt.compared[b]) slip.output.push_back(tensor(s.buffers[b]));
    slips.push_back(std::move(slip));
  }

  Comparison c = ctx.compare_outputs(got, want, slips);
  if (!c.ok) {
    c.detail = fmt::format("after step {} of {} on {}", k, steps, t.problem.label);
    if (c.what == "step" && c.diagnosis.empty()) c.diagnosis = kStep;
  }
  ctx.expect(c);
  t.param = vector_of(got[opt.has_step ? 1 : 0]);
  t.state.assign(out.begin() + 1, out.end());
}

// A run of `steps` steps on each problem, the problems stepped in turn (one state each).
Case run_case(CaseName name, const Optimizer& opt, std::vector<Problem> problems, int steps) {
  name.param("steps", steps);
  return {name, 5, [=](CaseContext& ctx) {
            std::vector<Track> tracks;
            for (const Problem& p : problems) tracks.push_back(start(p, opt));
            for (int k = 1; k <= steps; ++k)
              for (Track& t : tracks) step_once(ctx, opt, t, k, steps);
          }};
}

// ---- the cases ---------------------------------------------------------------------------

Case sgd_case(const Problem& p, const ref::SGDOptions& o, int steps) {
  CaseName name("sgd");
  name.label(p.label).param("lr", o.lr);
  if (o.momentum != 0) name.param("momentum", o.momentum);
  if (o.dampening != 0) name.param("dampening", o.dampening);
  if (o.nesterov) name.label("nesterov");
  if (o.weight_decay != 0) name.param("weight_decay", o.weight_decay);
  return run_case(name, sgd(o), {p}, steps);
}

Case rmsprop_case(const Problem& p, const ref::RMSpropOptions& o, int steps) {
  const ref::RMSpropOptions d;
  CaseName name("rmsprop");
  name.label(p.label).param("lr", o.lr);
  if (o.alpha != d.alpha) name.param("alpha", o.alpha);
  if (o.eps != d.eps) name.param("eps", o.eps);
  if (o.centered) name.label("centered");
  if (o.momentum != 0) name.param("momentum", o.momentum);
  if (o.weight_decay != 0) name.param("weight_decay", o.weight_decay);
  return run_case(name, rmsprop(o), {p}, steps);
}

Case adam_case(const std::vector<Problem>& ps, const ref::AdamOptions& o, int steps) {
  const ref::AdamOptions d;
  CaseName name("adam");
  if (ps.size() == 1) name.label(ps[0].label);
  else name.label(ps[0].label + "+" + ps[1].label).label("in turn");
  name.param("lr", o.lr);
  if (o.beta1 != d.beta1) name.param("beta1", o.beta1);
  if (o.beta2 != d.beta2) name.param("beta2", o.beta2);
  if (o.eps != d.eps) name.param("eps", o.eps);
  if (o.weight_decay != 0) name.param("weight_decay", o.weight_decay);
  return run_case(name, adam(o.lr, o.beta1, o.beta2, o.eps, o.weight_decay), ps, steps);
}

Case adamw_case(const Problem& p, double lr, double weight_decay, int steps) {
  CaseName name("adamw");
  name.label(p.label).param("lr", lr).param("weight_decay", weight_decay);
  return run_case(name, adamw(lr, weight_decay), {p}, steps);
}

// grad of the wrong size for each function; Nesterov without momentum, or with dampening.
Case invalid_case() {
  return {CaseName("invalid_arguments"), 2, [](CaseContext& ctx) {
            const Eigen::VectorXd param = quadratic(1).x0, short_grad = Eigen::VectorXd::Ones(4);
            const wire::Tensor none = empty_state();
            const char* size_rule = "throw std::invalid_argument when grad.size() != param.size()";
            const std::string wrong = "(param of 5 entries, grad of 4)";
            auto sgd_args = [&](const Eigen::VectorXd& g, const ref::SGDOptions& o) -> wire::Values {
              return {tensor(param), tensor(g), none, o.lr, o.momentum, o.dampening, o.weight_decay, o.nesterov};
            };
            const ref::RMSpropOptions r;
            const ref::AdamOptions a;
            const ref::AdamWOptions w;
            ctx.expect_throws(fn::sgd_step, sgd_args(short_grad, {}), "std::invalid_argument", "sgd_step" + wrong,
                              size_rule);
            ctx.expect_throws(fn::rmsprop_step,
                              {tensor(param), tensor(short_grad), none, none, none, r.lr, r.alpha, r.eps,
                               r.weight_decay, r.momentum, r.centered},
                              "std::invalid_argument", "rmsprop_step" + wrong, size_rule);
            ctx.expect_throws(fn::adam_step,
                              {tensor(param), tensor(short_grad), int64_t(0), none, none, a.lr, a.beta1, a.beta2,
                               a.eps, a.weight_decay},
                              "std::invalid_argument", "adam_step" + wrong, size_rule);
            ctx.expect_throws(fn::adamw_step,
                              {tensor(param), tensor(short_grad), int64_t(0), none, none, w.lr, w.beta1, w.beta2,
                               w.eps, w.weight_decay},
                              "std::invalid_argument", "adamw_step" + wrong, size_rule);
            const Eigen::VectorXd grad = quadratic(1).grad(param);
            const char* nesterov_rule =
                "throw std::invalid_argument for nesterov with momentum <= 0 or dampening != 0 (as torch.optim.SGD)";
            ctx.expect_throws(fn::sgd_step, sgd_args(grad, {0.01, 0.0, 0.0, 0.0, true}), "std::invalid_argument",
                              "sgd_step(nesterov, momentum = 0)", nesterov_rule);
            ctx.expect_throws(fn::sgd_step, sgd_args(grad, {0.01, 0.9, 0.5, 0.0, true}), "std::invalid_argument",
                              "sgd_step(nesterov, momentum = 0.9, dampening = 0.5)", nesterov_rule);
          }};
}

}  // namespace

std::vector<Case> optimizers_cases() {
  const Problem q = quadratic(1), q1000 = quadratic(1e-3), rb = rosenbrock();
  auto sgd_opts = [](double lr, double momentum, double dampening, double weight_decay, bool nesterov) {
    return ref::SGDOptions{lr, momentum, dampening, weight_decay, nesterov};
  };
  auto rms_opts = [](double lr, double alpha, double eps, double weight_decay, double momentum, bool centered) {
    return ref::RMSpropOptions{lr, alpha, eps, weight_decay, momentum, centered};
  };
  const ref::RMSpropOptions rd;
  const ref::AdamOptions ad;
  return {
      sgd_case(q, sgd_opts(0.02, 0, 0, 0, false), 40),
      sgd_case(q, sgd_opts(0.01, 0.9, 0, 0, false), 60),
      sgd_case(rb, sgd_opts(5e-4, 0.9, 0, 0, true), 200),
      sgd_case(q, sgd_opts(0.01, 0.8, 0.5, 0.1, false), 60),
      sgd_case(rb, sgd_opts(5e-4, 0.9, 0, 0.05, true), 200),
      rmsprop_case(rb, rms_opts(1e-3, rd.alpha, rd.eps, 0, 0, false), 200),
      rmsprop_case(q1000, rms_opts(1e-2, 0.9, 1e-3, 0, 0, false), 60),
      rmsprop_case(q, rms_opts(1e-3, rd.alpha, rd.eps, 0.1, 0.9, false), 60),
      rmsprop_case(rb, rms_opts(1e-3, rd.alpha, rd.eps, 0, 0.5, true), 200),
      adam_case({q}, {0.05, ad.beta1, ad.beta2, ad.eps, 0}, 100),
      adam_case({rb}, {1e-2, ad.beta1, ad.beta2, ad.eps, 0}, 300),
      adam_case({q1000}, {1e-2, 0.8, 0.99, 1e-3, 0.1}, 60),
      adam_case({q, rb}, {1e-2, ad.beta1, ad.beta2, ad.eps, 0}, 50),
      adamw_case(q, 0.05, ref::AdamWOptions{}.weight_decay, 100),
      adamw_case(rb, 1e-2, 0.5, 300),
      invalid_case(),
  };
}

}  // namespace mldrill::cases
