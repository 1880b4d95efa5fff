package project

import (
	"encoding/json"
	"path"
	"strconv"
	"strings"

	"github.com/mattn/go-shellwords"

	"github.com/paxx-dev/paxx/filetx"
)

// dockerfile is what paxx reads of a Dockerfile: its stages, each with
// its instructions, continued lines joined and comments left out.
type dockerfile struct {
	stages []*stage
}

// stage is one FROM of a Dockerfile and the instructions under it.
type stage struct {
	name string // the AS name, lower-cased, "" when it has none
	from string // FROM's image, or the name of the stage it starts from
	ins  []instruction
}

// instruction is one Dockerfile instruction.
type instruction struct {
	line    int    // 1-based line of its keyword
	keyword string // upper-cased: RUN, COPY, CMD...
	args    string // the rest, continuations joined
}

// readDockerfile reads the Dockerfile at the absolute path p; ok is false
// when it cannot be read.
func readDockerfile(p string) (*dockerfile, bool) {
	data, err := filetx.ReadRegular(p)
	if err != nil {
		return nil, false
	}
	d := &dockerfile{}
	for _, in := range readInstructions(string(data)) {
		if in.keyword == "FROM" {
			st := &stage{}
			words := strings.Fields(in.args)
			for len(words) > 0 && strings.HasPrefix(words[0], "--") {
				words = words[1:] // --platform=...
			}
			if len(words) > 0 {
				st.from = strings.ToLower(words[0])
			}
			if len(words) >= 3 && strings.EqualFold(words[1], "as") {
				st.name = strings.ToLower(words[2])
			}
			d.stages = append(d.stages, st)
			continue
		}
		if len(d.stages) == 0 {
			continue // ARG before the first FROM
		}
		st := d.stages[len(d.stages)-1]
		st.ins = append(st.ins, in)
	}
	return d, true
}

// readInstructions splits a Dockerfile into instructions: continued lines
// (a backslash at the end) joined, comment lines and blank lines left out.
func readInstructions(src string) []instruction {
	var out []instruction
	var cur strings.Builder
	start := 0
	for i, line := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "#") || (t == "" && cur.Len() > 0) {
			continue // a comment or blank line inside a continued instruction is dropped, as BuildKit does
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		if strings.HasSuffix(t, "\\") {
			cur.WriteString(strings.TrimSuffix(t, "\\") + " ")
			continue
		}
		cur.WriteString(t)
		if s := strings.TrimSpace(cur.String()); s != "" {
			keyword, rest, _ := strings.Cut(s, " ")
			out = append(out, instruction{line: start, keyword: strings.ToUpper(keyword), args: strings.TrimSpace(rest)})
		}
		cur.Reset()
	}
	return out
}

// final returns the stages the image is built from: the last stage, the
// stages it starts from, and those it copies from (COPY --from=NAME),
// in file order.
func (d *dockerfile) final() []*stage {
	if len(d.stages) == 0 {
		return nil
	}
	keep := map[int]bool{}
	var visit func(i int)
	visit = func(i int) {
		if i < 0 || keep[i] {
			return
		}
		keep[i] = true
		st := d.stages[i]
		visit(d.stageIndex(st.from, i))
		for _, in := range st.ins {
			if in.keyword != "COPY" && in.keyword != "ADD" {
				continue
			}
			for _, w := range strings.Fields(in.args) {
				if from, ok := strings.CutPrefix(w, "--from="); ok {
					visit(d.stageIndex(strings.ToLower(from), i))
				}
			}
		}
	}
	visit(len(d.stages) - 1)
	var out []*stage
	for i, st := range d.stages {
		if keep[i] {
			out = append(out, st)
		}
	}
	return out
}

// chain returns the stages the image inherits its settings from: the last
// stage and, FROM by FROM, those it starts from, in file order. A stage
// the image only copies files from gives it no ENTRYPOINT or CMD.
func (d *dockerfile) chain() []*stage {
	var out []*stage
	for i := len(d.stages) - 1; i >= 0; i = d.stageIndex(d.stages[i].from, i) {
		out = append([]*stage{d.stages[i]}, out...)
	}
	return out
}

