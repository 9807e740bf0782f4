package jsonlio

import (
	"bytes"
	"compress/gzip"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// slowParsePath is ParsePath spelled out byte by byte: '.' separates,
// '[' separates too, ']' is dropped, and no part may be empty.
func slowParsePath(s string) (Path, bool) {
	if s == "" {
		return nil, false
	}
	var parts []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', '[':
			parts = append(parts, cur.String())
			cur.Reset()
		case ']':
		default:
			cur.WriteByte(s[i])
		}
	}
	parts = append(parts, cur.String())
	for _, p := range parts {
		if p == "" {
			return nil, false
		}
	}
	return parts, true
}

// FuzzParsePath: ParsePath agrees with the slow reading, and a parsed path
// written with String parses back to itself.
func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"completion", "conversations.1.value", "conversations[1].value", "a..b", "[0]", "a]b", ".", "a[", "é.ü[3]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePath(s)
		want, ok := slowParsePath(s)
		if (err == nil) != ok || (ok && !slices.Equal(p, want)) {
			t.Fatalf("ParsePath(%q) = %q, %v; the slow reading gives %q, %v", s, p, err, want, ok)
		}
		if err != nil {
			if !strings.Contains(err.Error(), "path") {
				t.Fatalf("error %q does not say what is wrong", err)
			}
			return
		}
		back, err := ParsePath(p.String())
		if err != nil || !slices.Equal(back, p) {
			t.Fatalf("%q: String %q parses to %q, %v", s, p.String(), back, err)
		}
	})
}

// FuzzOpenCompressed: whatever is compressed with gzip or zstd comes back
// byte for byte through Open (on a pipe, where the name says nothing); raw
// bytes behind a magic number never panic and, where the standard
// decompressor reads them without error, Open reads the same bytes.
func FuzzOpenCompressed(f *testing.F) {
	f.Add([]byte("{\"a\": 1}\n{\"b\": 2}\n"), byte(0))
	f.Add([]byte{}, byte(1))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, byte(2))
	f.Add([]byte{0x28, 0xb5, 0x2f, 0xfd, 0x20, 0, 1, 0, 0}, byte(2))
	f.Fuzz(func(t *testing.T, data []byte, mode byte) {
		switch mode % 3 {
		case 0, 1:
			var z bytes.Buffer
			kind := "gzip"
			if mode%3 == 0 {
				w := gzip.NewWriter(&z)
				w.Write(data)
				w.Close()
			} else {
				kind = "zstd"
				w, _ := zstd.NewWriter(&z)
				w.Write(data)
				w.Close()
			}
			in, err := Open("-", bytes.NewReader(z.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(in)
			in.Close()
			if err != nil || !bytes.Equal(got, data) || in.Compression != kind {
				t.Fatalf("%s round trip: %d of %d bytes, %v, detected %q", kind, len(got), len(data), err, in.Compression)
			}
		default:
			in, err := Open("-", bytes.NewReader(data))
			if err != nil {
				return
			}
			got, rerr := io.ReadAll(in)
			in.Close()
			if in.Compression == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(data))
				if err != nil {
					return
				}
				want, werr := io.ReadAll(zr)
				if werr == nil && (rerr != nil || !bytes.Equal(got, want)) {
					t.Fatalf("gzip: Open read %d bytes (%v), compress/gzip %d", len(got), rerr, len(want))
				}
			}
			if in.Compression == "" && (rerr != nil || !bytes.Equal(got, data)) {
				t.Fatalf("plain input changed: %q -> %q, %v", data, got, rerr)
			}
		}
	})
}
