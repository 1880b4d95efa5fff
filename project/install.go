package project

import (
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Install is one command of the app's Dockerfile that installs the
// project's dependencies into the image: what it installs, as its tool's
// flags say.
type Install struct {
	// Tool is "uv" (uv sync), "poetry" (poetry install), "pdm" (pdm
	// install or sync), "pip" (pip install) or "uv pip" (uv pip install
	// or sync).
	Tool string
	// Command is the command as the Dockerfile writes it, its words
	// joined by spaces.
	Command string
	// Dockerfile and Line say where: the Dockerfile relative to Base, and
	// the 1-based line of its RUN instruction.
	Dockerfile string
	Line       int
	// Main reports whether it installs the project's own (main)
	// dependencies: uv sync without --only-group or --only-dev, poetry
	// install unless --only leaves main out, pdm install without
	// --no-default, pip install . (not --no-deps).
	Main bool
	// Groups are the dependency groups it installs besides or instead of
	// the main dependencies (--group, --only-group, poetry's --with and
	// --only, pdm's -G), in order.
	Groups []string
	// Extras are the extras it installs (--extra, .[server]).
	Extras []string
	// Only reports that it installs only Groups, not the main
	// dependencies (uv sync --only-group, poetry install --only server,
	// pdm install --no-default -G server).
	Only bool
	// Package is uv's --package: the workspace member it installs, "" for
	// the project in the working directory.
	Package string
	// Requirements are the requirements files it installs (-r FILE), as
	// files of the build context relative to Base; a file that is not in
	// the build context (made in the image, say by poetry export) is left
	// out.
	Requirements []string

	flags []string // the flags to give the same tool on the host (--group server)
}

// installs reads the RUN instructions of the stages the image is built
// from and returns the commands that install Python dependencies, in
// order. ctx is the build context, absolute.
func (l *Layout) installs(d *dockerfile, rel, ctx string) []Install {
	var out []Install
	for _, st := range d.final() {
		wd := "/"
		var copies []copyRule
		for _, in := range st.ins {
			switch in.keyword {
			case "WORKDIR":
				wd = workdir(wd, in.args)
			case "COPY", "ADD":
				if r, ok := readCopy(in.args, wd); ok {
					copies = append(copies, r)
				}
			case "RUN":
				for _, cmd := range runCommands(in.args) {
					inst, ok := readInstall(cmd)
					if !ok {
						continue
					}
					inst.Dockerfile, inst.Line = rel, in.line
					raw := inst.Requirements
					inst.Requirements = nil
					for _, f := range raw {
						if p, ok := contextFile(ctx, copies, imagePath(wd, f), f); ok && within(l.Base, p) {
							inst.Requirements = append(inst.Requirements, l.rel(p))
						}
					}
					out = append(out, inst)
				}
			}
		}
	}
	return out
}

// readInstall reads one command's words; ok is false when it installs no
// Python dependencies paxx knows. Requirements holds the -r files as
// written.
func readInstall(words []string) (Install, bool) {
	words = commandWords(words)
	if len(words) == 0 {
		return Install{}, false
	}
	tool := path.Base(words[0])
	args := words[1:]
	if strings.HasPrefix(tool, "python") && len(args) >= 2 && args[0] == "-m" {
		tool, args = args[1], args[2:]
	}
	sub := func(names ...string) bool {
		if len(args) == 0 {
			return false
		}
		for _, n := range names {
			if args[0] == n {
				args = args[1:]
				return true
			}
		}
		return false
	}
	inst := Install{Command: strings.Join(words, " ")}
	switch {
	case tool == "uv" && sub("sync"):
		inst.Tool = "uv"
		readUvSync(&inst, args)
	case tool == "uv" && sub("pip") && len(args) > 0 && (args[0] == "install" || args[0] == "sync"):
		syncing := args[0] == "sync"
		args = args[1:]
		inst.Tool = "uv pip"
		readPipInstall(&inst, args, syncing)
	case (tool == "pip" || tool == "pip3") && sub("install"):
		inst.Tool = "pip"
		readPipInstall(&inst, args, false)
	case tool == "poetry" && sub("install", "sync"):
		inst.Tool = "poetry"
		readPoetryInstall(&inst, args)
	case tool == "pdm" && sub("install", "sync"):
		inst.Tool = "pdm"
		readPDMInstall(&inst, args)
	default:
		return Install{}, false
	}
	if !inst.Main && len(inst.Groups) == 0 && len(inst.Requirements) == 0 {
		return Install{}, false // pip install a package by name, poetry install --only-root
	}
	return inst, true
}

// commandWords drops what runs a command rather than being it: VAR=value
// assignments, exec, env, sudo.
func commandWords(words []string) []string {
	for len(words) > 0 {
		w := words[0]
		switch {
		case w == "exec" || w == "env" || w == "sudo" || w == "command":
		case strings.Contains(w, "=") && !strings.HasPrefix(w, "-") && !strings.ContainsAny(w[:strings.Index(w, "=")], "/."):
		default:
			return words
		}
		words = words[1:]
	}
	return words
}

// optionValue reads an option that takes a value at args[*i]: "--group X"
// or "--group=X" for any of names; ok is false for another word.
func optionValue(args []string, i *int, names ...string) (string, bool) {
	w := args[*i]
	for _, n := range names {
		if w == n && *i+1 < len(args) {
			*i++
			return args[*i], true
		}
		if v, ok := strings.CutPrefix(w, n+"="); ok && strings.HasPrefix(n, "--") {
			return v, true
		}
		if v, ok := strings.CutPrefix(w, n); ok && v != "" && !strings.HasPrefix(n, "--") {
			return v, true // -Gserver
		}
	}
	return "", false
}

// readUvSync reads uv sync's flags.
func readUvSync(inst *Install, args []string) {
	inst.Main = true
	for i := 0; i < len(args); i++ {
		if v, ok := optionValue(args, &i, "--only-group"); ok {
			inst.Only, inst.Main = true, false
			inst.Groups = append(inst.Groups, v)
			inst.flags = append(inst.flags, "--group", v)
		} else if v, ok := optionValue(args, &i, "--group"); ok {
			inst.Groups = append(inst.Groups, v)
			inst.flags = append(inst.flags, "--group", v)
		} else if v, ok := optionValue(args, &i, "--extra"); ok {
			inst.Extras = append(inst.Extras, v)
			inst.flags = append(inst.flags, "--extra", v)
		} else if v, ok := optionValue(args, &i, "--package"); ok {
			inst.Package = v
			inst.flags = append(inst.flags, "--package", v)
		} else if args[i] == "--only-dev" {
			inst.Only, inst.Main = true, false
			inst.Groups = append(inst.Groups, "dev")
		} else if args[i] == "--all-extras" || args[i] == "--all-groups" || args[i] == "--all-packages" {
			inst.flags = append(inst.flags, args[i])
		}
	}
}

// readPoetryInstall reads poetry install's flags.
func readPoetryInstall(inst *Install, args []string) {
	inst.Main = true
	for i := 0; i < len(args); i++ {
		if v, ok := optionValue(args, &i, "--only"); ok {
			inst.Only = true
			inst.Main = false
			for _, g := range strings.Split(v, ",") {
				if g = strings.TrimSpace(g); g == "main" {
					inst.Main = true
				} else if g != "" {
					inst.Groups = append(inst.Groups, g)
				}
			}
		} else if v, ok := optionValue(args, &i, "--with"); ok {
			for _, g := range strings.Split(v, ",") {
				if g = strings.TrimSpace(g); g != "" {
					inst.Groups = append(inst.Groups, g)
					inst.flags = append(inst.flags, "--with", g)
				}
			}
		} else if v, ok := optionValue(args, &i, "-E", "--extras"); ok {
			inst.Extras = append(inst.Extras, strings.Fields(v)...)
			inst.flags = append(inst.flags, "--extras", v)
		} else if args[i] == "--only-root" {
			inst.Main, inst.Groups = false, nil
		}
	}
	if inst.Main {
		inst.Only = false
	}
}

// readPDMInstall reads pdm install's flags.
func readPDMInstall(inst *Install, args []string) {
	inst.Main = true
	for i := 0; i < len(args); i++ {
		if v, ok := optionValue(args, &i, "-G", "--group", "--with"); ok {
			for _, g := range strings.Split(v, ",") {
				if g = strings.TrimSpace(g); g != "" && g != ":all" && g != "default" {
					inst.Groups = append(inst.Groups, g)
					inst.flags = append(inst.flags, "-G", g)
				}
			}
		} else if args[i] == "--no-default" {
			inst.Main, inst.Only = false, true
		}
	}
}

// readPipInstall reads pip install's (or uv pip's) arguments: -r files,
// the project itself (., -e ., ./backend[server]); sync says uv pip sync,
// whose arguments are all requirements files.
func readPipInstall(inst *Install, args []string, sync bool) {
	noDeps := false
	self := false
	for i := 0; i < len(args); i++ {
		w := args[i]
		if v, ok := optionValue(args, &i, "-r", "--requirement"); ok {
			inst.Requirements = append(inst.Requirements, v)
			continue
		}
		switch {
		case w == "--no-deps":
			noDeps = true
		case w == "-e" || w == "--editable":
			continue
		case w == "-c" || w == "--constraint" || w == "-i" || w == "--index-url" || w == "--extra-index-url" || w == "-f" || w == "--find-links" || w == "--target" || w == "-t" || w == "--prefix" || w == "--root" || w == "-p" || w == "--python":
			i++
		case strings.HasPrefix(w, "-"):
		case sync:
			inst.Requirements = append(inst.Requirements, w)
		case w == "." || strings.HasPrefix(w, "./") || strings.HasPrefix(w, ".["):
			self = true
			if _, extras, ok := strings.Cut(w, "["); ok {
				for _, e := range strings.Split(strings.TrimSuffix(extras, "]"), ",") {
					if e = strings.TrimSpace(e); e != "" {
						inst.Extras = append(inst.Extras, e)
					}
				}
			}
		}
	}
	inst.Main = self && !noDeps
}

// contextFile finds the build context's file that is at the absolute
// image path img (written raw in the command), through the COPY rules
// that came before: the source a rule copies there, or that lies in a
// directory a rule copies; else, for a relative raw, the file of that
// path in the context. ok is false when the context has no such file.
func contextFile(ctx string, copies []copyRule, img, raw string) (string, bool) {
	for i := len(copies) - 1; i >= 0; i-- {
		r := copies[i]
		for _, src := range r.sources {
			src = path.Clean(strings.TrimPrefix(src, "/"))
			host := filepath.Join(ctx, filepath.FromSlash(src))
			info, err := os.Stat(host)
			switch {
			case err == nil && info.IsDir():
				// COPY dir/ dest copies the directory's contents.
				if rel, ok := strings.CutPrefix(img, strings.TrimSuffix(r.dest, "/")+"/"); ok {
					if p := filepath.Join(host, filepath.FromSlash(rel)); exists(p) {
						return p, true
					}
				}
			case r.dir:
				if path.Join(r.dest, path.Base(src)) == img {
					if exists(host) {
						return host, true
					}
					if ok, _ := path.Match(path.Base(src), path.Base(img)); ok {
						if p := filepath.Join(filepath.Dir(host), path.Base(img)); exists(p) {
							return p, true
						}
					}
				}
				if ok, _ := path.Match(path.Join(r.dest, path.Base(src)), img); ok && path.Dir(img) == path.Clean(r.dest) {
					if p := filepath.Join(filepath.Dir(host), path.Base(img)); exists(p) {
						return p, true
					}
				}
			case r.dest == img && exists(host):
				return host, true
			}
		}
	}
	if !path.IsAbs(raw) {
		if p := filepath.Join(ctx, filepath.FromSlash(raw)); exists(p) {
			return p, true
		}
	}
	return "", false
}
