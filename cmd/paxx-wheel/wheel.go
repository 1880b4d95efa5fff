package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Metadata is the core metadata of the distribution (METADATA).
type Metadata struct {
	Name    string
	Version string // PEP 440, normalised
	Summary string
	// LicenseExpression is the SPDX expression of the license
	// (License-Expression, core metadata 2.4); left out when empty.
	LicenseExpression string
	// LicenseFiles are the license texts the wheel carries, each in
	// .dist-info/licenses/ under its name and named by a License-File
	// field.
	LicenseFiles   []LicenseFile
	RequiresPython string
	ProjectURLs    []string // "Label, URL"
	Description    []byte   // Markdown, the README
}

// LicenseFile is a license text: its path relative to the project root
// (with /, such as LICENSE) and its bytes.
type LicenseFile struct {
	Name string
	Data []byte
}

// Wheel is one binary wheel: a native executable installed as a script.
type Wheel struct {
	Meta      Metadata
	Platform  Platform
	Binary    string // the executable to install
	Generator string // the WHEEL file's Generator
}

// FileName is the wheel's file name, NAME-VERSION-py3-none-PLATFORM.whl, with
// compressed platform tags joined by dots (PEP 425, PEP 427).
func (w Wheel) FileName() string {
	return fmt.Sprintf("%s-%s-py3-none-%s.whl", w.Meta.Name, w.Meta.Version, strings.Join(w.Platform.Tags, "."))
}

// Write writes the wheel into dir and returns its path. The executable goes
// to NAME-VERSION.data/scripts/ with mode 0755, which installers put on the
// environment's bin (Scripts on Windows); the .dist-info directory, with
// RECORD last, ends the archive.
func (w Wheel) Write(dir string) (string, error) {
	exe, err := os.ReadFile(w.Binary)
	if err != nil {
		return "", fmt.Errorf("reading the binary: %w", err)
	}
	script := w.Meta.Name
	if w.Platform.OS == "windows" {
		script += ".exe"
	}
	prefix := w.Meta.Name + "-" + w.Meta.Version
	info := prefix + ".dist-info/"
	files := []struct {
		name string
		data []byte
		mode os.FileMode
	}{
		{prefix + ".data/scripts/" + script, exe, 0o755},
		{info + "METADATA", w.Meta.bytes(), 0o644},
		{info + "WHEEL", w.wheelFile(), 0o644},
	}
	for _, l := range w.Meta.LicenseFiles {
		files = append(files, struct {
			name string
			data []byte
			mode os.FileMode
		}{info + "licenses/" + l.Name, l.Data, 0o644})
	}

	path := filepath.Join(dir, w.FileName())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating the output directory: %w", err)
	}
	out, err := os.CreateTemp(dir, ".wheel-*")
	if err != nil {
		return "", fmt.Errorf("creating the wheel: %w", err)
	}
	defer os.Remove(out.Name())
	defer out.Close()

	zw := zip.NewWriter(out)
	var record bytes.Buffer
	rw := csv.NewWriter(&record)
	for _, f := range files {
		if err := addFile(zw, f.name, f.data, f.mode); err != nil {
			return "", err
		}
		sum := sha256.Sum256(f.data)
		rw.Write([]string{f.name, "sha256=" + base64.RawURLEncoding.EncodeToString(sum[:]), strconv.Itoa(len(f.data))})
	}
	rw.Write([]string{info + "RECORD", "", ""})
	rw.Flush()
	if err := rw.Error(); err != nil {
		return "", fmt.Errorf("writing RECORD: %w", err)
	}
	if err := addFile(zw, info+"RECORD", record.Bytes(), 0o644); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("writing the wheel: %w", err)
	}
	if err := out.Close(); err != nil {
		return "", fmt.Errorf("writing the wheel: %w", err)
	}
	if err := os.Chmod(out.Name(), 0o644); err != nil {
		return "", fmt.Errorf("writing the wheel: %w", err)
	}
	if err := os.Rename(out.Name(), path); err != nil {
		return "", fmt.Errorf("writing the wheel: %w", err)
	}
	return path, nil
}

// addFile adds one deflated file with Unix mode bits to the archive. Every
// entry has the same fixed time, so that the same binary and metadata make
// the same wheel (1980 is the earliest a zip header holds).
func addFile(zw *zip.Writer, name string, data []byte, mode os.FileMode) error {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)}
	h.SetMode(mode)
	fw, err := zw.CreateHeader(h)
	if err != nil {
		return fmt.Errorf("adding %s: %w", name, err)
	}
	if _, err := io.Copy(fw, bytes.NewReader(data)); err != nil {
		return fmt.Errorf("adding %s: %w", name, err)
	}
	return nil
}

// wheelFile is the WHEEL file: format version, generator, not purelib (the
// wheel is platform-specific) and one Tag line per expanded tag.
func (w Wheel) wheelFile() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Wheel-Version: 1.0\nGenerator: %s\nRoot-Is-Purelib: false\n", w.Generator)
	for _, t := range w.Platform.Tags {
		fmt.Fprintf(&b, "Tag: py3-none-%s\n", t)
	}
	return b.Bytes()
}

// bytes is the METADATA file (core metadata 2.4, the version that has
// License-Expression and License-File): headers, a blank line, then the
// description.
func (m Metadata) bytes() []byte {
	var b bytes.Buffer
	header := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	header("Metadata-Version", "2.4")
	header("Name", m.Name)
	header("Version", m.Version)
	header("Summary", m.Summary)
	header("License-Expression", m.LicenseExpression)
	for _, l := range m.LicenseFiles {
		header("License-File", l.Name)
	}
	header("Requires-Python", m.RequiresPython)
	for _, u := range m.ProjectURLs {
		header("Project-URL", u)
	}
	header("Description-Content-Type", "text/markdown")
	b.WriteString("\n")
	b.Write(m.Description)
	return b.Bytes()
}
