package rewrite

import "testing"

func TestInsertionApply(t *testing.T) {
	for _, tt := range []struct {
		name     string
		src      string
		ins      Insertion
		want     string
		wantLine int
	}{
		{
			name:     "a line between two",
			src:      "a\nc\n",
			ins:      LineInsertion([]byte("a\nc\n"), 2, "b", "\n"),
			want:     "a\nb\nc\n",
			wantLine: 2,
		},
		{
			name:     "at the end of a file without a final line break",
			src:      "a\r\nb",
			ins:      LineInsertion([]byte("a\r\nb"), 4, "c", "\r\n"),
			want:     "a\r\nb\r\nc",
			wantLine: 3,
		},
		{
			name:     "an empty source",
			src:      "",
			ins:      LineInsertion(nil, 0, "a", "\n"),
			want:     "a\n",
			wantLine: 1,
		},
		{
			// A comma after the last element and the new element's line:
			// the mark is on the second edit, which the first one given
			// after it in Edits shifts.
			name: "the marked edit after another",
			src:  "[\n  a\n]\n",
			ins: Insertion{
				Edits: []Edit{{Start: 6, End: 6, Text: "\n\n  b\n"}, {Start: 5, End: 5, Text: ","}},
				Mark:  0,
				At:    2,
			},
			want:     "[\n  a,\n\n\n  b\n]\n",
			wantLine: 5,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, line, err := tt.ins.Apply([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want || line != tt.wantLine {
				t.Errorf("Apply = %q, line %d; want %q, line %d", out, line, tt.want, tt.wantLine)
			}
		})
	}
	if _, _, err := (Insertion{Edits: []Edit{{Start: 3, End: 3}}}).Apply([]byte("a")); err == nil {
		t.Error("an edit outside the source: no error")
	}
}
