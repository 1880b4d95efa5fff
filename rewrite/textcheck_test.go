package rewrite

import "testing"

// TestCheckNewlines covers the line endings paxx edits and those it
// refuses, with the position it names.
func TestCheckNewlines(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		line, col int // 0: accepted
	}{
		{"empty", "", 0, 0},
		{"one line, no newline", "a = 1", 0, 0},
		{"LF", "a\nb\n", 0, 0},
		{"CRLF", "a\r\nb\r\n", 0, 0},
		{"CRLF, no final newline", "a\r\nb", 0, 0},
		{"LF then CRLF", "a\nb\r\n", 2, 1},
		{"CRLF then LF", "a\r\nb\nc\n", 2, 1},
		{"lone CR between lines", "a\nb\rc\n", 2, 2},
		{"classic Mac", "a\rb\r", 1, 2},
		{"CR at the end", "a\nb\r", 2, 2},
		{"CR before CRLF", "a\r\r\nb\r\n", 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckNewlines("f", []byte(tt.src))
			switch {
			case tt.line == 0 && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.line == 0:
			case err == nil:
				t.Fatalf("accepted, want a refusal at %d:%d", tt.line, tt.col)
			case err.Line != tt.line || err.Col != tt.col || err.Kind != ErrRefused:
				t.Fatalf("got %v (kind %v), want a refusal at %d:%d", err, err.Kind, tt.line, tt.col)
			}
		})
	}
}
