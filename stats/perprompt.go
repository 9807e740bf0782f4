package stats

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// PassThreshold is the value from which a completion counts as correct for
// pass@k and maj@k: the midpoint of the accuracy rewards' [0, 1] range, so
// that 0/1 accuracies give the usual pass@k and a COCO AP of
// 0.9999999999999998 (one perfect box) passes.
const PassThreshold = 0.5

// PromptMetrics are verl's per-prompt validation metrics
// (verl/trainer/ppo/metric_utils.py, process_validation_metrics) of one
// value, usually the accuracy: each metric is computed within every group
// (the completions of one prompt) and averaged over the groups that have it,
// as verl averages over prompt uids. With n completions in a group:
//
//   - mean@n, std@n: the group's mean and population std (np.std);
//   - best@k/mean, worst@k/mean, for k = 2, 4, 8, … below n and k = n: the
//     expected maximum (minimum) of k completions drawn with replacement.
//     verl estimates this with 1000 bootstrap draws (seed 42); here it is
//     the exact expectation that the bootstrap estimates, so it has no
//     sampling noise and does not depend on a seed. verl's best@k/std (the
//     spread of the bootstrap) is not computed;
//   - maj@k/mean: the value of the majority vote of k completions drawn with
//     replacement, exactly in expectation, ties halved as verl's first-seen
//     tie-break is on average. verl votes on the extracted answer ("pred");
//     a dump has no such field, so the vote is on correct
//     (value ≥ PassThreshold) against incorrect, and the value of a vote is
//     the mean value of its side;
//   - pass@k: the unbiased estimator 1 − C(n−c, k)/C(n, k) of Chen et al.
//     (2021) with c correct completions, for the same k (not in verl).
//
// A group with a null or non-finite value is left out, as in GroupSeries.
// Every group's figures are a deterministic function of its values, and
// the sums over groups are exact, so merged shards give the same figures.
type PromptMetrics struct {
	metrics map[string]*promptSum
}

type promptSum struct {
	groups uint64
	sum    accumulator
}

// PromptMetric is one averaged metric.
type PromptMetric struct {
	Name   string  // verl's name: "mean@8", "best@4/mean", ...; "pass@4"
	Groups uint64  // groups that have this metric
	Value  float64 // mean over those groups
}

func newPromptMetrics() *PromptMetrics {
	return &PromptMetrics{metrics: make(map[string]*promptSum)}
}

func (p *PromptMetrics) put(name string, v float64) {
	m := p.metrics[name]
	if m == nil {
		m = new(promptSum)
		p.metrics[name] = m
	}
	m.groups++
	m.sum.addValue(v)
}

// Merge adds the groups of o.
func (p *PromptMetrics) Merge(o *PromptMetrics) {
	for name, om := range o.metrics {
		m := p.metrics[name]
		if m == nil {
			m = new(promptSum)
			p.metrics[name] = m
		}
		m.groups += om.groups
		m.sum.merge(&om.sum)
	}
}

// Metrics lists the metrics in a fixed order: by kind (mean, std, best,
// worst, maj, pass), then by k.
func (p *PromptMetrics) Metrics() []PromptMetric {
	out := make([]PromptMetric, 0, len(p.metrics))
	for name, m := range p.metrics {
		out = append(out, PromptMetric{Name: name, Groups: m.groups, Value: m.sum.dyadic().ratio(int64(m.groups))})
	}
	SortPromptMetrics(out)
	return out
}

// SortPromptMetrics puts metrics in the order of Metrics.
func SortPromptMetrics(ms []PromptMetric) {
	slices.SortFunc(ms, func(a, b PromptMetric) int { return compareMetricNames(a.Name, b.Name) })
}

// Metric returns the metric of this name, and whether any group has it.
func (p *PromptMetrics) Metric(name string) (PromptMetric, bool) {
	m := p.metrics[name]
	if m == nil {
		return PromptMetric{}, false
	}
	return PromptMetric{Name: name, Groups: m.groups, Value: m.sum.dyadic().ratio(int64(m.groups))}, true
}

var metricKinds = []string{"mean", "std", "best", "worst", "maj", "pass"}

// splitMetricName reads "best@4/mean" as kind "best", k 4.
func splitMetricName(name string) (kind string, k int, ok bool) {
	kind, rest, found := strings.Cut(name, "@")
	if !found || !slices.Contains(metricKinds, kind) {
		return "", 0, false
	}
	digits, suffix, _ := strings.Cut(rest, "/")
	want := ""
	if kind == "best" || kind == "worst" || kind == "maj" {
		want = "mean"
	}
	k, err := strconv.Atoi(digits)
	if err != nil || k < 1 || suffix != want || strconv.Itoa(k) != digits {
		return "", 0, false
	}
	return kind, k, true
}

