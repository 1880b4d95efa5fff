package rewrite_test

// Temporary: pins the project's dependencies in go.mod while the packages
// that import them are being written. Removed once they exist.
import (
	_ "github.com/aymanbagabas/go-udiff"
	_ "github.com/compose-spec/compose-go/v2/loader"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/pelletier/go-toml/v2/unstable"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/smacker/go-tree-sitter"
	_ "github.com/smacker/go-tree-sitter/python"
	_ "github.com/spf13/cobra"
	_ "gopkg.in/yaml.v3"
)
