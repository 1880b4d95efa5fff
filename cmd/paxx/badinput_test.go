package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// badProject is the project every bad-input case starts from: a small
// paxx-shaped project on which `paxx infra add redis` succeeds.
const badProject = "../../testdata/projects/minimal/input"

// badCase is one bad input: a change to a good project (or to the command
// line) after which paxx must say no, exit 2 and touch nothing.
type badCase struct {
	name string
	// setup breaks the project at root; outside is a directory beside the
	// project that symbolic links may point into and that paxx must never
	// write.
	setup func(t *testing.T, root, outside string)
	// args replaces `infra add redis`; "-C ROOT" is added to it.
	args []string
	// want matches the one line paxx writes to stderr, after "paxx: ".
	want string
}

// badCases are the bad inputs, grouped by the file they break.
func badCases() []badCase {
	huge := func(rel, head string) func(t *testing.T, root, _ string) {
		return func(t *testing.T, root, _ string) {
			data := append([]byte(head), bytes.Repeat([]byte("# padding padding padding padding padding padding\n"), 50<<20/50)...)
			writeBad(t, root, rel, string(data))
		}
	}
	return []badCase{
		// The settings module.
		{name: "py/unclosed-paren-at-end", setup: replaceIn("settings.py", "    debug: bool = False\n", "    debug: bool = (\n"),
			want: `^settings\.py:1[3-6]:\d+: invalid Python syntax`},
		{name: "py/missing-colon-on-class", setup: replaceIn("settings.py", "class Settings(BaseSettings):", "class Settings(BaseSettings)"),
			want: `^settings\.py:9:\d+: invalid Python syntax`},
		{name: "py/bad-indent-in-body", setup: replaceIn("settings.py", "    debug: bool", "      debug: bool"),
			want: `^settings\.py:13:\d+: `},
		{name: "py/error-below-the-class", setup: replaceIn("settings.py", "    return Settings()", "    return Settings(("),
			want: `^settings\.py:2\d:\d+: `},
		{name: "py/error-on-line-1", setup: prependTo("settings.py", "def (:\n"),
			want: `^settings\.py:1:\d+: `},
		{name: "py/nul-byte", setup: replaceIn("settings.py", `"myapp"`, "\"my\x00app\""),
			want: `^settings\.py:12:\d+: .*NUL`},
		{name: "py/invalid-utf8", setup: replaceIn("settings.py", "# Application", "# Applic\xff\xfetion"),
			want: `^settings\.py:11:\d+: .*UTF-8`},
		{name: "py/empty-file", setup: writeFile0("settings.py", ""),
			want: `no pydantic-settings class`},
		{name: "py/directory-in-its-place", setup: replaceByDir("settings.py"),
			want: `no pydantic-settings class`},
		{name: "py/symlink-out-of-the-project", setup: linkOutside("settings.py", "settings.py", minimalSettings),
			want: `no pydantic-settings class`},
		{name: "py/package-symlinked-out", setup: func(t *testing.T, root, outside string) {
			removeBad(t, root, "settings.py")
			writeBad(t, outside, "app/config.py", minimalSettings)
			symlinkBad(t, filepath.Join(outside, "app"), filepath.Join(root, "app"))
		}, want: `no pydantic-settings class`},
		{name: "py/dangling-symlink", setup: func(t *testing.T, root, _ string) {
			removeBad(t, root, "settings.py")
			symlinkBad(t, "nowhere.py", filepath.Join(root, "settings.py"))
		}, want: `no pydantic-settings class`},
		{name: "py/fifo", setup: func(t *testing.T, root, _ string) {
			removeBad(t, root, "settings.py")
			mkfifo(t, filepath.Join(root, "settings.py"))
		}, want: `no pydantic-settings class`},
		{name: "py/50MB", setup: huge("settings.py", minimalSettings),
			want: `no pydantic-settings class`},
		{name: "py/two-settings-classes", setup: func(t *testing.T, root, outside string) {
			replaceIn("settings.py", "class Settings(BaseSettings):", "class ApiSettings(BaseSettings):")(t, root, outside)
			appendTo("settings.py", "\n\nclass WorkerSettings(BaseSettings):\n    x: int = 1\n")(t, root, outside)
		}, want: `found 2 settings classes .*settings\.py:8 \(ApiSettings\), settings\.py:27 \(WorkerSettings\) \(choose one with --settings`},
		{name: "py/class-defined-twice", setup: appendTo("settings.py", "\n\nclass Settings(BaseSettings):\n    x: int = 1\n"),
			want: `found 2 settings classes .*settings\.py:8 \(Settings\), settings\.py:27 \(Settings\)`},
		{name: "py/one-line-class-body", setup: writeFile0("settings.py", "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings): pass\n"),
			want: `^settings\.py:4: the body of class Settings is on the same line`},
		{name: "py/mixed-line-endings", setup: replaceIn("settings.py", "    debug: bool = False\n", "    debug: bool = False\r\n"),
			want: `^settings\.py:13:\d+: .*line endings`},
		{name: "py/settings-flag-outside", args: []string{"infra", "add", "redis", "--settings", "../outside/settings.py"},
			setup: func(t *testing.T, _, outside string) { writeBad(t, outside, "settings.py", minimalSettings) },
			want:  `--settings names a file outside the project`},
		{name: "py/settings-flag-missing-file", args: []string{"infra", "add", "redis", "--settings", "nope.py"},
			want: `^nope\.py: no such Python file`},
		{name: "py/settings-flag-missing-class", args: []string{"infra", "add", "redis", "--settings", "settings.py:Nope"},
			want: `^settings\.py: no top-level class Nope`},
		{name: "py/settings-flag-not-python", args: []string{"infra", "add", "redis", "--settings", "pyproject.toml"},
			want: `^pyproject\.toml: is not a Python module \(named by --settings\) \(name the \.py file that defines the settings class`},
		{name: "py/settings-flag-missing-usual-place", args: []string{"infra", "add", "redis", "--settings", "app/core/config.py"},
			want: `^app/core/config\.py: no such Python file in the project \(named by --settings\) \(name the \.py file that defines the settings class; a relative path is taken from where paxx runs \(-C DIR\)\)$`},
		{name: "py/settings-flag-module-without-classes", args: []string{"infra", "add", "redis", "--settings", "consts.py"},
			setup: writeFile0("consts.py", "X = 1\n"),
			want:  `^consts\.py: no class deriving from BaseSettings \(named by --settings\) \(the module defines no class: name the one that defines the settings class\)$`},

		// The compose file.
		{name: "yaml/tab-indentation", setup: replaceIn("docker-compose.yml", "    build: .", "\tbuild: ."),
			want: `^docker-compose\.yml:3:\d+: `},
		{name: "yaml/unclosed-quote", setup: replaceIn("docker-compose.yml", `"8000:8000"`, `"8000:8000`),
			want: `^docker-compose\.yml:\d+:\d+: `},
		{name: "yaml/bad-indentation", setup: replaceIn("docker-compose.yml", "    image: postgres", "      image: postgres"),
			want: `^docker-compose\.yml:1\d:\d+: `},
		{name: "yaml/duplicate-service", setup: replaceIn("docker-compose.yml", "  db:\n", "  app:\n    image: x\n\n  db:\n"),
			want: `^docker-compose\.yml:\d+:\d+: .*app`},
		{name: "yaml/duplicate-top-level-key", setup: appendTo("docker-compose.yml", "services:\n  other:\n    image: x\n"),
			want: `^docker-compose\.yml:\d+:\d+: .*services`},
		{name: "yaml/nul-byte", setup: replaceIn("docker-compose.yml", "build: .", "build: .\x00"),
			want: `^docker-compose\.yml:3:\d+: .*NUL`},
		{name: "yaml/invalid-utf8", setup: replaceIn("docker-compose.yml", "build: .", "build: \xff."),
			want: `^docker-compose\.yml:3:\d+: .*UTF-8`},
		{name: "yaml/flow-style-services", setup: writeFile0("docker-compose.yml", "services: {app: {build: .}}\n"),
			want: `^docker-compose\.yml:1:\d+: .*flow style`},
		{name: "yaml/services-is-a-list", setup: writeFile0("docker-compose.yml", "services:\n  - app\n"),
			want: `^docker-compose\.yml:\d+:\d+: .*services`},
		{name: "yaml/directory-in-its-place", setup: replaceByDir("docker-compose.yml"),
			want: `^docker-compose\.yml: is a directory, not a compose file \(remove or rename`},
		{name: "yaml/symlink-out-of-the-project", setup: linkOutside("docker-compose.yml", "compose.yml", "services:\n  app:\n    build: .\n"),
			want: `^docker-compose\.yml: .*outside`},
		{name: "yaml/two-documents", setup: appendTo("docker-compose.yml", "---\nservices:\n  x:\n    image: y\n"),
			want: `^docker-compose\.yml:\d+:\d+: .*document`},
		{name: "yaml/mixed-line-endings", setup: replaceIn("docker-compose.yml", "    build: .\n", "    build: .\r\n"),
			want: `^docker-compose\.yml:3:\d+: .*line endings`},
		{name: "yaml/app-is-an-alias", setup: writeFile0("docker-compose.yml", "x-app: &app\n  build: .\nservices:\n  app: *app\n"),
			want: `^docker-compose\.yml:4:\d+: .*alias`},
		{name: "yaml/50MB", setup: huge("docker-compose.yml", "services:\n  app:\n    build: .\n"),
			want: `^docker-compose\.yml: is \d+ bytes`},
		{name: "yaml/fifo", setup: func(t *testing.T, root, _ string) {
			removeBad(t, root, "docker-compose.yml")
			mkfifo(t, filepath.Join(root, "docker-compose.yml"))
		}, want: `^docker-compose\.yml: is not a regular file`},

		// pyproject.toml.
		{name: "toml/unclosed-array", setup: replaceIn("pyproject.toml", "]\n", "\n"),
			want: `^pyproject\.toml:\d+:\d+: `},
		{name: "toml/bad-key", setup: replaceIn("pyproject.toml", `name = "myapp"`, `na me = "myapp"`),
			want: `^pyproject\.toml:2:\d+: `},
		{name: "toml/duplicate-key", setup: replaceIn("pyproject.toml", `name = "myapp"`, "name = \"myapp\"\nname = \"other\""),
			want: `^pyproject\.toml:3:\d+: .*name`},
		{name: "toml/duplicate-table", setup: appendTo("pyproject.toml", "\n[project]\nx = 1\n"),
			want: `^pyproject\.toml:\d+:\d+: .*project`},
		{name: "toml/nul-byte", setup: replaceIn("pyproject.toml", `"myapp"`, "\"my\x00app\""),
			want: `^pyproject\.toml:2:\d+: `},
		{name: "toml/invalid-utf8", setup: replaceIn("pyproject.toml", `"myapp"`, "\"my\xffapp\""),
			want: `^pyproject\.toml:2:\d+: `},
		{name: "toml/conflicting-requirement", setup: replaceIn("pyproject.toml", `    "asyncpg>=0.29",`, "    \"asyncpg>=0.29\",\n    \"redis<4\","),
			want: `^pyproject\.toml:9:\d+: .*redis<4`},
		{name: "toml/dependencies-not-an-array", setup: replaceIn("pyproject.toml", "dependencies = [", "dependencies = \"fastapi\"\nold = ["),
			want: `^pyproject\.toml:5:\d+: .*dependencies`},
		{name: "toml/dynamic-dependencies", setup: writeFile0("pyproject.toml", "[project]\nname = \"myapp\"\ndynamic = [\"dependencies\"]\n"),
			want: `^pyproject\.toml:3:\d+: .*dynamic`},
		{name: "toml/directory-in-its-place", setup: replaceByDir("pyproject.toml"),
			want: `^pyproject\.toml: is a directory`},
		{name: "toml/symlink-out-of-the-project", setup: linkOutside("pyproject.toml", "pyproject.toml", "[project]\nname = \"x\"\n"),
			want: `^pyproject\.toml: .*outside`},
		{name: "toml/mixed-line-endings", setup: replaceIn("pyproject.toml", "[project]\n", "[project]\r\n"),
			want: `^pyproject\.toml:2:1: mixed line endings: this line ends with LF, the lines before it with CRLF \(convert`},
		{name: "toml/50MB", setup: huge("pyproject.toml", "[project]\nname = \"x\"\n"),
			want: `^pyproject\.toml: is \d+ bytes`},

		// requirements.txt, where there is no pyproject.toml.
		{name: "req/hashes", setup: requirements("fastapi==0.115.0 \\\n    --hash=sha256:" + strings.Repeat("0", 64) + "\n"),
			want: `^requirements\.txt:\d+:\d+: .*--hash`},
		{name: "req/conflicting-pin", setup: requirements("fastapi>=0.115\nredis==3.5.3\n"),
			want: `^requirements\.txt:2:\d+: .*redis==3\.5\.3`},
		{name: "req/nul-byte", setup: requirements("fastapi>=0.115\x00\n"),
			want: `^requirements\.txt:1:\d+: .*NUL`},
		{name: "req/invalid-utf8", setup: requirements("fastapi>=0.115 # caf\xe9\n"),
			want: `^requirements\.txt:1:\d+: .*UTF-8`},
		{name: "req/symlink-out-of-the-project", setup: func(t *testing.T, root, outside string) {
			removeBad(t, root, "pyproject.toml")
			linkOutside("requirements.txt", "requirements.txt", "fastapi\n")(t, root, outside)
		}, want: `^requirements\.txt: .*outside`},

		// .env.example.
		{name: "env/nul-byte", setup: replaceIn(".env.example", "DEBUG=false", "DEBUG=false\x00"),
			want: `^\.env\.example:3:\d+: .*NUL`},
		{name: "env/invalid-utf8", setup: replaceIn(".env.example", "APP_NAME=myapp", "APP_NAME=my\xffapp"),
			want: `^\.env\.example:2:\d+: .*UTF-8`},
		{name: "env/directory-in-its-place", setup: replaceByDir(".env.example"),
			want: `^\.env\.example: is a directory`},
		{name: "env/symlink-out-of-the-project", setup: linkOutside(".env.example", "env", "A=1\n"),
			want: `^\.env\.example: .*outside`},
		{name: "env/mixed-line-endings", setup: replaceIn(".env.example", "DEBUG=false\n", "DEBUG=false\r\n"),
			want: `^\.env\.example:3:\d+: .*line endings`},
		{name: "env/lone-carriage-return", setup: replaceIn(".env.example", "DEBUG=false\n", "DEBUG=false\rLOG_LEVEL=info\n"),
			want: `^\.env\.example:3:12: a carriage return \(CR\) alone ends a line here`},
		{name: "py/classic-mac-line-endings", setup: newlinesIn("settings.py", "\r"),
			want: `^settings\.py:1:\d+: a carriage return \(CR\) alone`},
		{name: "yaml/postgis-image-with-a-blank", setup: replaceIn("docker-compose.yml", "postgres:16-alpine", "postgres:16 alpine"),
			args: []string{"infra", "add", "postgis"},
			want: `^docker-compose\.yml:\d+: service "db" runs "postgres:16 alpine": an image with a blank`},
		{name: "yaml/classic-mac-line-endings", setup: newlinesIn("docker-compose.yml", "\r"),
			want: `^docker-compose\.yml:1:10: a carriage return \(CR\) alone`},

		// Where the generated module goes.
		{name: "core/a-file-where-the-package-goes", setup: writeFile0("core", "not a package\n"),
			want: `^core/__init__\.py: cannot be reached: a file stands where a directory`},
		{name: "core/module-is-a-directory", setup: replaceByDir("core/cache.py"),
			want: `^core/cache\.py: is a directory`},
		{name: "core/package-symlinked-out", setup: func(t *testing.T, root, outside string) {
			writeBad(t, outside, "core/__init__.py", "")
			symlinkBad(t, filepath.Join(outside, "core"), filepath.Join(root, "core"))
		}, want: `^core/.*outside`},
		{name: "core/module-symlinked-out", setup: func(t *testing.T, root, outside string) {
			writeBad(t, root, "core/__init__.py", "")
			writeBad(t, outside, "cache.py", "")
			symlinkBad(t, filepath.Join(outside, "cache.py"), filepath.Join(root, "core/cache.py"))
		}, want: `^core/cache\.py: .*outside`},

		// The project and the command line.
		{name: "root/does-not-exist", setup: func(t *testing.T, root, _ string) {
			if err := os.RemoveAll(root); err != nil {
				t.Fatal(err)
			}
		}, want: `project directory does not exist \(pass the project root with -C DIR\)`},
		{name: "root/is-a-file", setup: func(t *testing.T, root, _ string) {
			if err := os.RemoveAll(root); err != nil {
				t.Fatal(err)
			}
			writeBad(t, filepath.Dir(root), filepath.Base(root), "")
		}, want: `not a directory`},
		{name: "root/empty", setup: func(t *testing.T, root, _ string) {
			for _, name := range []string{".env.example", "docker-compose.yml", "pyproject.toml", "settings.py"} {
				removeBad(t, root, name)
			}
		}, want: `^no Python project here: .* holds no Python module, pyproject\.toml or requirements file \(run paxx in your FastAPI project, or name it with -C DIR\)$`},
		{name: "root/no-settings-class", setup: writeFile0("settings.py", "x = 1\n"),
			want: `no pydantic-settings class .*--settings`},
		{name: "root/lock-held", setup: writeFile0(".paxx.lock", "pid 1\n"),
			want: `^\.paxx\.lock: lock file was taken .* by process 1: another paxx is changing this project \(wait for it to finish; .*delete .*\.paxx\.lock\)$`},
		{name: "args/unknown-component", args: []string{"infra", "add", "redsi"},
			want: `unknown component "redsi"; did you mean "redis"\?`},
	}
}

