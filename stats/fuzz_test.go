package stats

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
)

// FuzzUnmarshalJSON checks that reading any bytes never panics, and that
// whatever is accepted is canonical: it writes, reads back and writes again
// to the same bytes, and its table and merge do not panic.
func FuzzUnmarshalJSON(f *testing.F) {
	// small seeds: the fuzzer minimises every new input, and large ones
	// make it crawl
	small := New("accuracy")
	for _, v := range []float64{1, 0.5, negz, nan, inf} {
		small.AddLine(Line{Rewards: []float64{v}, Total: v, Method: "math"})
	}
	small.AddLine(Line{Rewards: []float64{0}, Failed: []bool{true}, TotalFailed: true})
	small.AddGroup([]Line{{Rewards: []float64{0.25}, Total: 1}, {Rewards: []float64{1}, Total: 1}})
	small.Lines.Read, small.ElapsedSeconds = 6, 0.5
	b, _ := small.MarshalJSON()
	f.Add(b)
	small.total.dist.sketch() // the sketched form
	b, _ = small.MarshalJSON()
	f.Add(b)
	f.Add([]byte(`{"version":1,"rewards":[],"lines":{},"total":{"count":0,"sketch":{"sum":"0x0p+0","sum_squares":"0x0p+0","values":[]}},"by_reward":{}}`))
	f.Add([]byte(`{"version":1,"rewards":["accuracy"],"lines":{},"total":{"count":1,"sketch":{"sum":"0x1p+0","sum_squares":"-0x1p+0","values":[[1.0,1]]}},"by_reward":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Summary
		if err := json.Unmarshal(data, &s); err != nil {
			return
		}
		b, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back Summary
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("re-reading %s: %v", b, err)
		}
		if b2, _ := back.MarshalJSON(); !bytes.Equal(b, b2) {
			t.Fatalf("not canonical:\n%s\n%s", b, b2)
		}
		if err := s.WriteTable(io.Discard); err != nil {
			t.Fatal(err)
		}
		if err := s.Merge(&back); err != nil {
			t.Fatal(err)
		}
		s.MarshalJSON()
	})
}
