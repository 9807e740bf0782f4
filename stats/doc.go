// Package stats computes the summary statistics of grpo-score: per reward,
// per accuracy method and for the weighted total, the count, errors, mean,
// std, min, max, p50/p90/p99 and a histogram; per GRPO group, the number and
// size of groups, the fraction of tied groups and the mean within-group std;
// and the line counts and throughput of the run.
//
// Statistics of shards of an input merge into exactly the statistics of one
// run over the whole input, whatever the split and the order of merges:
// the state kept is a deterministic function of the multiset of values.
//   - Sums are exact (a fixed-point superaccumulator covering every float64
//     and every exact square of one); the mean is the exact sum divided by
//     the count and rounded once; the std is computed from the exact sums
//     and rounded once.
//   - Values are kept exactly, as value → count, while there are at most
//     ExactDistinct distinct values; beyond, as buckets of a relative-error
//     sketch keyed by the bits of the float, each with its count and its
//     extreme values. Quantiles are then within SketchError (relative) of
//     the exact ones, and exact for values alone in their bucket.
//   - Quantiles use the nearest-rank definition: the q-quantile of n values
//     is the value of rank ⌈q·n⌉ (1-based, at least 1) in sorted order,
//     numpy's quantile(method="inverted_cdf").
//
// The one figure that cannot merge exactly is the elapsed wall-clock time;
// see Summary.
package stats
