package rewrite

import "testing"

func TestSharedTextHelpers(t *testing.T) {
	bom := []byte(BOM + "ab\ncd\n")
	if got := BOMLen(bom); got != len(BOM) {
		t.Errorf("BOMLen = %d", got)
	}
	if line, col := EditorPosition(bom, len(BOM)+1); line != 1 || col != 2 {
		t.Errorf("EditorPosition after the BOM = %d:%d, want 1:2", line, col)
	}
	if line, col := EditorPosition(bom, len(BOM)+4); line != 2 || col != 2 {
		t.Errorf("EditorPosition on line 2 = %d:%d, want 2:2", line, col)
	}
	if got := SkipBlanks([]byte("a \t b"), 1); got != 4 {
		t.Errorf("SkipBlanks = %d, want 4", got)
	}
	for _, tt := range []struct {
		src  string
		want int
	}{
		{"a\nb\n", 4},
		{"a\nb\n\n  \n", 4},
		{"a\n\n\n", 2},
		{"a", 1},
		{"\n\n", 0},
		{"", 0},
	} {
		if got := ContentEnd([]byte(tt.src)); got != tt.want {
			t.Errorf("ContentEnd(%q) = %d, want %d", tt.src, got, tt.want)
		}
	}
	for _, tt := range []struct {
		keys []string
		key  string
		want int
	}{
		{[]string{"a", "c"}, "b", 1},
		{[]string{"a", "c"}, "d", 2},
		{[]string{"c", "a"}, "b", 2}, // not sorted: appended
		{[]string{"a"}, "0", 1},      // one key says nothing of order
		{[]string{"a", ""}, "b", 2},
	} {
		if got := SortedPosition(tt.keys, tt.key); got != tt.want {
			t.Errorf("SortedPosition(%q, %q) = %d, want %d", tt.keys, tt.key, got, tt.want)
		}
	}
	err := RefusedAt("f.toml", bom, len(BOM)+3, "no %s", "way")
	if err.Line != 2 || err.Col != 1 || err.Kind != ErrRefused || err.Msg != "no way" {
		t.Errorf("RefusedAt = %+v", err)
	}
}
