package vlmr1

import (
	"testing"
	"unicode/utf8"

	"github.com/grpo-score/grpo-score/scoring/py"

	"github.com/grpo-score/grpo-score/scoring"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"<think>a</think><answer>b</answer>", 1},
		{"<think>a</think><answer>b</answer>\n", 0}, // fullmatch: no trailing newline
		{"<think>a</think>\u3000\x1c\u0085<answer>b</answer>", 1},
		{"<think>a</think> \v\u00a0\u2028<answer>b</answer>", 1},
		{"<think>a</think>\u200b<answer>b</answer>", 0}, // zero-width space is not \s
		{"<think>a</think><answer>b</answer><answer>c</answer>", 1},
		{"<think></think><answer></answer>", 1},
		{"<think>a</think>x<answer>b</answer>", 0},
		{"<think>a</think>x</think><answer>b</answer>", 1}, // the think block may hold </think>
		{" <think>a</think><answer>b</answer>", 0},
		{"<think>a<answer>b</answer>", 0},
		{"<think>a</think><answer></answer", 0},
		{"", 0},
	}
	for _, tt := range tests {
		got, err := formatReward(&scoring.Sample{Completion: tt.in}, nil)
		if err != nil || got != tt.want {
			t.Errorf("Format(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestFormatREC(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{`<think>a</think><answer>{"bbox_2d": [1, 2, 3, 4]}</answer>`, 1},
		{`<think>a</think><answer>{"bbox_2d": [１, 2, 3, 4]}</answer>`, 1}, // fullwidth digit is \d
		{`<think>a</think><answer>{"bbox_2d": [1,2,3,4]}</answer>`, 1},
		{`<think>a</think><answer>{"bbox_2d": [1, 2, 3]}</answer>`, 0},
		{`<think>a</think><answer>[1, 2, 3, 4]</answer>`, 0},                 // no braces
		{`<think>a</think><answer>{"bbox_2d": [ 1, 2, 3, 4]}</answer>`, 0},   // no space after [
		{`prefix <think>a</think><answer>{[1, 2, 3, 4]}</answer> suffix`, 1}, // search, not fullmatch
		{`<think>a</think><answer>{"b": [1.5, 2, 3, 4]}</answer>`, 0},        // no decimals
		{"<think>a</think>\n<answer>{\"b\": [1, 2,\n3, 4]}\n</answer>", 1},   // \s* after commas, DOTALL
		{`<think>a</think><answer>{x}</answer> {[1, 2, 3, 4]}</answer>`, 1},  // .*? may cross </answer>
		{`<think>a</think><answer>{"b": [1, 2, 3, 4]</answer>}`, 0},          // } after the last </answer>
	}
	for _, tt := range tests {
		got, err := recFormatReward(&scoring.Sample{Completion: tt.in}, nil)
		if err != nil || got != tt.want {
			t.Errorf("FormatREC(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestExtractChoice(t *testing.T) {
	tests := []struct{ in, want string }{
		{"I think the correct option is C, not A.", "A"},
		{"b", "B"},
		{"Straße", ""}, // 'ß'.upper() == 'SS'
		{"I. think so", "I"},
		{"(A)", ""},
		{"A", "A"},
		{"The answer is B", "B"},
		{"A or B?", "B"},           // B is in the last 30 %
		{"answer: A; but B.", "A"}, // ANSWER is within 20 code points of A, and of B
		{"A.\n\nB.", "A"},          // both get +1 for the dot; B at position 3 of 4 is not past 70 %
		{"", ""},
		{"选择 C。", ""}, // '。' is not in the lookahead set
	}
	for _, tt := range tests {
		if got := extractChoice(tt.in); got != tt.want {
			t.Errorf("ExtractChoice(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestMethods(t *testing.T) {
	tests := []struct {
		name    string
		fn      accuracyMethod
		content string
		sol     string
		want    float64
	}{
		{"mcq (A) never matches", mcqReward, "<answer>(A)</answer>", "<answer> (A) </answer>", 0},
		{"mcq B", mcqReward, "<answer>B</answer>", "<answer> B </answer>", 1},
		{"mcq first block", mcqReward, "<answer>A</answer><answer>B</answer>", "<answer> B </answer>", 0},
		{"mcq no tags", mcqReward, "so C.", "<answer> C </answer>", 1},
		{"mcq multi-line gt falls back to whole solution", mcqReward, "<answer>B</answer>", "<answer> B\nC </answer>", 0},
		{"yes_no not", yesNoReward, "<answer>I do not think so</answer>", "<answer> No </answer>", 1},
		{"yes_no eyes", yesNoReward, "<answer>I see it with my eyes</answer>", "<answer> Yes </answer>", 1},
		{"yes_no neither", yesNoReward, "<answer>Definitely</answer>", "<answer> Maybe </answer>", 1},
		{"yes_no unknown", yesNoReward, "<answer>Definitely</answer>", "<answer> Unknown </answer>", 0},
		{"yes_no upper-case tags", yesNoReward, "<ANSWER>yes</ANSWER>", "<answer> Yes </answer>", 1},
		{"all_match İ", allMatchReward, "<answer>i̇stanbul</answer>", "<answer> İstanbul </answer>", 1},
		{"all_match last block", allMatchReward, "<answer>A</answer><answer>B</answer>", "<answer> B </answer>", 1},
		{"all_match dots", allMatchReward, "<answer>Paris...</answer>", "<answer> paris </answer>", 1},
	}
	for _, tt := range tests {
		got, err := tt.fn(tt.content, tt.sol, nil)
		if err != nil || got != tt.want {
			t.Errorf("%s: got %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a \nb\nc\n\nd", "a b c d"},
		{"<answer>Abc .</answer>", "abc "},
		{"<answer>x</answer><answer>Y.</answer>", "y"},
		{"İstanbul", "i̇stanbul"},
		{"\nx\r\ny\r", "x y"},
		{"ΟΔΟΣ", "οδος"},
		{"  <answer>\n Hello\n</answer> ", "hello"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnswerBlocks(t *testing.T) {
	s := "x<answer>a</answer><answer>b\nc</answer><answer>d</answer"
	if got, ok := firstAnswer(s); !ok || got != "a" {
		t.Errorf("FirstAnswer = %q, %v", got, ok)
	}
	if got, ok := lastAnswer(s); !ok || got != "b\nc" {
		t.Errorf("LastAnswer = %q, %v", got, ok)
	}
	if got, ok := firstAnswerLine("<answer>b\nc</answer><answer>d</answer>"); !ok || got != "d" {
		t.Errorf("FirstAnswerLine = %q, %v", got, ok)
	}
	if _, ok := firstAnswerLine("<answer>b\nc</answer>"); ok {
		t.Error("FirstAnswerLine matched across a newline")
	}
	if got := allAnswers(s); len(got) != 2 {
		t.Errorf("AllAnswers = %q", got)
	}
}

func TestWrapSolution(t *testing.T) {
	tests := []struct{ in, want string }{
		{"x", "<answer> x </answer>"},
		{"<answer> x </answer>", "<answer> x </answer>"},
		{"</<answer>answer> y", "<answer> y </answer>"},
		{"\u3000z\n", "<answer> z </answer>"},
	}
	for _, tt := range tests {
		if got := scoring.WrapSolution(tt.in); got != tt.want {
			t.Errorf("scoring.WrapSolution(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// dropBreaksTwoPass is clean_text's two substitutions written out literally,
// the oracle for the one-pass dropBreaks.
func dropBreaksTwoPass(s string, c rune) string {
	rs := []rune(s)
	var first []rune
	for i, r := range rs {
		if r == c && i > 0 && py.IsSpace(rs[i-1]) {
			continue
		}
		first = append(first, r)
	}
	out := make([]rune, len(first))
	for i, r := range first {
		if r == c && (i == 0 || !py.IsSpace(first[i-1])) {
			r = ' '
		}
		out[i] = r
	}
	return string(out)
}

func FuzzCleanTextBreaks(f *testing.F) {
	for _, s := range []string{"a \nb\nc\n\nd", "\n\r\n \u0085\n", "x\u3000\ny", "\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, c := range []byte{'\n', '\r'} {
			if got, want := dropBreaks(s, c), dropBreaksTwoPass(s, rune(c)); got != want {
				t.Fatalf("dropBreaks(%q, %q) = %q; want %q", s, c, got, want)
			}
		}
	})
}