func compareMetricNames(a, b string) int {
	ka, na, _ := splitMetricName(a)
	kb, nb, _ := splitMetricName(b)
	return cmp.Or(cmp.Compare(slices.Index(metricKinds, ka), slices.Index(metricKinds, kb)), cmp.Compare(na, nb), strings.Compare(a, b))
}

// sampleSizes are verl's k for a group of n: 2, 4, 8, … below n, then n.
func sampleSizes(n int) []int {
	var ks []int
	for k := 2; k < n; k *= 2 {
		ks = append(ks, k)
	}
	return append(ks, n)
}

// add adds one group; ok[i] false marks a null value.
func (p *PromptMetrics) add(values []float64, ok []bool, sc *groupScratch) {
	for i, v := range values {
		if !ok[i] || math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
	}
	n := len(values)
	if n == 0 {
		return
	}
	sum, sumSq := sc.exactSums(values)
	nn := strconv.Itoa(n)
	p.put("mean@"+nn, sum.ratio(int64(n)))
	if n == 1 {
		return
	}
	p.put("std@"+nn, stdDev(sum, sumSq, int64(n), int64(n)))
	sorted := append(sc.sorted[:0], values...)
	sc.sorted = sorted
	slices.Sort(sorted)
	correct := n - belowThreshold(sorted)
	for _, k := range sampleSizes(n) {
		kk := strconv.Itoa(k)
		p.put("best@"+kk+"/mean", expectedExtreme(sorted, k, false))
		p.put("worst@"+kk+"/mean", expectedExtreme(sorted, k, true))
		p.put("maj@"+kk+"/mean", majority(sorted, correct, k))
		p.put("pass@"+kk, passAtK(n, correct, k))
	}
}

// belowThreshold is the number of values of the sorted group below
// PassThreshold.
func belowThreshold(sorted []float64) int {
	i, _ := slices.BinarySearch(sorted, PassThreshold)
	return i
}

// expectedExtreme is E[max] (or E[min]) of k draws with replacement from the
// sorted values: the i-th smallest of n is the maximum with probability
// (i/n)^k − ((i−1)/n)^k.
func expectedExtreme(sorted []float64, k int, lowest bool) float64 {
	n := len(sorted)
	e := 0.0
	for i := 1; i <= n; i++ {
		w := math.Pow(float64(i)/float64(n), float64(k)) - math.Pow(float64(i-1)/float64(n), float64(k))
		v := sorted[i-1]
		if lowest {
			v = sorted[n-i]
		}
		e += w * v
	}
	return e
}

// majority is the expected value of the majority vote of k draws with
// replacement, the vote being correct against incorrect: with X correct
// draws of k, X > k/2 gives the mean of the correct values, X < k/2 that
// of the incorrect ones, a tie half each.
func majority(sorted []float64, correct, k int) float64 {
	n := len(sorted)
	wrong := n - correct
	meanOf := func(vs []float64) float64 {
		s := 0.0
		for _, v := range vs {
			s += v
		}
		return s / float64(len(vs))
	}
	if correct == 0 || wrong == 0 {
		return meanOf(sorted) // every vote goes one way
	}
	mw, mc := meanOf(sorted[:wrong]), meanOf(sorted[wrong:])
	p := float64(correct) / float64(n)
	var pc, pw, tie float64
	lg1, _ := math.Lgamma(float64(k + 1))
	for x := 0; x <= k; x++ {
		lg2, _ := math.Lgamma(float64(x + 1))
		lg3, _ := math.Lgamma(float64(k - x + 1))
		pr := math.Exp(lg1 - lg2 - lg3 + float64(x)*math.Log(p) + float64(k-x)*math.Log1p(-p))
		switch {
		case 2*x > k:
			pc += pr
		case 2*x < k:
			pw += pr
		default:
			tie += pr
		}
	}
	return pc*mc + pw*mw + tie*(mc+mw)/2
}

// passAtK is the unbiased estimator 1 − C(n−c, k)/C(n, k), as the product
// Π_{j=n−c+1}^{n} (1 − k/j) that avoids large binomials.
func passAtK(n, c, k int) float64 {
	if n-c < k {
		return 1
	}
	q := 1.0
	for j := n - c + 1; j <= n; j++ {
		q *= 1 - float64(k)/float64(j)
	}
	return 1 - q
}
