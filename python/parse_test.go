package python

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

func TestParseSyntaxError(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unclosed paren", "x = (1,\ny = 2\n", "settings.py:2:1"},
		{"python 2 print", "import os\nprint \"hi\"\n", "settings.py:2:"},
		{"bad indent in class", "class A:\n    a: int = 1\n  b: int = 2\n", "settings.py:3:"},
		{"column counts characters after a BOM", "\ufeffx = ü +\n", "settings.py:1:"},
		{"missing colon", "class A\n    x: int\n", "settings.py:2:"},
		{"python 2 exec", "exec 'x'\n", "settings.py:1:1"},
		{"indented module statement", "x = 1\n  y = 2\n", "settings.py:2:3"},
		{"tab against spaces", "if x:\n        a = 1\n\tb = 2\n", "settings.py:3:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("settings.py", []byte(tt.src))
			var rerr *rewrite.Error
			if !errors.As(err, &rerr) || !errors.Is(err, rewrite.ErrSyntax) {
				t.Fatalf("Parse = %v, want a syntax *rewrite.Error", err)
			}
			if got := err.Error(); len(got) < len(tt.want) || got[:len(tt.want)] != tt.want {
				t.Errorf("error %q, want it to start with %q", got, tt.want)
			}
			if rerr.Line < 1 || rerr.Col < 1 {
				t.Errorf("error at %d:%d, want a 1-based line and column", rerr.Line, rerr.Col)
			}
		})
	}
}

func TestParseBOMColumn(t *testing.T) {
	_, err := Parse("s.py", []byte("\ufeffx = 1 +\n"))
	var rerr *rewrite.Error
	if !errors.As(err, &rerr) {
		t.Fatalf("Parse = %v, want an error", err)
	}
	if rerr.Line != 1 || rerr.Col != 7 {
		t.Errorf("error at %d:%d, want 1:7 at the "+" (the BOM is no column)", rerr.Line, rerr.Col)
	}
}

func TestClasses(t *testing.T) {
	src := `"""class Fake(BaseSettings): pass"""
import pydantic_settings
from pydantic import BaseModel


class Base(pydantic_settings.BaseSettings, metaclass=Meta):
    model_config = pydantic_settings.SettingsConfigDict(env_prefix='SHOP_' 'API_', case_sensitive=True)


class Settings(Base):
    """Doc."""

    DATABASE_URL: str = "sqlite://"
    API_KEY: SecretStr
    debug: bool = False
    LIMITS: Annotated[
        int,
        Field(ge=1),
    ] = 3
    ClassVar_ok = 1

    def method(self) -> None:
        x: int = 1


class Legacy(BaseSettings):
    a: int = 1

    class Config:
        env_prefix = "LEGACY_"


class Dict(BaseSettings):
    model_config = {"env_prefix": "D_", "case_sensitive": False}


if True:
    class Hidden(BaseSettings):
        pass
`
	f, err := Parse("settings.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Class{
		{Name: "Base", Bases: []string{"pydantic_settings.BaseSettings"}, Line: 6,
			Config: Config{EnvPrefix: "SHOP_API_", CaseSensitive: true}},
		{Name: "Settings", Bases: []string{"Base"}, Line: 10, Upper: true,
			Config: Config{EnvPrefix: "SHOP_API_", CaseSensitive: true},
			Fields: []Field{
				{Name: "DATABASE_URL", Type: "str", Default: `"sqlite://"`, Line: 13},
				{Name: "API_KEY", Type: "SecretStr", Line: 14},
				{Name: "debug", Type: "bool", Default: "False", Line: 15},
				{Name: "LIMITS", Type: "Annotated[\n        int,\n        Field(ge=1),\n    ]", Default: "3", Line: 16},
			}},
		{Name: "Legacy", Bases: []string{"BaseSettings"}, Line: 26, Config: Config{EnvPrefix: "LEGACY_"},
			Fields: []Field{{Name: "a", Type: "int", Default: "1", Line: 27}}},
		{Name: "Dict", Bases: []string{"BaseSettings"}, Line: 33, Config: Config{EnvPrefix: "D_"}},
	}
	if diff := cmp.Diff(want, f.Classes()); diff != "" {
		t.Errorf("Classes() mismatch (-want +got):\n%s", diff)
	}
	if _, ok := f.Class("Hidden"); ok {
		t.Errorf("Class(Hidden) found a class that is not top-level")
	}
	if _, ok := f.Class("Fake"); ok {
		t.Errorf("Class(Fake) found a class inside a docstring")
	}
	c, _ := f.Class("Settings")
	c.Fields[0].Name = "changed"
	if again, _ := f.Class("Settings"); again.Fields[0].Name != "DATABASE_URL" {
		t.Errorf("changing a returned Class changed the File")
	}
}

