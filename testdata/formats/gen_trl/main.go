// Command gen_trl writes TRL's completions Parquet files from the rows that
// gen_trl.py prints: completions/completions_{step:05d}.parquet, one per
// step, the way GRPOTrainer.log() writes them through pandas'
// DataFrame.to_parquet (pyarrow): every column nullable, int64 step, UTF-8
// string prompt and completion (and the "solution" extra column), float64
// rewards and advantage, Snappy compression, one row group, and pandas'
// "pandas" schema metadata with a RangeIndex (which pandas does not write
// as a column). Debian packages no pyarrow, so parquet-go writes them.
//
// Usage: go run ./testdata/formats/gen_trl DIR < rows.jsonl
//
// With -no-solution it writes the table as TRL wrote it before reward
// functions could log extra columns (no "solution"), which needs --join.
//
// With -big FILE -bytes N it writes one large file instead, for measuring
// memory: the rows repeated, each completion padded to -pad bytes, until
// the file holds about N bytes, in row groups of -rowgroup rows.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/parquet-go/parquet-go"
)

// row is one completion, in TRL's column order.
type row struct {
	Step              *int64   `parquet:"step,optional"`
	Prompt            *string  `parquet:"prompt,optional"`
	Completion        *string  `parquet:"completion,optional"`
	AccuracyReward    *float64 `parquet:"accuracy_reward,optional"`
	ThinkFormatReward *float64 `parquet:"think_format_reward,optional"`
	Solution          *string  `parquet:"solution,optional"`
	Advantage         *float64 `parquet:"advantage,optional"`
}

// rowNoSolution is row without the extra column.
type rowNoSolution struct {
	Step              *int64   `parquet:"step,optional"`
	Prompt            *string  `parquet:"prompt,optional"`
	Completion        *string  `parquet:"completion,optional"`
	AccuracyReward    *float64 `parquet:"accuracy_reward,optional"`
	ThinkFormatReward *float64 `parquet:"think_format_reward,optional"`
	Advantage         *float64 `parquet:"advantage,optional"`
}

type in struct {
	Step              int64   `json:"step"`
	Prompt            string  `json:"prompt"`
	Completion        string  `json:"completion"`
	AccuracyReward    float64 `json:"accuracy_reward"`
	ThinkFormatReward float64 `json:"think_format_reward"`
	Solution          string  `json:"solution"`
	Advantage         float64 `json:"advantage"`
}

// pandasMeta is what pandas 2 with pyarrow stores under "pandas".
func pandasMeta(n int, withSolution bool) string {
	col := func(name, pt, nt string) map[string]any {
		return map[string]any{"name": name, "field_name": name, "pandas_type": pt, "numpy_type": nt, "metadata": nil}
	}
	m := map[string]any{
		"index_columns":  []any{map[string]any{"kind": "range", "name": nil, "start": 0, "stop": n, "step": 1}},
		"column_indexes": []any{map[string]any{"name": nil, "field_name": nil, "pandas_type": "unicode", "numpy_type": "object", "metadata": map[string]any{"encoding": "UTF-8"}}},
		"columns":        nil,
		"creator":        map[string]any{"library": "pyarrow", "version": "17.0.0"},
		"pandas_version": "2.2.3",
	}
	cols := []any{
		col("step", "int64", "int64"), col("prompt", "unicode", "object"), col("completion", "unicode", "object"),
		col("accuracy_reward", "float64", "float64"), col("think_format_reward", "float64", "float64"),
	}
	if withSolution {
		cols = append(cols, col("solution", "unicode", "object"))
	}
	m["columns"] = append(cols, col("advantage", "float64", "float64"))
	b, _ := json.Marshal(m)
	return string(b)
}

func main() {
	big := flag.String("big", "", "write one large file here instead")
	size := flag.Int64("bytes", 1<<30, "with -big: about this many bytes")
	pad := flag.Int("pad", 4000, "with -big: pad each completion to this many bytes")
	rowGroup := flag.Int("rowgroup", 8192, "with -big: rows per row group")
	noSolution := flag.Bool("no-solution", false, "leave out the solution column")
	flag.Parse()
	byStep := map[int64][]row{}
	var steps []int64
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		var r in
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			panic(err)
		}
		if _, ok := byStep[r.Step]; !ok {
			steps = append(steps, r.Step)
		}
		byStep[r.Step] = append(byStep[r.Step], row{&r.Step, &r.Prompt, &r.Completion, &r.AccuracyReward, &r.ThinkFormatReward, &r.Solution, &r.Advantage})
	}
	if *big != "" {
		writeBig(*big, byStep[steps[0]], *size, *pad, *rowGroup)
		return
	}
	dir := flag.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		panic(err)
	}
	for _, s := range steps {
		rows := byStep[s]
		path := filepath.Join(dir, fmt.Sprintf("completions_%05d.parquet", s))
		f, err := os.Create(path)
		if err != nil {
			panic(err)
		}
		opts := []parquet.WriterOption{parquet.Compression(&parquet.Snappy), parquet.KeyValueMetadata("pandas", pandasMeta(len(rows), !*noSolution)), parquet.CreatedBy("parquet-cpp-arrow", "17.0.0", "")}
		if *noSolution {
			w := parquet.NewGenericWriter[rowNoSolution](f, opts...)
			var short []rowNoSolution
			for _, r := range rows {
				short = append(short, rowNoSolution{r.Step, r.Prompt, r.Completion, r.AccuracyReward, r.ThinkFormatReward, r.Advantage})
			}
			if _, err := w.Write(short); err != nil {
				panic(err)
			}
			if err := w.Close(); err != nil {
				panic(err)
			}
		} else {
			w := parquet.NewGenericWriter[row](f, opts...)
			if _, err := w.Write(rows); err != nil {
				panic(err)
			}
			if err := w.Close(); err != nil {
				panic(err)
			}
		}
		if err := f.Close(); err != nil {
			panic(err)
		}
	}
}

// writeBig repeats rows, padded, into one file of about size bytes.
func writeBig(path string, rows []row, size int64, pad, rowGroup int) {
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	w := parquet.NewGenericWriter[row](f, parquet.Compression(&parquet.Snappy), parquet.MaxRowsPerRowGroup(int64(rowGroup)), parquet.KeyValueMetadata("pandas", pandasMeta(0, true)))
	// Filler that Snappy cannot shrink much, so the file is as big as asked.
	var filler strings.Builder
	x := uint32(2463534242)
	for filler.Len() < pad {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		filler.WriteString(fmt.Sprintf("%08x ", x))
	}
	batch := make([]row, 0, rowGroup)
	for i := 0; ; i++ {
		r := rows[i%len(rows)]
		c := *r.Completion + "\n" + filler.String()[i%64:pad]
		step := int64(i / rowGroup)
		r.Completion, r.Step = &c, &step
		batch = append(batch, r)
		if len(batch) == rowGroup {
			if _, err := w.Write(batch); err != nil {
				panic(err)
			}
			if err := w.Flush(); err != nil {
				panic(err)
			}
			batch = batch[:0]
			if st, _ := f.Stat(); st.Size() >= size {
				break
			}
		}
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}
