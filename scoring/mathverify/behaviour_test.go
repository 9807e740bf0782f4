package mathverify

import (
	"testing"
)

// Notable behaviours from testdata/mathverify/README.md, in VLM-R1's
// argument order: Verify(Parse(pred), Parse(gold)).
func TestNotableBehaviours(t *testing.T) {
	tests := []struct {
		gold, pred string
		want       bool
	}{
		{`x^2+2x+1`, `(x+1)^2`, false},
		{`$x^2+2x+1$`, `$(x+1)^2$`, true},
		{`\boxed{16}`, `The answer is 16, no wait, it is 18.`, true},
		{`$-2, 1$`, `$\boxed{1}$`, false},
		{`$47\%$`, `\(47\)`, false},
		{`0.208`, `$20.8\%$`, true},
		{`A`, `A`, false},
		{`$2485$`, `\boxed{\sum_{k=1}^{70} k}`, true},
		{`\frac{16}{2}`, `$\int_0^{4} x \, dx$`, true},
		{`100`, `100.0`, true},
		{`100`, `99.9999999`, false},
		{`7`, `7.0000004`, false},
		{`$\frac{1}{2}$`, `0.5000004`, true},
		{`$\frac{1}{2}$`, `0.5000006`, false},
		{`\frac{1}{3}`, `0.333333`, true},
		{`\frac{1}{3}`, `0.3333333`, true},
		{`\frac{1}{3}`, `0.333`, false},
		{`$e$`, `2.7182818`, true},
		{`$\pi$`, `3.1415926`, true},
		{`$\pi$`, `3.14`, false},
		{`$\sqrt{2}$`, `1.414214`, true},
		{`$\sqrt{2}$`, `1.41421`, false},
		{`0.0000009`, `0.0000008`, true},
		{`0.0000004`, `0.0000005`, true},
		{`0.0000004`, `0.0000006`, false},
		{`$\frac{1}{2^{117}}$`, `$\frac{1}{2^{116}}$`, true},
		{`$\frac{1}{2^{50}}$`, `$\frac{1}{2^{49}}$`, false},
		{`$[2, 9]$`, `$2 \le x \le 9$`, true},
		{`$x > 0$`, `$(0, \infty)$`, false},
		{`$7 = 11a+c$`, `$11a+c$`, true},
		{`$(3,1)$`, `${1,3}$`, true},
		{`k = \frac{20}{11}`, `\[z = \frac{20}{11}\]`, true},
		{`$x = 5$`, `5`, true},
		{`5`, `$x = 5$`, true},
		{`$x=5$`, `$y=5$`, false},
		{`$y = 2x + 1$`, `$2x - y + 1 = 0$`, true},
		{`$y = 2x + 1$`, `$y = 1 + 2x$`, true},
		{`$(-8, -4, 1)$`, `$$\{-8, -4, 1\}$$`, true},
		{`$\{1, 2\}$`, `$\{2, 1\}$`, true},
		{`\boxed{(11, 13)}`, `\boxed{x=11; y=13}`, true},
		{`$1$`, `$\sin^2 x + \cos^2 x$`, true},
		{`$2$`, `$\log(100)$`, true},
		{`4`, `$\sqrt[3]{64}$`, true},
		{`\frac{1}{0}`, `\frac{1}{0}`, true},
		{`$[1, 2]$`, `$[1, 2)$`, false},
		{`\boxed{6 + 3i}`, `$$6 + 3 \cdot i$$`, false},
		{`$x > 2$`, `$2x > 4$`, false},        // solve() of an inequality cannot be compared
		{`$x = 2$`, `$2x = 4$`, false},        // one unknown: solve() gives values, .items() raises
		{`$x^2-4=0$`, `$x^2=4$`, true},        // equal lhs - rhs
		{`$y=2x+1$`, `$2y=4x+2$`, true},       // two unknowns: same solution dict
		{`$x^2=-1$`, `$x^2+3x+3=3x+2$`, true}, // both without real solutions
		{`$(0,1)$`, `$0<f(x)<1$`, true},       // f(x) unwrapped to a symbol for as_set()
	}
	for _, tt := range tests {
		if got := Verify(Parse(tt.pred), Parse(tt.gold)); got != tt.want {
			t.Errorf("Verify(Parse(%q), Parse(%q)) = %v, want %v", tt.pred, tt.gold, got, tt.want)
		}
	}
}

func TestParseCandidates(t *testing.T) {
	tests := []struct {
		in   string
		want int // number of candidates
	}{
		{`\frac{\pi}{4}`, 0},
		{`\sqrt{23}`, 0},
		{`\frac{20}{13}`, 2},
		{`$\sqrt{23}$`, 2},
		{`−5`, 0},
		{`７８`, 0},
		{`\boxed{x³}`, 1},
		{`A`, 0},
		{`\$15`, 0},
		{`\$ 15`, 2},
		{``, 0},
	}
	for _, tt := range tests {
		if got := Parse(tt.in).Len(); got != tt.want {
			t.Errorf("Parse(%q) has %d candidates (%q), want %d", tt.in, got, Parse(tt.in).Strings(), tt.want)
		}
	}
}

func TestComputeScore(t *testing.T) {
	tests := []struct {
		sol, gt string
		want    float64
	}{
		{`e`, `e`, 1},
		{`\boxed{2\pi r}`, `2\pi r`, 1},
		{`$$7.7e4$$`, `$7.7 \times 10^{4}$`, 0},
		{`\dfrac{28}{13}`, `28/13`, 1},
		{`\frac12`, `\frac{1}{2}`, 1},
		{``, ``, 1},
		{`\boxed{5}`, `6`, 0},
		{`\fbox{5}`, `5`, 0}, // remove_boxed asserts on \fbox
		{`the answer is x/2`, `x/2`, 0},
	}
	for _, tt := range tests {
		if got := ComputeScore(tt.sol, tt.gt); got != tt.want {
			t.Errorf("ComputeScore(%q, %q) = %v, want %v", tt.sol, tt.gt, got, tt.want)
		}
	}
}

func TestStripString(t *testing.T) {
	tests := []struct{ in, want string }{
		{`\dfrac{1}{2}`, `\frac{1}{2}`},
		{`\frac12`, `\frac{1}{2}`},
		{`\sqrt3`, `\sqrt{3}`},
		{`0.5`, `\frac{1}{2}`},
		{`3/4`, `\frac{3}{4}`},
		{`x = 5`, `5`},
		{`10\%`, `10`},
		{`90^\circ`, `90`},
		{`5\text{ cm}`, `5`},
		{`.5`, `\frac{1}{2}`},
	}
	for _, tt := range tests {
		got, err := stripString(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("stripString(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := stripString(`x/2`); err == nil {
		t.Errorf("stripString(x/2) should fail like int('x')")
	}
}
