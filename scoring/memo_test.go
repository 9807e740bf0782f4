package scoring

import "testing"

func TestRemember(t *testing.T) {
	type params struct{ x float64 }
	k1, k2 := NewMemoKey[int]("k1"), NewMemoKey[int]("k2")
	s := &Sample{}
	calls := 0
	f := func(v int) func() int { return func() int { calls++; return v } }
	if got := Remember(s, k1, params{1}, f(10)); got != 10 || calls != 1 {
		t.Fatalf("first: %d after %d calls", got, calls)
	}
	if got := Remember(s, k1, params{1}, f(99)); got != 10 || calls != 1 {
		t.Errorf("same key and params: %d after %d calls; want the first value, no call", got, calls)
	}
	if got := Remember(s, k1, params{2}, f(20)); got != 20 || calls != 2 {
		t.Errorf("other params: %d after %d calls", got, calls)
	}
	if got := Remember(s, k2, params{1}, f(30)); got != 30 || calls != 3 {
		t.Errorf("other key: %d after %d calls", got, calls)
	}
	if got := Remember(&Sample{}, k1, params{1}, f(40)); got != 40 || calls != 4 {
		t.Errorf("other sample: %d after %d calls", got, calls)
	}
}

func TestRememberByAndNilParams(t *testing.T) {
	k := NewMemoKey[int]("k")
	s := &Sample{}
	calls := 0
	f := func() int { calls++; return calls }
	Remember(s, k, nil, f)
	Remember(s, k, nil, f)
	RememberBy(s, k, "a", f)
	RememberBy(s, k, "a", f)
	RememberBy(s, k, NoParams{}, f)
	RememberBy(s, k, NoParams{}, f)
	if got := RememberBy(s, k, "b", f); calls != 4 || got != 4 {
		t.Errorf("%d calls, last value %d; want 4 and 4 (nil, \"a\", NoParams, \"b\" each once)", calls, got)
	}
	if got := Remember(s, k, "a", f); got != 2 {
		t.Errorf("Remember with the params RememberBy stored: %d, want 2", got)
	}
}
