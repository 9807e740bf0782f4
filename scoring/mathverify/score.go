package mathverify

// ComputeScore is VLM-R1's utils/math.py compute_score(solution_str,
// ground_truth): 1.0 when the strings are identical, or when
// Verify(Parse(solutionStr), Parse(groundTruth)) holds (the model's answer
// goes into verify's gold slot), or when the Hendrycks-normalised content
// of the last \boxed{} (or the whole string) equals the normalised ground
// truth; 0.0 otherwise. Exceptions of the last step count as 0.0, as in
// the reference, which catches and prints them.
func ComputeScore(solutionStr, groundTruth string) float64 {
	if solutionStr == groundTruth {
		return 1.0
	}
	if Verify(Parse(solutionStr), Parse(groundTruth)) {
		return 1.0
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
