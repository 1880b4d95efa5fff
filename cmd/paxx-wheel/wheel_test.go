package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// readWheel checks a wheel the way an installer may: every archive entry
// is listed in RECORD exactly once with its sha256 (urlsafe base64, no
// padding) and size, RECORD itself without either and last, the .dist-info
// directory named after the file. It returns the entries by name.
func readWheel(t *testing.T, path string) map[string]*zip.File {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	t.Cleanup(func() { zr.Close() })
	base := filepath.Base(path)
	parts := strings.Split(strings.TrimSuffix(base, ".whl"), "-")
	if len(parts) != 5 {
		t.Fatalf("%s: want NAME-VERSION-PY-ABI-PLATFORM.whl", base)
	}
	info := parts[0] + "-" + parts[1] + ".dist-info/"
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if files[f.Name] != nil {
			t.Errorf("%s: %s twice in the archive", base, f.Name)
		}
		files[f.Name] = f
	}
	if last := zr.File[len(zr.File)-1].Name; last != info+"RECORD" {
		t.Errorf("%s: last entry %s, want %sRECORD", base, last, info)
	}
	rows, err := csv.NewReader(bytes.NewReader(read(t, files[info+"RECORD"]))).ReadAll()
	if err != nil {
		t.Fatalf("%s: RECORD: %v", base, err)
	}
	listed := map[string]bool{}
	for _, row := range rows {
		if len(row) != 3 {
			t.Errorf("%s: RECORD row %q: want path,hash,size", base, row)
			continue
		}
		name := row[0]
		listed[name] = true
		f := files[name]
		switch {
		case f == nil:
			t.Errorf("%s: RECORD lists %s, which is not in the archive", base, name)
		case name == info+"RECORD":
			if row[1] != "" || row[2] != "" {
				t.Errorf("%s: RECORD's own row %q: want no hash and no size", base, row)
			}
		default:
			data := read(t, f)
			sum := sha256.Sum256(data)
			if want := "sha256=" + base64.RawURLEncoding.EncodeToString(sum[:]); row[1] != want {
				t.Errorf("%s: RECORD says %s for %s, the file hashes to %s", base, row[1], name, want)
			}
			if row[2] != strconv.Itoa(len(data)) {
				t.Errorf("%s: RECORD says %s bytes for %s, the file has %d", base, row[2], name, len(data))
			}
		}
	}
	for name := range files {
		if !listed[name] {
			t.Errorf("%s: %s is not in RECORD", base, name)
		}
	}
	return files
}

// read returns the content of an archive entry.
func read(t *testing.T, f *zip.File) []byte {
	t.Helper()
	if f == nil {
		t.Fatal("missing archive entry")
	}
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return data
}

// headers parses a METADATA or WHEEL file's headers (up to the first blank
// line) and returns them with the body.
func headers(t *testing.T, data []byte) (map[string][]string, string) {
	t.Helper()
	h := map[string][]string{}
	head, body, found := strings.Cut(string(data), "\n\n")
	if !found {
		head = strings.TrimSuffix(head, "\n")
	}
	for _, line := range strings.Split(head, "\n") {
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("header line %q", line)
		}
		h[k] = append(h[k], v)
	}
	return h, body
}

