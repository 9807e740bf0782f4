package stats

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// randomFloat draws from every range a float64 has: subnormals, tiny, unit,
// huge, both signs, and exact zeros.
func randomFloat(r *rand.Rand) float64 {
	switch r.IntN(6) {
	case 0:
		return math.Float64frombits(r.Uint64() & (1<<63 | 1<<52 - 1)) // subnormal
	case 1:
		return []float64{0, negz, 1, 0.1, -0.5}[r.IntN(5)]
	case 2:
		return (r.Float64() - 0.5) * math.Ldexp(1, r.IntN(2046)-1022)
	default:
		v := math.Float64frombits(r.Uint64())
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 1
		}
		return v
	}
}

func ratOf(d dyadic) *big.Rat {
	r := new(big.Rat).SetInt(d.m)
	p := new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), uint(abs(d.e))))
	if d.e >= 0 {
		return r.Mul(r, p)
	}
	return r.Quo(r, p)
}

func abs(x int) int { return max(x, -x) }

func TestAccumulatorExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var sum, sq accumulator
		want, want2 := new(big.Rat), new(big.Rat)
		for range r.IntN(50) {
			v := randomFloat(r)
			sum.addValue(v)
			sq.addSquare(v)
			x := new(big.Rat).SetFloat64(v)
			want.Add(want, x)
			want2.Add(want2, x.Mul(x, x))
		}
		if got := ratOf(sum.dyadic()); got.Cmp(want) != 0 {
			t.Fatalf("round %d: sum = %s, want %s", round, got.FloatString(20), want.FloatString(20))
		}
		if got := ratOf(sq.dyadic()); got.Cmp(want2) != 0 {
			t.Fatalf("round %d: sum of squares wrong", round)
		}
		// the text form reads back to the same value, and to the same text
		d, err := parseDyadic(sum.dyadic().String())
		if err != nil || ratOf(d).Cmp(want) != 0 || d.String() != sum.dyadic().String() {
			t.Fatalf("round %d: %s reads back as %v, %v", round, sum.dyadic(), d, err)
		}
	}
}

func TestAccumulatorCarries(t *testing.T) {
	// many additions that each fill a limb, across the lazy flush
	var a accumulator
	a.pending = accFlushEvery - 3
	v := math.Float64frombits(0x3fefffffffffffff) // 1 − 2^-53: all mantissa bits set
	for range 10 {
		a.addValue(v)
		a.addValue(-v / 2)
	}
	x := new(big.Rat).SetFloat64(v)
	want := new(big.Rat).Mul(x, big.NewRat(5, 1))
	if got := ratOf(a.dyadic()); got.Cmp(want) != 0 {
		t.Fatalf("sum = %s, want %s", got.FloatString(30), want.FloatString(30))
	}
	// cancellation to exactly zero, and a negative result
	var b accumulator
	b.addValue(1e300)
	b.addValue(5e-324)
	b.addValue(-1e300)
	b.addValue(-1)
	if d := b.dyadic(); d.String() != "-0x3"+strings.Repeat("f", 268)+"p-1074" { // −(2^1074 − 1)·2^-1074
		t.Errorf("1e300 + 2^-1074 − 1e300 − 1 = %s", d)
	}
}

// TestStdCorrectlyRounded checks that stdDev returns the float64 nearest to
// the exact std: r ± ulp/2 must bracket it.
func TestStdCorrectlyRounded(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 300 {
		n := 1 + r.IntN(8)
		var sum, sq accumulator
		s, s2 := new(big.Rat), new(big.Rat)
		scale := r.IntN(1200) - 600
		for range n {
			v := math.Ldexp(r.NormFloat64(), scale)
			if r.IntN(4) == 0 {
				v = math.Round(v)
			}
			sum.addValue(v)
			sq.addSquare(v)
			x := new(big.Rat).SetFloat64(v)
			s.Add(s, x)
			s2.Add(s2, x.Mul(x, x))
		}
		ddof := int64(n)
		if n > 1 && r.IntN(2) == 0 {
			ddof = int64(n - 1)
		}
		got := stdDev(sum.dyadic(), sq.dyadic(), int64(n), ddof)
		// variance = (n·s2 − s²) / (n·ddof)
		nr := big.NewRat(int64(n), 1)
		v := new(big.Rat).Sub(new(big.Rat).Mul(nr, s2), new(big.Rat).Mul(s, s))
		v.Quo(v, big.NewRat(int64(n)*ddof, 1))
		if v.Sign() == 0 {
			if got != 0 {
				t.Fatalf("round %d: std = %v, want 0", round, got)
			}
			continue
		}
		lo := new(big.Rat).SetFloat64(math.Nextafter(got, 0))
		hi := new(big.Rat).SetFloat64(math.Nextafter(got, math.Inf(1)))
		g := new(big.Rat).SetFloat64(got)
		mid := func(a, b *big.Rat) *big.Rat {
			m := new(big.Rat).Add(a, b)
			m.Quo(m, big.NewRat(2, 1))
			return m.Mul(m, m)
		}
		if mid(lo, g).Cmp(v) > 0 || mid(g, hi).Cmp(v) < 0 {
			t.Fatalf("round %d: std %v is not the nearest float to sqrt(%s)", round, got, v.FloatString(30))
		}
	}
}

func TestParseDyadic(t *testing.T) {
	for _, tt := range []struct {
		in, out string
	}{
		{"0x0p+0", "0x0p+0"}, {"0x3p-1", "0x3p-1"}, {"-0x6p-2", "-0x3p-1"},
		{"0x0010p+4", "0x1p+8"}, {"0x0p+12", "0x0p+0"},
	} {
		d, err := parseDyadic(tt.in)
		if err != nil || d.String() != tt.out {
			t.Errorf("parseDyadic(%q) = %v, %v; want %s", tt.in, d, err, tt.out)
		}
	}
	for _, in := range []string{"", "0x", "3p+1", "0x3", "0x3p", "0x3p1", "0xGp+1", "0x3p+1x",
		"0X3p+1", "+0x3p+1", "0x1p+2200", "0x1p-2200", "0x1p-9999999", "--0x1p+0"} {
		if d, err := parseDyadic(in); err == nil {
			t.Errorf("parseDyadic(%q) = %v, want an error", in, d)
		}
	}
}
