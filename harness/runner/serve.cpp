// main() of every candidate process: serve requests on fd 3, reply on fd 4, and report
// crashes (signal, fault address, return addresses) on fd 4 before dying of the signal.
#include "runner/serve.hpp"

#include <cxxabi.h>
#include <execinfo.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <exception>
#include <memory>
#include <new>
#include <typeinfo>

namespace {

using namespace mldrill;
constexpr int kRequestFd = 3;
constexpr int kReplyFd = 4;
constexpr size_t kMaxMessage = 4096;  // an exception's text is cut here: the grader bounds replies

runner::CallGuard g_guard = nullptr;
volatile uint32_t g_request_id = 0;  // echoed in the crash report too

std::string capped(std::string s) {
  if (s.size() > kMaxMessage) s = s.substr(0, kMaxMessage) + " [...]";
  return s;
}

bool read_exact(int fd, void* buf, size_t n) {
  auto* p = static_cast<char*>(buf);
  while (n > 0) {
    ssize_t r = ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

void write_exact(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t r = ::write(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) std::_Exit(111);  // the grader is gone
    p += r;
    n -= static_cast<size_t>(r);
  }
}

std::string demangled_current_exception_type() {
  std::type_info* t = abi::__cxa_current_exception_type();
  if (!t) return "unknown exception";
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(t->name(), nullptr, nullptr, &status),
                                              std::free);
  return status == 0 && name ? name.get() : t->name();
}

// LibTorch's errors append a C++ backtrace of its own internals: keep the sentence only.
std::string without_backtrace(std::string what) {
  const auto at = what.find("\nException raised from ");
  if (at != std::string::npos) what.erase(at);
  return what;
}

wire::Values reply_to(wire::Values& request) {
  using wire::Status;
  auto status = [](Status s, std::string msg) {
    return wire::Values{static_cast<int64_t>(s), capped(std::move(msg))};
  };
  if (request.empty() || !std::holds_alternative<std::string>(request[0]))
    return status(Status::BadRequest, "request without a function name");
  const std::string fn = std::get<std::string>(request[0]);
  if (fn == wire::kReadyFunction) return status(Status::Ok, "");
  auto it = drill_table().find(fn);
  if (it == drill_table().end()) return status(Status::BadRequest, "no adapter for function " + fn);
  wire::Values args(std::make_move_iterator(request.begin() + 1), std::make_move_iterator(request.end()));
  try {
    wire::Values out = g_guard ? g_guard(it->second, args) : it->second(args);
    wire::Values reply = status(Status::Ok, "");
    for (auto& v : out) reply.push_back(std::move(v));
    return reply;
  } catch (const runner::BadRequest& e) {
    return status(Status::BadRequest, e.what());
  } catch (const runner::ContractViolation& e) {
    return status(Status::Contract, e.what());
  } catch (const runner::Forbidden& e) {
    return status(Status::Forbidden, e.what());
  } catch (const std::bad_alloc&) {
    return status(Status::OutOfMemory, "std::bad_alloc");
  } catch (const std::logic_error& e) {
    std::string what = e.what();
    if (what.rfind("not implemented", 0) == 0) return status(Status::NotImplemented, what);
    return status(Status::Exception, demangled_current_exception_type() + ": " + what);
  } catch (const std::exception& e) {
    return status(Status::Exception, demangled_current_exception_type() + ": " + without_backtrace(e.what()));
  } catch (...) {
    return status(Status::Exception, demangled_current_exception_type());
  }
}

// ---- crash reporting: async-signal-safe, into a static buffer ----
char g_crash_buf[4096];
uintptr_t g_stack_top = 0;
rlim_t g_stack_limit = 0;

void put_bytes(size_t& at, const void* p, size_t n) {
  if (at + n > sizeof g_crash_buf) return;
  std::memcpy(g_crash_buf + at, p, n);
  at += n;
}

void on_fatal_signal(int sig, siginfo_t* info, void*) {
  void* frames[48];
  int n = backtrace(frames, 48);
  uintptr_t fault = reinterpret_cast<uintptr_t>(info ? info->si_addr : nullptr);
  bool stack_overflow = (sig == SIGSEGV || sig == SIGBUS) && g_stack_top != 0 && fault < g_stack_top &&
                        fault + g_stack_limit + (1u << 20) > g_stack_top;
  // Frame: Crash { I64 signal, I64 fault address, Bool stack overflow, IntTensor frames }.
  size_t at = wire::kHeaderBytes;
  auto tag = [&](wire::Tag t) { uint8_t b = uint8_t(t); put_bytes(at, &b, 1); };
  auto i64 = [&](int64_t v) { put_bytes(at, &v, 8); };
  tag(wire::Tag::I64); i64(sig);
  tag(wire::Tag::I64); i64(static_cast<int64_t>(fault));
  tag(wire::Tag::Bool); uint8_t so = stack_overflow; put_bytes(at, &so, 1);
  tag(wire::Tag::IntTensor); i64(5); put_bytes(at, "int64", 5); i64(1); i64(n);
  for (int i = 0; i < n; ++i) i64(static_cast<int64_t>(reinterpret_cast<uintptr_t>(frames[i])));
  uint32_t kind = uint32_t(wire::Frame::Crash);
  uint64_t len = at - wire::kHeaderBytes;
  uint32_t id = g_request_id;
  std::memcpy(g_crash_buf, &kind, 4);
  std::memcpy(g_crash_buf + 4, &id, 4);
  std::memcpy(g_crash_buf + 8, &len, 8);
  ssize_t ignored = ::write(kReplyFd, g_crash_buf, at);
  (void)ignored;
  signal(sig, SIG_DFL);
  raise(sig);
}

void install_crash_handlers() {
  void* warm[1];
  backtrace(warm, 1);  // loads libgcc now, so the handler does not allocate
  static char altstack[1 << 16];
  stack_t ss{};
  ss.ss_sp = altstack;
  ss.ss_size = sizeof altstack;
  sigaltstack(&ss, nullptr);
  struct sigaction sa {};
  sa.sa_sigaction = on_fatal_signal;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);
  int here = 0;
  g_stack_top = reinterpret_cast<uintptr_t>(&here);
  rlimit rl{};
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) g_stack_limit = rl.rlim_cur;
}

}  // namespace

void mldrill::runner::set_call_guard(CallGuard guard) { g_guard = guard; }

int main() {
  install_crash_handlers();
  char header[wire::kHeaderBytes];
  while (read_exact(kRequestFd, header, sizeof header)) {
    std::string frame;
    wire::Values request;
    uint32_t id = 0;
    try {
      wire::Header h = wire::parse_header(header);
      id = g_request_id = h.id;
      std::string payload(h.length, '\0');
      if (!read_exact(kRequestFd, payload.data(), payload.size())) return 0;
      request = wire::Reader(payload).values();
      frame = wire::encode(wire::Frame::Reply, reply_to(request), id);
    } catch (const std::exception& e) {
      frame = wire::encode(wire::Frame::Reply,
                           {int64_t(wire::Status::BadRequest), std::string("protocol: ") + e.what()}, id);
    }
    write_exact(kReplyFd, frame.data(), frame.size());
  }
  return 0;
}
