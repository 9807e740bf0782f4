package mathverify

import (
	"encoding/json"
	"math"
	"math/big"
	"regexp"
	"testing"
)

// TestParsedShape compares the shape of every Parse result with the
// "parsed" field of the vectors (str() of math_verify's parse): the number
// of candidates and the fallback string must agree.
func TestParsedShape(t *testing.T) {
	vs := loadVectors(t)
	agree, total := 0, 0
	for _, v := range vs {
		var parsed struct {
			Gold, Pred []string
		}
		if err := json.Unmarshal(v.Parsed, &parsed); err != nil {
			t.Fatalf("line %d: %v", v.line, err)
		}
		for _, c := range []struct {
			in   string
			want []string
		}{{v.Gold, parsed.Gold}, {v.Pred, parsed.Pred}} {
			total++
			a := Parse(c.in)
			ok := a.Len() == len(c.want)
			if ok && len(c.want) > 0 {
				last := a.items[len(a.items)-1]
				ok = last.expr == nil && last.str == c.want[len(c.want)-1]
			}
			if ok {
				agree++
				continue
			}
			t.Errorf("line %d: Parse(%q) = %q, python %q", v.line, c.in, a.Strings(), c.want)
		}
	}
	t.Logf("parse shape: %d/%d agree", agree, total)
	if agree < parsedShapeFloor {
		t.Errorf("parse shape regressed: %d/%d, floor %d", agree, total, parsedShapeFloor)
	}
}

const parsedShapeFloor = 7988

var (
	pyIntRe   = regexp.MustCompile(`^-?\d+$`)
	pyRatRe   = regexp.MustCompile(`^-?\d+/\d+$`)
	pyFloatRe = regexp.MustCompile(`^-?\d+\.\d+(e[+-]\d+)?$`)
)

// TestParsedNumbers checks parsed values that sympy printed as a plain
// Integer, Rational or Float: same kind of number and same value.
func TestParsedNumbers(t *testing.T) {
	vs := loadVectors(t)
	checked, agree := 0, 0
	for _, v := range vs {
		var parsed struct{ Gold, Pred []string }
		json.Unmarshal(v.Parsed, &parsed)
		for _, c := range []struct {
			in   string
			want []string
		}{{v.Gold, parsed.Gold}, {v.Pred, parsed.Pred}} {
			if len(c.want) != 2 {
				continue
			}
			py := c.want[0]
			var kind string
			switch {
			case pyIntRe.MatchString(py):
				kind = "int"
			case pyRatRe.MatchString(py):
				kind = "rat"
			case pyFloatRe.MatchString(py):
				kind = "float"
			default:
				continue
			}
			checked++
			a := Parse(c.in)
			n := a.items[0].expr
			ok := n != nil
			if ok {
				switch kind {
				case "int":
					ok = n.k == kInt && n.val.RatString() == py
				case "rat":
					// sympy prints both Rational(22, 7) and the unevaluated
					// Mul(22, Pow(7, -1)) that parse_expr builds as "22/7".
					ok = n.k == kRat && n.val.RatString() == py ||
						n.k == kMul && len(n.args) == 2 && n.args[0].k == kInt && n.args[1].k == kPow &&
							n.args[1].args[0].k == kInt && n.args[1].args[1].k == kInt &&
							n.args[0].val.RatString()+"/"+n.args[1].args[0].val.RatString() == py
				case "float":
					want, _ := new(big.Float).SetString(py)
					got := new(big.Float).SetRat(n.val)
					wf, _ := want.Float64()
					gf, _ := got.Float64()
					ok = n.k == kFloat && math.Abs(wf-gf) <= 1e-12*math.Max(1, math.Abs(wf))
				}
			}
			if ok {
				agree++
				continue
			}
			t.Errorf("line %d: Parse(%q) = %q, python %q", v.line, c.in, a.Strings(), py)
		}
	}
	t.Logf("parsed numbers: %d/%d agree", agree, checked)
	if agree < parsedNumbersFloor {
		t.Errorf("parsed numbers regressed: %d/%d, floor %d", agree, checked, parsedNumbersFloor)
	}
}

const parsedNumbersFloor = 4455