func TestClassNames(t *testing.T) {
	lower := Class{Name: "Settings", Fields: []Field{{Name: "database_url"}, {Name: "REDIS_URL"}}}
	upper := Class{Name: "Settings", Upper: true, Fields: []Field{{Name: "DATABASE_URL"}}}
	prefixed := Class{Name: "Settings", Config: Config{EnvPrefix: "app_"}}
	sensitive := Class{Name: "Settings", Config: Config{EnvPrefix: "App_", CaseSensitive: true}, Fields: []Field{{Name: "Redis_Url"}}}
	sensitiveUpper := Class{Name: "Settings", Upper: true, Config: Config{CaseSensitive: true}, Fields: []Field{{Name: "DATABASE_URL"}}}
	tests := []struct {
		name       string
		c          Class
		field      string
		fieldName  string
		envName    string
		has        bool
		hasAsNamed string
	}{
		{"lower", lower, "database_url", "database_url", "DATABASE_URL", true, "database_url"},
		{"other case present", lower, "redis_url", "redis_url", "REDIS_URL", true, "REDIS_URL"},
		{"lower missing", lower, "arq_max_jobs", "arq_max_jobs", "ARQ_MAX_JOBS", false, ""},
		{"upper", upper, "redis_url", "REDIS_URL", "REDIS_URL", false, ""},
		{"upper present", upper, "database_url", "DATABASE_URL", "DATABASE_URL", true, "DATABASE_URL"},
		{"prefix", prefixed, "redis_url", "redis_url", "APP_REDIS_URL", false, ""},
		{"case sensitive keeps the spelling", sensitive, "redis_url", "redis_url", "App_redis_url", false, ""},
		{"case sensitive exact", sensitive, "Redis_Url", "Redis_Url", "App_Redis_Url", true, "Redis_Url"},
		{"case sensitive upper class", sensitiveUpper, "database_url", "DATABASE_URL", "DATABASE_URL", true, "DATABASE_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.FieldName(tt.field); got != tt.fieldName {
				t.Errorf("FieldName(%q) = %q, want %q", tt.field, got, tt.fieldName)
			}
			if got := tt.c.EnvName(tt.field); got != tt.envName {
				t.Errorf("EnvName(%q) = %q, want %q", tt.field, got, tt.envName)
			}
			f, ok := tt.c.HasField(tt.field)
			if ok != tt.has || f.Name != tt.hasAsNamed {
				t.Errorf("HasField(%q) = %q, %v, want %q, %v", tt.field, f.Name, ok, tt.hasAsNamed, tt.has)
			}
		})
	}
}