func TestWheelWrite(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "fake")
	exe := []byte("\x7fELF not really, but bytes to hash")
	if err := os.WriteFile(bin, exe, 0o600); err != nil {
		t.Fatal(err)
	}
	readme := []byte("# paxx\n\nAdds infrastructure.\n\nSecond paragraph, with a, comma.\n")
	for _, c := range []struct {
		platform Platform
		file     string
		script   string
	}{
		{Platform{OS: "linux", Tags: []string{"manylinux_2_17_x86_64", "manylinux2014_x86_64"}},
			"paxx-1.0.0rc1-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "paxx"},
		{Platform{OS: "windows", Tags: []string{"win_amd64"}},
			"paxx-1.0.0rc1-py3-none-win_amd64.whl", "paxx.exe"},
	} {
		w := Wheel{
			Meta: Metadata{Name: "paxx", Version: "1.0.0rc1", Summary: "S", LicenseExpression: "MIT",
				LicenseFiles: []LicenseFile{{Name: "LICENSE", Data: []byte("MIT License\n")}}, RequiresPython: ">=3.7",
				ProjectURLs: []string{"Source, https://example.com/paxx"}, Description: readme},
			Platform: c.platform, Binary: bin, Generator: "paxx-wheel",
		}
		path, err := w.Write(filepath.Join(dir, "out"))
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(path) != c.file {
			t.Errorf("wheel %s, want %s", filepath.Base(path), c.file)
		}
		files := readWheel(t, path)
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		slices.Sort(names)
		want := []string{"paxx-1.0.0rc1.data/scripts/" + c.script, "paxx-1.0.0rc1.dist-info/METADATA",
			"paxx-1.0.0rc1.dist-info/RECORD", "paxx-1.0.0rc1.dist-info/WHEEL", "paxx-1.0.0rc1.dist-info/licenses/LICENSE"}
		if !slices.Equal(names, want) {
			t.Errorf("%s: entries %q, want %q", c.file, names, want)
		}
		script := files["paxx-1.0.0rc1.data/scripts/"+c.script]
		if got := read(t, script); !bytes.Equal(got, exe) {
			t.Errorf("%s: the script is not the binary", c.file)
		}
		if m := script.Mode(); m.Perm() != 0o755 || !m.IsRegular() {
			t.Errorf("%s: script mode %v, want -rwxr-xr-x", c.file, m)
		}
		if got := read(t, files["paxx-1.0.0rc1.dist-info/licenses/LICENSE"]); string(got) != "MIT License\n" {
			t.Errorf("%s: licenses/LICENSE = %q, want the license text", c.file, got)
		}
		if m := files["paxx-1.0.0rc1.dist-info/METADATA"].Mode(); m.Perm() != 0o644 {
			t.Errorf("%s: METADATA mode %v, want -rw-r--r--", c.file, m)
		}

		wh, _ := headers(t, read(t, files["paxx-1.0.0rc1.dist-info/WHEEL"]))
		var tags []string
		for _, tag := range c.platform.Tags {
			tags = append(tags, "py3-none-"+tag)
		}
		if !slices.Equal(wh["Wheel-Version"], []string{"1.0"}) || !slices.Equal(wh["Root-Is-Purelib"], []string{"false"}) ||
			!slices.Equal(wh["Generator"], []string{"paxx-wheel"}) || !slices.Equal(wh["Tag"], tags) {
			t.Errorf("%s: WHEEL %q, want version 1.0, not purelib, tags %q", c.file, wh, tags)
		}

		mh, body := headers(t, read(t, files["paxx-1.0.0rc1.dist-info/METADATA"]))
		for k, v := range map[string]string{"Metadata-Version": "2.4", "Name": "paxx", "Version": "1.0.0rc1", "Summary": "S",
			"License-Expression": "MIT", "License-File": "LICENSE", "Requires-Python": ">=3.7", "Project-URL": "Source, https://example.com/paxx",
			"Description-Content-Type": "text/markdown"} {
			if !slices.Equal(mh[k], []string{v}) {
				t.Errorf("%s: METADATA %s = %q, want %q", c.file, k, mh[k], v)
			}
		}
		if _, ok := mh["License"]; ok {
			t.Errorf("%s: METADATA has License beside License-Expression", c.file)
		}
		if body != string(readme) {
			t.Errorf("%s: METADATA body %q, want the README", c.file, body)
		}
	}
}

// TestWheelWriteReproducible: the same binary and metadata make the same
// bytes, so a release's SHA256SUMS can be checked by rebuilding.
func TestWheelWriteReproducible(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "fake")
	if err := os.WriteFile(bin, []byte("binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	w := Wheel{Meta: Metadata{Name: "paxx", Version: "0.1.0"}, Platform: Platform{OS: "linux", Tags: []string{"manylinux_2_28_x86_64"}}, Binary: bin}
	var got [][]byte
	for _, sub := range []string{"a", "b"} {
		path, err := w.Write(filepath.Join(dir, sub))
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, data)
	}
	if !bytes.Equal(got[0], got[1]) {
		t.Error("two wheels of the same binary differ")
	}
}
