package mathverify

import (
	"strings"
	"testing"
	"time"
)

// TestPathologicalInputs checks that hostile inputs finish quickly and do
// not panic. No timing assertion: the budget guarantees termination.
func TestPathologicalInputs(t *testing.T) {
	inputs := []string{
		`$2^{10^{100}}$`,
		`$9^{9^{9^{9}}}$`,
		`$1000000000!$`,
		`$(10^{10^{10}})!$`,
		`$\sum_{k=1}^{10^{12}} k$`,
		`$\prod_{k=1}^{100000} k$`,
		`$\frac{1}{2^{3^{4^{5}}}}$`,
		"$" + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000) + "$",
		"$" + strings.Repeat("{", 5000) + "1" + strings.Repeat("}", 5000) + "$",
		"$" + strings.Repeat(`\sqrt{`, 3000) + "2" + strings.Repeat("}", 3000) + "$",
		strings.Repeat("answer: 1 = ", 3000),
		strings.Repeat("$1$ and ", 3000),
		strings.Repeat(`\boxed{`, 2000),
		strings.Repeat("9", 100000),
		"$" + strings.Repeat("x+", 20000) + "x$",
		"$(" + strings.Repeat("x+", 200) + "1)^{30}$",
		`$\int_0^{10^{300}} x^{1000} dx$`,
		`$\lim_{x \to 0} \frac{\sin x}{x}$`,
	}
	for _, in := range inputs {
		start := time.Now()
		a := Parse(in)
		Verify(a, Parse(`$1$`))
		Verify(Parse(`$1$`), a)
		ComputeScore(in, "1")
		if d := time.Since(start); d > 2*time.Second {
			t.Logf("slow input (%v): %.60q", d, in)
		}
	}
}
