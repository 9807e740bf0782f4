package pyjson

import (
	"math"
	"strconv"
	"testing"

	"github.com/grpo-score/grpo-score/internal/jsonltest"
)

// testdata/ops.jsonl holds CPython 3.11's results of the operations of this
// package on pairs of decoded values: repr of the result or the exception.
func TestOpsVectors(t *testing.T) {
	type opCase struct {
		Op, A, B, Repr, Error, Which string
	}
	cases := jsonltest.Read[opCase](t, "testdata/ops.jsonl")
	n := len(cases)
	for _, c := range cases {
		a := mustLoad(t, c.A)
		var b Value
		if c.B != "" {
			b = mustLoad(t, c.B)
		}
		got, err := applyOp(c.Op, a, b)
		name := c.Op + "(" + c.A + ", " + c.B + ")"
		if c.Error != "" {
			if err == nil {
				t.Errorf("%s = %s, want %s", name, got, c.Error)
			} else if err.Error() != c.Error {
				t.Errorf("%s error %q, want %q", name, err.Error(), c.Error)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s error %v, want %s", name, err, c.Repr)
			continue
		}
		if got != c.Repr {
			t.Errorf("%s = %s, want %s", name, got, c.Repr)
		}
		if c.Which != "" {
			pick, _ := applyOp(c.Op, a, b)
			want := Repr(a)
			if c.Which == "b" {
				want = Repr(b)
			}
			if pick != want {
				t.Errorf("%s picked %s, want the %s operand %s", name, pick, c.Which, want)
			}
		}
	}
	if n < 10000 {
		t.Fatalf("only %d vectors", n)
	}
}

func mustLoad(t *testing.T, s string) Value {
	t.Helper()
	v, err := Loads(s)
	if err != nil {
		t.Fatalf("Loads(%s): %v", s, err)
	}
	return v
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

func applyOp(op string, a, b Value) (string, error) {
	var v Value
	var err error
	switch op {
	case "in":
		var ok bool
		ok, err = Contains(a, b)
		return pyBool(ok), err
	case "getitem":
		v, err = GetItem(a, b)
	case "add":
		v, err = Add(a, b)
	case "sub":
		v, err = Sub(a, b)
	case "mul":
		v, err = Mul(a, b)
	case "truediv":
		v, err = TrueDiv(a, b)
	case "lt":
		var ok bool
		ok, err = Less(a, b)
		return pyBool(ok), err
	case "gt":
		var ok bool
		ok, err = Greater(a, b)
		return pyBool(ok), err
	case "max":
		v, err = Max(a, b)
	case "min":
		v, err = Min(a, b)
	case "eq":
		return pyBool(Equal(a, b)), nil
	case "iter":
		var items []Value
		items, err = Iter(a)
		v = List(items)
	case "lower":
		v, err = Lower(a)
	case "float":
		var f float64
		f, err = ToFloat(a)
		v = Float(f)
	case "truthy":
		return pyBool(Truthy(a)), nil
	case "len":
		var n int
		n, err = Len(a)
		return strconv.Itoa(n), err
	case "hash":
		_, err = HashKey(a)
		return "ok", err
	default:
		panic(op)
	}
	if err != nil {
		return "", err
	}
	return Repr(v), nil
}

func TestHashKey(t *testing.T) {
	same := [][]string{{"1", "1.0", "true"}, {"0", "-0.0", "false", "0.0"}, {`"a"`}, {"1e22", "10000000000000000000000"}, {"null"}}
	for i, g := range same {
		k0, _ := HashKey(mustLoad(t, g[0]))
		for _, s := range g[1:] {
			if k, _ := HashKey(mustLoad(t, s)); k != k0 {
				t.Errorf("key(%s) != key(%s)", s, g[0])
			}
		}
		for j, h := range same {
			if j == i {
				continue
			}
			if k, _ := HashKey(mustLoad(t, h[0])); k == k0 {
				t.Errorf("key(%s) == key(%s)", h[0], g[0])
			}
		}
	}
	if k, _ := HashKey(Float(0.5)); k == (Key{kind: 'i', s: "0"}) {
		t.Error("0.5 hashed as 0")
	}
	k1, _ := HashKey(mustLoad(t, "NaN"))
	k2, _ := HashKey(Float(math.NaN()))
	if k1 != k2 {
		t.Error("NaN keys differ")
	}
	nanList := mustLoad(t, "[NaN]")
	if in, _ := Contains(nanList, mustLoad(t, "NaN")); !in || !Equal(nanList, mustLoad(t, "[NaN]")) || Equal(Float(math.NaN()), Float(math.NaN())) {
		t.Error("NaN identity semantics")
	}
}