// entryCommand returns the image's ENTRYPOINT and CMD words, as Docker
// sets them: the last of each along the chain of stages, an ENTRYPOINT
// dropping the CMD a stage before it set.
func (d *dockerfile) entryCommand() (entry, cmd []string) {
	for _, st := range d.chain() {
		own := false // the stage sets its own CMD
		for _, in := range st.ins {
			switch in.keyword {
			case "ENTRYPOINT":
				entry = instructionWords(in.args)
				if !own {
					cmd = nil
				}
			case "CMD":
				cmd, own = instructionWords(in.args), true
			}
		}
	}
	return entry, cmd
}

// stageIndex returns the index of the stage called ref (a name, or a
// number) before stage before, or -1 for an image.
func (d *dockerfile) stageIndex(ref string, before int) int {
	if n, err := strconv.Atoi(ref); err == nil && n >= 0 && n < before {
		return n
	}
	for i := before - 1; i >= 0; i-- {
		if d.stages[i].name != "" && d.stages[i].name == ref {
			return i
		}
	}
	return -1
}

// runCommands returns the commands a RUN instruction runs: the exec
// form's words, or the shell form's commands, split at &&, ||, ; and |,
// after RUN's own flags (--mount=..., --network=...).
func runCommands(args string) [][]string {
	for strings.HasPrefix(args, "--") {
		_, rest, _ := strings.Cut(args, " ")
		args = strings.TrimSpace(rest)
	}
	if strings.HasPrefix(args, "[") {
		var words []string
		if json.Unmarshal([]byte(args), &words) == nil {
			return [][]string{words}
		}
	}
	return shellCommands(args)
}

// shellCommands splits a shell command line into its commands, at each
// operator (&&, ||, ;, |, a redirection's end), each command's words as
// the shell would split them. A line that does not parse gives the
// commands before the fault.
func shellCommands(line string) [][]string {
	var out [][]string
	rest := []rune(line)
	for len(rest) > 0 {
		p := shellwords.NewParser()
		words, err := p.Parse(string(rest))
		if err != nil {
			return out
		}
		if len(words) > 0 {
			out = append(out, words)
		}
		if p.Position < 0 {
			break
		}
		rest = rest[max(p.Position, 1):]
		for len(rest) > 0 && strings.ContainsRune("&|;", rest[0]) {
			rest = rest[1:]
		}
	}
	return out
}

// copyRule is one COPY or ADD from the build context: its sources, as
// written, and where they go in the image.
type copyRule struct {
	sources []string
	dest    string // absolute in the image
	dir     bool   // dest is a directory: it ends with / or there are several sources
}

// readCopy reads the arguments of a COPY or ADD, at workdir; ok is false
// for a copy from a stage or an image (--from).
func readCopy(args, workdir string) (copyRule, bool) {
	var words []string
	if strings.HasPrefix(args, "[") {
		if json.Unmarshal([]byte(args), &words) != nil {
			return copyRule{}, false
		}
	} else {
		words = strings.Fields(args)
	}
	for len(words) > 0 && strings.HasPrefix(words[0], "--") {
		if strings.HasPrefix(words[0], "--from=") {
			return copyRule{}, false
		}
		words = words[1:]
	}
	if len(words) < 2 {
		return copyRule{}, false
	}
	dest := words[len(words)-1]
	r := copyRule{sources: words[:len(words)-1], dir: strings.HasSuffix(dest, "/") || dest == "." || len(words) > 2}
	r.dest = imagePath(workdir, dest)
	return r, true
}

// imagePath resolves p against the working directory in the image.
func imagePath(workdir, p string) string {
	if path.IsAbs(p) {
		return path.Clean(p)
	}
	return path.Join(workdir, p)
}

// workdir follows a WORKDIR instruction from the working directory wd.
func workdir(wd, args string) string {
	return imagePath(wd, strings.Trim(strings.TrimSpace(args), `"`))
}
