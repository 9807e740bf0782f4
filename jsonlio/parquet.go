package jsonlio

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"

	json "github.com/goccy/go-json"
	"github.com/parquet-go/parquet-go"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// parquetBatchRows is how many rows are decoded at a time. Row groups are
// read one after the other and their pages on demand, so memory stays
// bounded by a row group's pages, not by the file.
const parquetBatchRows = 256

// pandasIndex matches the index columns pandas adds for a non-default index.
var pandasIndex = regexp.MustCompile(`^__index_level_\d+__$`)

// openParquet serves the rows of a Parquet file (TRL's completions files)
// as JSON objects whose keys are the column names, in column order. The
// row number, counted from 1 across row groups, stands for the line.
func (r *Records) openParquet(br *bufio.Reader) error {
	f := r.in.file
	if f == nil || r.in.Compression != "" {
		var err error
		if f, err = r.spool(br); err != nil {
			return fmt.Errorf("parquet: copying to a temporary file: %w", err)
		}
	}
	st, err := f.Stat()
	if err != nil {
		return err
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true))
	if err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	p := &parquetRows{groups: pf.RowGroups()}
	for _, fld := range pf.Schema().Fields() {
		if !pandasIndex.MatchString(fld.Name()) {
			p.columns = append(p.columns, fld.Name())
		}
	}
	r.closers = append(r.closers, p.close)
	r.next = p.next
	return nil
}

type parquetRows struct {
	columns []string
	groups  []parquet.RowGroup
	rd      *parquet.GenericReader[any]
	rows    []any
	n, i    int // rows in the batch, next row
	row     int // rows served so far
	buf     []byte
}

func (p *parquetRows) close() error {
	if p.rd == nil {
		return nil
	}
	err := p.rd.Close()
	p.rd = nil
	return err
}

func (p *parquetRows) next() ([]byte, int, error) {
	for p.i >= p.n {
		if p.rd == nil {
			if len(p.groups) == 0 {
				return nil, p.row, io.EOF
			}
			p.rd = parquet.NewGenericRowGroupReader[any](p.groups[0])
			p.groups = p.groups[1:]
			if p.rows == nil {
				p.rows = make([]any, parquetBatchRows)
			}
		}
		clear(p.rows)
		n, err := p.rd.Read(p.rows)
		p.n, p.i = n, 0
		if err == io.EOF || (err == nil && n == 0) {
			if cerr := p.close(); cerr != nil {
				return nil, p.row + 1, fmt.Errorf("parquet: %w", cerr)
			}
			continue
		}
		if err != nil {
			return nil, p.row + 1, fmt.Errorf("parquet: %w", err)
		}
	}
	p.row++
	row, _ := p.rows[p.i].(map[string]any)
	p.rows[p.i] = nil
	p.i++
	b, err := p.appendRow(p.buf[:0], row)
	p.buf = b
	return b, p.row, err
}

// appendRow writes a row as a JSON object in the file's column order.
func (p *parquetRows) appendRow(dst []byte, row map[string]any) ([]byte, error) {
	dst = append(dst, '{')
	for i, name := range p.columns {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = AppendString(dst, name)
		dst = append(dst, ": "...)
		var err error
		if dst, err = appendCell(dst, row[name]); err != nil {
			return dst, fmt.Errorf("parquet column %q: %w", name, err)
		}
	}
	return append(dst, '}'), nil
}

// appendCell writes one value as JSON: floats in Python's repr (NaN as
// Python's json writes it), strings as JSON strings, nested values as
// JSON arrays and objects.
func appendCell(dst []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case string:
		return AppendString(dst, x), nil
	case []byte:
		return AppendString(dst, string(x)), nil
	case float64:
		return appendFloat(dst, x), nil
	case float32:
		return appendFloat(dst, float64(x)), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case int32:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case bool:
		return strconv.AppendBool(dst, x), nil
	case []any:
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			var err error
			if dst, err = appendCell(dst, e); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

// appendFloat writes a float as Python's json.dumps does.
func appendFloat(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	}
	return py.AppendFloat(dst, f)
}
