package mathverify

// ComputeScore is VLM-R1's utils/math.py compute_score(solution_str,
// ground_truth): 1.0 when the strings are identical, or when
// Verify(Parse(solutionStr), Parse(groundTruth)) holds (the model's answer
// goes into verify's gold slot), or when the Hendrycks-normalised content
// of the last \boxed{} (or the whole string) equals the normalised ground
// truth; 0.0 otherwise. Exceptions of the last step count as 0.0, as in
// the reference, which catches and prints them.
func ComputeScore(solutionStr, groundTruth string) float64 {
	return ComputeScoreLine(solutionStr, groundTruth, nil)
}

// ComputeScoreLine is ComputeScore within a line budget. Once the line's
// deadline has passed, parses and comparisons have math_verify's timeout
// outcome and the Hendrycks step, which the reference runs without a limit,
// is skipped (0.0): the line costs at most the budget plus one step.
func ComputeScoreLine(solutionStr, groundTruth string, line *Line) float64 {
	if solutionStr == groundTruth {
		return 1.0
	}
	if VerifyLine(ParseLine(solutionStr, line), ParseLine(groundTruth, line), line) {
		return 1.0
	}
	if newBudget(DefaultTimeout, line).left() <= 0 {
		return 0.0
	}
	answer := solutionStr
	if boxed, ok := lastBoxedOnlyString(solutionStr); ok {
		inner, err := removeBoxed(boxed)
		if err != nil {
			return 0.0
		}
		answer = inner
	}
	if isEquiv(answer, groundTruth) {
		return 1.0
	}
	return 0.0
}
