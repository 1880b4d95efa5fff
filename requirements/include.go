package requirements

import "strings"

// Includes returns the requirements files f includes, as pip reads them:
// the FILE of each -r FILE, --requirement FILE and --requirement=FILE
// line, in order, as written (pip resolves them against the directory of
// the including file). Constraints files (-c) are not included: they
// install nothing.
func (f *File) Includes() []string {
	var out []string
	for _, l := range f.lines {
		o := l.options
		for i := 0; i < len(o); i++ {
			switch w := o[i]; {
			case (w == "-r" || w == "--requirement") && i+1 < len(o):
				out = append(out, o[i+1])
				i++
			case strings.HasPrefix(w, "--requirement="):
				out = append(out, strings.TrimPrefix(w, "--requirement="))
			case strings.HasPrefix(w, "-r") && len(w) > 2:
				out = append(out, w[2:]) // -rbase.txt
			}
		}
	}
	return out
}

// Names returns the normalized names (NormalizeName) of the requirements
// f declares itself, in order: not those of the files it includes.
func (f *File) Names() []string {
	var out []string
	for _, l := range f.lines {
		if l.req != nil {
			out = append(out, l.req.Key())
		}
	}
	return out
}
