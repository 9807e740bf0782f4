package pyjson

// StrOfJSON is Python's str(json.loads(raw)): how the trainer turns a
// dataset answer that is not a string into text (3.0 → "3.0", 1e16 →
// "1e+16", true → "True", null → "None"). A JSON string gives its text.
func StrOfJSON(raw []byte) (string, error) {
	v, err := Loads(string(raw))
	if err != nil {
		return "", err
	}
	return ToStr(v), nil
}
