package judge

import (
	"errors"
	"fmt"

	json "github.com/goccy/go-json"

	"github.com/grpo-score/grpo-score/scoring/py"
)

// ParseResponse is response.choices[0].message.content of a chat
// completion. Keys match exactly, as the reference's attribute access does
// (struct decoding would also take "Choices").
func ParseResponse(data []byte) (string, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return "", fmt.Errorf("response is not a JSON object: %w", err)
	}
	var choices []map[string]json.RawMessage
	if json.Unmarshal(top["choices"], &choices) != nil || len(choices) == 0 {
		return "", errors.New("response has no choices")
	}
	var message map[string]json.RawMessage
	if json.Unmarshal(choices[0]["message"], &message) != nil || message == nil {
		return "", errors.New("response has no message")
	}
	var content *string
	if json.Unmarshal(message["content"], &content) != nil || content == nil {
		return "", errors.New("response has no message content")
	}
	return *content, nil
}

// ParseAnswer is the reference's float(result.strip()).
func ParseAnswer(text string) (float64, error) {
	v, err := py.ParseFloat(py.Strip(text))
	if err != nil {
		return 0, fmt.Errorf("answered %q, not a number", text)
	}
	return v, nil
}
