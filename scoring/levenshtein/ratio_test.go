package levenshtein

import (
	"math/rand"
	"strings"
	"testing"
)

// lcsDP is the textbook dynamic programme, the oracle for the bit-parallel one.
func lcsDP(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func TestRatio(t *testing.T) {
	// Values from Levenshtein 0.27 (rapidfuzz Indel).
	tests := []struct {
		a, b string
		want float64
	}{
		{"abc", "abd", 0.6666666666666667},
		{"the cat", "the mat", 0.8571428571428572},
		{"twelve", "12 apples", 0.2666666666666667},
		{"", "", 1.0},
		{"a", "", 0.0},
		{"kitten", "sitting", 0.6153846153846154},
		{"日本語", "日本", 0.8},
	}
	for _, tt := range tests {
		if got := Ratio(tt.a, tt.b); got != tt.want {
			t.Errorf("Ratio(%q, %q) = %v; want %v", tt.a, tt.b, got, tt.want)
		}
		if got := RatioString(tt.a, tt.b); got != tt.want {
			t.Errorf("RatioString(%q, %q) = %v; want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestLCSAgainstDP(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []rune("abcdé日")
	gen := func(n int) []rune {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return r
	}
	for i := 0; i < 500; i++ {
		a, b := gen(rng.Intn(200)), gen(rng.Intn(200))
		if got, want := LCS(a, b), lcsDP(a, b); got != want {
			t.Fatalf("LCS(%q, %q) = %d; want %d", string(a), string(b), got, want)
		}
		as, bs := strings.Map(ascii, string(a)), strings.Map(ascii, string(b))
		if got, want := lcsBytes(as, bs), lcsDP([]rune(as), []rune(bs)); got != want {
			t.Fatalf("lcsBytes(%q, %q) = %d; want %d", as, bs, got, want)
		}
	}
}

func ascii(r rune) rune {
	if r > 127 {
		return 'x'
	}
	return r
}

func FuzzRatio(f *testing.F) {
	f.Add("abc", "abd")
	f.Fuzz(func(t *testing.T, a, b string) {
		r := Ratio(a, b)
		if r < 0 || r > 1 {
			t.Fatalf("Ratio out of range: %v", r)
		}
		if got, want := LCS([]rune(a), []rune(b)), lcsDP([]rune(a), []rune(b)); got != want {
			t.Fatalf("LCS %d; want %d", got, want)
		}
	})
}

func BenchmarkRatio(b *testing.B) {
	x := strings.Repeat("the quick brown fox jumps over the lazy dog ", 10)
	y := strings.Repeat("the quick brown cat jumps over the lazy fox ", 10)
	for i := 0; i < b.N; i++ {
		RatioString(x, y)
	}
}
