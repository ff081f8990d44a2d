// Byte-pair encoding (byte-level, as GPT-2): training by Sennrich et al.'s loop, encoding by
// merge rank — cpp flavor (standard C++ only). Target: 30 minutes. Implement the two functions
// below; `mldrill check` grades them in this order. Keep the names, signatures and types
// exactly as they are: the grader calls them.
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace drill::bpe {

using Pair = std::pair<std::string, std::string>;  // (left symbol, right symbol)

// Learns up to num_merges merges from words with their counts (byte-level BPE, Sennrich et al. 2016, Algorithm 1):
// - initial symbols: each word's BYTES, one symbol per byte (a std::string of length 1); no end-of-word
//   marker, no byte-to-unicode remapping; merges never cross words;
// - each step counts every adjacent pair of symbols over all words, each occurrence weighted by the word's
//   count, overlapping ones included ("a a a" holds (a, a) twice: 2 × its count);
// - the pair with the highest count is merged; ties → the SMALLEST pair by Pair's operator< (std::string's
//   byte-wise order, bytes unsigned: "a" < "ab" < "b" < "\xc3");
// - merging rewrites every word left to right, without overlap ("a a a" → "aa a"); the new symbol is
//   first + second;
// - stops early, returning fewer merges, when no word has two symbols left; no minimum count.
// Returns the merges in the order learned (rank 0 first).
// Throws std::invalid_argument if num_merges < 0, a count is < 1, or a word is empty.
std::vector<Pair> train(const std::map<std::string, int>& word_counts, int num_merges) {
  throw std::logic_error("not implemented: train");
}

// Splits one word as GPT-2's encoder.py bpe() does: start from its bytes; repeatedly take, among the
// adjacent pairs present, the one with the LOWEST rank (its index in merges), merge all its occurrences
// left to right without overlap, and look again; stop when no adjacent pair is in merges. merges is any
// list (no pair twice). Returns the symbols in order; an empty word gives an empty vector.
std::vector<std::string> encode(const std::string& word, const std::vector<Pair>& merges) {
  throw std::logic_error("not implemented: encode");
}

}  // namespace drill::bpe
