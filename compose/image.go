package compose

import (
	"strings"
)

// ServicesByImage returns the services whose image is one of names,
// ignoring registry, tag and digest. The rule: an image reference is reduced
// to its repository path (registry host, ":tag" and "@digest" dropped, and
// Docker Hub's "library/" prefix too); a name with a slash matches that whole
// path, a name without one matches its last component. So "redis" matches
// redis:7, docker.io/library/redis:7-alpine and bitnami/redis:7.2, while
// "valkey/valkey" matches only that repository on any registry. An image
// written as ${VAR:-default} is judged by its default; other variables never
// match.
func (f *File) ServicesByImage(names ...string) []Service {
	var out []Service
	for _, s := range f.Services() {
		path, ok := repository(s.Image)
		if !ok {
			continue
		}
		for _, name := range names {
			if imageMatches(path, name) {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// ImageIs reports whether the image reference runs the repository name, by
// ServicesByImage's rule: "postgis/postgis" is postgis/postgis on any
// registry (localhost:5000/postgis/postgis:16-3.4), and
// ${VAR:-postgis/postgis:16-3.4} is judged by its default.
func ImageIs(image, name string) bool {
	path, ok := repository(image)
	return ok && imageMatches(path, name)
}

// imageMatches applies ServicesByImage's rule to a repository path.
func imageMatches(path, name string) bool {
	want, ok := repository(name)
	if !ok {
		return false
	}
	if strings.Contains(want, "/") {
		return path == want
	}
	return path[strings.LastIndexByte(path, '/')+1:] == want
}

// repository reduces an image reference to its lower-case repository path.
func repository(ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	// An image written with variables (${VAR:-default}) is judged by what
	// Compose gives it with none set; one that needs a variable is not.
	ref, known := withDefaults(ref)
	if ref == "" || !known {
		return "", false
	}
	ref, _, _ = strings.Cut(ref, "@")
	parts := strings.Split(strings.ToLower(ref), "/")
	hub := true
	if len(parts) > 1 && (strings.ContainsAny(parts[0], ".:") || parts[0] == "localhost") {
		hub = parts[0] == "docker.io" || parts[0] == "index.docker.io" || parts[0] == "registry-1.docker.io"
		parts = parts[1:]
	}
	last := len(parts) - 1
	parts[last], _, _ = strings.Cut(parts[last], ":")
	if hub && len(parts) > 1 && parts[0] == "library" {
		parts = parts[1:]
	}
	path := strings.Join(parts, "/")
	return path, path != "" && !strings.HasSuffix(path, "/")
}
