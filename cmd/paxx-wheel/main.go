// Command paxx-wheel builds paxx and packs it into a Python wheel, the way
// ruff is shipped: one native binary installed as a script, so that
// `pipx install paxx`, `uv tool install paxx` and `uvx paxx` work. Run it
// from the checkout:
//
//	go run ./cmd/paxx-wheel -o dist
//
// writes dist/paxx-VERSION-py3-none-PLATFORM.whl. VERSION is the release tag
// on HEAD, PEP 440-normalised (v1.0.0-rc.1 is 1.0.0rc1), or 0.0.0.devN+gSHA
// for a development build; PLATFORM is read from the built binary (see
// DetectPlatform). -goos, -goarch and -cc cross-compile (cgo needs a C
// compiler for the target); -bin packs a binary built beforehand instead.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// summary is the one-line description of paxx on PyPI.
const summary = "Add infrastructure (Redis, background jobs, e-mail, object storage, metrics) to an existing FastAPI project, editing its files in place"

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
	case err != nil:
		fmt.Fprintln(os.Stderr, "paxx-wheel:", err)
		os.Exit(1)
	}
}

// run parses the command line, builds (or takes) the binary, writes the
// wheel and prints its path on stdout.
func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("paxx-wheel", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outDir := fs.String("o", "dist", "directory to write the wheel to")
	version := fs.String("version", "", "version or release tag (PEP 440-normalised); default: from git")
	goos := fs.String("goos", "", "target GOOS (default: $GOOS or the host's)")
	goarch := fs.String("goarch", "", "target GOARCH (default: $GOARCH or the host's)")
	cc := fs.String("cc", "", "C compiler for the target (default: $CC or Go's)")
	bin := fs.String("bin", "", "pack this already built paxx binary instead of building one")
	license := fs.String("license", "MIT", "the SPDX license expression (License-Expression); the wheel carries the module root's LICENSE")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *bin != "" && *goos+*goarch+*cc != "" {
		return errors.New("-bin packs a binary already built: -goos, -goarch and -cc do not apply")
	}

	wd, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("the working directory: %w", err)
	}
	root, err := moduleRoot(wd)
	if err != nil {
		return err
	}
	v := *version
	if v == "" {
		if v, err = gitVersion(root); err != nil {
			return err
		}
	} else if v, err = NormalizeVersion(v); err != nil {
		return err
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		return fmt.Errorf("the description: %w", err)
	}
	readme = bytes.ReplaceAll(readme, []byte("\r\n"), []byte("\n")) // a Windows checkout's
	licenseText, err := os.ReadFile(filepath.Join(root, "LICENSE"))
	if err != nil {
		return fmt.Errorf("the license text: %w", err)
	}

	binary := *bin
	if binary == "" {
		tmp, err := os.MkdirTemp("", "paxx-wheel-")
		if err != nil {
			return fmt.Errorf("a directory to build in: %w", err)
		}
		defer os.RemoveAll(tmp)
		if binary, err = Build(BuildOptions{Root: root, GOOS: *goos, GOARCH: *goarch, CC: *cc, Version: v}, tmp); err != nil {
			return err
		}
	}
	platform, err := DetectPlatform(binary)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "paxx-wheel: %s: %s\n", binary, platform.Why)

	w := Wheel{
		Meta: Metadata{
			Name:              "paxx",
			Version:           v,
			Summary:           summary,
			LicenseExpression: *license,
			LicenseFiles:      []LicenseFile{{Name: "LICENSE", Data: licenseText}},
			RequiresPython:    ">=3.7",
			ProjectURLs: []string{
				"Source, https://github.com/paxx-dev/paxx",
				"Issues, https://github.com/paxx-dev/paxx/issues",
				"Documentation, https://github.com/paxx-dev/paxx#readme",
			},
			Description: readme,
		},
		Platform:  platform,
		Binary:    binary,
		Generator: "paxx-wheel",
	}
	path, err := w.Write(*outDir)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, path)
	return nil
}
