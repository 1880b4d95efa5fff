package python

import (
	"errors"
	"strings"
	"testing"
)

// TestUndoKeepsSharedLine checks that Undo never takes the user's code out
// with the hook's line: a call that shares its line with another
// statement is left, with a refusal that says to remove it by hand.
func TestUndoKeepsSharedLine(t *testing.T) {
	src := `from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.core.cache import close_redis_client


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client(); await mine()


app = FastAPI(lifespan=lifespan)
`
	f, err := Parse("app/main.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := Wire{App: "app", Lifespan: "lifespan", Hook: Hook{Kind: Shutdown, Module: "app.core.cache", Name: "close_redis_client"}}
	g, actions, err := w.Undo(f)
	var u *UnwiredError
	if !errors.As(err, &u) {
		t.Fatalf("Undo = %v, %v; want an UnwiredError", actions, err)
	}
	if g != nil && string(g.Bytes()) != src {
		t.Errorf("Undo changed the module:\n%s", g.Bytes())
	}
}

// TestWireRefusesInlineBlock refuses, with the lines to paste, a shutdown
// call for a lifespan whose finally: holds its statement on the clause's
// own line: a line appended at that statement's indentation would land
// outside the block.
func TestWireRefusesInlineBlock(t *testing.T) {
	src := `from contextlib import asynccontextmanager

from fastapi import FastAPI


@asynccontextmanager
async def lifespan(app: FastAPI):
    try:
        yield
    finally: await other()


app = FastAPI(lifespan=lifespan)
`
	f, err := Parse("app/main.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := Wire{App: "app", Lifespan: "lifespan", Hook: Hook{Kind: Shutdown, Module: "app.core.cache", Name: "close_redis_client"}}
	if _, _, err := w.Ensure(f); !errors.As(err, new(*UnwiredError)) {
		t.Fatalf("Ensure: err = %v, want an UnwiredError", err)
	}
}

// TestWireRefusesImportBelowUse refuses to wire a module that imports
// after it builds the app: the hook's import would land below its call,
// which then runs before the name is bound.
func TestWireRefusesImportBelowUse(t *testing.T) {
	src := `from fastapi import FastAPI

app = FastAPI()

import os

PORT = os.environ.get("PORT")
`
	f, err := Parse("app/main.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := Wire{App: "app", Hook: Hook{Kind: Setup, Module: "app.core.metrics", Name: "setup_metrics"}}
	g, _, err := w.Ensure(f)
	if errors.As(err, new(*UnwiredError)) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	out := string(g.Bytes())
	call, imp := strings.Index(out, "setup_metrics(app)"), strings.Index(out, "import setup_metrics")
	if imp < 0 || call < imp {
		t.Errorf("the call comes before its import:\n%s", out)
	}
}

// TestWireLifespanArgumentAfterComment adds lifespan= to a FastAPI(...)
// call whose last argument has a comment holding a comma: the comment is
// no separator, and the result parses.
func TestWireLifespanArgumentAfterComment(t *testing.T) {
	src := "from fastapi import FastAPI\n\napp = FastAPI(\n    title=\"x\"  # a, b\n)\n"
	f, err := Parse("app/main.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := Wire{App: "app", Hook: Hook{Kind: Shutdown, Module: "app.core.cache", Name: "close_redis_client"}}
	g, _, err := w.Ensure(f)
	if err != nil {
		t.Fatal(err)
	}
	if out := string(g.Bytes()); !strings.Contains(out, "lifespan=lifespan") {
		t.Errorf("no lifespan= argument:\n%s", out)
	}
	if _, err := Parse("app/main.py", g.Bytes()); err != nil {
		t.Errorf("the result does not parse: %v\n%s", err, g.Bytes())
	}
}