// TestBadInput runs `paxx infra add redis` on each bad input and asserts
// that paxx exits 2 with one line naming the place and what to do, that no
// panic or stack trace escapes, and that no file in the project — nor
// beside it, where symbolic links point — changed.
func TestBadInput(t *testing.T) {
	for _, tc := range badCases() {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			root, outside := filepath.Join(base, "project"), filepath.Join(base, "outside")
			if err := copyTree(badProject, root); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(outside, 0o755); err != nil {
				t.Fatal(err)
			}
			if tc.setup != nil {
				tc.setup(t, root, outside)
			}
			before := snapshot(t, base)

			args := tc.args
			if args == nil {
				args = []string{"infra", "add", "redis"}
			}
			var stdout, stderr bytes.Buffer
			code := run(append(args, "-C", root), &stdout, &stderr)

			if code != exitError {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitError, stderr.String())
			}
			msg := stderr.String()
			if strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "paxx: ") {
				t.Errorf("stderr is not one line starting with \"paxx: \":\n%s", msg)
			}
			for _, bad := range []string{"panic", "goroutine", "runtime error", ".go:"} {
				if strings.Contains(msg, bad) {
					t.Errorf("stderr holds %q:\n%s", bad, msg)
				}
			}
			line := strings.TrimPrefix(strings.TrimSuffix(msg, "\n"), "paxx: ")
			line = strings.ReplaceAll(line, root+string(filepath.Separator), "")
			t.Log(line)
			if !regexp.MustCompile(tc.want).MatchString(line) {
				t.Errorf("message\n\t%s\ndoes not match\n\t%s", line, tc.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout is not empty:\n%s", stdout.String())
			}
			if diff := cmp.Diff(before, snapshot(t, base)); diff != "" {
				t.Errorf("files changed (-before +after):\n%s", diff)
			}
		})
	}
}

