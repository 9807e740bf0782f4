package pyjson

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestIsPrintable compares every non-ASCII code point with CPython 3.11's
// str.isprintable(), recorded as ranges in testdata/py311_nonprintable.txt.
func TestIsPrintable(t *testing.T) {
	f, err := os.Open("testdata/py311_nonprintable.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	nonPrintable := make([]bool, utf8.MaxRune+1)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		var lo, hi rune
		if _, err := fmt.Sscanf(line, "%X-%X", &lo, &hi); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		for r := lo; r <= hi; r++ {
			nonPrintable[r] = true
		}
	}
	bad := 0
	for r := rune(0x80); r <= utf8.MaxRune; r++ {
		if isPrintable(r) == nonPrintable[r] {
			if bad < 10 {
				t.Errorf("isPrintable(U+%04X) = %v, CPython 3.11 says %v", r, isPrintable(r), !nonPrintable[r])
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d code points differ", bad)
	}
}
