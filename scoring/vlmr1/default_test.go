package vlmr1

import "testing"

func TestDefaultFallbacks(t *testing.T) {
	never := func(string, string) bool { return false }
	m := defaultAccuracy(never)
	tests := []struct {
		name, content, sol string
		want               float64
	}{
		{"numeric", "<answer>3.0</answer>", "<answer> 3 </answer>", 1},
		{"numeric mismatch", "<answer>3.5</answer>", "<answer> 3 </answer>", 0},
		{"underscores", "<answer>1_000</answer>", "<answer> 1000 </answer>", 1},
		{"arabic-indic", "<answer>١٢</answer>", "<answer> 12 </answer>", 1},
		{"not a float: ratio", "<answer>nan</answer>", "<answer> nan1 </answer>", 0.8571428571428572},
		{"ratio when not a number", "<answer>twelve</answer>", "<answer> 12 apples </answer>", 0.2666666666666667},
		{"text ratio", "<answer>the cat</answer>", "<answer> the mat </answer>", 0.8571428571428572},
		{"multi-line gt is the whole solution", "<answer>7</answer>", "<answer> The answer is\n7 </answer>", 0.125},
		{"choice", "<answer>B.</answer>", "<answer> B </answer>", 1},
		{"choice missing in student", "<answer>none</answer>", "<answer> B </answer>", 0},
	}
	for _, tt := range tests {
		got, err := m(tt.content, tt.sol, nil)
		if err != nil || got != tt.want {
			t.Errorf("%s: got %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	always := func(string, string) bool { return true }
	if got, _ := defaultAccuracy(always)("<answer>x</answer>", "<answer> y </answer>", nil); got != 1 {
		t.Errorf("math_verify success should give 1.0, got %v", got)
	}
}

func TestNumericRewardNaN(t *testing.T) {
	if v, ok := numericReward("nan", "nan"); !ok || v != 0 {
		t.Errorf("nan vs nan = %v, %v; want 0, true (nan != nan)", v, ok)
	}
}