// TestBadInputCount keeps the table at the size the safety claims rest on.
func TestBadInputCount(t *testing.T) {
	if n := len(badCases()); n < 50 {
		t.Errorf("%d bad inputs, want at least 50", n)
	}
}

// minimalSettings is a settings module that paxx would edit, were it inside
// the project.
const minimalSettings = "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    app_name: str = \"x\"\n"

// snapshot describes every entry under dir without following symbolic
// links or opening anything but regular files: its type and mode, and its
// content's SHA-256 or its link's target.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		desc := info.Mode().String()
		switch {
		case info.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			desc += fmt.Sprintf(" %x", sha256.Sum256(data))
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			desc += " -> " + target
		}
		out[filepath.ToSlash(rel)] = desc
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// writeBad writes text to the slash path rel under dir, creating parents.
func writeBad(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// removeBad removes the slash path rel under dir.
func removeBad(t *testing.T, dir, rel string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

// symlinkBad makes link point to target, creating link's parents.
func symlinkBad(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// rewriteFile returns a setup that rewrites the project's file rel with
// edit, which may fail the test when the file is not as it expects.
func rewriteFile(rel string, edit func(t *testing.T, data string) string) func(*testing.T, string, string) {
	return func(t *testing.T, root, _ string) {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		writeBad(t, root, rel, edit(t, string(data)))
	}
}

// replaceIn returns a setup that replaces the first old in the project's
// file rel with new, failing when old is not there.
func replaceIn(rel, old, new string) func(*testing.T, string, string) {
	return rewriteFile(rel, func(t *testing.T, data string) string {
		if !strings.Contains(data, old) {
			t.Fatalf("%s has no %q", rel, old)
		}
		return strings.Replace(data, old, new, 1)
	})
}

// newlinesIn returns a setup that writes every line feed of the file rel
// as nl.
func newlinesIn(rel, nl string) func(*testing.T, string, string) {
	return rewriteFile(rel, func(_ *testing.T, data string) string { return strings.ReplaceAll(data, "\n", nl) })
}

// prependTo and appendTo return setups that add text to a file's ends.
func prependTo(rel, text string) func(*testing.T, string, string) {
	return rewriteFile(rel, func(_ *testing.T, data string) string { return text + data })
}

func appendTo(rel, text string) func(*testing.T, string, string) {
	return rewriteFile(rel, func(_ *testing.T, data string) string { return data + text })
}

// writeFile0 returns a setup that replaces the project's file rel.
func writeFile0(rel, text string) func(*testing.T, string, string) {
	return func(t *testing.T, root, _ string) {
		t.Helper()
		removeBad(t, root, rel)
		writeBad(t, root, rel, text)
	}
}

// replaceByDir returns a setup that puts a directory where the file rel is
// (or would go).
func replaceByDir(rel string) func(*testing.T, string, string) {
	return func(t *testing.T, root, _ string) {
		t.Helper()
		removeBad(t, root, rel)
		writeBad(t, root, rel+"/keep", "")
	}
}

// linkOutside returns a setup that makes the project's file rel a symbolic
// link to the file name, holding text, in the directory beside the project.
func linkOutside(rel, name, text string) func(*testing.T, string, string) {
	return func(t *testing.T, root, outside string) {
		t.Helper()
		writeBad(t, outside, name, text)
		removeBad(t, root, rel)
		symlinkBad(t, filepath.Join(outside, name), filepath.Join(root, filepath.FromSlash(rel)))
	}
}

// requirements returns a setup that replaces pyproject.toml with a
// requirements.txt holding text.
func requirements(text string) func(*testing.T, string, string) {
	return func(t *testing.T, root, _ string) {
		t.Helper()
		removeBad(t, root, "pyproject.toml")
		writeBad(t, root, "requirements.txt", text)
	}
}
