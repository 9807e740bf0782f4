// Package jsonlio reads and writes JSON Lines as grpo-score needs them:
// files or standard input, gzip and zstd recognised by their magic bytes,
// lines of any size with their file and line number, field access by dotted
// path without decoding the whole object, and output that keeps every byte
// of the original object and appends new fields before its closing brace.
package jsonlio
