// Package dotenv reads and extends .env files — above all .env.example, the
// template of the environment a project documents for its developers.
//
// The syntax is python-dotenv's, the reader that pydantic-settings uses for
// a settings class's env_file: "NAME=value" lines, an optional "export "
// in front, values unquoted, in single quotes or in double quotes (which
// may span lines), comments from "#" to the end of a line. Lines that
// python-dotenv cannot read are skipped, as it skips them: .env files are
// forgiving. The package adds variables by appending whole lines and never
// rewrites what is there.
//
// Parse reads a file into a File; AddVars and RemoveVars return a new File,
// the reading of the edited bytes, with the actions they took, and Bytes
// gives the content to write.
package dotenv
