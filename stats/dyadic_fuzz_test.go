package stats

import (
	"math/big"
	"testing"
)

// FuzzParseDyadic: what parseDyadic accepts has the exact value that
// math/big reads from the same hexadecimal literal (an independent
// parser), is written back canonically by String, and parses back to
// itself.
func FuzzParseDyadic(f *testing.F) {
	for _, s := range []string{"0x3p-1", "-0x3p-1", "0x0p+0", "0x00p+5", "0x10p-4", "0xfp+99999", "0x1p", "3p-1", "0x-1p+0", "0xAp+0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDyadic(s)
		if err != nil {
			return
		}
		want, _, perr := big.ParseFloat(s, 0, 1<<16, big.ToNearestEven)
		got := new(big.Float).SetPrec(1 << 16).SetInt(d.m)
		got.SetMantExp(got, d.e)
		if perr != nil || got.Cmp(want) != 0 {
			t.Fatalf("parseDyadic(%q) = %s; math/big reads %v (%v)", s, d, want, perr)
		}
		if d.m.Sign() != 0 && d.m.Bit(0) == 0 || d.m.Sign() == 0 && d.e != 0 {
			t.Fatalf("parseDyadic(%q) = %s is not canonical", s, d)
		}
		back, err := parseDyadic(d.String())
		if err != nil || back.m.Cmp(d.m) != 0 || back.e != d.e || back.String() != d.String() {
			t.Fatalf("%q: %s does not parse back to itself (%s, %v)", s, d, back, err)
		}
	})
}
