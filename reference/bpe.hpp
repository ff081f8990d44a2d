// The bpe contract (cpp flavor, standard C++ only), exactly as the stub presents it: byte-level
// BPE training (weighted overlapping pair counts, ties to the smallest pair, left-to-right merges,
// early stop) and GPT-2's encoding by lowest merge rank.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace drill::bpe {

using Pair = std::pair<std::string, std::string>;

std::vector<Pair> train(const std::map<std::string, int>& word_counts, int num_merges);
std::vector<std::string> encode(const std::string& word, const std::vector<Pair>& merges);

}  // namespace drill::bpe
