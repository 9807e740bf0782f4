// Package mathverify decides whether two math answers agree the way
// HuggingFace's math_verify 0.8.0 does (parse + verify over
// latex2sympy2_extended 1.10.2 and sympy 1.13.1), as VLM-R1's "default" and
// "math" accuracy rewards call it, and ports VLM-R1's utils/math.py
// compute_score on top.
//
// Parse reproduces math_verify's extraction: the same regular expressions
// and priorities (final-answer phrases, \boxed, "answer", then any $..$,
// \(..\), \[..\] block or plain number/expression), latex2sympy2's LaTeX
// normalisation and a recursive-descent reading of its ANTLR grammar. The
// result is an Answer: the parsed value and the fallback string, or nothing.
//
// Verify reproduces the grader's decision procedure (assignment and
// equation unwrapping, sets, tuples and intervals, relations, symbols,
// numeric comparison after sympy's round(6) with sympy 1.13's Float/Integer
// rules, and evalf(chop=True) at 15 digits) on a small exact core: rationals
// in math/big, and symbolic identities checked by exact or numeric
// evaluation at fixed sample points instead of sympy's simplify.
//
// # Time budget
//
// math_verify limits each parse and each pairwise comparison to 5 seconds
// with signal.alarm. Here every Parse and every pairwise comparison inside
// Verify gets its own budget (DefaultTimeout, or the duration given to
// ParseWithTimeout / VerifyWithTimeout): a wall-clock deadline plus a cap
// on work steps. A Line budget (ParseLine, VerifyLine, ComputeScoreLine)
// bounds all the work on one answer on top: LaTeX normalisation, boxed
// extraction and every regular expression run (regexp2 gets the time left
// on a pooled copy of the pattern) draw on the same deadline. When a budget
// runs out, Parse returns an empty Answer and the comparison counts as
// false, exactly like math_verify after a timeout, and the Line reports
// TimedOut. Independently of the clock, exact arithmetic is bounded (powers
// whose result would exceed 65536 bits, factorials above 2000 and sums of
// more than 100000 terms are treated as non-numeric), integers written with
// more than 4300 digits make the parse fail as Python's int() does, the
// LaTeX parser fails on nesting deeper than 200 rule levels (Python's
// recursion limit makes the original fail too), and repeated sub-parses are
// memoised.
//
// All functions are safe for concurrent use: there is no mutable global
// state; compiled patterns are built once and then only read (plus a
// sync.Map of pattern variants, filled on demand, and per-pattern pools of
// copies that one goroutine at a time borrows to set a match timeout).
//
// Speed: most answers cannot match most extraction patterns, so each pattern
// has a cheap necessary condition checked first (prefilter.go); the number
// pattern, which matches once per number of a list, is decided by hand in
// linear time (numbermatch.go). Both are compared with regexp2 over every
// test vector and by FuzzFastPaths.
package mathverify
