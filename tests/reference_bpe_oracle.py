#!/usr/bin/python3
"""Independent plain-Python byte-level BPE for tests/reference_bpe_test.cpp (no PyPI packages).
Training: Sennrich et al.'s loop on bytes, pair counts weighted by word count over every position,
ties to the smallest pair (Python compares bytes objects unsigned, as std::string does), merges left
to right without overlap. Encoding: GPT-2's encoder.py bpe() loop, lowest rank first.
Usage: reference_bpe_oracle.py WORDS.tsv NUM_MERGES [EXTRA_WORD...]
Prints one line per merge ("M<TAB>hex(left)<TAB>hex(right)"), then one line per encoded word
("E<TAB>hex(word)<TAB>hex(symbol) hex(symbol) ..."): every corpus word, then the extra words."""
import sys


def merge(symbols, pair):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def train(counts, num_merges):
    words = [([bytes([b]) for b in w], c) for w, c in counts.items()]
    merges = []
    while len(merges) < num_merges:
        stats = {}
        for symbols, c in words:
            for p in zip(symbols, symbols[1:]):
                stats[p] = stats.get(p, 0) + c
        if not stats:
            break
        best = min(stats, key=lambda p: (-stats[p], p))
        merges.append(best)
        words = [(merge(s, best), c) for s, c in words]
    return merges


def encode(word, merges):
    ranks = {p: i for i, p in enumerate(merges)}
    symbols = [bytes([b]) for b in word]
    while len(symbols) > 1:
        present = [p for p in zip(symbols, symbols[1:]) if p in ranks]
        if not present:
            break
        symbols = merge(symbols, min(present, key=ranks.get))
    return symbols


def main():
    counts = {}
    with open(sys.argv[1], "rb") as fh:
        for line in fh.read().split(b"\n"):
            if line:
                w, c = line.split(b"\t")
                counts[w] = int(c)
    merges = train(counts, int(sys.argv[2]))
    for a, b in merges:
        print("M\t%s\t%s" % (a.hex(), b.hex()))
    for w in sorted(counts) + [x.encode() for x in sys.argv[3:]]:
        print("E\t%s\t%s" % (w.hex(), " ".join(s.hex() for s in encode(w, merges))))


if __name__ == "__main__":
    main()
