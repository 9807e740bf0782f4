package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/jsonlio"
)

// FuzzParseShard: an accepted K/N has 0 <= K < N, reads back from its
// canonical spelling, and "env:NAME/N" reads K from the environment exactly
// as if it had been written in place.
func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"0/4", "3/4", "4/4", " 1 / 2 ", "env:JOB/16", "-1/3", "+1/3", "1/0", "x/y", "1/2/3"} {
		f.Add(s, "5")
	}
	f.Fuzz(func(t *testing.T, s, envValue string) {
		getenv := func(string) string { return envValue }
		k, n, err := parseShard(s, getenv)
		if err != nil {
			if !strings.Contains(err.Error(), "--shard") {
				t.Fatalf("error %q does not name the flag", err)
			}
			return
		}
		if k < 0 || k >= n {
			t.Fatalf("parseShard(%q) = %d/%d", s, k, n)
		}
		if k2, n2, err := parseShard(fmt.Sprintf("%d/%d", k, n), getenv); err != nil || k2 != k || n2 != n {
			t.Fatalf("%q: %d/%d does not read back (%d/%d, %v)", s, k, n, k2, n2, err)
		}
		kText, nText, _ := strings.Cut(s, "/")
		if name, isEnv := strings.CutPrefix(kText, "env:"); isEnv {
			k3, n3, err := parseShard(envValue+"/"+nText, nil)
			if err != nil || k3 != k || n3 != n {
				t.Fatalf("env:%s=%q: %d/%d, in place %d/%d (%v)", name, envValue, k, n, k3, n3, err)
			}
		}
	})
}

// FuzzParseWeights: accepted weights are one per reward; written back
// positionally with the shortest round-trip digits, or by name in reverse
// order, they parse to the same bits.
func FuzzParseWeights(f *testing.F) {
	for _, s := range []string{"", "1,0.5", "format=0.5", "accuracy=2,format=0.5", "1,2,3", "a=1", "nan,inf", " 1 , 2 ", "1e309,-0"} {
		f.Add(s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, s string, count uint8) {
		names := []string{"accuracy", "format", "length", "repetition"}[:1+count%4]
		w, err := parseWeights(s, names)
		if err != nil {
			if !strings.Contains(err.Error(), "--weights") {
				t.Fatalf("error %q does not name the flag", err)
			}
			return
		}
		if len(w) != len(names) {
			t.Fatalf("%q: %d weights for %d rewards", s, len(w), len(names))
		}
		var pos, named []string
		for i := range w {
			pos = append(pos, strconv.FormatFloat(w[i], 'g', -1, 64))
		}
		for i := len(w) - 1; i >= 0; i-- {
			named = append(named, names[i]+"="+pos[i])
		}
		for _, form := range []string{strings.Join(pos, ","), strings.Join(named, ",")} {
			back, err := parseWeights(form, names)
			if err != nil {
				t.Fatalf("%q: %q does not read back: %v", s, form, err)
			}
			for i := range w {
				if math.Float64bits(back[i]) != math.Float64bits(w[i]) && !(math.IsNaN(back[i]) && math.IsNaN(w[i])) {
					t.Fatalf("%q: %q reads back %v, want %v", s, form, back, w)
				}
			}
		}
	})
}

var lineRef = regexp.MustCompile(`^<stdin>:(\d+): `)

// FuzzGoldenLoader: check --golden's loader, on golden lines built from
// the fuzzer's ids and values, returns exactly those rewards (the last line
// of an id wins); on arbitrary bytes it either loads or names FILE:LINE of
// a line that exists.
func FuzzGoldenLoader(f *testing.F) {
	f.Add([]byte("{\"id\": \"a\", \"rewards\": {\"format\": 1.0}}\n\n{\"id\": 2}\n"), "a,b,a", 0.5)
	f.Add([]byte("not json\n"), "", math.Copysign(0, -1))
	f.Add([]byte("{\"rewards\": [1]}"), "x", 1e300)
	f.Fuzz(func(t *testing.T, data []byte, ids string, v float64) {
		key, rec := jsonlio.Path{"id"}, jsonlio.Path{"rewards"}
		load := func(in []byte) (map[string]map[string]json.RawMessage, error) {
			var errb bytes.Buffer
			e := &env{stdin: bytes.NewReader(in), stdout: &errb, stderr: &errb, getenv: func(string) string { return "" }, maxLine: jsonlio.DefaultMaxLineBytes}
			return loadGoldenRewards("-", e, key, rec)
		}
		got, err := load(data)
		if err != nil {
			m := lineRef.FindStringSubmatch(err.Error())
			if m == nil {
				t.Fatalf("error %q does not name <stdin>:LINE", err)
			}
			n, _ := strconv.Atoi(m[1])
			if lines := bytes.Count(data, []byte("\n")) + 1; n < 1 || n > lines {
				t.Fatalf("error names line %d of %d", n, lines)
			}
		} else if again, err := load(data); err != nil || len(again) != len(got) {
			t.Fatal("not deterministic")
		}

		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		var golden bytes.Buffer
		want := map[string]string{}
		for i, id := range strings.Split(ids, ",") {
			val := v + float64(i)
			line, _ := json.Marshal(map[string]any{"id": id, "rewards": map[string]float64{"accuracy": val}})
			golden.Write(line)
			golden.WriteByte('\n')
			var canon string // the id as JSON holds it (invalid UTF-8 becomes U+FFFD)
			b, _ := json.Marshal(id)
			json.Unmarshal(b, &canon)
			want[canon] = strconv.FormatFloat(val, 'g', -1, 64)
		}
		got, err = load(golden.Bytes())
		if err != nil || len(got) != len(want) {
			t.Fatalf("%d golden lines: %d loaded, %v", len(want), len(got), err)
		}
		for id, w := range want {
			var f float64
			if json.Unmarshal(got[id]["accuracy"], &f) != nil || strconv.FormatFloat(f, 'g', -1, 64) != w {
				t.Fatalf("id %q: loaded %s, want %s", id, got[id]["accuracy"], w)
			}
		}
	})
}
