package mathruler

import "testing"

// TestLatexToText: LatexNodes2Text().latex_to_text with pylatexenc 2.10
// (values printed by Debian's python3-pylatexenc 2.10-2): tolerant parsing of
// stray and missing braces, missing arguments (a "%s/%s" left as it is, a
// missing %(2)s raising KeyError), macro post-space, accents with NFC,
// math alphabets, specials.
func TestLatexToText(t *testing.T) {
	for _, c := range []struct {
		in, want string
		err      error
	}{
		{"\\frac{1}{2}", "1/2", nil},
		{"\\frac12", "1/2", nil},
		{"\\frac{1}", "%s/%s1", nil},
		{"\\frac", "%s/%s", nil},
		{"\\sqrt[3]{8}", "√(8)", nil},
		{"\\sqrt", "", errLatexRaised},
		{"x}y", "xy", nil},
		{"{a{b}", "ab", nil},
		{"\\text{ cm}", " cm", nil},
		{"\\hat{x}", "x̂", nil},
		{"\\hat x", "x̂", nil},
		{"\\mathbb{R}", "ℝ", nil},
		{"\\mathbf{110}", "110", nil},
		{"a~b", "a b", nil},
		{"1--2", "1–2", nil},
		{"a\\\\b", "a\nb", nil},
		{"\\left( 1, 2 \\right)", "( 1, 2 )", nil},
		{"\\pi r", "πr", nil},
		{"\\pi  r", "πr", nil},
		{"5 \\pi", "5 π", nil},
		{"\\angle ABC", "∠ABC", nil},
		{"\\unknownmacro{3}", "3", nil},
		{"\\,", " ", nil},
		{"\\;x", " x", nil},
		{"\\! 7", " 7", nil},
		{"\\{1\\}", "{1}", nil},
		{"\\cdot", "·", nil},
		{"\\times", "×", nil},
		{"\\infty", "∞", nil},
		{"\\cup", "∪", nil},
		{"\\overline{AB}", "AB", nil},
		{"\\emph{a}", "a", nil},
		{"\\mbox{x}", "", nil},
		{"\\dot{}", "", nil},
		{"\\frac{\\sqrt{3}}{2}", "√(3)/2", nil},
		{"a\\\\", "a\n", nil},
		{"\\", "", nil},
		{"\\textbf{\\frac{1}{2}}", "1/2", nil},
		{"\\sqrt{-4}", "√(-4)", nil},
		{"\\frac{a}{b}c", "a/bc", nil},
		{"\\frac {1} {2}", "1/2", nil},
		{"x\n\ny", "x\n\ny", nil},
		{"\\frac{1}{\\sqrt{2}}", "1/√(2)", nil},
		{"3\\frac{1}{2}", "31/2", nil},
		{"\\tilde{a}b", "ãb", nil},
		{"\\mathcal{B}", "ℬ", nil},
		{"\\alpha+\\beta", "α+β", nil},
		{"\\le", "≤", nil},
		{"\\%s", "%s", nil},
	} {
		got, err := latexToText(c.in)
		if err != c.err || (err == nil && got != c.want) {
			t.Errorf("latex_to_text(%q) = %q, %v; pylatexenc %q, %v", c.in, got, err, c.want, c.err)
		}
	}
}
