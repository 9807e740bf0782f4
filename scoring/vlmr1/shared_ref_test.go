package vlmr1

import (
	"testing"

	"github.com/grpo-score/grpo-score/scoring"
)

// sharingRewards are the four rewards of a run, the length one with a
// stand-in token count and with --cosine-use-accuracy too.
func sharingRewards(t testing.TB) []scoring.Reward {
	o := scoring.DefaultOptions()
	reg := scoring.NewRegistry(o, Suite)
	var rs []scoring.Reward
	for _, name := range []string{"accuracy", "format", "repetition"} {
		r, err := reg.Build(name)
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	useAcc := o.Cosine
	useAcc.UseAccuracy = true
	return append(rs, &cosineLength{tok: fixedCount(7), p: o.Cosine, det: o.Detection},
		&cosineLength{tok: fixedCount(700), p: useAcc, det: o.Detection})
}

// checkSharing scores one line with every reward on a Sample of its own,
// then with all of them on one Sample, in order and in reverse: values
// decoded or cleaned once for the line (sharedLoads, clean_text,
// detection_score, map's evaluation) must give what each reward computes
// alone.
func checkSharing(t *testing.T, rs []scoring.Reward, completion, solution, method string) {
	t.Helper()
	alone := make([]float64, len(rs))
	aloneErr := make([]error, len(rs))
	for i, r := range rs {
		alone[i], aloneErr[i] = r.Score(&scoring.Sample{Completion: completion, Solution: solution, Method: method}, nil)
	}
	for _, reverse := range []bool{false, true} {
		s := &scoring.Sample{Completion: completion, Solution: solution, Method: method}
		for k := range rs {
			i := k
			if reverse {
				i = len(rs) - 1 - k
			}
			v, err := rs[i].Score(s, nil)
			if !sameOutcome(v, err, alone[i], aloneErr[i]) {
				t.Fatalf("reward %d (reverse %v), %s: %+q %+q: %v, %v on the shared Sample; alone %v, %v",
					i, reverse, method, completion, solution, v, err, alone[i], aloneErr[i])
			}
		}
	}
}

func TestSharedSampleMatchesAlone(t *testing.T) {
	rs := sharingRewards(t)
	for _, l := range loadGolden(t) {
		if l.Task == "" {
			checkSharing(t, rs, l.Completion, l.Solution, l.Method)
		}
	}
}

// FuzzSharedSample: sharing work between the rewards of a line never
// changes a value or an exception, for any texts and method.
func FuzzSharedSample(f *testing.F) {
	for _, sd := range lengthSeeds {
		for _, m := range []string{"weighted_sum", "od_ap", "map", "odLength", "default"} {
			f.Add(sd[0], sd[1], m)
		}
	}
	for _, s := range repetitionSeeds {
		f.Add("<answer>"+s+"</answer>", catSol, "od_ap50")
	}
	rs := sharingRewards(f)
	f.Fuzz(func(t *testing.T, completion, solution, method string) {
		switch method {
		case "math", "llm":
			return // math_verify is slow and the judge remote; neither shares work
		}
		checkSharing(t, rs, completion, solution, method)
	})
}

// TestSharedSampleAcrossConfigurations: compare scores one Sample under
// several configurations, so a shared value must be keyed on every option
// it depends on. Two configurations that differ in the detection
// parameters score the same Sample in turn.
func TestSharedSampleAcrossConfigurations(t *testing.T) {
	other := scoring.DefaultOptions()
	other.Detection = scoring.DetectionParams{IoUThreshold: 0.9, Alpha: 0.2, Beta: 0.5, Gamma: 0.3}
	reg := scoring.NewRegistry(other, Suite)
	rs := sharingRewards(t)
	acc, err := reg.Build("accuracy")
	if err != nil {
		t.Fatal(err)
	}
	rs = append(rs, acc, &cosineLength{tok: fixedCount(700), p: scoring.DefaultOptions().Cosine, det: other.Detection})
	for _, l := range loadGolden(t) {
		if l.Task == "" {
			checkSharing(t, rs, l.Completion, l.Solution, l.Method)
		}
	}
}
