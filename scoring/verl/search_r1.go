package verl

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring"
	"github.com/grpo-score/grpo-score/scoring/py"
	"github.com/grpo-score/grpo-score/scoring/pyjson"
)

// searchR1 is search_r1_like_qa_em.compute_score with its defaults
// (format_score 0.0, score 1.0): the last <answer>...</answer> of the
// response, stripped, exactly equal after normalize_answer to one of
// ground_truth["target"] (a str or a list of them); a match in a response
// with more than 10 opening or closing answer tags scores 0.25.
func searchR1(s *scoring.Sample, tr *scoring.Trace) (float64, error) {
	if s.SolutionErr != nil {
		return 0, s.SolutionErr
	}
	c := s.Completion
	answer, ok := lastAnswerTag(c)
	if !ok {
		tr.Add("no <answer>...</answer>", nil)
		return 0, nil
	}
	targets, err := searchTargets(s)
	if err != nil {
		return 0, err
	}
	pred := normalizeAnswer(answer)
	if tr.On() {
		tr.Add("answer", answer)
		tr.Add("normalised answer", pred)
	}
	for _, t := range targets {
		if normalizeAnswer(t) != pred {
			continue
		}
		if strings.Count(c, "<answer>") > 10 || strings.Count(c, "</answer>") > 10 {
			tr.Add("more than 10 answer tags: score / 4", nil)
			return 0.25, nil
		}
		return 1.0, nil
	}
	return 0.0, nil
}

// lastAnswerTag is the last match of <answer>(.*?)</answer> (DOTALL),
// stripped.
func lastAnswerTag(c string) (string, bool) {
	last, found := "", false
	for {
		i := strings.Index(c, "<answer>")
		if i < 0 {
			return last, found
		}
		rest := c[i+len("<answer>"):]
		j := strings.Index(rest, "</answer>")
		if j < 0 {
			return last, found
		}
		last, found = py.Strip(rest[:j]), true
		c = rest[j+len("</answer>"):]
	}
}

// searchTargets is ground_truth["target"] as a list of str. Other shapes
// raise as Python would on them, or normalize_answer would.
func searchTargets(s *scoring.Sample) ([]string, error) {
	if !s.AnswerNotStr {
		return nil, &scoring.PyError{Type: "TypeError", Msg: "string indices must be integers, not 'str'"}
	}
	gt, err := pyjson.Loads(string(s.AnswerJSON))
	if err != nil {
		return nil, &scoring.InputError{Msg: "the ground truth is not JSON: " + err.Error()}
	}
	d, ok := gt.(*pyjson.Dict)
	if !ok {
		return nil, &scoring.PyError{Type: "TypeError", Msg: "the ground truth is not a dict"}
	}
	t, ok := d.Get("target")
	if !ok {
		return nil, &scoring.PyError{Type: "KeyError", Msg: "'target'"}
	}
	switch v := t.(type) {
	case pyjson.Str:
		return []string{string(v)}, nil
	case pyjson.List:
		out := make([]string, 0, len(v))
		for _, e := range v {
			str, ok := e.(pyjson.Str)
			if !ok {
				return nil, &scoring.PyError{Type: "AttributeError", Msg: "a target is not a str: it has no attribute 'lower'"}
			}
			out = append(out, string(str))
		}
		return out, nil
	}
	return nil, &scoring.PyError{Type: "TypeError", Msg: "the targets are neither a str nor a list"}
}

// normalizeAnswer is normalize_answer: lower(), ASCII punctuation removed,
// the words a, an and the (between \b boundaries) replaced by a space, and
// whitespace runs joined by single spaces.
func normalizeAnswer(s string) string {
	s = py.Lower(s)
	s = strings.Map(func(r rune) rune {
		if r < 0x80 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(py.Split(removeArticles(s)), " ")
}

// removeArticles is re.sub(r"\b(a|an|the)\b", " ", text).
func removeArticles(s string) string {
	var b strings.Builder
	prevWord := false
	for i := 0; i < len(s); {
		if n := articleAt(s, i, prevWord); n > 0 {
			b.WriteByte(' ')
			i += n
			prevWord = false
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		prevWord = isWord(r)
		i += size
	}
	return b.String()
}

// articleAt is the length of the article matched at i, tried in the
// pattern's order, or 0.
func articleAt(s string, i int, prevWord bool) int {
	if prevWord {
		return 0
	}
	for _, w := range []string{"a", "an", "the"} {
		if !strings.HasPrefix(s[i:], w) {
			continue
		}
		if end := i + len(w); end == len(s) || !isWord(firstRune(s[end:])) {
			return len(w)
		}
	}
	return 0
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// isWord is Python's \w for str patterns: alphanumeric or '_'.
func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}