func TestAccessor(t *testing.T) {
	const class = "class Settings(BaseSettings):\n    x: int = 1\n\n\n"
	tests := []struct {
		name, src string
		want      Accessor
		ok        bool
	}{
		{"instance", class + "settings = Settings()\n", Accessor{Name: "settings"}, true},
		{"annotated instance", class + "config: Settings = Settings(_env_file='.env')\n", Accessor{Name: "config"}, true},
		{"paxx shape", class + "@lru_cache\ndef get_settings() -> Settings:\n    return Settings()\n\n\nsettings = get_settings()\n", Accessor{Name: "settings"}, true},
		{"cached function only", class + "@lru_cache()\ndef get_settings() -> Settings:\n    return Settings()\n", Accessor{Name: "get_settings", Call: true}, true},
		{"function found by its return", class + "@functools.cache\ndef load():\n    if x:\n        return Settings(a=1)\n    return None\n", Accessor{Name: "load", Call: true}, true},
		{"string annotation", class + "def get() -> \"Settings\":\n    ...\n", Accessor{Name: "get", Call: true}, true},
		{"instance from function defined later", class + "conf = make()\n\ndef make() -> Settings:\n    return Settings()\n", Accessor{Name: "conf"}, true},
		{"nested return is not the function's", class + "def outer():\n    def inner():\n        return Settings()\n    return inner\n", Accessor{}, false},
		{"other class", class + "other = Other()\n", Accessor{}, false},
		{"inside a function", class + "def main():\n    settings = Settings()\n", Accessor{}, false},
		{"none", class, Accessor{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("settings.py", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got, ok := f.Accessor("Settings")
			if got != tt.want || ok != tt.ok {
				t.Errorf("Accessor = %+v, %v, want %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLiteral(t *testing.T) {
	tests := []struct {
		v     any
		quote byte
		want  string
	}{
		{"redis://localhost:6379/0", '"', `"redis://localhost:6379/0"`},
		{"it's", '\'', `'it\'s'`},
		{`a\b"c`, '"', `"a\\b\"c"`},
		{"tab\there\x00\u2028", '"', `"tab\there\x00\u2028"`},
		{"日本", '"', `"日本"`},
		{10, '"', "10"},
		{int64(-3), '"', "-3"},
		{uint8(7), '"', "7"},
		{1.0, '"', "1.0"},
		{0.25, '"', "0.25"},
		{1e21, '"', "1e+21"},
		{float32(1.5), '"', "1.5"},
		{true, '"', "True"},
		{false, '"', "False"},
		{nil, '"', "None"},
		{Expr("Field(default=1)"), '"', "Field(default=1)"},
	}
	for _, tt := range tests {
		got, err := literal(tt.v, tt.quote)
		if err != nil || got != tt.want {
			t.Errorf("literal(%#v) = %q, %v, want %q", tt.v, got, err, tt.want)
		}
		if s, ok := tt.v.(string); ok {
			back, ok := decodeStringLiteral(got)
			if !ok || back != s {
				t.Errorf("decodeStringLiteral(%s) = %q, %v, want %q", got, back, ok, s)
			}
		}
	}
	for _, bad := range []any{[]int{1}, "\xff", Expr(""), Expr("a\nb"), struct{}{}} {
		if got, err := literal(bad, '"'); err == nil {
			t.Errorf("literal(%#v) = %q, want an error", bad, got)
		}
	}
}

func TestDecodeStringLiteral(t *testing.T) {
	tests := []struct {
		lit, want string
		ok        bool
	}{
		{`"APP_"`, "APP_", true},
		{`'APP_'`, "APP_", true},
		{`r"a\n"`, `a\n`, true},
		{`"""x"""`, "x", true},
		{`'\x41\101\u00fc\U0001F600\q'`, "AAü😀\\q", true},
		{`f"{x}"`, "", false},
		{`b"x"`, "", false},
		{`"\N{BULLET}"`, "", false},
	}
	for _, tt := range tests {
		got, ok := decodeStringLiteral(tt.lit)
		if got != tt.want || ok != tt.ok {
			t.Errorf("decodeStringLiteral(%s) = %q, %v, want %q, %v", tt.lit, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAddFieldsRejectsBadFields(t *testing.T) {
	src := []byte("class Settings(BaseSettings):\n    a: int = 1\n")
	for _, nf := range []NewField{
		{Name: "class", Type: "str"},
		{Name: "redis-url", Type: "str"},
		{Name: "x", Type: ""},
		{Name: "x", Type: "str\nimport os"},
		{Name: "x", Type: "str  # hidden"},
		{Name: "x", Type: "str", Section: "a\nb"},
		{Name: "x", Type: "str", Default: []string{"a"}},
	} {
		if out, _, err := casetest.Edited(Parse, "settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddFields("Settings", []NewField{nf})
		}); err == nil {
			t.Errorf("AddFields(%+v) = %q, want an error", nf, out)
		}
	}
}

func TestAddFieldsDuplicateClass(t *testing.T) {
	src := []byte("class Settings(BaseSettings):\n    a: int = 1\n\n\nclass Settings(BaseSettings):\n    b: int = 1\n")
	_, _, err := casetest.Edited(Parse, "settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
		return f.AddFields("Settings", []NewField{redisField()})
	})
	if !errors.Is(err, rewrite.ErrRefused) {
		t.Errorf("AddFields on a class defined twice = %v, want a refusal", err)
	}
}

func TestAddFieldsActions(t *testing.T) {
	src := []byte("class Settings(BaseSettings):\n    a: int = 1\n")
	_, actions, err := casetest.Edited(Parse, "settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
		return f.AddFields("Settings", []NewField{
			redisField(),
			{Name: "arq_max_jobs", Type: "int", Default: 10, Section: "Tasks"},
			{Name: "REDIS_URL", Type: "str", Default: "twice", Section: "Redis"},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []rewrite.Action{{Line: 5, What: "field redis_url in Settings"}, {Line: 8, What: "field arq_max_jobs in Settings"}}
	if diff := cmp.Diff(want, actions); diff != "" {
		t.Errorf("actions mismatch (-want +got):\n%s", diff)
	}
}
