package jsonlio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// VLM-R1's reward functions, with DEBUG_MODE=true, append blocks to
// $LOG_PATH (grpo_jsonl.py, vlm_modules/qwen_module.py):
//
//	------------- {%d-%H-%M-%S-%f} Accuracy reward: {reward} -------------
//	accu_reward_method: {method}      (accuracy_reward only; not the REC iou)
//	image_path: {image_path}
//	problem: {problem}
//	Content: {completion, unescaped, any number of lines}
//	Solution: {solution, to the next block}
//
// The cosine and repetition rewards write the same block to
// $LOG_PATH+"_cosine.txt" and +"_repetition.txt"; the format rewards write
// to $LOG_PATH with ".txt" replaced by "_format.txt" one header for the
// batch and then "Content: ..." / "Has format: True|False" pairs.
var logHeader = regexp.MustCompile(`^------------- ([0-9-]+) (?:Accuracy reward: (.*)|(Format reward)) -------------\n?$`)

// logRewardName is the reward a log file records, which only the file
// name tells: the same header serves accuracy, cosine and repetition.
func logRewardName(path string) string {
	base := filepath.Base(path)
	switch {
	case strings.HasSuffix(base, "_cosine.txt"):
		return "length"
	case strings.HasSuffix(base, "_repetition.txt"):
		return "repetition"
	}
	return "accuracy"
}

type logReader struct {
	br     *bufio.Reader
	reward string
	line   int    // lines read so far
	held   []byte // the next block's header, read ahead
	heldAt int
	queue  []logRecord
	buf    []byte
}

type logRecord struct {
	line int
	json []byte
}

func newLogReader(br *bufio.Reader, reward string) *logReader {
	return &logReader{br: br, reward: reward}
}

// readLine returns the next raw line with its "\n", or io.EOF.
func (lr *logReader) readLine() ([]byte, error) {
	l, err := lr.br.ReadBytes('\n')
	if len(l) == 0 && err != nil {
		return nil, err
	}
	lr.line++
	return l, nil
}

func (lr *logReader) next() ([]byte, int, error) {
	for len(lr.queue) == 0 {
		if err := lr.block(); err != nil {
			var pe *posError
			if errors.As(err, &pe) {
				return nil, pe.line, pe.err
			}
			return nil, lr.line, err
		}
	}
	r := lr.queue[0]
	lr.queue = lr.queue[1:]
	return r.json, r.line, nil
}

// block reads one block, header to the next header, into lr.queue.
func (lr *logReader) block() error {
	header, at := lr.held, lr.heldAt
	lr.held = nil
	if header == nil {
		l, err := lr.readLine()
		if err != nil {
			return err
		}
		header, at = l, lr.line
	}
	m := logHeader.FindSubmatch(header)
	if m == nil {
		return &posError{at, errors.New(`not a VLM-R1 DEBUG_MODE log block header ("------------- TIME Accuracy reward: R -------------")`)}
	}
	var body [][]byte
	var lines []int
	for {
		l, err := lr.readLine()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if logHeader.Match(l) {
			lr.held, lr.heldAt = l, lr.line
			break
		}
		body = append(body, l)
		lines = append(lines, lr.line)
	}
	if m[3] != nil {
		return lr.formatBlock(string(m[1]), body, lines, at)
	}
	rec, err := lr.accuracyBlock(string(m[1]), string(m[2]), bytes.Join(body, nil))
	if err != nil {
		return &posError{at, err}
	}
	lr.queue = append(lr.queue, logRecord{line: at, json: rec})
	return nil
}

// accuracyBlock turns the fields after an "Accuracy reward" header into a
// record. Content is taken up to the block's last "Solution: " line, since
// a completion may itself hold anything.
func (lr *logReader) accuracyBlock(time, reward string, body []byte) ([]byte, error) {
	rest := string(body)
	method, hasMethod := "", false
	if v, ok := strings.CutPrefix(rest, "accu_reward_method: "); ok {
		method, rest, _ = strings.Cut(v, "\n")
		hasMethod = true
	}
	v, ok := strings.CutPrefix(rest, "image_path: ")
	if !ok {
		return nil, fmt.Errorf("block lacks its \"image_path: \" line")
	}
	imagePath, rest, _ := strings.Cut(v, "\n")
	v, ok = strings.CutPrefix(rest, "problem: ")
	if !ok {
		return nil, fmt.Errorf("block lacks its \"problem: \" line")
	}
	problem, rest, ok := strings.Cut(v, "\nContent: ")
	if !ok {
		return nil, fmt.Errorf("block lacks its \"Content: \" line")
	}
	i := strings.LastIndex(rest, "\nSolution: ")
	if i < 0 {
		return nil, fmt.Errorf("block lacks its \"Solution: \" line")
	}
	content := rest[:i]
	solution := strings.TrimSuffix(rest[i+len("\nSolution: "):], "\n")

	b := lr.buf[:0]
	b = append(b, `{"time": `...)
	b = AppendString(b, time)
	if hasMethod {
		b = append(b, `, "accu_reward_method": `...)
		if method == "None" {
			b = append(b, "null"...)
		} else {
			b = AppendString(b, method)
		}
	}
	b = append(b, `, "image_path": `...)
	b = AppendString(b, imagePath)
	b = append(b, `, "problem": `...)
	b = AppendString(b, problem)
	b = append(b, `, "completion": `...)
	b = AppendString(b, content)
	b = append(b, `, "solution": `...)
	b = AppendString(b, solution)
	b = appendLogged(b, lr.reward, reward)
	lr.buf = b
	return bytes.Clone(b), nil
}

// formatBlock splits a "Format reward" block into one record per
// "Content: ... Has format: True|False" pair.
func (lr *logReader) formatBlock(time string, body [][]byte, lines []int, at int) error {
	start := -1
	for i, l := range body {
		if start < 0 {
			if !bytes.HasPrefix(l, []byte("Content: ")) {
				return &posError{lines[i], errors.New(`expected "Content: " in a format block`)}
			}
			start = i
		}
		s := string(l)
		if s != "Has format: True\n" && s != "Has format: False\n" && s != "Has format: True" && s != "Has format: False" {
			continue
		}
		content := string(bytes.Join(body[start:i], nil))
		content = strings.TrimSuffix(strings.TrimPrefix(content, "Content: "), "\n")
		val := "0.0"
		if strings.HasPrefix(s, "Has format: True") {
			val = "1.0"
		}
		b := append([]byte(nil), `{"time": `...)
		b = AppendString(b, time)
		b = append(b, `, "completion": `...)
		b = AppendString(b, content)
		b = appendLogged(b, "format", val)
		lr.queue = append(lr.queue, logRecord{line: lines[start], json: b})
		start = -1
	}
	if start >= 0 {
		return &posError{lines[start], errors.New(`"Content: " without its "Has format: " line`)}
	}
	if len(lr.queue) == 0 {
		return &posError{at, errors.New("empty format block")}
	}
	return nil
}

// appendLogged closes a record with the logged value as the recorded
// reward: `"rewards": {"accuracy": 1.0}}`. The value is Python's str() of a
// float; anything else (None) is recorded as null.
func appendLogged(b []byte, name, text string) []byte {
	b = append(b, `, "rewards": {`...)
	b = AppendString(b, name)
	b = append(b, ": "...)
	if f, err := strconv.ParseFloat(strings.TrimSpace(text), 64); err == nil {
		b = appendFloat(b, f)
	} else {
		b = append(b, "null"...)
	}
	return append(b, "}}"...)
}
