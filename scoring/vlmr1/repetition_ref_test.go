package vlmr1

import (
	"strings"
	"testing"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/jsonrepair"
	"github.com/grpo-score/grpo-score/scoring/py"
	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// refRepetition is the former repetition reward, kept as the reference of
// the buffered one: its own json.loads, bbox keys joined into strings and
// put in a map, 6-grams joined into strings (joinedRepetition).
func refRepetition(content string) (float64, error) {
	if content == "" {
		return 0.0, nil
	}
	if js, ok := repetitionJSONText(content); ok {
		data, err := refRepetitionLoads(js)
		if err != nil {
			return 0, err
		}
		if list, ok := data.(pyjson.List); ok && len(list) > 0 {
			return refRepetitionOfItems(list)
		}
	}
	return joinedRepetition(content), nil
}

func refRepetitionLoads(js string) (pyjson.Value, error) {
	v, err := pyjson.Loads(js)
	if err == nil {
		return v, nil
	}
	if pe, ok := err.(*pyjson.Error); !ok || pe.Type != "JSONDecodeError" {
		return nil, pyErr(err)
	}
	if v, err = pyjson.Loads(jsonrepair.Repair(js)); err != nil {
		return pyjson.None, nil
	}
	return v, nil
}

func refRepetitionOfItems(list pyjson.List) (float64, error) {
	seen := map[string]struct{}{}
	total := 0
	for _, item := range list {
		for _, k := range []pyjson.Value{keyBBox, keyLabel} {
			has, err := pyjson.Contains(item, k)
			if err != nil {
				return 0, pyErr(err)
			}
			if !has {
				goto next
			}
		}
		{
			box, err := pyjson.GetItem(item, keyBBox)
			if err != nil {
				return 0, pyErr(err)
			}
			label, err := pyjson.GetItem(item, keyLabel)
			if err != nil {
				return 0, pyErr(err)
			}
			seen[pyjson.ToStr(box)+"_"+pyjson.ToStr(label)] = struct{}{}
			total++
		}
	next:
	}
	if total == 0 {
		return 0.0, nil
	}
	return (1 - float64(len(seen))/float64(total)) * -1.0, nil
}

var repetitionSeeds = []string{
	"", "a b c d e f a b c d e f", "The cat sat on the mat. the CAT sat on the mat.",
	"```json\n[{\"bbox_2d\": [1, 2, 3, 4], \"label\": \"a\"}, {\"bbox_2d\": [1, 2, 3, 4], \"label\": \"a\"}]\n```",
	"```json\n[{\"bbox_2d\": [1, 2, 3, 4], \"label\": \"a_b\"}, {\"bbox_2d\": \"[1, 2, 3, 4]_a\", \"label\": \"b\"}]\n```",
	"```json\n[{\"bbox_2d\": [1, 2, 3, 4], \"label\": \"a\"}, 5]\n```", "```json\n[\"bbox_2d label\", {}]\n```",
	"```\n[{\"bbox_2d\": [1, 2, 3, 4.0], \"label\": null}, {'bbox_2d': [1, 2, 3, 4], 'label': None}]\n```",
	"x [ {\"bbox_2d\": [1,2,3,4], \"label\": \"q\"} ] y", "```json\n[1e400, NaN]\n```", "```json\n{\"a\": 1}\n```",
	"İSTANBUL istanbul İstanbul ISTANBUL istanbul İstanbul ISTANBUL", "ΣΑΣ ΣΑΣ ΣΑΣ ΣΑΣ ΣΑΣ ΣΑΣ ΣΑΣ ΣΑΣ",
	"\xff \xfe \xff \xfe \xff \xfe \xff \xfe", "a\u00a0b c\u3000d e f a\u00a0b c d e f", "A  B C D E F a b  c d e f",
	"```json\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n```",
}

// checkRepetition scores content alone and after the map accuracy shared
// its JSON decoding, against the reference.
func checkRepetition(t *testing.T, r scoring.Reward, acc scoring.Reward, content string) {
	t.Helper()
	want, wantErr := refRepetition(content)
	got, err := r.Score(&scoring.Sample{Completion: content}, nil)
	if !sameOutcome(got, err, want, wantErr) {
		t.Fatalf("%+q: %v, %v; reference %v, %v", content, got, err, want, wantErr)
	}
	for _, method := range []string{"map", "od_ap"} {
		s := &scoring.Sample{Completion: content, Solution: catSol, Method: method}
		_, _ = acc.Score(s, nil)
		got, err = r.Score(s, nil)
		if !sameOutcome(got, err, want, wantErr) {
			t.Fatalf("%+q after %s: %v, %v; reference %v, %v", content, method, got, err, want, wantErr)
		}
	}
}

func repetitionRewards(t testing.TB) (rep, acc scoring.Reward) {
	reg := scoring.NewRegistry(scoring.DefaultOptions(), Suite)
	rep, err := reg.Build("repetition")
	if err != nil {
		t.Fatal(err)
	}
	if acc, err = reg.Build("accuracy"); err != nil {
		t.Fatal(err)
	}
	return rep, acc
}

func TestRepetitionMatchesReference(t *testing.T) {
	rep, acc := repetitionRewards(t)
	for _, s := range repetitionSeeds {
		checkRepetition(t, rep, acc, s)
		checkRepetition(t, rep, acc, "<think>x</think><answer>"+s+"</answer>")
	}
	for _, l := range loadGolden(t) {
		checkRepetition(t, rep, acc, l.Completion)
	}
	checkRepetition(t, rep, acc, strings.Repeat("go go stop ", 2000))
}

// FuzzRepetitionMatchesReference: the buffered repetition reward (ASCII
// lower-casing into a buffer, hashed bbox keys, the JSON decoding shared
// with map and od) gives the reference's value, bit for bit, or its
// exception, on any text; one counter serves all inputs, as in a run.
func FuzzRepetitionMatchesReference(f *testing.F) {
	for _, s := range repetitionSeeds {
		f.Add(s)
	}
	rep, acc := repetitionRewards(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkRepetition(t, rep, acc, s)
		if got, want := py.AppendLower([]byte("x"), s), "x"+py.Lower(s); string(got) != want {
			t.Fatalf("AppendLower(%+q) = %+q; want %+q", s, got, want)
		}
	})
}

func TestASCIISpaceTable(t *testing.T) {
	for c := range asciiSpace {
		if asciiSpace[c] != py.IsSpace(rune(c)) {
			t.Errorf("asciiSpace[%#x] = %v", c, asciiSpace[c])
		}
	}
}

func TestAppendStr(t *testing.T) {
	for _, js := range []string{
		`"a"`, `"it's"`, `[1, 2, 3, 4]`, `[]`, `[1.5, -0.0, 1e16, 1e400, NaN]`, `[1, "2", 3]`, `[100000000000000000000, 1]`,
		`[true, null]`, `[[1, 2]]`, `{"a": 1}`, `5`, `1e-7`, `null`, `[-9223372036854775808, 9223372036854775807]`,
	} {
		v, err := pyjson.Loads(js)
		if err != nil {
			t.Fatal(js, err)
		}
		if got, want := string(appendStr([]byte("p_"), v)), "p_"+pyjson.ToStr(v); got != want {
			t.Errorf("appendStr(%s) = %q; want %q", js, got, want)
		}
	}
}
