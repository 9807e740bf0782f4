package jsonrepair

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// This file is a test-side stand-in for Python's json.loads and ==, written
// independently of the package's own decoder: encoding/json with UseNumber after
// the bare NaN / Infinity / -Infinity tokens are turned into marker strings.

// pyFloatToken marks a NaN or infinity found outside strings.
const pyFloatToken = "\x00pyfloat:"

// markNonFiniteTokens rewrites bare NaN, Infinity and -Infinity outside strings.
func markNonFiniteTokens(s string) string {
	var b strings.Builder
	inString, escaped := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inString {
			b.WriteByte(c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		if c == '"' {
			inString = true
			b.WriteByte(c)
			continue
		}
		replaced := false
		for _, tok := range []string{"-Infinity", "Infinity", "NaN"} {
			if strings.HasPrefix(s[i:], tok) {
				marker, _ := json.Marshal(pyFloatToken + tok)
				b.Write(marker)
				i += len(tok) - 1
				replaced = true
				break
			}
		}
		if !replaced {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// pythonLoads decodes s roughly as json.loads would, keeping number literals.
func pythonLoads(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(markNonFiniteTokens(s)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("extra data after the JSON value")
	}
	return v, nil
}

// numberKind classifies a decoded number the way Python's json module types it.
func numberKind(v any) (kind string, f float64, i *big.Int, ok bool) {
	switch x := v.(type) {
	case json.Number:
		text := string(x)
		if strings.ContainsAny(text, ".eE") {
			f, err := strconv.ParseFloat(text, 64)
			if err != nil && !errors.Is(err, strconv.ErrRange) {
				return "", 0, nil, false
			}
			return "float", f, nil, true
		}
		n, good := new(big.Int).SetString(text, 10)
		return "int", 0, n, good
	case string:
		switch x {
		case pyFloatToken + "NaN":
			return "float", math.NaN(), nil, true
		case pyFloatToken + "Infinity":
			return "float", math.Inf(1), nil, true
		case pyFloatToken + "-Infinity":
			return "float", math.Inf(-1), nil, true
		}
	}
	return "", 0, nil, false
}

// pythonEqual is Python's == on decoded JSON, except that an int never equals a
// float, a bool never equals a number, and NaN equals NaN.
func pythonEqual(a, b any) bool {
	ka, fa, ia, oka := numberKind(a)
	kb, fb, ib, okb := numberKind(b)
	if oka || okb {
		if !oka || !okb || ka != kb {
			return false
		}
		if ka == "int" {
			return ia.Cmp(ib) == 0
		}
		return fa == fb || (math.IsNaN(fa) && math.IsNaN(fb))
	}
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !pythonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !pythonEqual(xv, yv) {
				return false
			}
		}
		return true
	}
	return false
}

// loadsEqual compares json.loads(got) with the recorded loads of a vector.
func loadsEqual(got string, want json.RawMessage, wantErr bool) bool {
	gv, err := pythonLoads(got)
	if wantErr {
		return err != nil
	}
	if err != nil {
		return false
	}
	wv, err := pythonLoads(string(bytes.TrimSpace(want)))
	if err != nil {
		return false
	}
	return pythonEqual(gv, wv)
}
